"""`ucj nik rotate-key` and membership lists stored as Parquet (`ucj lists import`): their
hashes move to the new key too (a new folder, the old one removed after commit), and a
stored person found in no file is reported, never silently left unmatched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.test import override_settings

from ucj.accounts.scoping import cli_actor
from ucj.registry import list_store, nik
from ucj.registry.confirmation import stored_active
from ucj.registry.models import MembershipList
from ucj.registry.tests.synth import make_nik, write_csv
from ucj.registry.tests.test_rotation import NEW, OLD, _rotate

pytestmark = pytest.mark.django_db
NIKS = [make_nik("150301", d, 4, 80 + d, d) for d in range(1, 4)]


@pytest.fixture(autouse=True)
def store(settings: Any, tmp_path: Path) -> Path:
    settings.UCJ_LIST_STORE = tmp_path / "store"
    return settings.UCJ_LIST_STORE


def test_stored_lists_are_rehashed_and_the_missing_reported(
    tmp_path: Path, store: Path, django_capture_on_commit_callbacks: Any
) -> None:
    key_file = tmp_path / "old.key"
    key_file.write_text(OLD, encoding="utf-8")
    members = write_csv(
        tmp_path / "bpjs.csv",
        ["kpj", "nik", "status", "jkk", "wilayah"],
        [[f"25{i}", n, "aktif", "Y", "15.03"] for i, n in enumerate(NIKS)],
    )
    with override_settings(NIK_KEY=OLD):
        result = list_store.import_membership(members, cli_actor())
    mlist = MembershipList.objects.get(pk=result.lists[0]["id"])
    before = mlist.store
    # The source file later lost its last person: that one cannot be re-hashed.
    source = write_csv(tmp_path / "sumber.csv", ["nik"], [[n] for n in NIKS[:2]])
    args = ("--from", str(source), "--old-key-file", str(key_file))
    with override_settings(NIK_KEY=NEW):
        code, dry = _rotate(*args, "--dry-run")
        assert code == 1 and dry["stored_lists"] == {
            "lists": 1,
            "rehashed": 2,
            "already_new_key": 0,
        }
        mlist.refresh_from_db()
        assert mlist.store == before
        with django_capture_on_commit_callbacks(execute=True):
            code, data = _rotate(*args)
    assert code == 1 and data["ok"] is False
    assert data["stored_lists"] == {"lists": 1, "rehashed": 2, "already_new_key": 0}
    assert data["unmatched_count"] == 1
    assert data["unmatched"] == [
        {"kind": "stored_list", "list": "bpjs.csv", "region": "15.03", "kpj": "252",
         "nik_masked": nik.nik_masked(NIKS[2])}
    ]  # fmt: skip
    mlist.refresh_from_db()
    assert mlist.store != before and not (store / before).exists()
    hashes = list_store.scan(mlist).sort("kpj").collect()["nik_hash"].to_list()
    assert hashes == [nik.nik_hash(NIKS[0], NEW), nik.nik_hash(NIKS[1], NEW),
                      nik.nik_hash(NIKS[2], OLD)]  # fmt: skip
    # Read by the confirmation rule under the new key.
    wanted = [nik.nik_hash(n, NEW) for n in NIKS]
    assert stored_active([mlist], "15.03", wanted, programs=["JKK"]) == sorted(wanted[:2])
    # A second run: already under the new key, nothing rewritten.
    with override_settings(NIK_KEY=NEW):
        code, again = _rotate(*args)
    assert again["stored_lists"] == {"lists": 1, "rehashed": 0, "already_new_key": 2}
    mlist.refresh_from_db()
    assert pl.read_parquet(store / mlist.store / "*.parquet").height == 3
