"""The audit page and export: history of edits, the import change log, who did what."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from ucj.accounts import approval
from ucj.accounts.audit import AuditFilter, page, stream
from ucj.accounts.models import Role, RoleAssignment
from ucj.indicators.models import Target
from ucj.intake.models import ChangeRecord, ImportBatch
from ucj.lib.testing import month, region

pytestmark = pytest.mark.django_db


def _story(personas):
    target = Target(region=region("15.03"), year=2025, pct=40, issuer="rpjmd")
    target._history_user = personas.province
    target.save()
    target.pct = 45
    target._history_user = personas.province
    target.save()
    approval.submit(personas.kabkota, region("15.03"), month("2025-03"))
    approval.approve(personas.province, region("15.03"), month("2025-03"))
    approval.reopen(personas.national, region("15.03"), month("2025-03"), "salah hitung cabang")
    batch = ImportBatch.objects.create(
        kind="participants", file_name="maret.csv", sha256="0" * 64, user=personas.branch
    )
    ChangeRecord.objects.create(
        batch=batch,
        model="indicators.Participation",
        object_id=7,
        key="15.03 2025-03 PU",
        field="count",
        before="10",
        after="12",
    )
    RoleAssignment.objects.create(user=personas.outsider, role=Role.PUBLIC)
    return target


def test_history_shows_who_before_after_and_reasons(personas):
    target = _story(personas)
    entries, _more = page(AuditFilter(obj=f"indicators.target#{target.pk}"), 1)
    assert [e.action for e in entries] == ["update", "create"]
    assert entries[0].user == "prov_jambi" and "pct: 40.00 → 45.00" in entries[0].changes
    assert entries[0].region == "15.03"
    reopen = page(AuditFilter(obj="accounts.monthapproval"), 1)[0][0]
    assert reopen.user == "analis" and "salah hitung cabang" in reopen.reason
    batches = page(AuditFilter(source="batch"), 1)[0]
    assert batches[0].reason.startswith("maret.csv") and batches[0].action == "committed"
    imported = page(AuditFilter(source="import"), 1)[0]
    assert (
        imported[0].batch
        and "10 → 12" in imported[0].changes
        and imported[0].user == "bpjs_sarolangun"
    )
    roles = page(AuditFilter(obj="accounts.roleassignment", user=""), 1)[0]
    assert any(e.action == "create" for e in roles)
    by_user = page(AuditFilter(user="prov_jambi"), 1)[0]
    assert by_user and {e.user for e in by_user} == {"prov_jambi"}
    in_lampung = page(AuditFilter(region="18"), 1)[0]
    assert all(e.region.startswith("18") for e in in_lampung)


def test_page_and_exports_for_analysts_only(client, personas):
    _story(personas)
    client.force_login(personas.province)
    assert client.get(reverse("accounts:audit")).status_code == 403
    assert client.get(reverse("accounts:audit-csv")).status_code == 403
    client.force_login(personas.national)
    html = client.get(reverse("accounts:audit"), {"region": "15.03"}).content.decode()
    assert "salah hitung cabang" in html and "prov_jambi" in html
    response = client.get(reverse("accounts:audit-csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "waktu/time" and len(rows) - 1 == len(list(stream(AuditFilter())))
    response = client.get(reverse("accounts:audit-xlsx"), {"source": "import"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    assert sheet.max_row == 2 and sheet.cell(2, 2).value == "import"


def test_no_password_hash_in_the_audit(client, personas):
    personas.kabkota.set_password("Kata-sandi-baru-2026")
    personas.kabkota.save()
    client.force_login(personas.admin)
    body = b"".join(client.get(reverse("accounts:audit-csv")).streaming_content).decode()
    assert "kab_sarolangun" in body and "pbkdf2" not in body and "argon" not in body


def test_audit_page_queries_are_bounded(client, personas, django_assert_max_num_queries):
    for year in range(2000, 2060):
        Target.objects.create(region=region("15.03"), year=year, pct=40, issuer="rpjmd")
    client.force_login(personas.national)
    with django_assert_max_num_queries(90):
        response = client.get(reverse("accounts:audit"))
    assert len(response.context["entries"]) == 50 and response.context["more"]


def test_audit_api_twin(client, personas):
    _story(personas)
    client.force_login(personas.national)
    data = client.get("/api/v1/accounts/audit", {"source": "import"}).json()
    assert data["entries"][0]["source"] == "import" and data["entries"][0]["batch"]
    client.force_login(personas.province)
    assert client.get("/api/v1/accounts/audit").status_code == 403
