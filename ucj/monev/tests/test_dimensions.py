"""Findings by dimension and obstacle type; reporting periods (triwulan, semester)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from ucj.accounts.approval import ApprovalError
from ucj.accounts.periods import parse_reporting_period
from ucj.monev import dimensions, findings, services
from ucj.monev.defaults import ensure_defaults
from ucj.monev.dimensions import ObstacleType
from ucj.monev.models import Finding
from ucj.monev.tests.factories import session_input


def test_reporting_periods():
    q3 = parse_reporting_period("2025-Q3")
    assert (q3.start, q3.end, q3.last_month, q3.before) == (
        dt.date(2025, 7, 1), dt.date(2025, 9, 30), dt.date(2025, 9, 1), dt.date(2025, 6, 1),
    )  # fmt: skip
    assert q3.label_id == "Triwulan III 2025" and q3.code == "2025-Q3"
    s1 = parse_reporting_period(" 2025-s1 ")
    assert (s1.start, s1.end, s1.code, s1.label_id) == (
        dt.date(2025, 1, 1), dt.date(2025, 6, 30), "2025-S1", "Semester I 2025",
    )  # fmt: skip
    q4 = parse_reporting_period("2025-Q4")
    assert q4.end == dt.date(2025, 12, 31) and len(q4.month_list()) == 3
    for bad in ("2025-Q5", "2025-S3", "2025-09", "Q3-2025", ""):
        with pytest.raises(ApprovalError) as exc:
            parse_reporting_period(bad)
        assert "tidak valid" in exc.value.message_id and "Invalid" in exc.value.message_en


@pytest.mark.django_db
def test_obstacles_are_a_table_with_bskdn_four(personas):
    ensure_defaults()
    ensure_defaults()  # twice: nothing duplicated
    labels = set(ObstacleType.objects.values_list("label_en", flat=True))
    assert {
        "Weak regional regulation", "Limited budget", "Little inter-agency collaboration",
        "Low public awareness",
    } <= labels  # fmt: skip
    ObstacleType.objects.create(code="baru", label="Kendala baru")  # configurable
    assert dimensions.check_dimension("regulasi", "baru").label == "Kendala baru"
    with pytest.raises(ValidationError):
        dimensions.check_dimension("politik", "")
    with pytest.raises(ValidationError):
        dimensions.check_dimension("regulasi", "tidak-ada")


@pytest.mark.django_db
def test_matrix_counts_regions_per_obstacle_and_drills_down_in_scope(personas):
    ensure_defaults()
    p = personas
    jambi = services.record_session(p.national, session_input(["15.03", "15.01"]))
    lamteng = services.record_session(p.national, session_input(["18.02"]))
    services.add_finding(p.national, jambi, "15.03", "Perbup belum ada", dimension="regulasi",
                         obstacle="regulasi_lemah")  # fmt: skip
    services.add_finding(p.national, jambi, "15.03", "Perda juga belum", dimension="regulasi",
                         obstacle="regulasi_lemah")  # fmt: skip
    services.add_finding(p.national, jambi, "15.01", "Tidak ada Perbup", dimension="regulasi",
                         obstacle="regulasi_lemah")  # fmt: skip
    services.add_finding(p.national, lamteng, "18.02", "Perkada lemah", dimension="regulasi",
                         obstacle="regulasi_lemah")  # fmt: skip
    services.add_finding(p.national, lamteng, "18.02", "Lama, tanpa dimensi")
    assert Finding.objects.filter(dimension="").count() == 1  # 'belum ditentukan' allowed

    def cell(matrix, dim, obstacle):
        row = next(r for r in matrix["dimensions"] if r["dimension"] == dim)
        return next(c for c in row["cells"] if c["obstacle"] == obstacle)

    national = findings.obstacle_matrix(p.national)
    assert cell(national, "regulasi", "regulasi_lemah") == {
        "obstacle": "regulasi_lemah", "regions": 3, "findings": 4,
    }  # fmt: skip
    assert cell(national, "-", "-")["regions"] == 1
    province = findings.obstacle_matrix(p.province)  # Jambi sees its own regions only
    assert cell(province, "regulasi", "regulasi_lemah")["regions"] == 2
    drill = findings.drill_down(p.province, "regulasi", "regulasi_lemah")
    assert [r["code"] for r in drill] == ["15.01", "15.03"]
    assert len(drill[1]["findings"]) == 2
    assert findings.drill_down(p.kabkota, "-", "-") == []


@pytest.mark.django_db
def test_obstacle_page_and_drill_down_page(personas, client):
    ensure_defaults()
    p = personas
    session = services.record_session(p.national, session_input(["15.03"]))
    services.add_finding(p.national, session, "15.03", "Anggaran APBD kurang",
                         dimension="penganggaran", obstacle="anggaran_terbatas")  # fmt: skip
    client.force_login(p.province)
    page = client.get("/monev/kendala/").content.decode()
    assert 'data-cell="penganggaran/anggaran_terbatas">1</a>' in page
    drill = client.get("/monev/kendala/penganggaran/anggaran_terbatas/").content.decode()
    assert "Anggaran APBD kurang" in drill and "15.03" in drill
    client.force_login(p.outsider)  # Lampung Tengah: not in its scope
    assert (
        "Anggaran APBD kurang"
        not in client.get("/monev/kendala/penganggaran/anggaran_terbatas/").content.decode()
    )
    assert client.get("/monev/kendala/?periode=2025-Q9").status_code == 404
    # The finding form offers the dimensions and the configured obstacle types.
    client.force_login(p.national)
    form = client.get(f"/monev/sesi/{session.pk}/").content.decode()
    assert 'value="pengawasan"' in form and 'value="kesadaran_rendah"' in form
    assert "Penganggaran" in form and "Anggaran terbatas" in form
