"""Backup while an import runs, restore into an empty database: same coverage for every
region and month; counts and checksum verified; uploaded files come along."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from ucj.ops.tests.helpers import (
    coverage_everywhere,
    drop_pg,
    env_for,
    fresh_pg,
    kabkota_codes,
    ucj,
    ucj_popen,
    write_participants,
    write_potential,
)

MONTHS_BEFORE = ["2025-01", "2025-02"]
MONTHS_DURING = ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08"]

# The PostgreSQL case runs in the PostgreSQL suite (see conftest.py), never as a skip.
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def test_backup_during_import_restores_same_coverage(tmp_path, engine):
    source_url = target_url = None
    if engine == "postgresql":
        source_url = fresh_pg("t_backup_src")
        target_url = fresh_pg("t_backup_dst")
        assert source_url and target_url
    try:
        _round_trip(tmp_path, source_url, target_url)
    finally:
        for url in (source_url, target_url):
            if url:
                drop_pg(url)


def _round_trip(tmp_path, source_url, target_url):
    src = env_for(tmp_path / "src", source_url)
    ucj(src, "init")
    codes = kabkota_codes(src)
    ucj(src, "import", str(write_potential(tmp_path / "pot.csv", codes)), "--kind", "potential")
    first = write_participants(tmp_path / "p1.csv", codes, MONTHS_BEFORE)
    ucj(src, "import", str(first), "--kind", "participants")
    evidence = tmp_path / "src" / "uploads" / "monev" / "bukti" / "2025" / "foto.jpg"
    evidence.parent.mkdir(parents=True)
    evidence.write_bytes(b"\xff\xd8 evidence bytes")
    before = coverage_everywhere(src)

    # ~76,000 rows: the import is still reading or storing when the backup starts.
    big = write_participants(tmp_path / "p2.csv", codes, MONTHS_DURING, seed=7)
    importing = ucj_popen(
        src,
        "import",
        str(big),
        "--kind",
        "participants",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(1.0)
    assert importing.poll() is None, "the import ended before the backup could start"
    archive = tmp_path / "backup.tar.gz"
    made = json.loads(ucj(src, "backup", "--out", str(archive), "--json").stdout)
    assert importing.wait(timeout=600) == 0, importing.stderr.read() if importing.stderr else ""
    after = coverage_everywhere(src)
    assert made["files"] == 1 and made["rows"] > 0

    dst = env_for(tmp_path / "dst", target_url)
    restored = json.loads(ucj(dst, "restore", str(archive), "--json").stdout)
    assert restored["ok"] and restored["counts_match"] and restored["checksum_match"]
    assert restored["rows"] == made["rows"]
    got = coverage_everywhere(dst)
    # The backup holds the data either before or after the import, never half of it.
    assert got in (before, after)
    assert len(got) >= len(MONTHS_BEFORE)
    assert sum(len(v) for v in got.values()) >= len(codes) * len(MONTHS_BEFORE)
    copied = tmp_path / "dst" / "uploads" / "monev" / "bukti" / "2025" / "foto.jpg"
    assert copied.read_bytes() == evidence.read_bytes()

    # Restoring again onto the now-filled database is refused: nothing is merged.
    again = ucj(dst, "restore", str(archive), "--json", check=False)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_restore_detects_a_changed_archive(tmp_path):
    import io
    import tarfile

    src = env_for(tmp_path / "src")
    ucj(src, "init")
    archive = tmp_path / "b.tar.gz"
    ucj(src, "backup", "--out", str(archive), "--json")
    # Change one count in the manifest: the restore must say the counts differ.
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    manifest = json.loads(members["manifest.json"])
    table = next(t for t, n in manifest["tables"].items() if n > 0)
    manifest["tables"][table] += 1
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = tmp_path / "forged.tar.gz"
    with tarfile.open(forged, "w:gz") as tar:
        for name, body in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    dst = env_for(tmp_path / "dst")
    run = ucj(dst, "restore", str(forged), "--json", check=False)
    assert run.returncode == 1
    out = json.loads(run.stdout)
    assert out["ok"] is False and out["tables_differing"] == [table]


def test_retention_keeps_the_newest(tmp_path):
    env = env_for(tmp_path / "d", UCJ_BACKUP_KEEP="2")
    ucj(env, "init")
    made = []
    for _ in range(3):
        made.append(json.loads(ucj(env, "backup", "--json").stdout))
        time.sleep(1.1)  # archive names carry the second
    assert made[-1]["pruned"] == [made[0]["file"]]
    kept = sorted(p.name for p in (tmp_path / "d" / "backups").glob("*.tar.gz"))
    assert len(kept) == 2
