"""Letters to the head of region and the recommendation to the Minister (issue 19 items
2 and 3): drafted from a session, read back from the PDF (pdftotext) and the DOCX
(python-docx), every figure checked against `ucj coverage` and the monev records."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

from ucj.intake.testing import system_actor
from ucj.lib.formats import number, percent
from ucj.monev import letters, minister, services
from ucj.monev.tests import figures
from ucj.monev.tests.factories import finding_with_follow_up, session_input

pytestmark = pytest.mark.django_db


def cli(verb, *args):
    out = StringIO()
    call_command(verb, *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def cli_exit(verb, *args):
    with pytest.raises(SystemExit) as exc:
        call_command(verb, *args, "--json", stdout=StringIO())
    return exc.value.code


def pdf_text(path):
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


def docx_text(path):
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


@pytest.fixture
def sarolangun_session():
    figures.load()
    session = services.record_session(system_actor(), session_input(["15.03", "15.04"], held=True))
    finding_with_follow_up(
        system_actor(), session, "15.03", dt.date(2025, 8, 31), office="Disnaker"
    )
    return session


def test_letter_to_the_bupati_from_the_cli(sarolangun_session, tmp_path):
    session = sarolangun_session
    letter = cli("letters", "draft", "--session", str(session.pk), "--region", "15.03")
    assert letter["state"] == "draft" and letter["number"] is None
    assert letter["addressee"] == "Bupati Sarolangun"
    assert "Menteri Dalam Negeri" in letter["tembusan"]
    assert "Gubernur Jambi" in letter["tembusan"]
    cli("letters", "edit", str(letter["id"]), "--sifat", "segera", "--lampiran", "1 berkas")
    issued = cli("letters", "issue", str(letter["id"]), "--date", "2025-06-02")
    assert issued["number"] == "001/BSKDN/2025" and issued["state"] == "issued"
    # Frozen: an edit or a second issue is refused (exit 1), nothing changes.
    assert cli_exit("letters", "edit", str(letter["id"]), "--hal", "lain") == 1
    assert cli_exit("letters", "issue", str(letter["id"])) == 1
    # The register counts on: the next letter of the office that year is 002.
    other = cli("letters", "draft", "--session", str(session.pk), "--region", "15.04")
    assert other["addressee"] == "Bupati Batanghari"
    assert cli("letters", "issue", str(other["id"]), "--date", "2025-07-01")["number"] == (
        "002/BSKDN/2025"
    )
    # Figures in the letter = `ucj coverage` for the month the session froze.
    cov = cli("coverage", "15.03", "--period", "2024-10")
    assert cov["coverage_pct"] is not None
    expected = [
        "Bupati Sarolangun",
        "001/BSKDN/2025",
        "Segera",
        "1 berkas",
        "Oktober 2024",
        number(cov["active_participants"]),
        number(cov["potential_workers"]),
        percent(cov["coverage_pct"]),
        "Cakupan pekerja informal rendah",  # the finding
        "Anggarkan iuran JKK+JKM pekerja rentan di APBD-P",  # its recommendation
        "Usulkan anggaran di APBD-P",  # its follow-up
        "31 Agustus 2025",
        "Jakarta, 2 Juni 2025",
        "Tembusan",
    ]
    for suffix, read in ((".pdf", pdf_text), (".docx", docx_text)):
        out = tmp_path / f"surat{suffix}"
        cli("letters", "export", str(letter["id"]), "--out", str(out))
        text = read(out)
        for piece in expected:
            assert piece in text, (suffix, piece)
        assert "KONSEP" not in text
    assert number(cov["active_participants"]) == "48.160"  # 31.000 PU + 17.160 BPU


def test_a_draft_letter_says_so_and_letters_are_scoped(sarolangun_session, personas, tmp_path):
    letter = letters.draft(personas.kabkota, sarolangun_session.pk, "15.03")
    out = tmp_path / "konsep.pdf"
    cli("letters", "export", str(letter.pk), "--out", str(out))
    assert "KONSEP" in pdf_text(out)
    with pytest.raises(Exception, match=r"15\.04"):
        letters.draft(personas.kabkota, sarolangun_session.pk, "15.04")
    with pytest.raises(Exception, match="tidak ada atau di luar"):
        letters.get(personas.outsider, letter.pk)
    assert letters.get(personas.province, letter.pk) == letter


def test_recommendation_to_the_minister_for_sumatera(sarolangun_session, tmp_path):
    session = sarolangun_session
    brief = cli("minister", "draft", "--regions", "sumatera", "--period", "2025-Q2")
    assert "15" in brief["regions"] and "18" in brief["regions"]
    keys = [d["key"] for d in brief["dimensions"]]
    assert keys[:4] == ["regulasi", "penganggaran", "aksesibilitas", "pengawasan"]
    items = [i for d in brief["dimensions"] for i in d["items"]]
    assert [i["text"] for i in items] == ["Anggarkan iuran JKK+JKM pekerja rentan di APBD-P"]
    evidence = items[0]["evidence"]
    assert evidence[0]["region"] == "15.03" and evidence[0]["session"] == session.pk
    # Editable before issue; an added recommendation lands in its dimension.
    cli("minister", "edit", str(brief["id"]), "--item", str(items[0]["id"]),
        "--text", "Anggarkan iuran JKK+JKM pekerja rentan di APBD-P 2026")  # fmt: skip
    cli("minister", "add", str(brief["id"]), "--dimension", "regulasi",
        "--text", "Dorong Perbup perlindungan pekerja rentan")  # fmt: skip
    issued = cli("minister", "issue", str(brief["id"]), "--date", "2025-07-10")
    assert issued["state"] == "issued" and issued["number"] == "001/BSKDN/2025"
    assert cli_exit("minister", "add", str(brief["id"]), "--dimension", "regulasi",
                    "--text", "x") == 1  # fmt: skip
    jambi = cli("coverage", "15", "--period", "2024-10")
    saro = cli("coverage", "15.03", "--period", "2024-10")
    rows = {f["code"]: f for f in issued["figures"]}
    assert rows["15"]["coverage_pct"] == jambi["coverage_pct"]
    assert rows["15.03"]["coverage_pct"] == saro["coverage_pct"]
    for suffix, read in ((".pdf", pdf_text), (".docx", docx_text)):
        out = tmp_path / f"menteri{suffix}"
        cli("minister", "export", str(brief["id"]), "--out", str(out))
        text = read(out)
        for piece in (
            "Menteri Dalam Negeri",
            "Dimensi Regulasi",
            "Dimensi Penganggaran",
            "Dimensi Aksesibilitas",
            "Dimensi Pengawasan pelaksanaan",
            "Dorong Perbup perlindungan pekerja rentan",
            "APBD-P 2026",
            "Cakupan pekerja informal rendah",  # the evidence: the finding …
            "Monev UCJ 2025 (19 Mei 2025)",  # … and its session
            percent(jambi["coverage_pct"]),
            number(jambi["active_participants"]),
            percent(saro["coverage_pct"]),
            "001/BSKDN/2025",
        ):
            assert piece in text, (suffix, piece)


def test_period_and_region_errors_name_the_value():
    with pytest.raises(Exception, match="2025-Q5"):
        minister.parse_period("2025-Q5")
    assert minister.parse_period("2025-S2") == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert cli_exit("minister", "draft", "--regions", "99", "--period", "2025") == 1
