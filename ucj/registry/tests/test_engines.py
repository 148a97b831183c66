"""The two engines (issue 17 item 3): the same cases through Polars and through Spark in
local mode (`local[2]`), every output compared: the summary key for key, the per-roster
shares, members in no roster, every person row, the problems of a bad file, list
statistics, and the keyed hash itself. One Spark session for the module (it takes ~10 s
to start). Skipped, with the reason, only where Java or PySpark is absent."""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.management import call_command

from ucj.accounts.scoping import cli_actor
from ucj.intake.testing import run_import_cli
from ucj.registry import engines, files, list_store, nik, services, statistics, stored
from ucj.registry.national import reconcile_national
from ucj.registry.reconcile import Outcome
from ucj.registry.tests.synth import make_nik, write_csv

AS_OF = dt.date(2026, 1, 15)
# One suite is enough: the engines read Parquet, not the database (a Spark session costs
# minutes of CI time on a busy machine), so the PostgreSQL suite deselects them.
pytestmark = [pytest.mark.django_db, pytest.mark.spark, pytest.mark.sqlite]
MEMBER = ["nik", "kpj", "segmen", "jkk", "jkm", "jht", "jp", "jkp", "status",
          "bulan_iuran_terakhir", "wilayah"]  # fmt: skip
A, B, C, D, E, F, G = (make_nik("197101", d, 3, 85, 60 + d, woman=d % 2 == 0) for d in range(1, 8))
OUT = make_nik("190101", 4, 4, 84, 77)  # Bangka (19.01): same province, other kab/kota


@pytest.fixture(scope="module")
def spark() -> Iterator[engines.Engine]:
    problem = engines.spark_missing()
    if problem is not None:
        pytest.skip(problem.message_en)
    from ucj.registry.engines import spark_engine

    engine = engines.get("spark", "local[2]")
    yield engine
    session = spark_engine._sessions.pop("local[2]", None)
    if session is not None:
        session.stop()


@pytest.fixture(autouse=True)
def store(settings: Any, tmp_path: Path) -> Path:
    settings.UCJ_LIST_STORE = tmp_path / "store"
    return settings.UCJ_LIST_STORE


def _files(folder: Path, bad_cell_of: str | None = None) -> tuple[Path, Path]:
    """Valid, invalid, repeated (twice), two groups; members with two rows (PU active with
    JHT, BPU inactive), inactive only, not a member, members in no roster (one of them
    twice, one NIK that is not a number)."""
    roster = write_csv(folder / "roster.csv", ["nik", "nama", "kelompok", "instansi"], [
        [A, "Ani", "non_asn", "Dinas A"], [B, "Budi", "non_asn", "Dinas A"],
        ["3273-0101", "Cacat", "non_asn", "Dinas A"], [C, "Citra", "rt_rw", ""],
        [A, "Ani lagi", "rt_rw", ""], [D, "Dedi", "rt_rw", ""], [A, "Ani 3", "non_asn", ""],
        [E, "Eka", "rt_rw", "Kel. X"], [B, "Budi 2", "rt_rw", ""],
    ])  # fmt: skip

    def row(n: str, kpj: str, seg: str, jht: str, status: str, month: str) -> list[str]:
        return [n, kpj, seg, "Y", "Y", jht, "N", "N", status, month, "19.71"]

    rows = [
        row(A, "K1", "PU", "Y", "aktif", "2025-11"),
        row(A, "K2", "BPU", "N", "non-aktif", "2025-12"),
        row(B, "K3", "BPU", "N", "non-aktif", "2025-06"),
        row(C, "K4", "PU", "Y", "aktif", "2025-12"),
        row(F, "K5", "BPU", "N", "aktif", "2025-10"),
        row(F, "K6", "BPU", "N", "aktif", "2025-10"),
        row(G, "K7", "PU", "N", "non-aktif", ""),
        row("x12", "K8", "BPU", "N", "aktif", "2025-10"),
        [OUT, "K9", "BPU", "Y", "Y", "Y", "Y", "Y", "aktif", "2025-12", "19.01"],
    ]
    if bad_cell_of is not None:
        rows.append(row(bad_cell_of, "K10", "PU", "kadang", "aktif", "2025-13"))
    return roster, write_csv(folder / "bpjs.csv", MEMBER, rows)


def _same(polars: Outcome, spark: Outcome) -> None:
    assert spark.summary == polars.summary
    assert json.dumps(spark.summary) == json.dumps(polars.summary)  # key order too
    assert spark.rosters == polars.rosters
    assert spark.members_in_no_roster == polars.members_in_no_roster
    cols = [*services.PERSON_COLUMNS, "last_paid", "duplicate"]
    left, right = (services.person_table(services.person_rows(o)) for o in (polars, spark))
    assert right.to_dicts() == left.to_dicts()
    extra = [c for c in cols if c in polars.persons.columns]
    assert spark.persons.select(extra).to_dicts() == polars.persons.select(extra).to_dicts()


def _same_files(left: Path, right: Path) -> None:
    """Every output file the same, byte for byte; the members in no roster as a set of
    lines (the Polars engine's own anti-join gives them in no fixed order)."""
    names = sorted(p.name for p in left.iterdir())
    assert names == sorted(p.name for p in right.iterdir()) and len(names) == 5
    for name in names:
        a, b = (left / name).read_bytes(), (right / name).read_bytes()
        if name == "peserta_tanpa_daftar.csv":
            a, b = sorted(a.splitlines()), sorted(b.splitlines())  # type: ignore[assignment]
        elif name.endswith(".xlsx"):
            continue  # a zip with timestamps: its sheets are the CSVs above
        assert a == b, name


def test_files_both_engines_same_outputs(tmp_path: Path, spark: engines.Engine) -> None:
    roster, members = _files(tmp_path)
    polars = services.reconcile_files(roster, members, AS_OF, tmp_path / "p")
    on_spark = services.reconcile_files(roster, members, AS_OF, tmp_path / "s", spark)
    _same(polars, on_spark)
    s = polars.summary  # the case is what it says
    assert (s["valid"], s["invalid_nik"], s["duplicates"]) == (8, 1, 3)
    assert (s["matched_active"], s["matched_inactive"], s["not_member"]) == (2, 1, 2)
    assert polars.members_in_no_roster == 3  # F, G, OUT ("x12" is no NIK)
    dup = polars.persons.filter(pl.col("duplicate"))["duplicate_of"].to_list()
    assert dup == ["2", "2", "3"]
    _same_files(tmp_path / "p", tmp_path / "s")
    assert not list((tmp_path / "store").glob(".engine/*"))  # scratch removed


def test_bad_cells_same_problems(tmp_path: Path, spark: engines.Engine) -> None:
    roster, members = _files(tmp_path, bad_cell_of=D)  # D is on the roster: counts
    with pytest.raises(files.FileProblem) as polars:
        services.reconcile_files(roster, members, AS_OF)
    with pytest.raises(files.FileProblem) as on_spark:
        services.reconcile_files(roster, members, AS_OF, engine=spark)
    assert on_spark.value.problems == polars.value.problems
    assert {p["column"] for p in polars.value.problems} == {"jht", "bulan_iuran_terakhir"}
    roster, members = _files(tmp_path, bad_cell_of=OUT)  # in no roster: does not count
    _same(
        services.reconcile_files(roster, members, AS_OF),
        services.reconcile_files(roster, members, AS_OF, engine=spark),
    )


def test_stored_lists_national_region_and_statistics(tmp_path: Path, spark: engines.Engine) -> None:
    roster, members = _files(tmp_path)
    list_store.import_membership(members, cli_actor(), as_of=AS_OF)  # one list: province 19
    _same(reconcile_national(roster, AS_OF), reconcile_national(roster, AS_OF, engine=spark))
    # The kab/kota's stored roster against its province's list, narrowed to 19.71's rows.
    region_roster = write_csv(tmp_path / "r.csv", ["nik", "domisili"],
                              [[n, "19.71"] for n in (A, B, C, D, A, "12")])  # fmt: skip
    assert run_import_cli(str(region_roster), "--kind", "roster")[0] == 0
    polars = stored.reconcile_region("19.71", AS_OF)
    on_spark = stored.reconcile_region("19.71", AS_OF, engine=spark)
    _same(polars, on_spark)
    # F, G and "x12" (a stored list keeps any key by its hash); OUT is Bangka's
    assert polars.members_in_no_roster == 3
    for region in (None, "19.71", "19.01"):
        left = statistics.list_statistics(region)
        right = statistics.list_statistics(region, spark)
        assert right.to_dicts() == left.to_dicts()
        assert right.schema == left.schema
    every = statistics.list_statistics().to_dicts()
    key = ("19.71", "BPU", "aktif")
    bpu = next(r for r in every if (r["region_code"], r["segment"], r["status"]) == key)
    assert (bpu["rows"], bpu["persons"], bpu["JKK"], bpu["JHT"]) == (3, 2, 3, 0)
    shown = []
    for engine in ("polars", "spark"):
        out = io.StringIO()
        call_command("lists", "stats", "--region", "19.71", "--engine", engine, "--json",
                     stdout=out)  # fmt: skip
        shown.append(json.loads(out.getvalue()))
    assert shown[0] == shown[1] and shown[0]["totals"]["rows"] == 8


def test_keyed_hash_same_in_spark(spark: engines.Engine, settings: Any) -> None:
    from pyspark.sql import functions as F

    from ucj.registry.engines.spark_engine import hmac_sha256, session

    niks = [A, B, OUT, "1", "", "x\u00e9\u0663"]  # non-ASCII: "?" in both
    frame = session("local[2]").createDataFrame([(n,) for n in niks], ["nik"])
    for key in (settings.NIK_KEY, "k" * 100):  # short key padded; long key hashed first
        got = [r[0] for r in frame.select(hmac_sha256(F.col("nik"), key)).collect()]
        assert got == [nik.nik_hash(n, key) for n in niks]
        polars = pl.DataFrame({"nik": niks}).select(nik.nik_hash_expr(pl.col("nik"), key))
        assert got == polars.to_series().to_list()


def _cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("reconcile", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def test_cli_engine_spark_parquet_in_and_out(tmp_path: Path, spark: engines.Engine) -> None:
    roster, members = _files(tmp_path)
    pl.read_csv(members, infer_schema=False).write_parquet(tmp_path / "bpjs.parquet")
    common = ["--roster", str(roster), "--as-of", "2026-01-15", "--json"]
    out = ["--out", str(tmp_path / "p.parquet")]
    code, polars, _ = _cli(*common, "--membership", str(members), *out)
    assert code == 0
    code, on_spark, _ = _cli(*common, "--membership", str(tmp_path / "bpjs.parquet"),
                             "--engine", "spark", "--spark-master", "local[2]",
                             "--out", str(tmp_path / "s.parquet"))  # fmt: skip
    assert code == 0 and json.loads(on_spark) == json.loads(polars)
    left, right = (pl.read_parquet(tmp_path / f"{n}.parquet") for n in "ps")
    assert right.equals(left) and left.height == 9 and "nik_masked" in left.columns
    raw = (tmp_path / "s.parquet").read_bytes()
    assert not any(n.encode() in raw for n in (A, B, C, D, E))


@pytest.mark.parametrize("as_json", [True, False])
def test_no_pyspark_clear_error_no_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_json: bool
) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)  # as if not installed
    roster, members = _files(tmp_path)
    args = ["--roster", str(roster), "--membership", str(members), "--engine", "spark"]
    code, out, err = _cli(*args, *(["--json"] if as_json else []))
    assert code == 2 and "Traceback" not in out + err
    said = json.loads(out) if as_json else {"error": err}
    assert "PySpark belum terpasang" in said["error"] and "not installed" in said["error"]
    if as_json:
        assert said["message_en"].startswith("The Spark engine is not available")


def test_hashed_key_path_same_as_integer_key(tmp_path: Path) -> None:
    """What an engine outside the process gets (files keyed by the hashed NIK) gives, on
    Polars, what the integer key gives: so any difference on Spark is Spark's."""
    roster, members = _files(tmp_path)
    by_int = services.reconcile_files(roster, members, AS_OF, tmp_path / "p")
    by_hash = services.reconcile_files_hashed(roster, members, AS_OF, tmp_path / "h",
                                              engines.get())  # fmt: skip
    _same(by_int, by_hash)
    _same_files(tmp_path / "p", tmp_path / "h")
