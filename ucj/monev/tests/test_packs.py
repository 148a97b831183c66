"""Reporting packs of the demo data (issue 19 'done when'): the Triwulan III 2025 packs of
Sarolangun and Jambi, from the CLI and the web, read back (pdftotext, openpyxl) and
checked figure by figure against `ucj coverage` and the monev records; the way up the
hierarchy, and the freeze at acceptance."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess

import openpyxl
import pytest
from django.core.management import call_command
from django.db.models import Q, Sum

from ucj.accounts.testing import region
from ucj.lib.formats import number, percent, rupiah
from ucj.monev.benefits import BenefitPaid
from ucj.monev.models import Finding, FollowUp, MonevSession
from ucj.monev.packs import Pack
from ucj.planning.models import FundingSource
from ucj.web.setup import load_demo

pytestmark = pytest.mark.django_db
Q3 = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "pack.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"[ \t]+", " ", out)


def cli(*args: str) -> dict:
    out = io.StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def coverage(code: str, month: str) -> dict:
    return cli("coverage", code, "--period", month)


def records(code: str) -> dict:
    """What the monev records say for the region (and the regions below it) in Q3 2025,
    counted here independently of the pack's code."""
    where = Q(region__code=code) | Q(region__code__startswith=code + ".")
    sessions = MonevSession.objects.filter(
        Q(regions__code=code) | Q(regions__code__startswith=code + "."),
        held=True, date__range=Q3,
    ).distinct()  # fmt: skip
    found = Finding.objects.filter(where, session__date__range=Q3)
    follow = FollowUp.objects.filter(where)
    benefits = BenefitPaid.objects.filter(where, period__range=Q3).aggregate(
        cases=Sum("cases"), amount=Sum("amount")
    )
    return {
        "sessions": sessions.count(),
        "findings": found.count(),
        "by_dimension": {
            d: found.filter(dimension=d).count() for d in found.values_list("dimension", flat=True)
        },
        "done": follow.filter(status="done", completed__range=Q3).count(),
        "overdue": follow.filter(
            status__in=("open", "in_progress"),
            due_date__lt=Q3[1],
            recommendation__finding__session__date__lte=Q3[1],
        ).count(),
        "cases": benefits["cases"] or 0,
        "amount": benefits["amount"] or 0,
        "committed": FundingSource.objects.filter(where, year=2025).aggregate(
            s=Sum("committed_amount")
        )["s"]
        or 0,
    }


def check_pdf(text: str, code: str, units: list[dict]) -> None:
    obj = coverage(code, "2025-09")
    before = coverage(code, "2025-06")
    rec = records(code)
    assert "Paket Laporan Monev UCJ Triwulan III 2025" in text
    assert f"{obj['name']} (" in text and f"kode {obj['code']}" in text
    assert "DATA CONTOH" in text  # the demo's sample figures say so
    c = obj["completeness"]
    for line in (
        f"Potensi pekerja {number(obj['potential_workers'])}",
        f"Peserta aktif {number(obj['active_participants'])}",
        f"Cakupan {percent(obj['coverage_pct'])}",
        f"Kelengkapan {c['reporting']} dari {c['expected']} melapor",
        f"Kategori Juni 2025 {before['category']}",
        f"Kategori September 2025 {obj['category']}",
        f"Target {percent(obj['target_pct'])} (tahun {obj['target_year']})",
        f"Target pekerja {number(obj['target_workers'])}",
        f"Kesenjangan (pekerja) {number(obj['gap_workers'])}",
        f"Dianggarkan (komitmen) {rupiah(rec['committed'])}",
        f"Sesi monev terlaksana: {rec['sessions']}",
        f"Temuan per dimensi: {rec['findings']}",
        f"Selesai dalam periode {rec['done']}",
        f"Terlambat {rec['overdue']}",
        f"Jumlah kasus {number(rec['cases'])}",
        f"Nominal dibayar {rupiah(rec['amount'])}",
    ):
        assert line in text, line
    for u in units:  # every kab/kota of the province, with its own figures
        assert u["name"] in text
        assert (
            f"{number(u['potential_workers'])} {number(u['active_participants'])} "
            f"{percent(u['coverage_pct'])}" in text
        ), u["code"]


def check_xlsx(content: bytes, tmp_path, code: str, units: list[dict]) -> None:
    path = tmp_path / "pack.xlsx"
    path.write_bytes(content)
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in ("Cakupan", "Kategori", "Target", "Anggaran", "Regulasi", "Perencanaan",
                  "Sesi", "Temuan", "Tindak lanjut", "Manfaat"):  # fmt: skip
        assert sheet in book.sheetnames, sheet
    rows = {r[0]: r for r in book["Cakupan"].iter_rows(min_row=2, values_only=True)}
    for obj in [coverage(code, "2025-09"), *units]:
        row = rows[obj["code"]]
        assert row[3:6] == (
            obj["potential_workers"],
            obj["active_participants"],
            obj["coverage_pct"],
        )
        assert row[6:8] == (obj["completeness"]["reporting"], obj["completeness"]["expected"])
    targets = {r[0]: r for r in book["Target"].iter_rows(min_row=2, values_only=True)}
    obj = coverage(code, "2025-09")
    assert targets[code][2] == obj["target_pct"] and targets[code][7] == obj["gap_workers"]
    rec = records(code)
    assert len(list(book["Sesi"].iter_rows(min_row=2))) == rec["sessions"]
    assert len(list(book["Temuan"].iter_rows(min_row=2))) == rec["findings"]
    follow = {
        r[0]: r[1] for r in book["Tindak lanjut"].iter_rows(min_row=2, max_row=4, values_only=True)
    }
    assert follow == {
        "selesai dalam periode": rec["done"],
        "terlambat": rec["overdue"],
        "berjalan": follow["berjalan"],
    }
    total = next(r for r in book["Manfaat"].iter_rows(values_only=True) if r[0] == "JUMLAH")
    assert total[1:3] == (rec["cases"], rec["amount"])


@pytest.fixture
def demo(personas):
    load_demo(io.StringIO())
    return personas


def test_q3_packs_of_sarolangun_and_jambi_from_cli_and_web(demo, client, tmp_path):
    jambi_units = cli("coverage", "--province", "15", "--period", "2025-09")
    jambi_units = jambi_units["regions"] if isinstance(jambi_units, dict) else jambi_units
    assert len(jambi_units) == 11
    for code, units, user in (("15.03", [], demo.kabkota), ("15", jambi_units, demo.province)):
        rec = records(code)
        assert rec["sessions"] >= 1 and rec["findings"] >= 1 and rec["cases"] > 0
        assert rec["done"] >= 1 and rec["overdue"] >= 1  # both states are exercised
        # CLI
        pdf, xlsx = tmp_path / f"{code}.pdf", tmp_path / f"{code}.xlsx"
        data = cli(
            "report", "pack", code.replace(".", ""), "--period", "2025-Q3", "--out", str(pdf)
        )
        call_command(
            "report", "pack", code, "--period", "2025-Q3", "--out", str(xlsx), stdout=io.StringIO()
        )
        assert data["code"] == code and data["period"] == "2025-Q3"
        assert data["coverage"]["coverage_pct"] == coverage(code, "2025-09")["coverage_pct"]
        check_pdf(pdf_text(pdf.read_bytes(), tmp_path), code, units)
        check_xlsx(xlsx.read_bytes(), tmp_path, code, units)
        # Web, as the region's own officer
        client.force_login(user)
        page = client.get("/monev/paket/", {"wilayah": code, "periode": "2025-Q3"})
        assert page.status_code == 200
        assert percent(data["coverage"]["coverage_pct"], 2) in page.content.decode()
        web_pdf = client.get(f"/monev/paket/{code}/2025-Q3.pdf")
        assert web_pdf.status_code == 200 and web_pdf["Content-Type"] == "application/pdf"
        check_pdf(pdf_text(web_pdf.content, tmp_path), code, units)
        web_xlsx = client.get(f"/monev/paket/{code}/2025-Q3.xlsx")
        assert web_xlsx.status_code == 200
        check_xlsx(web_xlsx.content, tmp_path, code, units)
    # The Sarolangun officer may not read the province's pack, the outsider neither.
    client.force_login(demo.kabkota)
    assert client.get("/monev/paket/15/2025-Q3.pdf").status_code == 404
    client.force_login(demo.outsider)
    assert client.get("/monev/paket/15.03/2025-Q3.xlsx").status_code == 404


def test_pack_goes_up_the_hierarchy_and_is_frozen_once_accepted(demo, client, tmp_path):
    url = "/monev/paket/15.03/2025-Q3"
    client.force_login(demo.province)
    client.post(f"{url}/approve/")  # not submitted yet: refused, nothing changes
    assert not Pack.objects.filter(code="15.03", status="approved").exists()
    client.force_login(demo.kabkota)
    client.post(f"{url}/accept/")  # a kab/kota officer cannot accept
    client.post(f"{url}/submit/")
    assert Pack.objects.get(code="15.03").status == "submitted"
    client.force_login(demo.province)
    client.post(f"{url}/approve/")
    client.force_login(demo.national)
    client.post(f"{url}/accept/")
    pack = Pack.objects.get(code="15.03", period="2025-Q3")
    assert pack.status == "accepted" and pack.frozen
    accepted_pdf = client.get(f"{url}.pdf").content
    accepted = cli(
        "report", "pack", "15.03", "--period", "2025-Q3", "--out", str(tmp_path / "a.pdf")
    )
    # A late import changes the live figures, not the accepted pack.
    BenefitPaid.objects.create(
        region=region("15.03"), period=dt.date(2025, 8, 1), program="JKM", cases=9,
        amount=9 * 42_000_000, source="impor terlambat", is_sample=True,
    )  # fmt: skip
    assert client.get(f"{url}.pdf").content == accepted_pdf
    again = cli("report", "pack", "15.03", "--period", "2025-Q3", "--out", str(tmp_path / "b.pdf"))
    assert again["benefits"] == accepted["benefits"]
    # Province packs have no province above them: submitted → accepted.
    client.force_login(demo.province)
    client.post("/monev/paket/15/2025-Q3/submit/")
    client.force_login(demo.national)
    client.post("/monev/paket/15/2025-Q3/accept/")
    assert Pack.objects.get(code="15").status == "accepted"
    frozen_text = pdf_text(accepted_pdf, tmp_path)
    assert f"Jumlah kasus {number(accepted['benefits']['cases'])}" in frozen_text


def test_bad_period_and_unknown_region_exit_codes(demo, tmp_path):
    out = tmp_path / "x.pdf"
    for args, code in (
        (("99.99", "--period", "2025-Q3"), 2),
        (("15.03", "--period", "2025-Q7"), 1),
    ):
        buf = io.StringIO()
        with pytest.raises(SystemExit) as exc:
            call_command("report", "pack", *args, "--out", str(out), "--json", stdout=buf)
        assert exc.value.code == code
        assert "error" in json.loads(buf.getvalue())


def test_national_pack_compiles_the_provinces(demo, client, tmp_path):
    nation = cli("report", "pack", "ID", "--period", "2025-S1", "--out", str(tmp_path / "n.xlsx"))
    provinces = cli("coverage", "--level", "province", "--period", "2025-06")
    assert nation["level"] == "national" and len(nation["units"]) == len(provinces) == 38
    by_code = {u["code"]: u for u in nation["units"]}
    for obj in provinces:
        assert by_code[obj["code"]]["coverage_pct"] == obj["coverage_pct"], obj["code"]
    assert nation["coverage"]["coverage_pct"] == coverage("ID", "2025-06")["coverage_pct"]
    s1 = BenefitPaid.objects.filter(period__range=(dt.date(2025, 1, 1), dt.date(2025, 6, 30)))
    assert nation["benefits"]["amount"] == s1.aggregate(s=Sum("amount"))["s"]
    jambi = by_code["15"]
    assert (
        jambi["benefits_cases"]
        == s1.filter(region__province_code="15").aggregate(s=Sum("cases"))["s"]
    )
    client.force_login(demo.province)
    assert client.get("/monev/paket/ID/2025-S1.pdf").status_code == 404
    client.force_login(demo.national)
    response = client.get("/monev/paket/ID/2025-S1.pdf")
    assert response.status_code == 200
    assert "Nasional" in pdf_text(response.content, tmp_path)
