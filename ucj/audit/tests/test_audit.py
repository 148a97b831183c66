"""The audit page and export: history of edits, the import change log, who did what."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from ucj.accounts import approval
from ucj.accounts.models import Role, RoleAssignment
from ucj.accounts.testing import make_user, month, region
from ucj.audit.entries import AuditFilter, page, stream
from ucj.audit.models import ChangeRecord
from ucj.indicators.models import Target
from ucj.intake.models import ImportBatch
from ucj.intake.testing import system_actor

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


def test_page_and_exports_for_analysts_and_officers(client, personas):
    _story(personas)
    client.force_login(personas.national)
    html = client.get(reverse("audit:audit"), {"region": "15.03"}).content.decode()
    assert "salah hitung cabang" in html and "prov_jambi" in html
    response = client.get(reverse("audit:audit-csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][0] == "waktu/time" and len(rows) - 1 == len(list(stream(AuditFilter())))
    response = client.get(reverse("audit:audit-xlsx"), {"source": "import"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = book.worksheets[0]
    assert sheet.max_row == 2 and sheet.cell(2, 2).value == "import"
    # A public viewer has no audit; an officer of another region sees none of Jambi's.
    client.force_login(make_user("publik", Role.PUBLIC))
    assert client.get(reverse("audit:audit")).status_code == 403
    assert client.get(reverse("audit:audit-csv")).status_code == 403
    client.force_login(personas.outsider)
    html = client.get(reverse("audit:audit"), {"region": "15"}).content.decode()
    assert "salah hitung cabang" not in html and "prov_jambi" not in html
    assert "wilayah Anda" in html


def _csv(client, **query):
    response = client.get(reverse("audit:audit-csv"), query)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_officers_read_their_own_regions_trail(client, personas, tmp_path):
    """Imports into Sarolangun (15.03) and Lampung Tengah (18.02), then a correction of
    both: each officer sees the batches and value changes of their own region only."""
    from ucj.intake.pipeline import run_import
    from ucj.intake.testing import write_csv

    head = ["wilayah", "periode", "segmen", "program", "peserta_aktif", "data_per", "sumber"]
    first = [head, ["15.03", "2025-03", "PU", "", "100", "", "x"]]
    first += [["18.02", "2025-03", "PU", "", "200", "", "x"]]
    run_import(write_csv(tmp_path / "a.csv", first), "participants", user=personas.admin)
    only_lamteng = [head, ["18.02", "2025-04", "PU", "", "210", "", "x"]]
    run_import(write_csv(tmp_path / "b.csv", only_lamteng), "participants", user=system_actor())
    corrected = [head, ["15.03", "2025-03", "PU", "", "111", "", "x"]]
    corrected += [["18.02", "2025-03", "PU", "", "222", "", "x"]]
    run_import(write_csv(tmp_path / "c.csv", corrected), "participants", user=system_actor())
    _story(personas)

    client.force_login(personas.province)
    rows = _csv(client)
    changes = [r["perubahan/changes"] for r in rows if r["sumber/source"] == "import"]
    assert changes == ["15.03 2025-03-01 PU  count: 100 → 111"]
    files = {r["alasan/reason"].split()[0] for r in rows if r["sumber/source"] == "batch"}
    assert files == {"a.csv", "c.csv"}  # b.csv wrote only in Lampung Tengah
    assert any("salah hitung cabang" in r["alasan/reason"] for r in rows)
    assert {r["wilayah/region"] for r in rows} <= {"", "15", "15.03"}
    # Asking for another region gives nothing, not that region's trail.
    assert _csv(client, region="18.02") == []

    client.force_login(personas.outsider)
    rows = _csv(client)
    changes = [r["perubahan/changes"] for r in rows if r["sumber/source"] == "import"]
    assert changes == ["18.02 2025-03-01 PU  count: 200 → 222"]
    assert not any("salah hitung" in r["alasan/reason"] for r in rows)
    data = client.get("/api/v1/accounts/audit", {"source": "batch"}).json()
    assert {e["reason"].split()[0] for e in data["entries"]} == {"a.csv", "b.csv", "c.csv"}


def test_no_password_hash_in_the_audit(client, personas):
    personas.kabkota.set_password("Kata-sandi-baru-2026")
    personas.kabkota.save()
    client.force_login(personas.admin)
    body = b"".join(client.get(reverse("audit:audit-csv")).streaming_content).decode()
    assert "kab_sarolangun" in body and "pbkdf2" not in body and "argon" not in body


def test_audit_page_queries_are_bounded(client, personas):
    """The page's queries do not grow with the trail: one query per audit source and a
    few per page, however many entries (each app that registers a source adds its one)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(personas.national)
    counts, shown = [], []
    for years in (range(2000, 2005), range(2005, 2065)):  # a few entries, then a full page
        for year in years:
            Target.objects.create(region=region("15.03"), year=year, pct=40, issuer="rpjmd")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("audit:audit"))
        counts.append(len(queries))
        shown.append(len(response.context["entries"]))
    assert shown[0] < 40 and shown[1] == 50 and response.context["more"], shown
    assert counts[1] <= counts[0] + 3, counts  # none per entry (was one a history row)


def test_audit_api_twin(client, personas):
    _story(personas)
    client.force_login(personas.national)
    data = client.get("/api/v1/accounts/audit", {"source": "import"}).json()
    assert data["entries"][0]["source"] == "import" and data["entries"][0]["batch"]
    client.force_login(make_user("publik", Role.PUBLIC))
    assert client.get("/api/v1/accounts/audit").status_code == 403


def test_audit_page_reads_as_people_write_not_as_code(client, personas):
    """Who (name and role), what (labels), when (WIB, '2 Des 2026 03.10'); a log-in is
    not a change."""
    import re

    from django.test import Client
    from django.utils import translation

    from ucj.accounts.testing import PASSWORD

    officer = personas.kabkota
    Client().post("/accounts/login/", {"username": officer.username, "password": PASSWORD})
    client.force_login(personas.national)
    client.post(  # a real change, made by the national analyst
        reverse("accounts:tokens"), {"name": "laporan", "days": 30}
    )
    with translation.override("id"):
        html = client.get("/accounts/audit/").content.decode()
    when = r"\d{1,2} (Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des) \d{4} \d\d\.\d\d WIB"
    table = html.split('data-testid="audit"', 1)[1].split("</table>", 1)[0]
    times = re.findall(r"<tr><td class=\"when\">([^<]*)</td>", table)
    assert times and all(re.fullmatch(when, t) for t in times), times
    assert "accounts.apitoken" not in table and "auth.user" not in table
    assert "Analis nasional" in table and "dibuat" in table  # who, with role; what
    rows = table.split("<tr>")
    # The log-in saved the officer's user row (last_login, not audited): no change shown.
    assert [r for r in rows if f"#{officer.pk}<" in r and "diubah" in r] == []


def test_a_recorded_mapping_reads_as_words_not_as_code():
    """A scenario's parameters are a mapping: shown 'kind: reach; workers: 1.000', not
    Python's "{'kind': 'reach', …, 'income': None}"."""
    from ucj.audit.labels import _value

    shown = _value({"kind": "reach", "workers": 1000, "income": None, "programs": ["JKK", "JKM"]})
    assert shown == "kind: reach; workers: 1.000; programs: JKK, JKM"
    assert "{" not in shown and "None" not in shown


def test_the_region_filter_takes_what_the_picker_sends():
    """A code, a picked suggestion or a name: the filter narrows to that region's code."""
    from ucj.audit.filter import AuditFilter

    for text in ("15.03", "Kab. Sarolangun (15.03)", "Sarolangun"):
        assert AuditFilter.parse({"region": text}).region == "15.03", text
    assert AuditFilter.parse({"region": "tidak ada"}).region == "tidak ada"  # matches nothing
