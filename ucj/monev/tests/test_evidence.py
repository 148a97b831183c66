"""Evidence files (issue 19 item 4): real PDF, DOCX and PNG files checked by content,
active content refused, the virus-scan hook obeyed, stored with their SHA-256 under the
data folder, read in their parent's scope, and carried by `ucj backup`."""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import zipfile
import zlib
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from docx import Document
from reportlab.pdfgen import canvas

from ucj.accounts.testing import PASSWORD
from ucj.intake.testing import system_actor
from ucj.monev import evidence, services
from ucj.monev.filecheck import check_file
from ucj.monev.tests.factories import session_input

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def pdf_bytes(text="Notulen rapat monev UCJ"):
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


def docx_bytes():
    buf = io.BytesIO()
    doc = Document()
    doc.add_paragraph("Daftar hadir")
    doc.save(buf)
    return buf.getvalue()


def with_part(data: bytes, name: str, body: bytes) -> bytes:
    """A copy of a DOCX with one more part (or a part replaced)."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        dst.writestr(name, body)
    return out.getvalue()


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    return settings.MEDIA_ROOT


def test_accepted_files_by_content(tmp_path):
    assert check_file(write(tmp_path, "n.pdf", pdf_bytes()), "n.pdf", ["pdf"]).type == "pdf"
    assert check_file(write(tmp_path, "d.docx", docx_bytes()), "d.docx", ["docx"]).type == "docx"
    assert check_file(write(tmp_path, "f.png", PNG), "f.png", ["png"]).type == "png"


@pytest.mark.parametrize(
    ("name", "data", "allowed", "says"),
    [
        ("foto.png", pdf_bytes(), ["png", "jpeg"], "bukan jenis yang diterima"),
        ("notulen.pdf", PNG, ["pdf", "png"], "berakhiran lain"),
        ("program.pdf", b"MZ\x90\x00" + b"\x00" * 100, ["pdf"], "bukan jenis"),
        ("kosong.pdf", b"", ["pdf"], "kosong"),
        (
            "js.pdf",
            pdf_bytes().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction 3 0 R", 1),
            ["pdf"],
            "OpenAction",
        ),
        (
            "hidden.pdf",
            pdf_bytes() + b"\n9 0 obj <</S /J#61vaScript /JS (app.alert(1))>> endobj\n",
            ["pdf"],
            "JavaScript",
        ),
        (
            "stream.pdf",
            pdf_bytes()
            + b"\n10 0 obj <</Filter /FlateDecode>>\nstream\n"
            + zlib.compress(b"<</Type /Action /S /Launch /F (cmd.exe)>>")
            + b"\nendstream\nendobj\n",
            ["pdf"],
            "Launch",
        ),
        (
            "makro.docx",
            with_part(docx_bytes(), "word/vbaProject.bin", b"\x00" * 10),
            ["docx"],
            "makro",
        ),
        (
            "tautan.docx",
            with_part(
                docx_bytes(),
                "word/_rels/document.xml.rels",
                b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                b'package/2006/relationships"><Relationship Id="rId9" Type="http://x/oleObject"'
                b' Target="http://example.com/x" TargetMode="External"/></Relationships>',
            ),
            ["docx"],
            "tautan eksternal",
        ),
    ],
)
def test_refused_files_name_the_file_and_the_reason(tmp_path, name, data, allowed, says):
    with pytest.raises(ValidationError) as exc:
        check_file(write(tmp_path, name, data), name, allowed)
    message = " ".join(exc.value.messages)
    assert name in message and says in message and " / file " in message.lower()


def test_size_limit_and_scan_hook(tmp_path, settings):
    path = write(tmp_path, "n.pdf", pdf_bytes())
    settings.UCJ_EVIDENCE_MAX_MB = 0
    with pytest.raises(ValidationError, match="lebih besar dari 0 MB"):
        check_file(path, "n.pdf", ["pdf"])
    settings.UCJ_EVIDENCE_MAX_MB = 20
    # A scanner that finds a test signature: exit 1 refuses, exit 0 lets the file through.
    scanner = write(tmp_path, "scan.sh", b'#!/bin/sh\ngrep -q EICAR-UJI "$1" && exit 1\nexit 0\n')
    scanner.chmod(0o755)
    settings.UCJ_SCAN_COMMAND = f"{scanner}"
    assert check_file(path, "n.pdf", ["pdf"]).type == "pdf"
    infected = write(tmp_path, "v.pdf", pdf_bytes() + b"%EICAR-UJI\n")
    with pytest.raises(ValidationError, match="pemindai virus"):
        check_file(infected, "v.pdf", ["pdf"])
    settings.UCJ_SCAN_COMMAND = f"{scanner} {{path}}"
    with pytest.raises(ValidationError, match="kode 1"):
        check_file(infected, "v.pdf", ["pdf"])
    settings.UCJ_SCAN_COMMAND = str(tmp_path / "no-such-scanner")
    with pytest.raises(ValidationError, match="tidak dapat dijalankan"):
        check_file(path, "n.pdf", ["pdf"])


def test_session_files_stored_and_scoped(client, personas, media, tmp_path):
    session = services.record_session(system_actor(), session_input(["15.03"], held=False))
    assert client.login(username=personas.kabkota.username, password=PASSWORD)
    data = pdf_bytes()
    page = client.post(
        f"/monev/lampiran/sesi/{session.pk}/",
        {
            "kind": "notulen",
            "file": SimpleUploadedFile("Notulen 19 Mei.pdf", data, "application/pdf"),
            "next": f"/monev/sesi/{session.pk}/",
        },
    )
    assert page.status_code == 302
    item = evidence.of_parent(system_actor(), "sesi", session.pk).get()
    assert item.sha256 == hashlib.sha256(data).hexdigest() and item.size == len(data)
    stored = Path(item.file.path)
    assert stored.is_file() and stored.is_relative_to(media) and stored.read_bytes() == data
    assert "Notulen" not in stored.name  # the name on disk is ours, the user's is kept apart
    detail = client.get(f"/monev/sesi/{session.pk}/").content.decode()
    assert "Notulen 19 Mei.pdf" in detail
    download = client.get(f"/monev/lampiran/{item.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
    # A photo that is really a PDF is refused with its name; nothing stored.
    client.post(
        f"/monev/lampiran/sesi/{session.pk}/",
        {"kind": "foto", "file": SimpleUploadedFile("foto.jpg", data), "next": "/monev/"},
    )
    assert evidence.of_parent(system_actor(), "sesi", session.pk).count() == 1
    # Outside the session's regions: not found, upload refused.
    client.logout()
    assert client.login(username=personas.outsider.username, password=PASSWORD)
    assert client.get(f"/monev/lampiran/{item.pk}/").status_code == 404
    client.post(
        f"/monev/lampiran/sesi/{session.pk}/",
        {"kind": "notulen", "file": SimpleUploadedFile("x.pdf", data), "next": "/monev/"},
    )
    assert evidence.of_parent(system_actor(), "sesi", session.pk).count() == 1


@pytest.mark.django_db(transaction=True)
def test_backup_carries_evidence_files(master, media, tmp_path):
    """Committed rows (a backup reads the database from outside the test's transaction)."""
    session = services.record_session(system_actor(), session_input(["15.03"], held=False))
    data = pdf_bytes()
    item = evidence.attach(
        system_actor(), "sesi", session.pk, "notulen", SimpleUploadedFile("notulen.pdf", data)
    )
    out = tmp_path / "cadangan.tar.gz"
    result = json.loads(_run("backup", "--out", str(out)))
    assert Path(result["file"]) == out
    with tarfile.open(out) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        entry = next(f for f in manifest["files"] if f["path"] == item.file.name)
        assert entry["sha256"] == item.sha256
        assert tar.extractfile(f"files/{item.file.name}").read() == data


def test_cli_attaches_to_a_regulation(media, tmp_path):
    from ucj.accounts.testing import region
    from ucj.monev.records import Regulation

    reg = Regulation.objects.create(region=region("15.03"), kind="perbup", number="7",
                                    year=2024, title="Perlindungan pekerja rentan")  # fmt: skip
    path = write(tmp_path, "perbup-7-2024.docx", docx_bytes())
    made = json.loads(_run("evidence", "attach", "regulasi", str(reg.pk), str(path),
                           "--kind", "dokumen"))  # fmt: skip
    assert made["name"] == "perbup-7-2024.docx" and made["size"] == path.stat().st_size
    listed = json.loads(_run("evidence", "list", "regulasi", str(reg.pk)))
    assert [x["sha256"] for x in listed] == [made["sha256"]]
    bad = write(tmp_path, "perbup.docx", with_part(docx_bytes(), "word/vbaProject.bin", b"x"))
    with pytest.raises(SystemExit) as exc:
        _run("evidence", "attach", "regulasi", str(reg.pk), str(bad), "--kind", "dokumen")
    assert exc.value.code == 1


def _run(*args):
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return out.getvalue()


def test_follow_up_evidence_goes_through_the_same_checks(personas, media):
    import datetime as dt

    from ucj.monev.models import FollowUp
    from ucj.monev.tests.factories import finding_with_follow_up

    session = services.record_session(system_actor(), session_input(["15.03"], held=False))
    finding_with_follow_up(system_actor(), session, "15.03", dt.date(2025, 8, 31))
    item = FollowUp.objects.get()
    bad = pdf_bytes().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction 3 0 R", 1)
    with pytest.raises(ValidationError, match="OpenAction"):
        services.update_follow_up(
            personas.kabkota, item.pk, "done", "", [SimpleUploadedFile("dpa.pdf", bad)]
        )
    item.refresh_from_db()
    assert item.status == "open" and not item.evidence.exists()  # nothing half-written
    data = pdf_bytes()
    services.update_follow_up(
        personas.kabkota, item.pk, "done", "", [SimpleUploadedFile("dpa.pdf", data)]
    )
    assert item.evidence.get().file.read() == data
