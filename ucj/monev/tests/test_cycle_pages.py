"""The monev-cycle pages as their users use them (issue 19): the letter to the Bupati of
Sarolangun and the recommendation to the Minister for the Sumatera regions made, edited,
issued and downloaded from the web; the Paritrana readiness checklist."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

from ucj.accounts.testing import PASSWORD, region
from ucj.intake.testing import system_actor
from ucj.lib.formats import number, percent
from ucj.monev import services
from ucj.monev.cycle_models import Letter, MinisterBrief
from ucj.monev.records import PlanAlignment, Regulation
from ucj.monev.tests import figures
from ucj.monev.tests.factories import finding_with_follow_up, session_input

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def cli(*args):
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return " ".join(done.stdout.decode().split())


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join(" ".join(parts).split())


def body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.fixture
def session():
    figures.load()
    made = services.record_session(system_actor(), session_input(["15.03"], held=True))
    finding_with_follow_up(system_actor(), made, "15.03", dt.date(2025, 8, 31))
    return made


def test_letter_to_the_bupati_on_the_web(client, personas, session):
    login(client, personas.kabkota)
    page = client.get(f"/monev/sesi/{session.pk}/").content.decode()
    assert 'data-testid="session-letters"' in page and "Buat konsep surat" in page
    made = client.post(f"/monev/sesi/{session.pk}/surat/", {"region": "15.03"})
    letter = Letter.objects.get()
    assert made.url == f"/monev/surat/{letter.pk}/"
    form = client.get(made.url).content.decode()
    assert "Bupati Sarolangun" in form and 'data-testid="letter-state">konsep' in form
    edited = client.post(
        made.url,
        {
            "sifat": "penting",
            "lampiran": "-",
            "hal": "Rekomendasi percepatan UCJ Kabupaten Sarolangun",
            "addressee": "Bupati Sarolangun",
            "addressee_place": "Sarolangun",
            "body": letter.body + "\n\nMohon tindak lanjut sebelum APBD-P 2025.",
            "tembusan": letter.tembusan,
        },
    )
    assert edited.status_code == 302
    assert client.post(f"/monev/surat/{letter.pk}/terbitkan/").status_code == 302
    letter.refresh_from_db()
    assert letter.is_issued and letter.number == f"001/BSKDN/{dt.date.today().year}"
    # Frozen: a later edit is refused on the page and changes nothing.
    client.post(made.url, {"sifat": "biasa", "lampiran": "-", "hal": "lain",
                           "addressee": "x", "addressee_place": "x", "body": "x"})  # fmt: skip
    letter.refresh_from_db()
    assert letter.hal == "Rekomendasi percepatan UCJ Kabupaten Sarolangun"
    cov = cli("coverage", "15.03", "--period", "2024-10")
    pdf = pdf_text(body(client.get(f"/monev/surat/{letter.pk}/surat.pdf")))
    docx = docx_text(body(client.get(f"/monev/surat/{letter.pk}/surat.docx")))
    for text in (pdf, docx):
        for piece in (
            letter.number,
            "Penting",
            "Rekomendasi percepatan UCJ Kabupaten Sarolangun",
            "Mohon tindak lanjut sebelum APBD-P 2025.",
            percent(cov["coverage_pct"]),
            number(cov["active_participants"]),
            "Anggarkan iuran JKK+JKM pekerja rentan di APBD-P",
        ):
            assert piece in text
    # Listed on the region's scorecard; not readable outside the region.
    card = client.get("/wilayah/15.03/").content.decode()
    assert letter.number in card and 'data-testid="panel-letters"' in card
    login(client, personas.outsider)
    assert client.get(f"/monev/surat/{letter.pk}/surat.pdf").status_code == 404


def test_recommendation_to_the_minister_on_the_web(client, personas, session):
    login(client, personas.national)
    made = client.post(
        "/monev/rekomendasi-menteri/", {"regions": "sumatera", "period": "2025-Q2", "title": ""}
    )
    brief = MinisterBrief.objects.get()
    assert made.url == f"/monev/rekomendasi-menteri/{brief.pk}/"
    page = client.get(made.url).content.decode()
    for key in ("regulasi", "penganggaran", "aksesibilitas", "pengawasan"):
        assert f'data-testid="dimension-{key}"' in page
    item = brief.items.get()
    assert "Cakupan pekerja informal rendah" in page  # the evidence under it
    client.post(made.url, {"item": item.pk, "text": "Alokasikan APBD untuk iuran pekerja rentan",
                           "dimension": "penganggaran"})  # fmt: skip
    client.post(made.url, {"text": "Perkuat Perda UCJ", "dimension": "regulasi"})
    assert client.post(f"{made.url}terbitkan/").status_code == 302
    brief.refresh_from_db()
    assert brief.is_issued and brief.items.count() == 2
    client.post(made.url, {"text": "terlambat", "dimension": "regulasi"})
    assert brief.items.count() == 2  # issued: frozen
    jambi = cli("coverage", "15", "--period", "2024-10")
    pdf = pdf_text(body(client.get(f"{made.url}dokumen.pdf")))
    docx = docx_text(body(client.get(f"{made.url}dokumen.docx")))
    for text in (pdf, docx):
        for piece in (
            "Dimensi Penganggaran",
            "Alokasikan APBD untuk iuran pekerja rentan",
            "Perkuat Perda UCJ",
            "Cakupan pekerja informal rendah",
            percent(jambi["coverage_pct"]),
            brief.number,
        ):
            assert piece in text
    # A kab/kota officer cannot draft for all of Sumatera.
    login(client, personas.kabkota)
    refused = client.post("/monev/rekomendasi-menteri/", {"regions": "sumatera", "period": "2025"})
    assert refused.status_code == 400 and "tidak berwenang" in refused.content.decode()


def test_paritrana_checklist_without_and_with_configured_weights(client, personas, settings):
    figures.load()
    login(client, personas.kabkota)
    Regulation.objects.create(
        region=region("15.03"),
        kind="perbup",
        number="12",
        year=2024,
        title="Perlindungan pekerja rentan",
        covers_vulnerable=True,
    )
    PlanAlignment.objects.create(region=region("15.03"), year=2024, in_rpjmd=True,
                                 in_rkpd=None, apbd_budget_line=True,
                                 target_pct=Decimal("65"))  # fmt: skip
    data = cli("paritrana", "15.03", "--year", "2024")
    aspects = {a["key"]: a for a in data["aspects"]}
    states = {i["key"]: i["state"] for a in data["aspects"] for i in a["items"]}
    assert states["in_force"] == "met" and states["covers_vulnerable"] == "met"
    assert states["covers_non_asn"] == "not_met"
    assert states["in_rpjmd"] == "met" and states["in_rkpd"] == "missing"
    assert states["coverage"] == "met" and states["target"] == "not_met"  # 43% < 65%
    assert "UCJ dalam RKPD" in data["missing"]
    assert data["score"] is None and data["weights"] is None
    assert aspects["regulasi"]["met"] == 2
    page = client.get("/monev/wilayah/15.03/paritrana/", {"tahun": "2024"}).content.decode()
    assert "tidak dipublikasikan" in page and "UCJ dalam RKPD" in page and "Skor" not in page
    settings.UCJ_PARITRANA_WEIGHTS = "regulasi=50,inisiatif=25,kinerja=25"
    data = cli("paritrana", "15.03", "--year", "2024")
    expected = sum(
        w * a["met"] / a["total"] for w, a in zip((50, 25, 25), data["aspects"], strict=True)
    )
    assert data["score"] == round(expected, 1) and data["weights_basis"] == "configured"
    page = client.get("/monev/wilayah/15.03/paritrana/", {"tahun": "2024"}).content.decode()
    assert "bukan bobot resmi" in page
