"""The pipeline end to end on the real database: kinds, batches, re-import, correction, undo."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucj.accounts.testing import month, region
from ucj.audit.models import ChangeRecord
from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage, Target
from ucj.intake.models import BatchStatus, ImportBatch
from ucj.intake.pipeline import run_import
from ucj.intake.testing import run_import_cli, system_actor, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEAD = ["wilayah", "periode", "segmen", "program", "peserta_aktif", "data_per", "sumber"]
ROWS = [
    HEAD,
    ["15.03", "2025-03", "PU", "", "25.430", "31/03/2025", "BPJS TK"],
    ["Kab. Sarolangun", "Mar 2025", "BPU", "", "1.234", "31-03-2025", "BPJS TK"],
    ["KOTA BANDAR LAMPUNG", "03/2025", "Jasa Konstruksi", "JKK", "112000", "2025-03-31", ""],
    ["18.72", "Maret 2025", "pmi", "jht", "7", "31 Maret 2025", "BPJS TK"],
]


def test_participants_formats_regions_and_provenance(tmp_path):
    code, out = run_import_cli(
        str(write_csv(tmp_path / "p.csv", ROWS, sep=";")), "--kind", "participants",
        "--source", "Kanwil",
    )  # fmt: skip
    assert code == 0, out
    assert set(out) == {
        "ok", "batch", "rows", "inserted", "updated", "unchanged", "errors", "warnings"
    }  # fmt: skip
    assert (out["ok"], out["rows"], out["inserted"], out["updated"]) == (True, 4, 4, 0)
    saro = Participation.objects.get(region=region("15.03"), segment="PU", program="")
    assert saro.count == 25430 and saro.period == dt.date(2025, 3, 1)
    assert (saro.source, saro.as_of, saro.batch_id, saro.is_sample) == (
        "BPJS TK",
        dt.date(2025, 3, 31),
        out["batch"],
        False,
    )
    jakon = Participation.objects.get(region=region("18.71"))
    assert (jakon.segment, jakon.program, jakon.count, jakon.source) == (
        "JAKON",
        "JKK",
        112000,
        "Kanwil",
    )
    assert Participation.objects.get(region=region("18.72")).program == "JHT"
    batch = ImportBatch.objects.get(pk=out["batch"])
    assert (batch.kind, batch.rows, batch.inserted, len(batch.sha256)) == ("participants", 4, 4, 64)


def test_same_file_again_changes_nothing(tmp_path):
    path = write_csv(tmp_path / "p.csv", ROWS)
    first = run_import(path, "participants", user=system_actor())
    again = run_import(path, "participants", user=system_actor())
    assert (first.inserted, again.inserted, again.updated, again.unchanged) == (4, 0, 0, 4)
    assert again.ok and again.batch is None
    assert ImportBatch.objects.count() == 1


def test_corrected_file_updates_only_changed_values_and_undo(tmp_path):
    first = run_import(write_csv(tmp_path / "a.csv", ROWS), "participants", user=system_actor())
    fixed = [list(r) for r in ROWS]
    fixed[1][4] = "25.500"
    second = run_import(write_csv(tmp_path / "b.csv", fixed), "participants", user=system_actor())
    assert (second.inserted, second.updated, second.unchanged) == (0, 1, 3)
    change = ChangeRecord.objects.get(batch_id=second.batch)
    assert (change.field, change.before, change.after) == ("count", "25430", "25500")
    assert change.before_batch_id == first.batch
    row = Participation.objects.get(region=region("15.03"), segment="PU")
    assert row.count == 25500 and row.batch_id == second.batch
    # The first batch cannot be undone while the second still holds its change.
    code, out = run_import_cli("undo", str(first.batch))
    assert code == 1 and not out["ok"] and f"#{second.batch}" in out["message_en"]
    code, out = run_import_cli("undo", str(second.batch))
    assert code == 0 and out["restored"] == 1
    row.refresh_from_db()
    assert row.count == 25430 and row.batch_id == first.batch
    code, out = run_import_cli("undo", str(first.batch))
    assert code == 0 and out["deleted"] == 4
    assert Participation.objects.count() == 0
    assert ImportBatch.objects.get(pk=first.batch).status == BatchStatus.UNDONE
    code, out = run_import_cli("undo", str(first.batch))
    assert code == 1 and "already undone" in out["message_en"]
    assert run_import_cli("undo", "999999")[0] == 2


def test_dry_run_counts_but_writes_nothing(tmp_path):
    code, out = run_import_cli(
        str(write_csv(tmp_path / "p.csv", ROWS)), "--kind", "participants", "--dry-run"
    )
    assert code == 0 and out["ok"] and out["inserted"] == 4 and out["batch"] is None
    assert Participation.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_potential_targets_reported(tmp_path):
    pot = write_csv(
        tmp_path / "pot.csv",
        [["Wilayah", "Tahun", "Potensi", "Formal", "Informal", "Dasar", "Sumber"],
         ["15.03", "2025", "112.000", "52.000", "60.000", "angkatan kerja", "BPS"]],
    )  # fmt: skip
    assert run_import(pot, "potential", user=system_actor()).ok
    p = PotentialWorkers.objects.get(region=region("15.03"), year=2025)
    assert (p.total, p.formal, p.informal, p.basis) == (112000, 52000, 60000, "angkatan_kerja")
    tgt = write_csv(
        tmp_path / "t.csv",
        [["region", "year", "target_pct", "target_workers", "issuer", "document"],
         ["15.03", "2025", "43,5%", "", "RPJMD", "Perda 1/2021"]],
    )  # fmt: skip
    assert run_import(tgt, "targets", user=system_actor()).ok
    t = Target.objects.get(region=region("15.03"))
    assert (t.pct, t.workers, t.issuer) == (Decimal("43.50"), None, "rpjmd")
    rep = write_csv(
        tmp_path / "r.csv",
        [["wilayah", "data_per", "capaian_persen", "kategori", "sumber"],
         ["15.03", "19 Mei 2025", "43.5 %", "sedang", "BPJS TK"]],
    )  # fmt: skip
    assert run_import(rep, "reported", user=system_actor()).ok
    r = ReportedCoverage.objects.get(region=region("15.03"))
    assert (r.period, r.pct, r.as_of) == (month("2025-05"), Decimal("43.50"), dt.date(2025, 5, 19))
    # A source that names only the category: stored without a percentage, and the
    # percentage column may be left out of the file altogether.
    words = write_csv(
        tmp_path / "k.csv",
        [["wilayah", "data_per", "kategori", "sumber"], ["18.71", "19/05/2025", "rendah", "x"]],
    )
    assert run_import(words, "reported", user=system_actor()).ok
    k = ReportedCoverage.objects.get(region=region("18.71"))
    assert (k.pct, k.category_label, k.period) == (None, "rendah", month("2025-05"))


def test_warnings_keep_the_import(tmp_path, settings):
    settings.UCJ_JUMP_FACTOR = 1.5
    PotentialWorkers.objects.create(region=region("15.03"), year=2025, total=1000)
    rows = [HEAD,
            ["15.03", "2025-02", "PU", "", "900", "", "x"],
            ["15.03", "2025-03", "PU", "", "2.000", "", "x"]]  # fmt: skip
    out = run_import(write_csv(tmp_path / "w.csv", rows), "participants", user=system_actor())
    assert out.ok and out.inserted == 2
    texts = " ".join(out.warnings.get_column("message_en").to_list())
    assert "above potential workers (1000)" in texts
    assert "more than 1.5× from the previous month (900)" in texts
    assert out.warnings.get_column("row").to_list() == [3, 3]
    assert len(ImportBatch.objects.get(pk=out.batch).warnings) == 2
    tgt = [["wilayah", "tahun", "target_persen", "penerbit"], ["15.03", "2025", "10", "rkpd"]]
    out = run_import(write_csv(tmp_path / "t.csv", tgt), "targets", user=system_actor())
    assert out.ok and "below the current achievement (200.0%)" in out.warnings["message_en"][0]


def test_xlsx_title_block_merged_header(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Rekap Peserta Aktif BPJS Ketenagakerjaan"])
    ws.merge_cells("A1:G1")
    ws.append([])
    ws.append(["Wilayah", "Periode", "Segmen", "Program", "Peserta Aktif", "Data per", "Sumber"])
    ws.append(["", "", "", "", "", "", ""])
    ws.merge_cells("A3:A4")  # a header merged down over two rows
    ws.append(["15.03", dt.datetime(2025, 3, 1), "PU", None, 25430, dt.datetime(2025, 3, 31), "B"])
    ws.append(["15.04", "2025-03", "BPU", None, 12.0, None, "B"])
    book.save(tmp_path / "p.xlsx")
    out = run_import(tmp_path / "p.xlsx", "participants", user=system_actor())
    assert out.ok, out.as_json()["errors"]
    assert out.inserted == 2
    assert Participation.objects.get(region=region("15.03")).count == 25430
    assert Participation.objects.get(region=region("15.04")).count == 12


def test_other_sheet(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", [["x"]], sheet="catatan")
    import openpyxl

    book = openpyxl.load_workbook(path)
    ws = book.create_sheet("angka")
    for row in ROWS:
        ws.append(row)
    book.save(path)
    code, out = run_import_cli(str(path), "--kind", "participants", "--sheet", "angka")
    assert code == 0 and out["inserted"] == 4


def test_web_user_limited_to_own_regions(tmp_path, personas):
    out = run_import(write_csv(tmp_path / "p.csv", ROWS), "participants", user=personas.kabkota)
    assert not out.ok and out.exit_code == 1
    assert sorted(out.errors.get_column("row").to_list()) == [4, 5]  # Lampung rows
    assert "may not change data of this region" in out.errors["message_en"][0]
    assert Participation.objects.count() == 0
    own = run_import(write_csv(tmp_path / "o.csv", ROWS[:3]), "participants", user=personas.branch)
    assert own.ok and ImportBatch.objects.get(pk=own.batch).user == personas.branch


def test_errors_out_csv_and_xlsx(tmp_path):
    import openpyxl

    bad = [list(r) for r in ROWS]
    bad[2][4] = "12,5"
    bad[3][0] = '=HYPERLINK("http://x")'
    src = write_csv(tmp_path / "bad.csv", bad)
    code, _out = run_import_cli(
        str(src), "--kind", "participants", "--errors-out", str(tmp_path / "e.csv")
    )
    assert code == 1
    text = (tmp_path / "e.csv").read_text()
    assert "galat_error" in text.splitlines()[0] and "a count cannot have a fraction" in text
    assert "'=HYPERLINK" in text  # defused for spreadsheets
    xsrc = write_xlsx(tmp_path / "bad.xlsx", bad)
    code, _out = run_import_cli(
        str(xsrc), "--kind", "participants", "--errors-out", str(tmp_path / "e.xlsx")
    )
    assert code == 1
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx").active
    header = [c.value for c in ws[1]]
    assert header[-1] == "galat_error" and ws.max_row == 5


def test_locked_month_is_a_row_error(tmp_path, personas):
    from django.utils import timezone

    from ucj.accounts.models import MonthApproval, MonthStatus

    MonthApproval.objects.create(
        region=region("15.03"),
        period=month("2025-03"),
        status=MonthStatus.APPROVED,
        approved_by=personas.province,
        approved_at=timezone.now(),
    )
    out = run_import(write_csv(tmp_path / "p.csv", ROWS), "participants", user=system_actor())
    assert out.exit_code == 1
    assert sorted(out.errors.get_column("row").to_list()) == [2, 3]  # both Sarolangun rows
    assert "approved and locked by prov_jambi" in out.errors["message_en"][0]
    assert Participation.objects.count() == 0


def test_xlsx_percent_cells_and_large_file_mode(tmp_path):
    import openpyxl

    from ucj.intake import readers

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["wilayah", "data_per", "capaian_persen", "kategori", "sumber"])
    ws.append(["15.03", dt.datetime(2025, 5, 19), 0.435, "sedang", "BPJS"])
    ws["C2"].number_format = "0.0%"
    ws.append(["15.04", "19/05/2025", 41.25, "", "BPJS"])
    book.save(tmp_path / "r.xlsx")
    # Large files are read in openpyxl's streaming mode: the same result.
    path = tmp_path / "r.xlsx"
    for size in (path.stat().st_size, readers.FULL_XLSX_BELOW):
        table = readers._read_xlsx(path, {"wilayah", "capaianpersen"}, None, size)
        assert table.data.get_column("c2").to_list() == ["43.5", "41.25"]
    out = run_import(tmp_path / "r.xlsx", "reported", user=system_actor())
    assert out.ok, out.as_json()["errors"]
    assert ReportedCoverage.objects.get(region=region("15.03")).pct == Decimal("43.50")


def test_usage_errors_exit_2(tmp_path):
    path = write_csv(tmp_path / "p.csv", ROWS)
    code, out = run_import_cli(str(path))
    assert code == 2 and "--kind is required" in out["error"] and "participants" in out["error"]
    code, out = run_import_cli("undo", "tiga")
    assert code == 2 and "must be a number" in out["error"]
    code, out = run_import_cli("template", "nonsense", "--out", str(tmp_path / "x.csv"))
    assert code == 2 and "unknown kind" in out["error"]
    assert Participation.objects.count() == 0


def test_region_given_for_rows_without_one(tmp_path):
    rows = [
        ["periode", "segmen", "program", "peserta_aktif", "data_per", "sumber"],
        ["2025-03", "PU", "", "100", "31/03/2025", "x"],
    ]
    code, out = run_import_cli(str(write_csv(tmp_path / "a.csv", rows)), "--kind",
                               "participants", "--region", "Sarolangun")  # fmt: skip
    assert code == 0 and out["inserted"] == 1, out
    assert Participation.objects.get().region.code == "15.03"
    # A row's own region wins; an empty cell takes the given one.
    mixed = [[*HEAD], ["18.71", "2025-04", "PU", "", "5", "", ""],
             ["", "2025-04", "BPU", "", "7", "", ""]]  # fmt: skip
    code, out = run_import_cli(str(write_csv(tmp_path / "b.csv", mixed)), "--kind",
                               "participants", "--region", "15.03")  # fmt: skip
    assert code == 0, out
    april = dict(Participation.objects.filter(period=month("2025-04")).values_list(
        "segment", "region__code"))  # fmt: skip
    assert april == {"PU": "18.71", "BPU": "15.03"}
    # An unknown region is the whole file's problem: exit 2, candidates named, nothing written.
    code, out = run_import_cli(str(write_csv(tmp_path / "c.csv", rows)), "--kind",
                               "participants", "--region", "Sarolangn")  # fmt: skip
    assert code == 2 and "Sarolangun" in out["errors"][0]["message_en"]
    assert Participation.objects.count() == 3
