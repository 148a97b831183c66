"""The confirmation loop for a saved selection (issue 20, item 5) on the Sarolangun demo:
every count computed by hand from the rules in demo.py and confirmation_demo.py.

The 4.960 selected persons i (demo.py): decile 1 i ≡ 10 (mod 20): 1.200; decile 2
i ≡ 1 (mod 10): 2.400; decile 3 i ≡ 2 (mod 20): 1.200; decile 4 i = 3 + 20k, k = 0…159.
Status by i mod 3 (confirmation_demo.py): each residue is a third of deciles 1–3 (their
steps 20, 10, 20 are prime to 3): 400 + 800 + 400 = 1.600 each; decile 4 has
i mod 3 = 2k mod 3: k mod 3 = 0 → 0 (54 of k = 0…159), 1 → 2 (53), 2 → 1 (53). So
  registered (i mod 3 = 0)                 1.600 + 54 = 1.654
  registered under another scheme (= 1)   1.600 + 53 = 1.653
  not registered (= 2)                    1.600 + 53 = 1.653   (sum 4.960)
Kecamatan 15.03.0(i mod 6 + 1), and i mod 6 fixes i mod 3: deciles 1 and 3 give 400
each to i mod 6 = 0, 2, 4 (10, 30, 50 and 2, 22, 42 mod 60); decile 2 800 each to 1, 3,
5 (1, 11, 21 mod 30); decile 4 i mod 6 = (3 + 2k) mod 6: 3 (54), 5 (53), 1 (53):
  15.03.01 (0) 800 registered      15.03.04 (3) 854 registered
  15.03.02 (1) 853 another scheme  15.03.05 (4) 800 another scheme
  15.03.03 (2) 800 not registered  15.03.06 (5) 853 not registered
Cost (12 months of JKK+JKM, BPU minimum income: Rp201.600 a person): planned 4.960 →
Rp999.936.000; confirmed 1.654 → Rp333.446.400. Coverage (Jambi's test figures: 48.160
of 112.000 active): planned 53.120 = 47,43%; confirmed 49.814 = 44,48%.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count

from ucj.monev.models import FollowUp
from ucj.selection import confirmation_demo, demo
from ucj.selection.confirm import confirm_selection, on_membership_list
from ucj.selection.models import Selected, Selection, SelectionConfirmation
from ucj.selection.tests.test_select import ARGS

pytestmark = pytest.mark.django_db

BY_REGION = {
    "15.03.01": (800, 0, 0), "15.03.02": (0, 853, 0), "15.03.03": (0, 0, 800),
    "15.03.04": (854, 0, 0), "15.03.05": (0, 800, 0), "15.03.06": (0, 0, 853),
}  # fmt: skip


@pytest.fixture
def confirmed(sarolangun: Any) -> Selection:
    """The demo's later part on top of the `sarolangun` fixture (roster, deciles, first
    list, rates, Jambi's figures): the selection saved, the later list stored."""
    import polars as pl

    from ucj.registry import stored

    region = sarolangun.region
    rows = pl.DataFrame({"nik": demo.niks(), "row": range(2, demo.PERSONS + 2)})
    people = stored.hashed(rows, demo.AS_OF)
    people = people.with_columns(pl.int_range(pl.len()).alias("_i"))
    confirmation_demo.load_confirmation(io.StringIO(), region, people)
    return Selection.objects.get(params__name=confirmation_demo.NAME)


def run(*args: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    try:
        call_command("select", *args, "--json", stdout=out)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def test_counts_by_status_region_and_scenario(confirmed: Selection) -> None:
    code, data = run("confirm", str(confirmed.pk))
    assert code == 0, data
    assert data["already_confirmed"] is True  # the demo confirmed it; the same list again
    assert data["selected"] == 4_960 and data["checked"] == 4_960
    assert (data["registered"], data["registered_other_scheme"], data["not_registered"]) == (
        1_654, 1_653, 1_653,
    )  # fmt: skip
    assert {r["code"]: (r["registered"], r["registered_other_scheme"], r["not_registered"])
            for r in data["by_region"]} == BY_REGION  # fmt: skip
    assert data["membership_list"]["as_of"] == "2025-12-01"
    assert data["membership_list"]["source"] == confirmation_demo.SOURCE and data["is_sample"]
    s = data["scenario"]
    assert s["id"] == confirmed.scenario_id
    assert (s["planned_workers"], s["planned_cost"]) == (4_960, 999_936_000)
    assert (s["confirmed_workers"], s["committed_cost"]) == (1_654, 1_654 * 201_600)
    assert s["committed_cost"] == 333_446_400
    assert s["coverage_before_pct"] == 43.0
    assert s["coverage_after_planned_pct"] == 47.43
    assert s["coverage_after_confirmed_pct"] == 44.48
    assert "nik" not in json.dumps(data).lower().replace("nik_", "")
    statuses = dict(
        Selected.objects.filter(selection=confirmed).values_list("status").annotate(n=Count("id"))
    )
    assert statuses == {"terdaftar": 1_654, "skema_lain": 1_653, "belum_terdaftar": 1_653}


def test_gaps_become_follow_ups_with_counts_only(confirmed: Selection) -> None:
    found = SelectionConfirmation.objects.get(selection=confirmed)
    assert found.counts["follow_ups"] == 2  # 15.03.03 and 15.03.06 have gaps
    actions = sorted(
        FollowUp.objects.filter(recommendation__finding_id=found.counts["finding"]).values_list(
            "action", "responsible_office"
        )
    )
    assert [a for a, _o in actions] == [  # sorted by text
        "Mandiangin (15.03.06): daftarkan 853 orang terpilih yang belum terdaftar",
        "Sarolangun (15.03.03): daftarkan 800 orang terpilih yang belum terdaftar",
    ]
    assert {o for _a, o in actions} == {confirmation_demo.OFFICE}


def test_a_later_list_confirms_the_rest_and_the_hook_runs_after_commit(
    confirmed: Selection, django_capture_on_commit_callbacks: Any
) -> None:
    import datetime as dt

    import polars as pl

    from ucj.registry import stored

    # Everyone not registered (1.653) now active BPU with JKK+JKM: registered; the
    # earlier answers stay (a registered person is not checked again).
    waiting = Selected.objects.filter(selection=confirmed, status="belum_terdaftar")
    rows = pl.DataFrame(
        list(waiting.values_list("entry__nik_hash", "entry__nik_masked")),
        schema={"nik_hash": pl.String, "nik_masked": pl.String}, orient="row",
    ).with_columns(
        pl.lit("BPU").alias("segment"), pl.lit(True).alias("jkk"), pl.lit(True).alias("jkm"),
        pl.lit("aktif").alias("status"),
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        stored.store_membership(
            rows, region=confirmed.region, as_of=dt.date(2026, 1, 1), is_sample=True
        )
    latest = SelectionConfirmation.objects.filter(selection=confirmed).first()
    assert latest is not None and latest.counts["membership_list"]["as_of"] == "2026-01-01"
    assert latest.counts["checked"] == 1_653
    assert (latest.counts["registered"], latest.counts["not_registered"]) == (1_654 + 1_653, 0)
    assert latest.counts["follow_ups"] == 0
    assert latest.counts["scenario"]["committed_cost"] == 3_307 * 201_600
    assert on_membership_list(latest.membership_list_id) == []  # nobody waiting now
    assert confirm_selection(confirmed)["already_confirmed"] is True


def test_an_earlier_funded_selection_claims_its_people(confirmed: Selection) -> None:
    """(c) of the rule: the same people in an earlier selection with another funding
    source are 'registered under another scheme' for the later one."""
    from ucj.accounts.scoping import SystemActor
    from ucj.selection import saving
    from ucj.selection.services import SelectRequest, select

    actor = SystemActor("test", "test")
    answer, chosen = select(SelectRequest(code="15.03", budget=1_000_000_000), actor)
    # A second list, funded by ADD; ranks 1–10 replaced by 10 people the first one
    # (APBD, saved earlier) has registered. The rest: the first's not registered and
    # those the budget left out, none active on the later list.
    later = saving.save(answer, chosen, {"budget": 1}, actor, "dua", "add")
    first_registered = Selected.objects.filter(selection=confirmed, status="terdaftar")
    Selected.objects.filter(selection=later, rank__lte=10).delete()
    Selected.objects.bulk_create(
        Selected(selection=later, entry_id=e, rank=i + 1, decile=1)
        for i, e in enumerate(first_registered.values_list("entry_id", flat=True)[:10])
    )
    counts = confirm_selection(later)
    claimed = Selected.objects.filter(selection=later, rank__lte=10)
    assert set(claimed.values_list("status", flat=True)) == {"skema_lain"}
    assert counts["registered"] == 0  # none of the 4.950 others is on the list


def test_scope_only_the_owner_may_confirm(confirmed: Selection) -> None:
    from django.core.exceptions import PermissionDenied

    from ucj.accounts.testing import make_personas
    from ucj.selection.confirm import confirm

    people = make_personas()
    with pytest.raises(PermissionDenied):
        confirm(people.outsider, confirmed.pk)  # Lampung Tengah's officer
    assert confirm(people.kabkota, confirmed.pk)["registered"] == 1_654  # the owner
    with pytest.raises(PermissionDenied):
        confirm(None, confirmed.pk)
    code, data = run("confirm", "999999")
    assert code == 2 and "not found" in data["error"]


def test_the_next_selection_leaves_out_who_the_later_list_shows_active(
    confirmed: Selection,
) -> None:
    """The 1.654 + 1.653 active on the later list are members now (the member rule:
    active with any chosen program): members 2.400 + 3.307 = 5.707; eligible 6.000 −
    3.307 = 2.693 (the 1.653 not registered and the 1.040 the budget left out), all
    within Rp1 M: 2.693 × Rp201.600 = Rp542.908.800."""
    code, data = run(*ARGS)
    assert code == 0, data
    assert data["left_out"] == {"decile": 14_400, "member": 5_707, "age": 1_200, "budget": 0}
    assert data["selected"] == data["eligible"] == 2_693
    assert data["cost_total"] == 542_908_800


def test_person_statuses_only_for_the_owning_region(confirmed: Selection, client: Any) -> None:
    from django.urls import reverse
    from openpyxl import load_workbook

    from ucj.accounts.testing import make_personas

    people = make_personas()
    url = reverse("selection:confirmed", args=["15.03", confirmed.pk])
    client.force_login(people.kabkota)
    answer = client.get(url)
    assert answer.status_code == 200
    rows = list(
        load_workbook(io.BytesIO(answer.content), read_only=True)["konfirmasi"].iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 1 + 4_960 and rows[1][0] == 1
    by_status: dict[str, int] = {}
    for r in rows[1:]:
        by_status[r[5]] = by_status.get(r[5], 0) + 1
    assert by_status == {"terdaftar": 1_654, "skema_lain": 1_653, "belum_terdaftar": 1_653}
    assert all("*" in r[1] for r in rows[1:50])
    # the page shows counts to the region's readers, the person list to its own offices
    page = client.get(reverse("selection:run", args=["15.03"])).content.decode()
    assert "1.654" in page and url in page
    for who, status in ((people.national, 404), (people.branch, 404), (people.outsider, 404)):
        client.force_login(who)
        assert client.get(url).status_code == status, who
    client.force_login(people.national)
    page = client.get(reverse("selection:run", args=["15.03"]))
    assert page.status_code == 200 and url not in page.content.decode()
