"""Imports over the API: dry run, commit, history, scope and the approval lock."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ucj.accounts import approval
from ucj.accounts.testing import month, region
from ucj.accounts.tokens import create_token
from ucj.indicators.models import Participation
from ucj.intake.testing import system_actor

pytestmark = pytest.mark.django_db
HEAD = "wilayah,periode,segmen,program,peserta_aktif,data_per,sumber\n"


def _file(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("maret.csv", (HEAD + "".join(rows)).encode(), "text/csv")


def _send(client, user, url, upload):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'impor')[1]}"}
    return client.post(url, {"kind": "participants", "file": upload}, **auth)


def test_dry_run_commit_and_history(client, personas):
    row = "15.03,2025-03,PU,,25430,31/03/2025,BPJS TK\n"
    dry = _send(client, personas.branch, "/api/v1/imports/dry-run", _file(row))
    assert dry.status_code == 200 and dry.json()["ok"] and not Participation.objects.exists()
    done = _send(client, personas.branch, "/api/v1/imports/", _file(row))
    assert done.status_code == 200 and done.json()["inserted"] == 1
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.branch, 'h')[1]}"}
    history = client.get("/api/v1/imports/history", **auth).json()
    assert history[0]["batch"] == done.json()["batch"]
    assert client.get("/api/v1/imports/history").status_code == 401


def test_token_cannot_import_another_region(client, personas):
    row = "18.02,2025-03,PU,,500,31/03/2025,BPJS TK\n"
    response = _send(client, personas.kabkota, "/api/v1/imports/", _file(row))
    assert response.status_code == 422 and not response.json()["ok"]
    assert not Participation.objects.filter(region__code="18.02").exists()
    assert _send(client, personas.outsider, "/api/v1/imports/dry-run", _file(row)).json()["ok"]


def test_approved_month_refuses_the_import(client, personas):
    approval.submit(personas.kabkota, region("15.03"), month("2025-03"))
    approval.approve(personas.province, region("15.03"), month("2025-03"))
    row = "15.03,2025-03,PU,,25430,31/03/2025,BPJS TK\n"
    response = _send(client, personas.branch, "/api/v1/imports/", _file(row))
    assert response.status_code == 422
    assert "prov_jambi" in str(response.json()["errors"])
    assert not Participation.objects.exists()


def test_import_rights_follow_each_roles_writes(client, personas):
    """National analysts import targets (not participants); branches the reverse."""
    participants = "15.03,2025-03,PU,,25430,31/03/2025,BPJS TK\n"
    refused = _send(client, personas.national, "/api/v1/imports/dry-run", _file(participants))
    assert refused.status_code == 422, refused.json()
    targets = SimpleUploadedFile(
        "target.csv", b"wilayah,tahun,target_persen,penerbit\n15.03,2025,45,RPJMD\n", "text/csv"
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.branch, 't')[1]}"}
    branch = client.post("/api/v1/imports/dry-run", {"kind": "targets", "file": targets}, **auth)
    assert branch.status_code == 422, branch.json()
    targets.seek(0)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.national, 't')[1]}"}
    national = client.post("/api/v1/imports/dry-run", {"kind": "targets", "file": targets}, **auth)
    assert national.status_code == 200, national.json()


def test_undo_cannot_change_an_approved_month(client, personas):
    from ucj.intake.undo import undo_batch

    row = "15.03,2025-03,PU,,25430,31/03/2025,BPJS TK\n"
    batch = _send(client, personas.branch, "/api/v1/imports/", _file(row)).json()["batch"]
    approval.submit(personas.kabkota, region("15.03"), month("2025-03"))
    approval.approve(personas.province, region("15.03"), month("2025-03"))
    result = undo_batch(batch, system_actor())
    assert not result.ok and "prov_jambi" in result.message_id
    assert Participation.objects.filter(region__code="15.03").count() == 1
