"""The funnel and the confirmation loop, every count worked out by hand.

People (world.py): desa A (kec. 18.02.01) a1 a2 a5 proposed, a3 listed, a4 an invalid
NIK; desa B (kec. 18.02.01) b1 listed but already a BPU member, b2 proposed, b3 listed
but not on the population list; desa C (kec. 18.02.02) a5 again (a duplicate across
desa) listed, c1 proposed. The later membership list: a1 active BPU (registered), a2
active PU (another scheme), b2 inactive, a5 and c1 absent (not registered)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from ucj.campaigns.confirm import confirm
from ucj.campaigns.funnel import STEPS, funnel
from ucj.campaigns.models import CampaignEntry, Confirmation
from ucj.campaigns.tests import world
from ucj.intake.testing import system_actor
from ucj.monev.models import FollowUp

pytestmark = pytest.mark.django_db


def _steps(row: dict[str, Any]) -> tuple[int, ...]:
    return tuple(row[s] for s in STEPS)


@pytest.fixture
def loaded(tmp_path: Path, personas: Any) -> Any:
    campaign = world.make_campaign(personas.outsider)
    world.membership(tmp_path, "bpjs_before", world.BEFORE, dt.date(2025, 10, 1))
    assert world.import_population(tmp_path, system_actor()).ok
    result = world.import_entries(tmp_path, campaign, personas.outsider)
    assert result.ok, result.as_json()["errors"][:2]
    assert result.inserted == 10
    return campaign


def test_funnel_per_desa_kecamatan_and_total(loaded: Any) -> None:
    data = funnel(loaded, "desa")
    rows = {r["code"]: r for r in data["rows"]}
    # listed, NIK valid, matched, not a member, proposed, registered
    assert _steps(rows["18.02.01.2001"]) == (5, 4, 4, 4, 3, 0)
    assert _steps(rows["18.02.01.2002"]) == (3, 3, 2, 1, 1, 0)
    assert _steps(rows["18.02.02.2001"]) == (2, 2, 2, 2, 1, 0)
    assert _steps(data["totals"]) == (10, 9, 8, 7, 5, 0)
    assert rows["18.02.01.2001"]["duplicates"] == 1 and rows["18.02.02.2001"]["duplicates"] == 1
    assert data["totals"]["duplicates"] == 2
    assert data["duplicates"] == [
        {"nik_masked": CampaignEntry.objects.filter(name="Orang a5").first().nik_masked,
         "desa": ["18.02.01.2001", "18.02.02.2001"]}
    ]  # fmt: skip
    assert data["totals"]["listed_pct"] == 50.0  # 10 of a target of 20
    kec = {r["code"]: r for r in funnel(loaded, "kecamatan")["rows"]}
    assert _steps(kec["18.02.01"]) == (8, 7, 6, 5, 4, 0)
    assert _steps(kec["18.02.02"]) == (2, 2, 2, 2, 1, 0)
    assert kec["18.02.01"]["name"] == "Kalirejo"


def test_without_a_population_list_matched_is_nik_valid(tmp_path: Path, personas: Any) -> None:
    campaign = world.make_campaign(personas.outsider)
    assert world.import_entries(tmp_path, campaign, personas.outsider).ok
    data = funnel(campaign)
    assert not data["population_list"] and data["membership_lists"] == []
    # no membership list: nobody is known to be a member already
    assert _steps(data["totals"]) == (10, 9, 9, 9, 5, 0)


def test_confirmation_updates_the_funnel_and_makes_follow_ups(tmp_path: Path, loaded: Any) -> None:
    world.membership(tmp_path, "bpjs_later", world.LATER, dt.date(2026, 1, 15))
    result = confirm(system_actor(), loaded.pk)
    assert (result["checked"], result["registered"], result["registered_other_scheme"]) == (5, 1, 1)
    assert (result["not_registered"], result["follow_ups"]) == (3, 3)
    data = funnel(loaded)
    assert _steps(data["totals"]) == (10, 9, 8, 7, 5, 1)
    assert data["totals"]["status_other_scheme"] == 1
    assert data["totals"]["status_not_registered"] == 3
    follow_ups = FollowUp.objects.order_by("action")
    assert [f.action.split(":")[0] for f in follow_ups] == [
        "Desa Purwodadi (18.02.02.2001)",
        "Desa Sri Way Langsep (18.02.01.2001)",
        "Desa Wayakrui (18.02.01.2002)",
    ]
    assert {f.responsible_office for f in follow_ups} == {"Dinas PMD Kab. Lampung Tengah"}
    assert {f.region.code for f in follow_ups} == {"18.02"}
    # The same list again: one confirmation, no second set of follow-ups.
    again = confirm(system_actor(), loaded.pk)
    assert again["already_confirmed"] and FollowUp.objects.count() == 3
    assert Confirmation.objects.count() == 1


def test_a_field_list_never_undoes_a_confirmation(
    tmp_path: Path, loaded: Any, personas: Any
) -> None:
    world.membership(tmp_path, "bpjs_later", world.LATER, dt.date(2026, 1, 15))
    confirm(system_actor(), loaded.pk)
    again = world.import_entries(tmp_path, loaded, personas.outsider)
    assert again.ok and (again.inserted, again.updated) == (0, 0)
    assert CampaignEntry.objects.get(name="Orang a1").status == "terdaftar"


def test_the_membership_import_confirms_on_its_own(
    tmp_path: Path, loaded: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        world.membership(tmp_path, "bpjs_later", world.LATER, dt.date(2026, 1, 15))
    assert Confirmation.objects.filter(campaign=loaded).count() == 1
    assert FollowUp.objects.count() == 3


def test_a_membership_file_imported_through_the_pipeline_confirms(
    tmp_path: Path, loaded: Any, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from ucj.intake.pipeline import run_import
    from ucj.intake.testing import write_csv

    rows = [["nik", "status", "segmen", "wilayah"]]
    rows += [[world.P[k], s, g, "18.02"] for k, s, g in world.LATER]
    path = write_csv(tmp_path / "bpjs_desember.csv", rows)
    with django_capture_on_commit_callbacks(execute=True):
        assert run_import(path, "membership", user=personas.outsider).ok
    confirmation = Confirmation.objects.get(campaign=loaded)
    assert (confirmation.counts["registered"], confirmation.counts["not_registered"]) == (1, 3)
    assert FollowUp.objects.count() == 3
