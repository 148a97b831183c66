"""Monev pages through the test client: a session for several regions, findings and
follow-ups that show on each region's scorecard until done, matrices, downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ucj.accounts.testing import PASSWORD, region
from ucj.monev.models import FollowUp, MonevSession, Status
from ucj.monev.records import Regulation
from ucj.monev.tests import figures

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_session_to_scorecard_until_done(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    figures.load()
    login(client, personas.province)
    resp = client.post(
        reverse("monev:session_create"),
        {
            "date": "2024-11-05",  # October 2024 figures are known by then
            "title": "Monev UCJ Triwulan III",
            "organiser": "bpjs_tk",
            "mode": "in_person",
            "location": "Kantor Bupati",
            "regions": "15.03, 15.04",
            "held": "on",
            "attendees": "Budi; Disnaker; Kepala Bidang\nSari; BPJS TK; Kepala",
            "agenda_target": "Target 65%",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    session = MonevSession.objects.get()
    assert session.snapshots.count() == 2

    page = client.get(resp["Location"]).content.decode()
    assert "Monev UCJ Triwulan III" in page and "43,00%" in page  # Sarolangun's snapshot
    assert "Penyampaian target" in page and "Target 65%" in page

    resp = client.post(
        reverse("monev:finding_add", args=[session.pk]),
        {
            "region": "15.03",
            "text": "Informal rendah",
            "recommendation": "Anggarkan JKK+JKM",
            "action": "Usulkan di APBD-P",
            "responsible_office": "Disnaker",
            "due_date": "2099-09-30",
        },
    )
    assert resp.status_code == 302
    item = FollowUp.objects.get()

    # The follow-up shows on Sarolangun's scorecard, not on its neighbour's.
    login(client, personas.kabkota)
    card = client.get(reverse("web:scorecard", args=["15.03"])).content.decode()
    assert "Usulkan di APBD-P" in card and 'data-testid="brief-download"' in card
    assert (
        "Usulkan di APBD-P"
        not in client.get(reverse("web:scorecard", args=["15.04"])).content.decode()
    )

    resp = client.post(
        reverse("monev:follow_up", args=[item.pk]),
        {
            "status": "done",
            "note": "Sudah ditetapkan",
            "evidence": SimpleUploadedFile("dpa.pdf", b"%PDF-1.4 bukti", "application/pdf"),
        },
    )
    assert resp.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.DONE and item.evidence.count() == 1
    evidence = item.evidence.get()
    resp = client.get(reverse("monev:evidence", args=[item.pk, evidence.pk]))
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"%PDF-1.4 bukti"
    assert "attachment" in resp["Content-Disposition"]
    login(client, personas.outsider)
    assert client.get(reverse("monev:evidence", args=[item.pk, evidence.pk])).status_code == 404
    login(client, personas.kabkota)
    resp = client.post(
        reverse("monev:follow_up", args=[item.pk]),
        {
            "status": "done",
            "evidence": SimpleUploadedFile("x.html", b"<script>", "text/html"),
        },
    )
    assert resp.status_code == 400 and item.evidence.count() == 1
    card = client.get(reverse("web:scorecard", args=["15.03"])).content.decode()
    assert "Usulkan di APBD-P" not in card


def test_bad_input_is_a_message_not_a_500(client, personas):
    login(client, personas.kabkota)
    resp = client.post(
        reverse("monev:session_create"),
        {
            "date": "2025-05-19",
            "title": "x",
            "organiser": "bpjs_tk",
            "mode": "online",
            "regions": "15.03, 18.02",
            "period": "2025-13",
        },
    )
    assert resp.status_code == 400
    assert "YYYY-MM" in resp.content.decode()
    resp = client.post(
        reverse("monev:session_create"),
        {
            "date": "2025-05-19",
            "title": "x",
            "organiser": "bpjs_tk",
            "mode": "online",
            "regions": "15.03, 18.02",
        },
    )
    assert resp.status_code == 400
    assert "18.02" in resp.content.decode() and "tidak berwenang" in resp.content.decode()
    assert MonevSession.objects.count() == 0


def test_overdue_escalates_to_province_page(client, personas):
    from ucj.monev import services
    from ucj.monev.tests.factories import finding_with_follow_up, session_input

    session = services.record_session(personas.national, session_input(["15.03"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2020, 1, 31))
    login(client, personas.province)
    page = client.get(reverse("monev:follow_ups") + "?wilayah=15").content.decode()
    assert 'data-testid="escalated"' in page and 'data-state="overdue"' in page
    card = client.get(reverse("web:scorecard", args=["15"])).content.decode()
    assert 'data-testid="panel-escalated"' in card
    # An outsider sees none of it.
    login(client, personas.outsider)
    page = client.get(reverse("monev:follow_ups") + "?wilayah=15").content.decode()
    assert 'data-state="overdue"' not in page
    assert client.get(reverse("monev:session", args=[session.pk])).status_code == 404


def test_matrices_and_regulation_pages(client, personas):
    Regulation.objects.create(
        region=region("15.03"),
        kind="perbup",
        number="27",
        year=2024,
        title="Pekerja rentan",
        covers_vulnerable=True,
    )
    page = client.get(reverse("monev:matrix_regulations") + "?provinsi=15").content.decode()
    assert 'data-code="15.03"' in page
    assert client.get(reverse("monev:regulations")).status_code == 200
    page = client.get(reverse("monev:matrix_plan") + "?tahun=2025&provinsi=15").content.decode()
    assert 'data-code="15.03"' in page
    login(client, personas.kabkota)
    resp = client.post(
        reverse("monev:regulation_create"),
        {
            "region_code": "18.02",
            "kind": "perda",
            "year": "2024",
            "title": "Bukan wilayah",
            "status": "enacted",
        },
    )
    assert resp.status_code == 400 and Regulation.objects.count() == 1


def test_downloads(client, personas):
    figures.load()
    resp = client.get(reverse("monev:brief", args=["15.03"]))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    assert b"".join(resp.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("monev:brief", args=["99.99"])).status_code == 404
    assert client.get(reverse("monev:brief", args=["15.03"]) + "?periode=x").status_code == 404
    login(client, personas.national)
    resp = client.get(reverse("monev:export", args=["tindak-lanjut"]))
    assert resp.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(resp.streaming_content)))
    assert book.active.max_row == 1  # header only: nothing recorded yet
    assert client.get(reverse("monev:national_pdf")).status_code == 200


def test_planned_session_is_held_later_from_its_page(client, personas):
    figures.load()
    login(client, personas.branch)  # BPJS TK branches run monev meetings too
    resp = client.post(
        reverse("monev:session_create"),
        {
            "date": "2024-11-05",  # October 2024 figures are known by then
            "title": "Rencana monev",
            "organiser": "bpjs_tk",
            "mode": "online",
            "regions": "15.03",
        },
    )
    assert resp.status_code == 302
    session = MonevSession.objects.get()
    assert not session.held and not session.snapshots.exists()
    login(client, personas.outsider)
    assert client.post(reverse("monev:session_hold", args=[session.pk])).status_code == 404
    login(client, personas.branch)
    assert client.post(reverse("monev:session_hold", args=[session.pk])).status_code == 302
    assert session.snapshots.get().data["coverage_pct"] == 43.0


def test_overdue_follow_ups_surface_on_the_national_page(client, personas):
    from ucj.monev import services
    from ucj.monev.tests.factories import finding_with_follow_up, session_input

    figures.load()
    session = services.record_session(personas.national, session_input(["15.03", "18.02"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2020, 1, 31))
    finding_with_follow_up(personas.national, session, "18.02", dt.date(2099, 1, 31))
    login(client, personas.province)
    page = client.get(reverse("web:home")).content.decode()
    assert 'data-testid="national-overdue"' in page
    assert "15.03 Kabupaten Sarolangun" in page and "18.02" not in page.split("national-overdue")[1]
    # Anonymous visitors and officers of other regions see no follow-up.
    client.logout()
    assert 'data-testid="national-overdue"' not in client.get(reverse("web:home")).content.decode()
    login(client, personas.outsider)
    assert 'data-testid="national-overdue"' not in client.get(reverse("web:home")).content.decode()
