"""The same selection confirmed against the same later list, once held in the database
and once uploaded with `ucj lists import` (stored as Parquet): exactly the same counts
(worked out by hand in test_confirm.py), the hook fires for the stored list, and the
member rule of the next selection leaves out the stored list's active members."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import call_command

from ucj.registry import stored
from ucj.registry.models import MembershipList
from ucj.selection import confirmation_demo as later
from ucj.selection import demo, saving
from ucj.selection.confirm import confirm_selection
from ucj.selection.models import Selection, SelectionConfirmation
from ucj.selection.services import SelectRequest, select
from ucj.selection.tests.test_confirm import BY_REGION, run
from ucj.selection.tests.test_select import ARGS

pytestmark = pytest.mark.django_db
HEADER = ["kpj", "nik", "segmen", "jkk", "jkm", "jht", "jp", "jkp", "status",
          "bulan_iuran_terakhir", "wilayah"]  # fmt: skip


@pytest.fixture(autouse=True)
def store(settings: Any, tmp_path: Path) -> Path:
    settings.UCJ_LIST_STORE = tmp_path / "store"
    return settings.UCJ_LIST_STORE


def _saved(region: Any) -> tuple[Selection, pl.DataFrame]:
    """As the demo saves it (confirmation_demo.load_confirmation)."""
    budget = 1_000_000_000
    answer, chosen = select(SelectRequest(code=region.code, budget=budget), later.ACTOR)
    kept = saving.save(answer, chosen, {"budget": budget}, later.ACTOR, later.NAME, "apbd",
                       later.OFFICE)  # fmt: skip
    return kept, chosen.select((pl.col("row") - 2).alias("_i"))


def _database_list(region: Any, picked: pl.DataFrame) -> None:
    rows = pl.DataFrame({"nik": demo.niks(), "row": range(2, demo.PERSONS + 2)})
    people = stored.hashed(rows, demo.AS_OF).with_columns(pl.int_range(pl.len()).alias("_i"))
    stored.store_membership(
        later.later_rows(people, picked).with_columns(pl.lit(region.pk).alias("region_id")),
        region=region, as_of=later.LATER, source=later.SOURCE, is_sample=True,
    )  # fmt: skip


def _uploaded(tmp_path: Path, region: Any, picked: pl.DataFrame) -> dict[str, Any]:
    """The same rows as a BPJS TK file (raw NIKs), through `ucj lists import`."""
    raw = pl.DataFrame({"nik_hash": demo.niks(), "nik_masked": ""})  # the NIK itself
    rows = later.later_rows(raw.with_columns(pl.int_range(pl.len()).alias("_i")), picked)
    yes = {True: "Y", False: "N"}
    path = tmp_path / "bpjs_desember.csv"
    rows.select(
        "kpj", pl.col("nik_hash").alias("nik"), "segment",
        *[pl.col(p).replace_strict(yes, return_dtype=pl.String) for p in
          ("jkk", "jkm", "jht", "jp", "jkp")],
        "status", pl.col("last_paid").dt.strftime("%Y-%m"), pl.lit(region.code),
    ).write_csv(path, include_header=False)  # fmt: skip
    path.write_text(",".join(HEADER) + "\n" + path.read_text())
    out = io.StringIO()
    call_command("lists", "import", str(path), "--as-of", later.LATER.isoformat(), "--json",
                 stdout=out)  # fmt: skip
    return json.loads(out.getvalue())


def _expected(counts: dict[str, Any]) -> None:
    assert (counts["selected"], counts["checked"]) == (4_960, 4_960)
    assert (counts["registered"], counts["registered_other_scheme"]) == (1_654, 1_653)
    assert counts["not_registered"] == 1_653
    by_region = {
        r["code"]: (r["registered"], r["registered_other_scheme"], r["not_registered"])
        for r in counts["by_region"]
    }
    assert by_region == BY_REGION
    assert counts["scenario"]["committed_cost"] == 333_446_400
    assert counts["membership_list"]["as_of"] == later.LATER.isoformat()


@pytest.mark.parametrize("kind", ["database", "stored"])
def test_the_same_counts_from_a_stored_list(
    kind: str, sarolangun: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    region = sarolangun.region
    kept, picked = _saved(region)
    if kind == "database":
        _database_list(region, picked)
        counts = confirm_selection(kept)
    else:
        # The hook confirms the selection once the stored list is committed.
        with django_capture_on_commit_callbacks(execute=True):
            answer = _uploaded(tmp_path, region, picked)
        assert [m["region"] for m in answer["lists"]] == [region.code]
        mlist = MembershipList.objects.get(pk=answer["lists"][0]["id"])
        assert mlist.store and not mlist.entries.exists()
        done = SelectionConfirmation.objects.get(selection=kept)
        assert done.membership_list == mlist
        counts = done.counts
        assert confirm_selection(kept)["already_confirmed"] is True
    _expected(counts)


@pytest.mark.parametrize("kind", ["database", "stored"])
def test_the_member_rule_reads_a_stored_list(kind: str, sarolangun: Any, tmp_path: Path) -> None:
    """As test_confirm's next selection, once the selection's people are all registered:
    2.400 members before + 1.654 + 1.653 active on the later list = 5.707 left out."""
    region = sarolangun.region
    kept, picked = _saved(region)
    if kind == "database":
        _database_list(region, picked)
    else:
        _uploaded(tmp_path, region, picked)
    confirm_selection(kept)
    code, data = run(*ARGS)
    assert code == 0, data
    assert data["left_out"]["member"] == 5_707
    assert data["selected"] == data["eligible"] == 2_693
