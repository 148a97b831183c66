"""The monev import kinds through the one intake pipeline: good files, bad rows, scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucj.intake import kinds
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor
from ucj.monev import services
from ucj.monev.models import FollowUp, Recommendation, Status
from ucj.monev.records import JakonProjects, PlanAlignment, Regulation
from ucj.monev.tests.factories import finding_with_follow_up, session_input

pytestmark = pytest.mark.django_db


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(outcome):
    return [e["message_id"] for e in outcome.as_json()["errors"]]


def test_kinds_are_registered():
    for name in ("regulasi", "perencanaan", "jakon", "tindak-lanjut"):
        assert kinds.get(name) is not None, name


def test_regulations_import_and_update(tmp_path):
    path = write(
        tmp_path,
        "regulasi.csv",
        "wilayah;jenis;nomor;tahun;judul;status;non_asn;pekerja_rentan;sumber\n"
        "15.03;Peraturan Bupati;27;2024;Perlindungan pekerja rentan;ditetapkan;ya;ya;"
        "JDIH\n"
        "Kabupaten Lampung Tengah;Perda;5;2023;Jamsostek;rancangan;tidak;;JDIH\n",
    )
    out = run_import(path, "regulasi", user=system_actor())
    assert out.ok, out.as_json()
    assert out.inserted == 2
    reg = Regulation.objects.get(region__code="15.03")
    assert (reg.kind, reg.number, reg.status) == ("perbup", "27", "enacted")
    assert reg.covers_non_asn and reg.covers_vulnerable and not reg.covers_budget
    assert reg.batch_id == out.batch
    again = write(
        tmp_path,
        "regulasi2.csv",
        "wilayah;jenis;nomor;tahun;judul;status\n"
        "15.03;perbup;27;2024;Perlindungan pekerja rentan;dicabut\n",
    )
    out2 = run_import(again, "regulasi", user=system_actor())
    assert out2.ok and out2.updated == 1
    reg.refresh_from_db()
    assert reg.status == "revoked"


def test_regulation_bad_rows_name_row_column_value(tmp_path):
    path = write(
        tmp_path,
        "bad.csv",
        "wilayah;jenis;tahun;judul\n"
        "15.03;Perpres;2024;Salah jenis\n"
        "99.99;perda;2024;Wilayah salah\n",
    )
    out = run_import(path, "regulasi", user=system_actor())
    assert not out.ok and out.exit_code == 1
    text = " | ".join(messages(out))
    assert "Baris 2, kolom 'jenis', nilai 'Perpres'" in text
    assert "kolom 'wilayah', nilai '99.99'" in text
    assert Regulation.objects.count() == 0  # nothing half-written


def test_plan_and_jakon_imports(tmp_path):
    plan = write(
        tmp_path,
        "plan.csv",
        "wilayah;tahun;dalam_rpjmd;dalam_rkpd;mata_anggaran_apbd;target_persen;"
        "dokumen_target;sumber\n"
        "15.03;2025;ya;tidak;;65%;RKPD 2025;Bappeda\n",
    )
    out = run_import(plan, "perencanaan", user=system_actor())
    assert out.ok, out.as_json()
    row = PlanAlignment.objects.get()
    assert (row.in_rpjmd, row.in_rkpd, row.apbd_budget_line) == (True, False, None)
    assert row.target_pct == Decimal("65.00")

    jakon = write(
        tmp_path,
        "jakon.csv",
        "wilayah;tahun;jumlah_proyek;proyek_terdaftar;sumber;data_per\n"
        "74;2025;2.947;68;sultratop.com;08/08/2025\n"
        "15.03;2025;10;11;x;01/01/2025\n",
    )
    bad = run_import(jakon, "jakon", user=system_actor())
    assert not bad.ok
    assert "Baris 3, kolom 'proyek_terdaftar', nilai '11'" in " ".join(messages(bad))
    good = write(
        tmp_path,
        "jakon2.csv",
        "wilayah;tahun;jumlah_proyek;proyek_terdaftar;sumber;data_per\n"
        "74;2025;2.947;68;sultratop.com;08/08/2025\n",
    )
    assert run_import(good, "jakon", user=system_actor()).ok
    sultra = JakonProjects.objects.get(region__code="74")
    assert sultra.ratio_pct == Decimal("2.31")  # FACTS.md §3.4: 68 of 2,947
    assert sultra.as_of == dt.date(2025, 8, 8)


def test_follow_up_import_new_and_status_change(personas, tmp_path):
    session = services.record_session(personas.national, session_input(["15.03", "18.02"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
    finding_with_follow_up(personas.national, session, "18.02", dt.date(2025, 9, 30))
    rec = Recommendation.objects.get(finding__region__code="15.03")
    other = Recommendation.objects.get(finding__region__code="18.02")
    path = write(
        tmp_path,
        "tl.csv",
        "wilayah;rekomendasi_id;tindak_lanjut;penanggung_jawab;tenggat;status\n"
        f"15.03;{rec.pk};Usulkan anggaran di APBD-P;Disnaker;31/12/2099;selesai\n"
        f"15.03;{rec.pk};Pendataan aparatur desa;Dinas PMK;30 Juni 2099;\n",
    )
    out = run_import(path, "tindak-lanjut", user=personas.kabkota)
    assert out.ok, out.as_json()
    assert (out.inserted, out.updated) == (1, 1)
    existing = FollowUp.objects.get(action="Usulkan anggaran di APBD-P", region__code="15.03")
    assert existing.status == Status.DONE and existing.due_date == dt.date(2099, 12, 31)
    assert existing.completed is not None
    new = FollowUp.objects.get(action="Pendataan aparatur desa")
    assert new.status == Status.OPEN and new.region.code == "15.03"
    assert new.created is not None
    again = run_import(path, "tindak-lanjut", user=personas.kabkota)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 2)

    bad = write(
        tmp_path,
        "tl-bad.csv",
        "wilayah;rekomendasi_id;tindak_lanjut;penanggung_jawab;tenggat;status\n"
        f"15.03;{other.pk};Salah wilayah;Disnaker;30/09/2025;terbuka\n"
        f"15.03;{rec.pk};Status salah;Disnaker;30/09/2025;terlambat\n"
        f"15.03;{rec.pk};Tanggal salah;Disnaker;31/02/2025;terbuka\n"
        f"18.02;{other.pk};Bukan wilayah saya;Disnaker;30/09/2025;terbuka\n",
    )
    out = run_import(bad, "tindak-lanjut", user=personas.kabkota)
    assert not out.ok
    text = " | ".join(messages(out))
    assert "Baris 2, kolom 'wilayah'" in text and "wilayah lain" in text
    assert "Baris 3, kolom 'status', nilai 'terlambat'" in text
    assert "Baris 4, kolom 'tenggat', nilai '31/02/2025'" in text
    assert "Baris 5" in text and "tidak berwenang" in text
    assert FollowUp.objects.count() == 3


@pytest.mark.parametrize("name", ["regulasi", "perencanaan", "jakon", "tindak-lanjut"])
def test_templates_and_their_examples(personas, tmp_path, name):
    """The blank template carries every column; a row of the documented examples imports
    (the follow-up example points at a real recommendation)."""
    import csv
    import io

    from openpyxl import load_workbook

    from ucj.intake.blanks import template_csv, template_xlsx

    kind = kinds.get(name)
    header = next(csv.reader(io.StringIO(template_csv(kind).decode())))
    assert header == [c.name for c in kind.columns]
    book = load_workbook(io.BytesIO(template_xlsx(kind)))
    assert [c.value for c in book["data"][1]][: len(header)] == header
    examples = {c.name: c.example for c in kind.columns}
    if name == "tindak-lanjut":
        session = services.record_session(personas.national, session_input(["15.03"]))
        finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
        examples["rekomendasi_id"] = str(Recommendation.objects.get().pk)
    path = tmp_path / f"{name}.csv"
    path.write_text(
        ";".join(header) + "\n" + ";".join(examples[h] for h in header) + "\n", encoding="utf-8"
    )
    out = run_import(path, name, dry_run=True, user=system_actor())
    assert out.ok, out.as_json()
    assert out.inserted == 1
