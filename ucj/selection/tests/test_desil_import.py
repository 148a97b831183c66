"""Import kind `desil`: owned by the importing office, masked bilingual row errors,
idempotent, undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.intake.undo import undo_batch
from ucj.registry.models import WelfareDecile
from ucj.selection.demo import niks

pytestmark = pytest.mark.django_db
HEADER = ["nik", "desil", "data_per", "sumber"]


def _file(tmp_path: Path, rows: list[list[str]], name: str = "desil.csv") -> Path:
    return write_csv(tmp_path / name, [HEADER, *rows])


def test_rows_belong_to_the_importing_office(tmp_path: Path, personas: Any) -> None:
    n = niks(3)
    path = _file(tmp_path, [[n[0], "1", "2025-06-30", "DTSEN"], [n[1], "4", "30/06/2025", ""]])
    done = run_import(path, "desil", user=personas.kabkota)
    assert done.ok and done.inserted == 2, done.as_json()
    assert set(WelfareDecile.objects.values_list("region__code", "owner", "decile")) == {
        ("15.03", WelfareDecile.objects.first().region_id, 1),  # type: ignore[union-attr]
        ("15.03", WelfareDecile.objects.first().region_id, 4),  # type: ignore[union-attr]
    }
    again = run_import(path, "desil", user=personas.kabkota)
    assert again.ok and (again.inserted, again.updated) == (0, 0)
    # The province officer's own load is the province's; the national analyst's national.
    assert run_import(path, "desil", user=personas.province).inserted == 2
    assert run_import(path, "desil", user=personas.national).inserted == 2
    assert WelfareDecile.objects.filter(region__isnull=True, owner=0).count() == 2
    assert WelfareDecile.objects.filter(region__code="15").count() == 2
    # A kab/kota officer may not load for another region, nor the branch at all.
    refused = run_import(path, "desil", user=personas.outsider, region="15.03")
    assert not refused.ok and "may not change data" in str(refused.as_json())
    assert not run_import(path, "desil", user=personas.branch).ok
    # Updated decile, then undo puts the old one back.
    changed = _file(tmp_path, [[n[0], "2", "2025-09-30", "DTSEN"]], "baru.csv")
    upd = run_import(changed, "desil", user=personas.kabkota)
    assert upd.ok and upd.updated == 1
    assert undo_batch(upd.batch, personas.kabkota).ok  # type: ignore[arg-type]
    mine = WelfareDecile.objects.filter(region__code="15.03")
    assert sorted(mine.values_list("decile", flat=True)) == [1, 4]
    assert undo_batch(done.batch, personas.kabkota).ok  # type: ignore[arg-type]
    assert not mine.exists()


def test_bad_rows_name_file_row_field_and_mask_the_nik(tmp_path: Path) -> None:
    n = niks(2)
    path = _file(tmp_path, [["1503019999990001", "2", "2025-06-30", ""],
                            [n[1], "11", "2025-06-30", ""]])  # fmt: skip
    out = run_import(path, "desil", user=system_actor(), region="15.03")
    assert not out.ok and out.exit_code == 1
    errors = out.as_json()["errors"]
    by_column = {e["column"]: e for e in errors}
    assert by_column["nik"]["row"] == 2 and "invalid NIK" in by_column["nik"]["message_en"]
    assert "NIK tidak sah" in by_column["nik"]["message_id"]
    assert "1503019999990001" not in str(errors) and "*" in by_column["nik"]["value"]
    assert by_column["desil"]["row"] == 3 and "1 to 10" in by_column["desil"]["message_en"]
    assert not WelfareDecile.objects.exists()


def test_a_child_in_the_household_is_no_error(tmp_path: Path) -> None:
    """DTSEN lists households: a NIK under the workers' minimum age imports."""
    path = _file(tmp_path, [["1503010101150001", "1", "2025-06-30", "DTSEN"]])
    out = run_import(path, "desil", user=system_actor(), region="15.03")
    assert out.ok and out.inserted == 1, out.as_json()
