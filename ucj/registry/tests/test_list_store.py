"""Membership lists stored as Parquet (`ucj lists import`, issue 17): any mix of
provinces, idempotent replace and add, undo, scope, no raw NIK, and the same reconciliation
as a list stored in the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from ucj.accounts.scoping import cli_actor
from ucj.intake.models import ImportBatch
from ucj.intake.testing import run_import_cli
from ucj.intake.undo import undo_batch
from ucj.registry import list_store, stored
from ucj.registry.files import FileProblem
from ucj.registry.models import MembershipList
from ucj.registry.tests.synth import make_nik, write_csv

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 1, 15)
PANGKAL = [make_nik("197101", d, 6, 84, 20 + d) for d in range(1, 5)]  # 19.71
SAROLANGUN = [make_nik("150301", d, 3, 80, 40 + d) for d in range(1, 4)]  # 15.03
HEADER = ["kpj", "nik", "segmen", "jkk", "jkm", "jht", "jp", "jkp", "status",
          "bulan_iuran_terakhir", "wilayah"]  # fmt: skip


def _id(batch: int | None) -> int:
    assert batch is not None
    return batch


def _row(i: int, nik: str, region: str, status: str = "aktif") -> list[Any]:
    return [f"K{i}", nik, "PU", "Y", "Y", "N", "N", "N", status, "2025-12", region]


@pytest.fixture(autouse=True)
def store(settings: Any, tmp_path: Path) -> Path:
    settings.UCJ_LIST_STORE = tmp_path / "store"
    return settings.UCJ_LIST_STORE


def _national(path: Path) -> Path:
    rows = [_row(i, n, "19.71") for i, n in enumerate(PANGKAL[:3])]
    rows += [_row(10 + i, n, "15.03", "non-aktif") for i, n in enumerate(SAROLANGUN)]
    return write_csv(path, HEADER, rows)


def test_two_provinces_in_one_file_no_raw_nik(tmp_path: Path, store: Path) -> None:
    result = list_store.import_membership(
        _national(tmp_path / "bpjs.csv"), cli_actor(), as_of=AS_OF
    )
    assert result.rows == 6 and {m["region"] for m in result.lists} == {"19.71", "15.03"}
    lists = MembershipList.objects.filter(batch_id=result.batch).order_by("region__code")
    assert [(m.region.code, m.stored_rows) for m in lists] == [("15.03", 3), ("19.71", 3)]
    files = list(store.rglob("*.parquet"))
    assert files and not list(store.glob(".incoming-*"))
    for f in files:
        body = f.read_bytes()
        assert not any(n.encode() in body for n in PANGKAL + SAROLANGUN)
        assert "nik" not in pl.read_parquet_schema(f)
    rows = list_store.scan(lists[1]).collect()
    assert rows["nik_masked"].to_list()[0] == PANGKAL[0][:4] + "*" * 10 + PANGKAL[0][-2:]


def test_replace_and_add_are_idempotent_and_undo_works(
    tmp_path: Path, store: Path, django_capture_on_commit_callbacks: Any
) -> None:
    path = _national(tmp_path / "bpjs.csv")
    first = list_store.import_membership(path, cli_actor(), as_of=AS_OF)
    again = list_store.import_membership(path, cli_actor(), as_of=AS_OF)
    assert again.unchanged and ImportBatch.objects.count() == 1
    assert list_store.import_membership(path, cli_actor(), add=True).unchanged
    more = write_csv(
        tmp_path / "more.csv", HEADER, [_row(0, PANGKAL[0], "19.71"), _row(9, PANGKAL[3], "19.71")]
    )
    added = list_store.import_membership(more, cli_actor(), add=True, as_of=AS_OF)
    assert added.rows == 1 and added.lists[0]["base"] is not None
    current = list_store.current_list(MembershipList.objects.get(pk=added.lists[0]["id"]).region)
    assert current is not None and list_store.scan(current).collect().height == 4
    assert list_store.import_membership(more, cli_actor(), add=True).unchanged
    # the base cannot be undone while a list was added on top of it
    refused = undo_batch(_id(first.batch), cli_actor())
    assert not refused.ok and f"#{added.batch}" in refused.message_en
    folder = store / current.store
    with django_capture_on_commit_callbacks(execute=True):
        assert undo_batch(_id(added.batch), cli_actor()).ok
    assert not folder.exists() and not MembershipList.objects.filter(pk=current.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert undo_batch(_id(first.batch), cli_actor()).ok
    assert not MembershipList.objects.exists() and not list(store.rglob("*.parquet"))


def test_bad_cells_and_unknown_regions_store_nothing(tmp_path: Path, store: Path) -> None:
    path = write_csv(
        tmp_path / "bad.csv",
        HEADER,
        [_row(1, PANGKAL[0], "19.71"), _row(2, PANGKAL[1], "99.99"),
         [*_row(3, PANGKAL[2], "19.71")[:8], "mungkin", "2025-12", "19.71"]],
    )  # fmt: skip
    with pytest.raises(FileProblem) as caught:
        list_store.import_membership(path, cli_actor(), as_of=AS_OF)
    found = {(p["row"], p["column"]) for p in caught.value.problems}
    assert found == {(3, "wilayah"), (4, "status")}
    assert all("bad.csv" in p["message_id"] and p["message_en"] for p in caught.value.problems)
    assert not MembershipList.objects.exists() and not list(store.rglob("*.parquet"))


def test_scope_of_the_importer(tmp_path: Path, store: Path, personas: Any) -> None:
    path = _national(tmp_path / "bpjs.csv")
    with pytest.raises(list_store.Refused):
        list_store.import_membership(path, personas.kabkota, as_of=AS_OF)
    with pytest.raises(list_store.Refused):
        list_store.import_membership(path, None, as_of=AS_OF)
    assert not MembershipList.objects.exists() and not list(store.rglob("*.parquet"))
    own = write_csv(tmp_path / "own.csv", HEADER, [_row(1, SAROLANGUN[0], "15.03")])
    done = list_store.import_membership(own, personas.kabkota, as_of=AS_OF)
    assert done.lists[0]["region"] == "15.03"
    assert not undo_batch(_id(done.batch), personas.outsider).ok
    assert undo_batch(_id(done.batch), personas.kabkota).ok


def test_reconciliation_same_as_a_database_list(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "r.csv", ["nik", "domisili"], [[n, "19.71"] for n in PANGKAL])
    assert run_import_cli(str(roster), "--kind", "roster")[0] == 0
    members = _national(tmp_path / "bpjs.csv")
    from_file = stored.reconcile_region("19.71", AS_OF, membership_file=str(members))
    list_store.import_membership(members, cli_actor(), as_of=AS_OF)
    from_store = stored.reconcile_region("19.71", AS_OF, out_dir=tmp_path / "out")
    assert from_store.summary == from_file.summary
    assert from_store.summary["matched_active"] == 3 and from_store.summary["not_member"] == 1
    assert from_store.members_in_no_roster == 0
    assert from_store.persons["status"].to_list() == from_file.persons["status"].to_list()


def test_roster_file_against_the_stored_lists_same_json(tmp_path: Path, monkeypatch: Any) -> None:
    """`ucj reconcile --roster FILE --stored` gives the JSON of `--membership FILE`."""
    monkeypatch.setattr(list_store, "PERSONS_SLICE", 2)  # the persons counted in slices
    from ucj.registry.national import reconcile_national
    from ucj.registry.services import reconcile_files

    roster = write_csv(
        tmp_path / "r.csv",
        ["nik", "nama", "kelompok"],
        [[n, "A", "non_asn"] for n in [*PANGKAL, SAROLANGUN[0], PANGKAL[0], "123"]],
    )
    members = _national(tmp_path / "bpjs.csv")
    from_file = reconcile_files(roster, members, AS_OF)
    list_store.import_membership(members, cli_actor(), as_of=AS_OF)
    from_store = reconcile_national(roster, AS_OF, out_dir=tmp_path / "out")
    assert from_store.summary == from_file.summary
    s = from_store.summary
    assert (s["matched_active"], s["matched_inactive"], s["not_member"]) == (3, 1, 1)
    assert (s["duplicates"], s["invalid_nik"]) == (1, 1)
    assert from_store.members_in_no_roster == from_file.members_in_no_roster == 2
    assert from_store.rosters == from_file.rosters
    # The lists' person count is kept per set of lists: read again, and counted anew
    # (not reused) once a list is added.
    (memo,) = list((list_store.root() / "persons").iterdir())
    assert reconcile_national(roster, AS_OF).members_in_no_roster == 2
    more = write_csv(tmp_path / "more.csv", HEADER, [_row(20, PANGKAL[3], "19.71", "aktif"),
                                                     _row(21, SAROLANGUN[2], "15.03")])  # fmt: skip
    list_store.import_membership(more, cli_actor(), add=True, as_of=AS_OF)
    assert reconcile_national(roster, AS_OF).members_in_no_roster == 2  # PANGKAL[3] matched
    assert len(list((list_store.root() / "persons").iterdir())) == 2 and memo.exists()


def test_shared_short_keys_change_no_answer(tmp_path: Path, monkeypatch: Any) -> None:
    """The 64-bit short key that the duplicate rule and the join with the stored lists go
    by can be shared by two digests: the answers are the digests' (exact). Here every
    key shares one of two short keys, so each person collides with half the others."""
    from ucj.registry import reconcile, services
    from ucj.registry.national import reconcile_national

    niks = [*PANGKAL, SAROLANGUN[0], PANGKAL[0], "123", SAROLANGUN[1], PANGKAL[1]]
    roster = write_csv(
        tmp_path / "r.csv", ["nik", "nama", "kelompok"], [[n, "A", "non_asn"] for n in niks]
    )
    list_store.import_membership(_national(tmp_path / "bpjs.csv"), cli_actor(), as_of=AS_OF)
    plain = reconcile_national(roster, AS_OF)
    monkeypatch.setattr(reconcile, "short_key", lambda key: key.hash() % 2)
    shared = reconcile_national(roster, AS_OF)
    assert shared.summary == plain.summary and shared.rosters == plain.rosters
    assert shared.members_in_no_roster == plain.members_in_no_roster == 1
    table = [services.person_table(services.person_rows(o)).to_dicts() for o in (plain, shared)]
    assert table[0] == table[1]
    assert [r["status"] for r in table[0]] == [
        "active", "active", "active", "not_member", "inactive", "duplicate", "invalid_nik",
        "inactive", "duplicate",
    ]  # fmt: skip
    assert [r["duplicate_of"] for r in table[0] if r["status"] == "duplicate"] == ["2", "3"]


def test_pipeline_refuses_two_provinces_clearly_and_points_to_the_store(tmp_path: Path) -> None:
    """The database path (`ucj import --kind membership`) once ended in AssertionError."""
    code, data = run_import_cli(str(_national(tmp_path / "bpjs.csv")), "--kind", "membership")
    assert code == 1, data
    text = str(data)
    assert "ucj lists import" in text and "provinces" in text and "provinsi" in text
    assert not MembershipList.objects.exists()


def test_registry_page_counts_a_stored_lists_rows(tmp_path: Path) -> None:
    from ucj.registry.pages import membership_lists

    list_store.import_membership(_national(tmp_path / "bpjs.csv"), cli_actor(), as_of=AS_OF)
    shown = {m.region.code: m.entry_count for m in membership_lists(cli_actor())}
    assert shown == {"19.71": 3, "15.03": 3}
