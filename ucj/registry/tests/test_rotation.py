"""`ucj nik rotate-key --from FILES…`: stored hashes move to the new key from the source
files; every stored person found in no file is reported (JSON with --json)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor
from ucj.registry import nik
from ucj.registry.models import MembershipEntry, RosterEntry
from ucj.registry.tests.synth import make_nik, write_csv

pytestmark = pytest.mark.django_db

OLD, NEW = "kunci-lama-uji-rotasi", "kunci-baru-uji-rotasi"
NIKS = [make_nik("150301", d, 4, 80 + d, d) for d in range(1, 6)]


def _rotate(*args: str) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command("nik", "rotate-key", *args, "--json", stdout=out, stderr=io.StringIO())
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def test_rotation_rehashes_and_reports_the_unmatched(tmp_path: Path) -> None:
    key_file = tmp_path / "old.key"
    key_file.write_text(OLD + "\n", encoding="utf-8")
    roster = write_csv(
        tmp_path / "daftar.csv",
        ["nik", "nama", "domisili"],
        [[n, f"P{i}", "15.03"] for i, n in enumerate(NIKS)],
    )
    members = write_csv(
        tmp_path / "bpjs.csv",
        ["kpj", "nik", "status", "wilayah"],
        [["2501", NIKS[0], "aktif", "15.03"], ["2502", NIKS[1], "aktif", "15.03"]],
    )
    with override_settings(NIK_KEY=OLD):
        assert (
            run_import(roster, "roster", user=system_actor()).ok
            and run_import(members, "membership", user=system_actor()).ok
        )
    # The source roster later lost its last person: that one cannot be re-hashed.
    partial = write_csv(
        tmp_path / "daftar_sumber.csv",
        ["no_ktp"],
        [[n[:6] + " " + n[6:]] for n in NIKS[:4]],  # separators as people type them
    )
    with override_settings(NIK_KEY=NEW):
        code, dry = _rotate("--from", str(partial), str(members), "--old-key-file",
                            str(key_file), "--dry-run")  # fmt: skip
        assert code == 1 and dry["dry_run"] and dry["rehashed"] == {"roster": 4, "membership": 2}
        assert set(RosterEntry.objects.values_list("nik_hash", flat=True)) == {
            nik.nik_hash(n, OLD) for n in NIKS
        }
        code, data = _rotate("--from", str(partial), str(members), "--old-key-file",
                             str(key_file))  # fmt: skip
    assert code == 1 and data["ok"] is False
    assert data["rehashed"] == {"roster": 4, "membership": 2}
    assert data["unmatched_count"] == 1
    assert data["unmatched"] == [
        {"kind": "roster", "list": "daftar", "region": "15.03", "row": 6,
         "nik_masked": nik.nik_masked(NIKS[4])}
    ]  # fmt: skip
    assert NIKS[4] not in json.dumps(data)
    hashes = dict(RosterEntry.objects.values_list("row", "nik_hash"))
    assert [hashes[i + 2] for i in range(4)] == [nik.nik_hash(n, NEW) for n in NIKS[:4]]
    assert hashes[6] == nik.nik_hash(NIKS[4], OLD)  # kept, reported
    assert set(MembershipEntry.objects.values_list("nik_hash", flat=True)) == {
        nik.nik_hash(n, NEW) for n in NIKS[:2]
    }
    # The missing file found: a second run finishes the job, the done ones count as such.
    with override_settings(NIK_KEY=NEW):
        code, again = _rotate("--from", str(roster), "--old-key-file", str(key_file))
    assert code == 0 and again["ok"] and again["unmatched"] == []
    assert again["rehashed"] == {"roster": 1, "membership": 0}
    assert again["already_new_key"] == {"roster": 4, "membership": 2}


def test_rotation_refuses_bad_input(tmp_path: Path) -> None:
    key_file = tmp_path / "old.key"
    key_file.write_text(NEW, encoding="utf-8")
    with override_settings(NIK_KEY=NEW):
        code, data = _rotate("--from", str(tmp_path / "x.csv"), "--old-key-file", str(key_file))
        assert code == 2 and "UCJ_NIK_KEY" in data["error"]
        key_file.write_text(OLD, encoding="utf-8")
        code, data = _rotate("--from", str(tmp_path / "x.csv"), "--old-key-file", str(key_file))
        assert code == 2 and "x.csv" in data["error"]
        no_nik = write_csv(tmp_path / "y.csv", ["nama"], [["A"]])
        code, data = _rotate("--from", str(no_nik), "--old-key-file", str(key_file))
        assert code == 2 and "y.csv" in data["error"]
