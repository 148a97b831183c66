"""Funding sources: Dana Desa refused (model, web form, import), realisation, what it buys."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ucj.accounts.testing import region
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor
from ucj.planning.funding import summary
from ucj.planning.models import FundingSource

pytestmark = pytest.mark.django_db

HEADER = "wilayah;tahun;sumber_dana;anggaran;realisasi;pekerja;kelompok_pekerja;program;dokumen\n"


def write(tmp_path, body: str, name: str = "pendanaan.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_model_refuses_dana_desa():
    row = FundingSource(
        region=region("15.03"),
        year=2024,
        source="dana_desa",
        committed_amount=1_000_000,
        worker_group="aparatur_desa",
    )
    with pytest.raises(ValidationError) as err:
        row.full_clean()
    assert "Permendagri 15/2023" in str(err.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()  # the database refuses it too


def test_web_form_refuses_dana_desa(client, personas):
    client.force_login(personas.kabkota)
    url = "/perencanaan/15.03/pendanaan/baru/"
    data = {
        "year": 2024,
        "source": "dana_desa",
        "committed_amount": 5_000_000,
        "worker_group": "aparatur_desa",
        "programs": ["JKK", "JKM"],
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "Permendagri 15/2023" in refused.content.decode()
    assert not FundingSource.objects.exists()
    ok = client.post(url, {**data, "source": "add"})
    assert ok.status_code == 302
    saved = FundingSource.objects.get()
    assert (saved.source, saved.programs, saved.region.code) == ("add", "JKK,JKM", "15.03")


def test_form_out_of_scope(client, personas):
    client.force_login(personas.outsider)
    assert client.get("/perencanaan/15.03/pendanaan/baru/").status_code == 404


def test_import_refuses_dana_desa_with_reason(tmp_path):
    path = write(
        tmp_path,
        "15.03;2024;APBD-P;1.241.856.000;;24.640;pekerja rentan;JKK,JKM;DPA\n"
        "15.03;2024;Dana Desa;300.000.000;;;aparatur desa;jkk jkm;APBDes\n",
    )
    out = run_import(path, "funding", user=system_actor())
    assert not out.ok and out.exit_code == 1
    errors = out.as_json()["errors"]
    assert len(errors) == 1
    err = errors[0]
    assert (err["row"], err["column"], err["value"]) == (3, "sumber_dana", "Dana Desa")
    assert "Permendagri 15/2023" in err["message_id"] and "Permendagri 15/2023" in err["message_en"]
    assert not FundingSource.objects.exists()  # nothing half-written


def test_import_then_summary(tmp_path, personas):
    path = write(
        tmp_path,
        "15.03;2024;APBD-P;1.241.856.000;900.000.000;24.640;pekerja rentan;"
        "jkk, jkm;DPA APBD-P 2024\n"
        "15.03;2024;CSR/TJSL;201.600.000;;1.000;rt/rw;JKK,JKM;MoU\n",
    )
    out = run_import(path, "funding", source="uji", user=system_actor())
    assert out.ok, out.as_json()
    assert out.inserted == 2
    data = summary(personas.kabkota, region("15.03"), 2024)
    apbdp = next(r for r in data["rows"] if r["source"] == "apbd_p")
    assert apbdp["programs"] == "JKK,JKM"
    assert apbdp["per_worker_year"] == 12 * 16_800
    assert apbdp["affordable_workers"] == 1_241_856_000 // 201_600 == 6_160
    assert apbdp["realisation_pct"] == 72.47  # 900 / 1.241,856
    assert data["committed_amount"] == 1_443_456_000
    assert data["affordable_workers"] == 6_160 + 1_000
    assert data["by_group"]["pekerja_rentan"] == {
        "JKK": 24_640,
        "JKM": 24_640,
        "JHT": 0,
        "JP": 0,
        "JKP": 0,
    }
    assert summary(personas.outsider, region("15.03"), 2024)["rows"] == []  # scoped


def test_import_unknown_program(tmp_path):
    path = write(tmp_path, "15.03;2024;APBD;100.000.000;;;non-ASN;JKK,JKX;\n")
    out = run_import(path, "funding", user=system_actor())
    assert not out.ok
    assert out.as_json()["errors"][0]["column"] == "program"


def test_web_form_duplicate_and_edit(client, personas):
    client.force_login(personas.kabkota)
    url = "/perencanaan/15.03/pendanaan/baru/"
    data = {
        "year": 2024,
        "source": "apbd_p",
        "committed_amount": 5_000_000,
        "worker_group": "pekerja_rentan",
        "programs": ["JKK", "JKM"],
    }
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 400 and "sudah ada" in again.content.decode().lower()
    row = FundingSource.objects.get()
    edit = client.post(
        f"/perencanaan/15.03/pendanaan/{row.pk}/", {**data, "realised_amount": 4_000_000}
    )
    assert edit.status_code == 302
    row.refresh_from_db()
    assert row.realised_amount == 4_000_000
    client.force_login(personas.outsider)
    assert client.get(f"/perencanaan/15.03/pendanaan/{row.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["national", "branch"])
def test_only_pemda_writes_funding(client, personas, who):
    client.force_login(getattr(personas, who))
    assert client.get("/perencanaan/15.03/pendanaan/baru/").status_code == 404
    assert client.get("/perencanaan/15.03/").status_code == 200  # reading is fine
