"""Planning pages and API: region page, workspace comparison, export and reopen, scope."""

from __future__ import annotations

import pytest

from ucj.accounts.testing import region
from ucj.planning import scenarios
from ucj.planning.models import FundingSource, Scenario
from ucj.planning.tests.factories import jambi_figures
from ucj.planning.tests.test_scenarios import GAP, GAP_JHT

pytestmark = pytest.mark.django_db


@pytest.fixture
def sarolangun(personas):
    jambi_figures()
    FundingSource.objects.create(
        region=region("15.03"),
        year=2024,
        source="apbd_p",
        committed_amount=1_241_856_000,
        workers=24_640,
        worker_group="pekerja_rentan",
        programs="JKK,JKM",
    )
    return personas


def test_region_page(client, sarolangun):
    client.force_login(sarolangun.kabkota)
    page = client.get("/perencanaan/15.03/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kabupaten Sarolangun" in html
    assert "sedang" in html  # next category
    assert "6.160" in html  # what the APBD-P commitment buys for 12 months
    assert "APBD Perubahan" in html
    assert "setengah ke atas" in html  # the rounding rule is stated


def test_region_page_scope(client, sarolangun):
    client.force_login(sarolangun.outsider)
    assert client.get("/perencanaan/15.03/").status_code == 404
    client.logout()
    assert client.get("/perencanaan/15.03/").status_code == 302  # log in first


def test_workspace_save_compare_export_reopen(client, sarolangun):
    client.force_login(sarolangun.kabkota)
    url = "/perencanaan/15.03/ruang-kerja/"
    made = client.post(
        url,
        {
            "name": "Kesenjangan JKK+JKM",
            "kind": "reach",
            "target_pct": "65",
            "segment": "BPU",
            "programs": ["JKK", "JKM"],
            "months": 3,
            "start": "2024-10",
            "period": "2024-09",
        },
    )
    assert made.status_code == 302
    first = Scenario.objects.get()
    second = scenarios.save(region("15.03"), "Ditambah JHT", GAP_JHT)
    page = client.get(url, {"id": [first.pk, second.pk]})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Rp1.241.856.000" in html and "Rp2.720.256.000" in html
    xlsx = client.get("/perencanaan/15.03/ruang-kerja/ekspor.xlsx", {"id": [first.pk, second.pk]})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    pdf = client.get("/perencanaan/15.03/ruang-kerja/ekspor.pdf", {"id": [first.pk]})
    assert pdf.content.startswith(b"%PDF")
    Scenario.objects.all().delete()
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("skenario-15.03.xlsx", xlsx.content)
    back = client.post("/perencanaan/15.03/ruang-kerja/impor/", {"berkas": upload})
    assert back.status_code == 302
    assert sorted(Scenario.objects.values_list("name", flat=True)) == [
        "Ditambah JHT",
        "Kesenjangan JKK+JKM",
    ]
    reopened = Scenario.objects.get(name="Kesenjangan JKK+JKM")
    detail = client.get(f"/perencanaan/skenario/{reopened.pk}/")
    assert detail.status_code == 200
    assert "Rp1.241.856.000" in detail.content.decode()
    assert 'value="2024-10"' in detail.content.decode()  # inputs back in the form


def test_outsider_cannot_see_scenarios(client, sarolangun):
    saved = scenarios.save(region("15.03"), "Rahasia", GAP)
    client.force_login(sarolangun.outsider)
    assert client.get(f"/perencanaan/skenario/{saved.pk}/").status_code == 404


def test_api_cost_and_reach(client, sarolangun):
    out = client.get(
        "/api/v1/planning/cost",
        {"segment": "BPU", "programs": "JKK,JKM", "months": 1, "start": "2025-01"},
    ).json()
    assert out["per_worker_month"] == 16_800
    reach = client.get(
        "/api/v1/planning/15.03/reach", {"target_pct": 65, "months": 3, "period": "2024-09"}
    ).json()
    assert (reach["gap_workers"], reach["cost_total"]) == (24_640, 1_241_856_000)
    bad = client.get("/api/v1/planning/cost", {"segment": "BPU", "programs": "JP"})
    assert bad.status_code == 422 and "BPU" in bad.json()["message_en"]
    client.force_login(sarolangun.kabkota)
    overview = client.get("/api/v1/planning/15.03/overview").json()
    assert overview["funding"]["affordable_workers"] == 6_160


def test_scorecard_panel(client, sarolangun):
    client.force_login(sarolangun.kabkota)
    page = client.get("/wilayah/15.03/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/perencanaan/15.03/" in html  # the planning panel links to the full page
    assert "Yang sudah dibeli oleh pendanaan" in html
    client.logout()
    assert "/perencanaan/15.03/" not in client.get("/wilayah/15.03/").content.decode()


def test_rate_tables_in_admin(client, personas):
    client.force_login(personas.admin)
    page = client.get("/admin/planning/contributionrate/")
    assert page.status_code == 200 and "PP 6/2025" in page.content.decode()
    for model in ("jakonband", "pmipackage", "relaxation", "fundingsource", "scenario"):
        assert client.get(f"/admin/planning/{model}/").status_code == 200


def test_broken_scenario_params_are_reported_not_raised(client, sarolangun):
    broken = Scenario.objects.create(
        region=region("15.03"), name="Rusak", params={"kind": "reach", "programs": ["JKK"]}
    )
    out = scenarios.evaluate(broken)
    assert "target_pct" in out["error"]
    client.force_login(sarolangun.kabkota)
    assert client.get(f"/perencanaan/skenario/{broken.pk}/").status_code == 200


def test_index_finds_a_region(client, personas):
    client.force_login(personas.kabkota)
    page = client.get("/perencanaan/")
    assert page.status_code == 200 and "/perencanaan/15.03/" in page.content.decode()
    found = client.get("/perencanaan/", {"wilayah": "Kab. Sarolangun"})
    assert found.status_code == 302 and found.url == "/perencanaan/15.03/"
    other = client.get("/perencanaan/", {"wilayah": "Lampung Tengah"})
    assert other.status_code == 200 and "wewenang" in other.content.decode()
