"""No NIK anywhere but the hash and the mask (issue 14): a NIK typed into ANY column is
masked in the JSON errors, stderr, `--errors-out` (CSV and XLSX) and the web preview,
and is never stored in a free-text column. Unconfirmed web previews expire."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ucj.intake import previews
from ucj.intake.testing import run_import_cli, write_xlsx
from ucj.registry.models import MembershipEntry, RosterEntry
from ucj.registry.tests.synth import assert_no_raw_nik, make_nik, write_csv

pytestmark = pytest.mark.django_db

NIKS = [make_nik("150301", d, 3, 85, d) for d in range(1, 6)]
MASKED = [n[:4] + "*" * 10 + n[14:] for n in NIKS]


def _roster_rows() -> list[list[str]]:
    """NIKs in other columns: domicile, birth date, name (and a good row)."""
    return [
        ["nik", "nama", "tanggal_lahir", "domisili"],
        [NIKS[0], "Siti", "1985-03-01", NIKS[1]],
        [NIKS[2], "Budi", NIKS[3], "15.03"],
        [NIKS[4], f"Ani {NIKS[1]}", "1985-03-05", "15.03"],
    ]


def _membership_rows() -> list[list[str]]:
    return [
        ["kpj", "nik", "status", "bulan_iuran_terakhir", "wilayah"],
        [NIKS[0], NIKS[1], "aktif", NIKS[2], "15.03"],
        ["2501", NIKS[3], NIKS[4], "2025-04", "15.03"],
    ]


@pytest.mark.parametrize("kind", ["roster", "membership"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_niks_in_any_column_are_masked_everywhere(tmp_path: Path, kind: str, fmt: str) -> None:
    rows = _roster_rows() if kind == "roster" else _membership_rows()
    path = tmp_path / f"daftar.{fmt}"
    write_csv(path, rows[0], rows[1:]) if fmt == "csv" else write_xlsx(path, rows)
    errors_out = tmp_path / f"galat.{fmt}"
    code, data = run_import_cli(str(path), "--kind", kind, "--errors-out", str(errors_out))
    assert code == 1 and data["errors"]
    text = repr(data)
    assert all(n not in text for n in NIKS)
    assert any(m in text for m in MASKED)  # the row can still be found
    columns = {e["column"] for e in data["errors"]}
    wanted = {"domisili", "tanggal_lahir", "nama"} if kind == "roster" else {"kpj", "status"}
    assert wanted <= columns, columns
    assert errors_out.exists()
    assert_no_raw_nik(errors_out, NIKS)
    assert not RosterEntry.objects.exists() and not MembershipEntry.objects.exists()
    # The text report on stderr.
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit):
        call_command("import_data", str(path), "--kind", kind, stdout=out, stderr=err)
    assert all(n not in out.getvalue() + err.getvalue() for n in NIKS)
    assert MASKED[1] in err.getvalue() or MASKED[0] in err.getvalue()


def test_a_file_named_by_a_nik_is_masked(tmp_path: Path) -> None:
    path = write_csv(tmp_path / f"{NIKS[0]}.csv", ["nama"], [["x"]])
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 1 and NIKS[0] not in repr(data)


def _upload(client, rows: list[list[str]], name: str = "daftar.csv"):
    body = "\n".join(",".join(r) for r in rows).encode()
    url = reverse("intake:upload", args=["roster"])
    return client.post(url, {"file": SimpleUploadedFile(name, body, "text/csv")})


def test_web_preview_masks_and_expires(client, personas, settings, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(personas.kabkota)
    refused = _upload(client, _roster_rows())
    body = refused.content.decode()
    assert refused.status_code == 200 and all(n not in body for n in NIKS)
    assert MASKED[1] in body or MASKED[3] in body
    assert list(previews.preview_dir().iterdir()) == []  # a refused file is not kept

    good = [["nik", "nama", "domisili"], [NIKS[0], "Siti", "15.03"]]
    page = _upload(client, good)
    token = page.context["token"]
    kept = list(previews.preview_dir().iterdir())
    assert token and len(kept) == 1
    # The scheduler's cleanup: nothing young goes, everything past LIFETIME does.
    assert previews.purge_stale() == 0
    later = time.time() + previews.LIFETIME.total_seconds() + 1
    assert previews.purge_stale(now=later) == 1 and not kept[0].exists()
    url = reverse("intake:upload", args=["roster"])
    assert client.post(url, {"token": token}).status_code == 302
    assert not RosterEntry.objects.exists()

    # Enforced on read too: a stale preview the cleanup has not reached is refused.
    page = _upload(client, good)
    (kept,) = list(previews.preview_dir().iterdir())
    old = time.time() - previews.LIFETIME.total_seconds() - 5
    os.utime(kept, (old, old))
    response = client.post(url, {"token": page.context["token"]}, follow=True)
    assert "kedaluwarsa" in response.content.decode()
    assert not kept.exists() and not RosterEntry.objects.exists()
    assert previews.LIFETIME <= previews.MAX_AGE == dt.timedelta(hours=1)
