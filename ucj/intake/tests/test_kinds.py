"""The registration API as another app uses it: a kind of its own, checks, masking."""

from __future__ import annotations

import polars as pl
import pytest

from ucj.indicators.models import PotentialWorkers
from ucj.intake import kinds
from ucj.intake.checks import Checks
from ucj.intake.errors_out import error_rows
from ucj.intake.kinds import Column, Kind, header_key, register
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv

pytestmark = pytest.mark.django_db


def refuse_even(checks: Checks) -> None:
    checks.error(
        checks.frame.filter(pl.col("jumlah") % 2 == 0), "nik", "jumlah genap", "even total"
    )


TEST_KIND = Kind(
    name="uji_nik",
    label="uji",
    model=PotentialWorkers,
    columns=(
        Column("wilayah", "region", "region", required=True),
        Column("tahun", "year", "year", required=True),
        Column("jumlah", "total", "int", required=True, aliases=("Total Pekerja",)),
        Column("nik", None, "text", sensitive=True),
    ),
    key=("region", "year"),
    validate=refuse_even,
)


@pytest.fixture
def test_kind():
    register(TEST_KIND)
    yield TEST_KIND
    kinds._REGISTRY.pop(TEST_KIND.name)


def test_discovery_finds_the_coverage_kinds():
    names = {k.name for k in kinds.all_kinds()}
    assert {"potential", "participants", "targets", "reported"} <= names
    assert kinds.get("participants").model._meta.model_name == "participation"
    assert kinds.get("nonsense") is None


def test_headers_match_loosely():
    assert header_key(" Peserta Aktif ") == header_key("peserta_aktif") == "pesertaaktif"
    assert header_key("Target (%)") == "target%"


def test_bad_definitions_are_refused():
    with pytest.raises(ValueError, match="unknown parser"):
        Column("x", "x", "money")
    with pytest.raises(ValueError, match="needs choices"):
        Column("x", "x", "choice")
    with pytest.raises(ValueError, match="key field"):
        Kind("k", "k", PotentialWorkers, (Column("a", "year", "year"),), key=("region",))


def test_own_kind_checks_and_masks_sensitive_values(tmp_path, test_kind):
    rows = [["wilayah", "total pekerja", "tahun", "nik"],
            ["15.03", "1.000", "2025", "3201234567890001"],
            ["15.04", "1.001", "2025", "3201234567890002"]]  # fmt: skip
    out = run_import(write_csv(tmp_path / "n.csv", rows), "uji_nik", user=system_actor())
    assert out.exit_code == 1 and out.errors.height == 1
    err = out.errors.row(0, named=True)
    assert err["row"] == 2 and err["value"] == "3201**********01"
    assert "3201234567890001" not in err["message_id"] + err["message_en"]
    assert "even total" in err["message_en"]
    exported = error_rows(out, test_kind)
    assert exported.get_column("nik").to_list() == ["3201**********01", "3201**********02"]
    assert PotentialWorkers.objects.count() == 0
    rows[1][1] = "999"
    ok = run_import(write_csv(tmp_path / "m.csv", rows), "uji_nik", user=system_actor())
    assert ok.ok and ok.inserted == 2
