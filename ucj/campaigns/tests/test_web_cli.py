"""The same hand-computed counts from the CLI (`ucj campaign … --json`) and the pages;
the field page adds and corrects people with inline bilingual errors, never showing a
NIK again; scope: the province sees its kab/kota's campaigns, others do not."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from ucj.accounts.models import Role
from ucj.accounts.testing import PASSWORD, make_user
from ucj.campaigns.models import CampaignEntry
from ucj.campaigns.tests import world
from ucj.intake.testing import system_actor
from ucj.monev.models import FollowUp

pytestmark = pytest.mark.django_db


def _cli(*args: str) -> tuple[int, Any]:
    out = io.StringIO()
    code = 0
    try:
        call_command("campaign", *args, "--json", stdout=out)
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def _client(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def loaded(tmp_path: Path, personas: Any) -> Any:
    campaign = world.make_campaign(personas.outsider)
    world.membership(tmp_path, "bpjs_before", world.BEFORE, dt.date(2025, 10, 1))
    assert world.import_population(tmp_path, system_actor()).ok
    assert world.import_entries(tmp_path, campaign, personas.outsider).ok
    return campaign


def test_cli_list_funnel_confirm(tmp_path: Path, loaded: Any) -> None:
    code, rows = _cli("list")
    assert code == 0 and [(r["id"], r["listed"], r["proposed"]) for r in rows] == [
        (loaded.pk, 10, 5)
    ]
    code, data = _cli("funnel", str(loaded.pk), "--level", "kecamatan")
    kec = {r["code"]: r for r in data["rows"]}
    assert (kec["18.02.01"]["listed"], kec["18.02.01"]["not_member"]) == (8, 5)
    assert data["totals"]["proposed"] == 5 and data["totals"]["duplicates"] == 2
    code, shown = _cli("show", str(loaded.pk))
    assert code == 0 and shown["totals"]["matched"] == 8 and shown["target_count"] == 20
    code, failed = _cli("confirm", "424242")
    assert code == 2 and "not found" in failed["error"]
    world.membership(tmp_path, "bpjs_later", world.LATER, dt.date(2026, 1, 15))
    code, done = _cli("confirm", str(loaded.pk))
    assert code == 0 and (done["registered"], done["not_registered"], done["follow_ups"]) == (
        1,
        3,
        3,
    )
    assert _cli("funnel", str(loaded.pk))[1]["totals"]["registered"] == 1


def test_pages_show_the_funnel_in_both_languages(loaded: Any, personas: Any) -> None:
    officer = _client(personas.outsider)
    body = officer.get(f"/pendataan/{loaded.pk}/").content.decode()
    assert "Corong pendataan" in body and "Sri Way Langsep" in body
    assert world.P["a5"] not in body and "NIK yang terdata di lebih dari satu desa" in body
    # every desa of the kab/kota is open for field entry, listed or not yet
    assert f"/pendataan/{loaded.pk}/desa/18.02.01.2003/" in body
    officer.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = officer.get(f"/pendataan/{loaded.pk}/?level=kecamatan").content.decode()
    assert "Campaign funnel" in english and "Kalirejo" in english
    assert officer.get("/pendataan/").status_code == 200


def test_scope_province_sees_its_kabkota_campaigns(loaded: Any, personas: Any) -> None:
    lampung = make_user("prov_lampung", Role.PROVINCE, "18")
    assert _client(lampung).get(f"/pendataan/{loaded.pk}/").status_code == 200
    assert f"/pendataan/{loaded.pk}/" in _client(lampung).get("/pendataan/").content.decode()
    assert _client(personas.province).get(f"/pendataan/{loaded.pk}/").status_code == 404  # Jambi
    assert (
        _client(personas.kabkota).get(f"/pendataan/{loaded.pk}/desa/18.02.01.2001/").status_code
        == 404
    )


def test_field_page_adds_and_corrects_with_inline_errors(loaded: Any, personas: Any) -> None:
    officer = _client(personas.outsider)
    url = f"/pendataan/{loaded.pk}/desa/18.02.01.2001/"
    page = officer.get(url)
    assert page.status_code == 200 and len(page.content) < 20_000  # small for a slow line
    typed = world.nik("180201", 31)
    bad = officer.post(url, {"name": "", "nik": typed, "status": "terdata"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "nama wajib diisi / the name is required" in text and typed not in text
    twice = officer.post(url, {"name": "Orang lagi", "nik": world.P["a1"], "status": "terdata"})
    assert "this NIK is already listed in this desa" in twice.content.decode()
    done = officer.post(url, {"name": "Orang baru", "nik": typed, "status": "diusulkan"})
    assert done.status_code == 302
    entry = CampaignEntry.objects.get(name="Orang baru")
    listing = officer.get(url).content.decode()
    assert entry.nik_masked in listing and typed not in listing
    fix = officer.post(f"{url}{entry.pk}/", {"name": "Orang benar", "nik": "", "status": "terdata"})
    assert fix.status_code == 302
    entry.refresh_from_db()
    assert (entry.name, entry.status, entry.nik_masked) == (
        "Orang benar",
        "terdata",
        entry.nik_masked,
    )
    # A Sarolangun officer may not add to a Lampung Tengah desa.
    assert _client(personas.kabkota).post(url, {"name": "x", "nik": typed}).status_code == 404
    assert FollowUp.objects.count() == 0
