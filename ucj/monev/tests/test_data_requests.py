"""Data requests to BPJS TK branches (issue 19 item 5), as the users do it on the pages:
a national analyst asks for Lampung Tengah's participants, the branch officer uploads
the file against the request, the figures reach the scorecard and `ucj coverage`, and
the request reads received and loaded."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ucj.accounts.models import Role
from ucj.accounts.testing import PASSWORD, make_user, region
from ucj.intake.models import ImportBatch
from ucj.monev.branches import BranchOffice
from ucj.monev.cycle_models import DataRequest, RequestFile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def offices(db):
    """Branch offices as an administrator enters them (names for the tests only)."""
    out = {}
    for name, code in (("BPJS TK Kantor Cabang Lampung Tengah", "18.02"),
                       ("Cabang Sarolangun", "15.03")):  # fmt: skip
        out[code] = BranchOffice.objects.create(name=name)
        out[code].regions.add(region(code))
    return out


def preview_and_confirm(client, url, upload):
    """Upload (the dry run is shown, nothing written), then confirm with its token."""
    page = client.post(url, {"file": upload})
    assert page.status_code == 200, page.content.decode()[:3000]
    text = page.content.decode()
    assert "Hasil uji coba" in text and 'data-testid="coverage-change"' in text
    token = re.search(r'name="token" value="(\w+)"', text).group(1)
    return client.post(url, {"token": token})


CSV = (
    "wilayah,periode,segmen,peserta_aktif,data_per\n"
    "18.02,2025-09,PU,61.234,30/09/2025\n"
    "18.02,2025-09,BPU,20.100,30/09/2025\n"
)


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def cli(*args):
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_request_for_lampung_tengah_answered_by_its_branch(client, personas):
    login(client, personas.national)
    page = client.post(
        "/monev/permintaan-data/",
        {
            "what": "participants",
            "detail": "segmen PU dan BPU",
            "regions": "18.02",
            "period": "2025-09",
            "branch": str(BranchOffice.objects.get(name__startswith="BPJS TK").pk),
            "due_date": "2099-10-15",
        },
    )
    assert page.status_code == 302, page.content.decode()[:2000]
    request = DataRequest.objects.get()
    assert request.state == "requested" and list(
        request.regions.values_list("code", flat=True)
    ) == ["18.02"]
    assert client.post(f"/monev/permintaan-data/{request.pk}/terkirim/").status_code == 302
    request.refresh_from_db()
    assert request.state == "sent"

    # The Sarolangun branch officer does not see Lampung Tengah's request …
    other = login(client.__class__(), personas.branch)
    assert (
        "BPJS TK Kantor Cabang Lampung Tengah"
        not in other.get("/monev/permintaan-data/").content.decode()
    )
    assert other.get(f"/monev/permintaan-data/{request.pk}/").status_code == 404
    # … Lampung Tengah's branch officer does, and answers it.
    officer = make_user("bpjs_lamteng", Role.BRANCH, "18.02")
    branch = login(client.__class__(), officer)
    listing = branch.get("/monev/permintaan-data/").content.decode()
    assert "BPJS TK Kantor Cabang Lampung Tengah" in listing
    upload = SimpleUploadedFile("peserta-lamteng-2025-09.csv", CSV.encode(), "text/csv")
    url = f"/monev/permintaan-data/{request.pk}/"
    assert not RequestFile.objects.exists()
    answer = preview_and_confirm(branch, url, upload)
    assert answer.status_code == 302, answer.content.decode()[:3000]

    request.refresh_from_db()
    assert request.state == "loaded" and request.received and request.loaded
    received = RequestFile.objects.get(request=request)
    batch = ImportBatch.objects.get(pk=received.batch_id)
    assert batch.kind == "participants" and batch.user == officer and received.rows == 2
    detail = branch.get(f"/monev/permintaan-data/{request.pk}/").content.decode()
    assert 'data-state="loaded"' in detail and f"#{batch.pk}" in detail

    # The figures: `ucj coverage` and the scorecard say 81.334 active participants.
    cov = cli("coverage", "18.02", "--period", "2025-09")
    assert cov["active_participants"] == 61_234 + 20_100
    card = branch.get("/wilayah/18.02/", {"periode": "2025-09"}).content.decode()
    assert "81.334" in card
    assert f"/monev/permintaan-data/{request.pk}/" in card  # the request, on the scorecard
    # Loaded: the request takes no second file.
    again = SimpleUploadedFile("lagi.csv", CSV.encode(), "text/csv")
    assert branch.post(f"/monev/permintaan-data/{request.pk}/", {"file": again}).status_code == 400


def test_a_refused_file_leaves_the_request_received_with_errors(client, personas, tmp_path):
    made = cli("requests", "create", "--what", "participants", "--regions", "15.03",
               "--period", "2025-09", "--branch", "Cabang Sarolangun",
               "--due", "2099-01-01")  # fmt: skip
    login(client, personas.branch)
    text = b"wilayah,periode,segmen,peserta_aktif\n15.03,2025-09,XX,1\n"
    page = client.post(
        f"/monev/permintaan-data/{made['id']}/", {"file": SimpleUploadedFile("x.csv", text)}
    )
    assert page.status_code == 400
    assert "segmen" in page.content.decode()  # the message names the column
    assert 'name="token"' not in page.content.decode()  # nothing to confirm
    shown = cli("requests", "show", str(made["id"]))
    assert shown["state"] == "requested" and shown["files"] == []  # a preview records nothing
    # Received at the command line (no preview): kept as received, with its errors.
    (tmp_path / "x.csv").write_bytes(text)
    cli("requests", "receive", str(made["id"]), str(tmp_path / "x.csv"))
    shown = cli("requests", "show", str(made["id"]))
    assert shown["state"] == "received" and shown["files"][0]["ok"] is False
    assert shown["files"][0]["batch"] is None


def test_rows_outside_the_requests_regions_are_row_errors(client, personas, tmp_path):
    """Even a writer of every region (admin; the CLI operator) loads into a request only
    the regions it asked for: the row, the column and the regions asked are named."""
    made = cli("requests", "create", "--what", "participants", "--regions", "15.03",
               "--period", "2025-09", "--branch", "Cabang Sarolangun",
               "--due", "2099-01-01")  # fmt: skip
    text = (b"wilayah,periode,segmen,peserta_aktif\n15.03,2025-09,PU,100\n"
            b"18.02,2025-09,PU,200\n")  # fmt: skip
    login(client, personas.admin)
    page = client.post(
        f"/monev/permintaan-data/{made['id']}/", {"file": SimpleUploadedFile("y.csv", text)}
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "wilayah ini di luar permintaan data (yang diminta: 15.03)" in html
    assert "<td>3</td><td>wilayah</td><td><code>18.02</code></td>" in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.post(
        f"/monev/permintaan-data/{made['id']}/", {"file": SimpleUploadedFile("y.csv", text)}
    )
    assert "this region is outside the data request (asked for: 15.03)" in page.content.decode()
    (tmp_path / "y.csv").write_bytes(text)
    out = cli("requests", "receive", str(made["id"]), str(tmp_path / "y.csv"))
    error = out["import"]["errors"][0]
    assert (error["row"], error["column"], error["value"]) == (3, "wilayah", "18.02")
    assert error["message_en"] == (
        "Row 3, column 'wilayah', value '18.02': this region is outside the data request "
        "(asked for: 15.03)"
    )
    assert error["message_id"].endswith("wilayah ini di luar permintaan data (yang diminta: 15.03)")
    assert not ImportBatch.objects.exists()


def test_the_branch_is_one_of_the_offices_and_serves_the_regions(offices):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from ucj.accounts.scoping import cli_actor
    from ucj.monev import data_requests

    day = dt.date(2025, 9, 1)
    with pytest.raises(ValidationError) as exc:
        data_requests.create(cli_actor(), "participants", ["15.03"], day, "Cabang Jambi", day)
    assert "Kantor cabang tidak dikenal: 'Cabang Jambi'" in exc.value.messages[0]
    assert "unknown branch office 'Cabang Jambi'" in exc.value.messages[0]
    with pytest.raises(ValidationError) as exc:
        data_requests.create(cli_actor(), "participants", ["18.02"], day, "cabang sarolangun", day)
    assert exc.value.messages[0] == (
        "Cabang Sarolangun tidak melayani wilayah 18.02 (melayani: 15.03) / "
        "Cabang Sarolangun does not serve region(s) 18.02 (it serves: 15.03)"
    )
    made = data_requests.create(
        cli_actor(), "participants", ["15.03"], day, "cabang sarolangun", day
    )
    assert made.office == offices["15.03"] and made.branch == "Cabang Sarolangun"
    assert not DataRequest.objects.exclude(pk=made.pk).exists()


def test_overdue_requests_on_the_dashboard_and_the_cli(client, personas):
    cli("requests", "create", "--what", "membership", "--regions", "15.03", "--period",
        "2025-08", "--branch", "Cabang Sarolangun", "--due", "2025-09-01")  # fmt: skip
    cli("requests", "create", "--what", "participants", "--regions", "15.03", "--period",
        "2025-09", "--branch", "Cabang Sarolangun", "--due", "2099-09-01")  # fmt: skip
    late = cli("requests", "list", "--overdue")
    assert [r["what"] for r in late] == ["membership"] and late[0]["overdue"] is True
    login(client, personas.kabkota)
    home = client.get("/").content.decode()
    assert 'data-testid="panel-requests-overdue"' in home and "2025-08" in home
    login(client, personas.outsider)  # Lampung Tengah: not theirs
    assert 'data-testid="panel-requests-overdue"' not in client.get("/").content.decode()


def test_request_errors_name_the_value():
    with pytest.raises(SystemExit) as exc:
        call_command("requests", "create", "--what", "participants", "--regions", "99.99",
                     "--period", "2025-09", "--branch", "x", "--due", "2025-10-01", "--json",
                     stdout=StringIO())  # fmt: skip
    assert exc.value.code == 1
    assert not DataRequest.objects.exists()
