"""Issue 19 'done when' on the demo data: the letter to the Bupati of Sarolangun (from the
demo's 2 Oct 2024 meeting) and the recommendation to the Minister for the Sumatera
regions (Triwulan III 2025), from the CLI and the web, read back (pdftotext, python-docx)
with every figure checked against `ucj coverage`."""

from __future__ import annotations

import io
import json
import re
import subprocess

import pytest
from django.core.management import call_command
from docx import Document

from ucj.accounts.testing import PASSWORD
from ucj.lib.formats import number, percent
from ucj.lib.periods import MONTH_NAMES
from ucj.monev.cycle_demo import SAROLANGUN
from ucj.monev.cycle_models import Letter
from ucj.monev.models import MonevSession
from ucj.web.setup import load_demo

pytestmark = pytest.mark.django_db
SENTENCE = re.compile(
    r"Per (\w+) (\d{4}), peserta aktif BPJS Ketenagakerjaan ([\d.]+) dari ([\d.]+) "
    r"pekerja potensial \(cakupan ([\d,]+%)\)"
)


def cli(*args: str) -> dict:
    out = io.StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def pdf_text(content: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    return re.sub(r"\s+", " ", out)


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]  # kop, Nomor
    return re.sub(r"\s+", " ", " ".join(parts))


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def check_figures(text: str, code: str) -> None:
    """The letter's achievement sentence = `ucj coverage` of the month it names."""
    found = SENTENCE.search(text)
    assert found, text[:600]
    month, year, active, potential, pct = found.groups()
    cov = cli("coverage", code, "--period", f"{year}-{MONTH_NAMES.index(month) + 1:02d}")
    assert (active, potential, pct) == (
        number(cov["active_participants"]),
        number(cov["potential_workers"]),
        percent(cov["coverage_pct"]),
    )


@pytest.fixture
def demo(personas):
    load_demo(io.StringIO())
    return personas


def test_letter_to_the_bupati_of_sarolangun_from_the_demo(demo, client, tmp_path):
    session = MonevSession.objects.get(title=SAROLANGUN.title)
    made = cli("letters", "draft", "--session", str(session.pk), "--region", "15.03")
    assert made["addressee"] == "Bupati Sarolangun"
    issued = cli("letters", "issue", str(made["id"]))
    for suffix, read in ((".pdf", pdf_text), (".docx", docx_text)):
        out = tmp_path / f"surat{suffix}"
        cli("letters", "export", str(made["id"]), "--out", str(out))
        text = read(out.read_bytes())
        assert "Bupati Sarolangun" in text and issued["number"] in text
        assert "Lindungi pekerja rentan dengan JKK + JKM" in text  # the demo recommendation
        check_figures(text, "15.03")
    # The web: the national analyst drafts the same letter from the session page.
    assert client.login(username=demo.national.username, password=PASSWORD)
    page = client.post(f"/monev/sesi/{session.pk}/surat/", {"region": "15.03"})
    letter = Letter.objects.exclude(pk=made["id"]).get(session=session)
    assert page.status_code == 302 and page.url.endswith(f"/monev/surat/{letter.pk}/")
    for name, read in (("surat.pdf", pdf_text), ("surat.docx", docx_text)):
        text = read(body(client.get(f"/monev/surat/{letter.pk}/{name}")))
        assert "Bupati Sarolangun" in text and "KONSEP" in text.upper()
        check_figures(text, "15.03")


def test_recommendation_to_the_minister_for_sumatera_from_the_demo(demo, client):
    brief = cli("minister", "draft", "--regions", "sumatera", "--period", "2025-Q3")
    assert {"15", "15.03", "18"} <= set(brief["regions"]) or {"15", "18"} <= set(brief["regions"])
    figures = {f["code"]: f for f in brief["figures"]}
    assert "15" in figures
    for code, frozen in figures.items():  # each region's month, as `ucj coverage` gives it
        cov = cli("coverage", code, "--period", frozen["period"][:7])
        assert (frozen["active_participants"], frozen["coverage_pct"]) == (
            cov["active_participants"],
            cov["coverage_pct"],
        ), code
    assert client.login(username=demo.national.username, password=PASSWORD)
    made = client.post(
        "/monev/rekomendasi-menteri/", {"regions": "sumatera", "period": "2025-Q3", "title": ""}
    )
    assert made.status_code == 302
    jambi = figures["15"]
    for name, read in (("dokumen.pdf", pdf_text), ("dokumen.docx", docx_text)):
        text = read(body(client.get(f"{made.url}{name}")))
        assert "Menteri Dalam Negeri" in text
        assert percent(jambi["coverage_pct"]) in text
        assert number(jambi["active_participants"]) in text
