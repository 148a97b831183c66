"""Upload page, dry-run preview, confirm, history and undo, as logged-in users."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ucj.accounts.testing import PASSWORD
from ucj.indicators.models import Participation
from ucj.intake.models import ImportBatch
from ucj.intake.testing import system_actor

pytestmark = pytest.mark.django_db

CSV = (
    b"wilayah,periode,segmen,program,peserta_aktif\n"
    b"15.03,2025-01,PU,,1.500\n"
    b"Kabupaten Sarolangun,2025-01,BPU,,300\n"
)
OUTSIDE = CSV + b"18.02,2025-01,PU,,10\n"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_index_lists_kinds_and_templates_download(client, personas):
    login(client, personas.kabkota)
    page = client.get(reverse("intake:index"))
    assert page.status_code == 200
    for name in ("potential", "participants", "targets", "reported"):
        assert reverse("intake:upload", args=[name]).encode() in page.content
    xlsx = client.get(reverse("intake:template", args=["participants", "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert "templat-participants.xlsx" in xlsx["Content-Disposition"]
    csv = client.get(reverse("intake:template", args=["targets", "csv"]))
    assert csv.content.decode().startswith("wilayah,tahun,target_persen")
    assert client.get(reverse("intake:template", args=["targets", "pdf"])).status_code == 404
    assert client.get(reverse("intake:upload", args=["nonsense"])).status_code == 404


def test_anonymous_is_sent_to_login(client):
    page = client.get(reverse("intake:upload", args=["participants"]))
    assert page.status_code == 302 and "login" in page["Location"]


def test_preview_then_confirm_then_undo(client, personas):
    login(client, personas.branch)
    url = reverse("intake:upload", args=["participants"])
    page = client.post(url, {"file": SimpleUploadedFile("p.csv", CSV), "source": "Cabang"})
    assert page.status_code == 200
    assert page.context["outcome"]["inserted"] == 2 and page.context["token"]
    assert Participation.objects.count() == 0  # a preview writes nothing
    done = client.post(url, {"token": page.context["token"]})
    assert done.status_code == 302 and done["Location"] == reverse("intake:history")
    assert Participation.objects.count() == 2
    batch = ImportBatch.objects.get()
    assert (batch.user, batch.source, batch.file_name) == (personas.branch, "Cabang", "p.csv")
    # The token is single-use.
    again = client.post(url, {"token": page.context["token"]})
    assert again.status_code == 302 and Participation.objects.count() == 2
    history = client.get(reverse("intake:history"))
    assert b"p.csv" in history.content and history.context["batches"][0]["may_undo"]
    undone = client.post(reverse("intake:undo", args=[batch.pk]))
    assert undone.status_code == 302 and Participation.objects.count() == 0


def test_rows_of_other_regions_are_errors(client, personas):
    login(client, personas.kabkota)
    url = reverse("intake:upload", args=["participants"])
    page = client.post(url, {"file": SimpleUploadedFile("p.csv", OUTSIDE)})
    assert page.status_code == 200 and page.context["token"] is None
    errors = page.context["outcome"]["errors"]
    assert [e["row"] for e in errors] == [4]
    assert "Anda tidak berwenang" in page.content.decode()
    assert Participation.objects.count() == 0


def test_region_for_rows_without_one_on_the_web(client, personas):
    """The form's region fills rows that have none: inside the officer's scope it is
    stored on confirm; outside it, every such row is refused like a written region."""
    login(client, personas.kabkota)
    url = reverse("intake:upload", args=["participants"])
    bare = b"periode,segmen,program,peserta_aktif\n2025-03,PU,,100\n"
    away = client.post(url, {"file": SimpleUploadedFile("p.csv", bare), "region": "18.02"})
    assert away.context["token"] is None and "Anda tidak berwenang" in away.content.decode()
    page = client.post(url, {"file": SimpleUploadedFile("p.csv", bare), "region": "15.03"})
    assert page.context["outcome"]["inserted"] == 1 and page.context["token"]
    client.post(url, {"token": page.context["token"]})
    assert Participation.objects.get().region.code == "15.03"


def test_refused_upload_is_not_kept_on_disk(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    login(client, personas.kabkota)
    url = reverse("intake:upload", args=["participants"])
    refused = client.post(url, {"file": SimpleUploadedFile("p.csv", OUTSIDE)})
    assert refused.context["token"] is None
    assert list((tmp_path / "impor").iterdir()) == []
    kept = client.post(url, {"file": SimpleUploadedFile("p.csv", CSV)})
    assert kept.context["token"] and len(list((tmp_path / "impor").iterdir())) == 1


def test_unreadable_upload_shows_message_not_500(client, personas):
    # The branch officer: national analysts do not write participant figures (issue 14).
    login(client, personas.branch)
    url = reverse("intake:upload", args=["participants"])
    page = client.post(url, {"file": SimpleUploadedFile("p.xlsx", b"PK\x03\x04garbage")})
    assert page.status_code == 200
    # The screen speaks one language: the error in Indonesian only, in English only.
    assert "rusak" in page.content.decode() and "damaged" not in page.content.decode()
    client.cookies["django_language"] = "en"
    page = client.post(url, {"file": SimpleUploadedFile("p.xlsx", b"PK\x03\x04garbage")})
    assert "damaged" in page.content.decode() and "rusak" not in page.content.decode()


def test_outsider_cannot_undo_others_batch(client, personas, tmp_path):
    from ucj.intake.pipeline import run_import

    path = tmp_path / "p.csv"
    path.write_bytes(CSV)
    batch = run_import(path, "participants", user=system_actor()).batch
    login(client, personas.outsider)
    assert client.post(reverse("intake:undo", args=[batch])).status_code == 403
    assert Participation.objects.count() == 2
