"""The campaign funnel and confirmation with membership lists uploaded through
`ucj lists import` (stored as Parquet, as the web upload and the API store them): exactly
the counts of test_funnel.py's database lists, for a kab/kota list and for a province's
list read for the kab/kota campaign (only the kab/kota's rows count)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from ucj.campaigns.confirm import confirm
from ucj.campaigns.funnel import STEPS, funnel
from ucj.campaigns.models import Confirmation
from ucj.campaigns.tests import world
from ucj.intake.testing import system_actor, write_csv
from ucj.monev.models import FollowUp
from ucj.registry.models import MembershipList

pytestmark = pytest.mark.django_db
KINDS = ["database", "stored", "province"]
# An active BPU member in another kab/kota of the province: c1 (proposed, not registered
# in 18.02) is on the province's list there, which a campaign of 18.02 does not read.
ELSEWHERE = ("c1", "aktif", "BPU")


@pytest.fixture(autouse=True)
def store(settings: Any, tmp_path: Path) -> Path:
    settings.UCJ_LIST_STORE = tmp_path / "store"
    return settings.UCJ_LIST_STORE


def _list(kind: str, tmp_path: Path, name: str, rows: list[Any], as_of: dt.date) -> None:
    if kind == "database":
        world.membership(tmp_path, name, rows, as_of)
        return
    body = [[world.P[k], s, g, "Y", "Y", "18.02"] for k, s, g in rows]
    if kind == "province":
        body.append([world.P[ELSEWHERE[0]], *ELSEWHERE[1:], "Y", "Y", "18.71"])
    path = write_csv(tmp_path / f"{name}.csv",
                     [["nik", "status", "segmen", "jkk", "jkm", "wilayah"], *body])  # fmt: skip
    out = io.StringIO()
    call_command("lists", "import", str(path), "--as-of", as_of.isoformat(), "--json", stdout=out)
    answer = json.loads(out.getvalue())
    region = "18" if kind == "province" else "18.02"
    assert [m["region"] for m in answer["lists"]] == [region]
    assert not MembershipList.objects.get(pk=answer["lists"][0]["id"]).entries.exists()


def _campaign(kind: str, tmp_path: Path, personas: Any) -> Any:
    campaign = world.make_campaign(personas.outsider)
    _list(kind, tmp_path, "bpjs_before", world.BEFORE, dt.date(2025, 10, 1))
    assert world.import_population(tmp_path, system_actor()).ok
    assert world.import_entries(tmp_path, campaign, personas.outsider).inserted == 10
    return campaign


def _totals(campaign: Any) -> tuple[int, ...]:
    totals = funnel(campaign)["totals"]
    return tuple(totals[s] for s in STEPS)


@pytest.mark.parametrize("kind", KINDS)
def test_not_yet_a_member_from_either_kind_of_list(
    kind: str, tmp_path: Path, personas: Any
) -> None:
    # b1, already a BPU member on the earlier list, is taken out at "not yet a member"
    campaign = _campaign(kind, tmp_path, personas)
    assert _totals(campaign) == (10, 9, 8, 7, 5, 0)


@pytest.mark.parametrize("kind", KINDS)
def test_the_same_confirmation_from_either_kind_of_list(
    kind: str, tmp_path: Path, personas: Any
) -> None:
    campaign = _campaign(kind, tmp_path, personas)
    _list(kind, tmp_path, "bpjs_later", world.LATER, dt.date(2026, 1, 15))
    result = confirm(system_actor(), campaign.pk)
    assert (result["checked"], result["registered"], result["registered_other_scheme"]) == (5, 1, 1)
    assert (result["not_registered"], result["follow_ups"]) == (3, 3)
    data = funnel(campaign)
    assert _totals(campaign) == (10, 9, 8, 7, 5, 1)
    assert (data["totals"]["status_other_scheme"], data["totals"]["status_not_registered"]) == (
        1,
        3,
    )
    # the later list is the one read: a stored list supersedes the older one
    assert [m["as_of"] for m in data["membership_lists"]] == ["2026-01-15"]


@pytest.mark.parametrize("kind", ["stored", "province"])
def test_a_stored_list_confirms_on_its_own(
    kind: str, tmp_path: Path, personas: Any, django_capture_on_commit_callbacks: Any
) -> None:
    campaign = _campaign(kind, tmp_path, personas)
    with django_capture_on_commit_callbacks(execute=True):
        _list(kind, tmp_path, "bpjs_later", world.LATER, dt.date(2026, 1, 15))
    done = Confirmation.objects.get(campaign=campaign)
    assert (done.counts["registered"], done.counts["not_registered"]) == (1, 3)
    assert FollowUp.objects.count() == 3
