"""`ucj backup` carries the stored membership lists (UCJ_LIST_STORE, issue 17)."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path
from typing import Any

from ucj.accounts.scoping import cli_actor
from ucj.ops.backup import backup
from ucj.registry import list_store
from ucj.registry.tests.synth import make_nik, write_csv


def test_backup_includes_every_stored_list_file(
    settings: Any, tmp_path: Path, master: None
) -> None:
    """Outside a test transaction (`master`): pg_dump reads its own snapshot."""
    settings.UCJ_LIST_STORE = tmp_path / "store"
    niks = [make_nik("197101", d, 6, 84, 20 + d) for d in range(1, 3)]
    path = write_csv(
        tmp_path / "bpjs.csv", ["nik", "status", "wilayah"], [[n, "aktif", "19.71"] for n in niks]
    )
    list_store.import_membership(path, cli_actor())
    stored = sorted(p for p in (tmp_path / "store").rglob("*.parquet"))
    assert stored
    info = backup(tmp_path / "b.tar.gz")
    with tarfile.open(info["file"]) as tar:
        names = set(tar.getnames())
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    paths = {e["path"] for e in manifest["lists"]}
    assert paths == {p.relative_to(tmp_path / "store").as_posix() for p in stored}
    assert all(f"lists/{p}" in names for p in paths)
