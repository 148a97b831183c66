"""Hostile files (issue 14, list item 5 and 6): each is generated here into tmp_path,
small, and refused with a clear bilingual message, nothing written, never a 500, on
SQLite and PostgreSQL. The sizes are scaled down through the settings they test."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ucj.accounts.testing import PASSWORD
from ucj.accounts.tokens import create_token
from ucj.indicators.models import Participation
from ucj.intake.models import ImportBatch
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor

pytestmark = pytest.mark.django_db
HEAD = "wilayah,periode,segmen,program,peserta_aktif,data_per,sumber\n"
ROW = "15.03,2025-03,PU,,25430,31/03/2025,BPJS TK\n"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def bomb_xlsx(path: Path, unpacked_mb: float, *, random_digits: bool) -> Path:
    """A zip whose sheet unpacks to `unpacked_mb` MB. With random digits it compresses
    only ~3×, like the 88 MB → 1 GB file of the security test (it passes a ratio check).
    The XML is left unclosed: had it been parsed, the answer would be 'damaged'."""
    rnd = random.Random(14)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{NS}"><sheetData>'.encode())
            size = 0
            while size < unpacked_mb * 1024 * 1024:
                value = rnd.getrandbits(64) if random_digits else 7
                chunk = f'<row><c t="n"><v>{value}</v></c></row>'.encode() * 1000
                sheet.write(chunk)
                size += len(chunk)
    return path


def test_xlsx_unpacking_past_the_limit_is_refused_without_parsing(tmp_path, settings):
    settings.UCJ_IMPORT_XLSX_UNPACKED_MB = 2
    path = bomb_xlsx(tmp_path / "besar.xlsx", 3, random_digits=True)
    assert path.stat().st_size < 2 * 1024 * 1024  # packed below the limit, unpacked above
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.exit_code == 2
    error = outcome.as_json()["errors"][0]
    assert "UCJ_IMPORT_XLSX_UNPACKED_MB" in error["message_id"]
    assert "refused without reading it" in error["message_en"]


def test_xlsx_zip_bomb_ratio_is_refused(tmp_path):
    path = bomb_xlsx(tmp_path / "bom.xlsx", 2, random_digits=False)  # ~1000× compressed
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.exit_code == 2
    assert "zip bomb" in outcome.as_json()["errors"][0]["message_en"]


def test_csv_past_the_memory_budget_is_refused_before_reading(tmp_path, settings):
    settings.UCJ_IMPORT_MEMORY_MB = 1
    path = tmp_path / "besar.csv"
    path.write_text(HEAD + ROW * 2000)  # ~90 KB × the measured factor > 1 MB
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.exit_code == 2
    error = outcome.as_json()["errors"][0]
    assert "memory" in error["message_en"] and "memori" in error["message_id"]
    assert "UCJ_" not in error["message_id"] + error["message_en"]  # no setting names


def test_a_phase_over_its_time_limit_rolls_back(tmp_path, settings):
    settings.UCJ_IMPORT_PHASE_SECONDS = 0.000001
    path = tmp_path / "lambat.csv"
    path.write_text(HEAD + ROW)
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.exit_code == 2
    error = outcome.as_json()["errors"][0]
    assert "batas waktu" in error["message_id"] and "limit" in error["message_en"]
    assert not Participation.objects.exists() and not ImportBatch.objects.exists()


def test_nul_after_the_first_64_kb_is_a_row_error(tmp_path):
    """Once a 500 on PostgreSQL (CharacterNotInRepertoire): now row, column, nothing kept."""
    filler = ",,,,,,\n" * 10_000  # empty rows: the NUL lands past the first 64 KB
    path = tmp_path / "nul.csv"
    path.write_text(HEAD + ROW + filler + ROW.replace("BPJS", "BP\x00JS").replace("03", "04"))
    assert path.read_bytes().index(b"\x00") > 65536
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.exit_code == 1, outcome.as_json()["errors"][:2]
    errors = outcome.as_json()["errors"]
    nul = [e for e in errors if "control characters" in e["message_en"]]
    assert nul and nul[0]["column"] == "sumber" and "\x00" not in json.dumps(errors)
    assert "\ufffd" in nul[0]["value"]
    assert not Participation.objects.exists()


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07"])
def test_control_characters_over_the_api_are_422_not_500(client, personas, char):
    body = (HEAD + ROW.replace("BPJS TK", f"BPJS{char}TK")).encode()
    upload = SimpleUploadedFile(f"x{char}y.csv", body, "text/csv")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.branch, 'i')[1]}"}
    response = client.post("/api/v1/imports/", {"kind": "participants", "file": upload}, **auth)
    message = response.json()["errors"][0]["message_en"]
    if char == "\x00":  # a NUL in the first 64 KB: the file is taken for binary
        assert response.status_code == 400 and "not a CSV text file" in message
    else:
        assert response.status_code == 422 and "control characters" in message
    assert not Participation.objects.exists()


def test_a_huge_cell_is_quoted_short(tmp_path):
    """A 10 MB cell was echoed three times (30 MB of JSON); now 80 characters and '…'."""
    path = tmp_path / "sel.csv"
    path.write_text(HEAD + ROW.replace("25430", "9" * 1_000_000))
    outcome = run_import(path, "participants", user=system_actor())
    text = json.dumps(outcome.as_json())
    assert outcome.exit_code == 1 and len(text) < 5_000
    assert outcome.as_json()["errors"][0]["value"] == "9" * 80 + "…"


def test_error_list_is_capped_with_counts(tmp_path, settings):
    settings.UCJ_IMPORT_MAX_ERRORS = 5
    path = tmp_path / "salah.csv"
    path.write_text(
        HEAD + "".join(f"15.03,2025-{m:02d},XX,,abc,31/01/2025,S\n" for m in (1, 2, 3)) * 4
    )
    errors = run_import(path, "participants", user=system_actor()).as_json()["errors"]
    assert len(errors) == 6 and errors[-1]["row"] is None
    assert (
        "more messages (" in errors[-1]["message_en"]
        and "peserta_aktif:" in errors[-1]["message_en"]
    )


def test_api_and_web_refuse_a_file_over_the_same_cap(client, personas, settings):
    settings.UCJ_IMPORT_MAX_MB = 1
    body = (HEAD + ROW * 40_000).encode()  # ~1.7 MB: over the cap, under the body guard
    assert 1024 * 1024 < len(body) < 2 * 1024 * 1024
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.branch, 'i')[1]}"}
    upload = SimpleUploadedFile("besar.csv", body, "text/csv")
    api = client.post("/api/v1/imports/dry-run", {"kind": "participants", "file": upload}, **auth)
    assert api.status_code == 413 and "file too large" in api.json()["message_en"]
    assert client.login(username=personas.branch.username, password=PASSWORD)
    upload = SimpleUploadedFile("besar.csv", body, "text/csv")
    page = client.post(reverse("intake:upload", args=["participants"]), {"file": upload})
    assert page.status_code == 200 and "berkas terlalu besar" in page.content.decode()
    assert not Participation.objects.exists()


def test_a_body_far_over_the_cap_is_refused_before_it_is_read(client, personas, settings):
    settings.UCJ_IMPORT_MAX_MB = 1
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.branch, 'i')[1]}"}
    upload = SimpleUploadedFile("besar.csv", b"x" * (3 * 1024 * 1024), "text/csv")
    api = client.post("/api/v1/imports/", {"kind": "participants", "file": upload}, **auth)
    assert api.status_code == 413 and api.json()["message_id"].startswith("berkas terlalu besar")
