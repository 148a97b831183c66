"""Membership lists uploaded through the web page, the API and a background job go to the
list store by the same function as `ucj lists import` (issue 17 item 1): the same stored
list whichever way it came, idempotent replace and add, undo, scope."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ucj.accounts.testing import PASSWORD, make_personas
from ucj.accounts.tokens import create_token
from ucj.intake.models import BatchStatus, ImportBatch, ImportJob
from ucj.registry import list_store
from ucj.registry.models import MembershipEntry, MembershipList
from ucj.registry.tests.synth import make_nik

HEADER = "kpj,nik,segmen,jkk,jkm,jht,jp,jkp,status,bulan_iuran_terakhir,wilayah\n"
NIKS = [make_nik("150301", d, 3, 80, 60 + d) for d in range(1, 6)]  # Sarolangun, 15.03


def _body(niks: list[str], start: int = 0) -> bytes:
    rows = [f"K{start + i},{n},PU,Y,Y,N,N,N,aktif,2025-12,15.03\n" for i, n in enumerate(niks)]
    return (HEADER + "".join(rows)).encode()


def _upload(body: bytes, name: str = "bpjs.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, "text/csv")


@pytest.fixture(autouse=True)
def store(settings: Any, tmp_path: Path) -> Path:
    settings.UCJ_LIST_STORE = tmp_path / "store"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Path(settings.UCJ_LIST_STORE)


def _current_rows() -> pl.DataFrame:
    """What the store holds for Sarolangun now, in a comparable order."""
    mlist = MembershipList.objects.exclude(store="").order_by("-id").first()
    assert mlist is not None
    return list_store.scan(mlist).collect().sort("row")


def _api(client: Any, user: Any, url: str, body: bytes, **extra: Any) -> Any:
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'impor')[1]}"}
    return client.post(url, {"kind": "membership", "file": _upload(body), **extra}, **auth)


def _undo(client: Any, batch: int, on_commit: Any) -> None:
    with on_commit(execute=True):  # the files go once the undo commits
        assert client.post(reverse("intake:undo", args=[batch])).status_code == 302
    assert ImportBatch.objects.get(pk=batch).status == BatchStatus.UNDONE


@pytest.mark.django_db
def test_web_api_and_cli_store_the_same_list(
    client: Any, personas: Any, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    on_commit = django_capture_on_commit_callbacks
    body = _body(NIKS[:3])
    client.force_login(personas.branch)
    url = reverse("intake:upload", args=["membership"])
    page = client.post(url, {"file": _upload(body)})
    assert page.status_code == 200 and page.context["outcome"]["ok"]
    assert not MembershipList.objects.exists()  # a dry run stores nothing
    assert client.post(url, {"token": page.context["token"]}).status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.kind == list_store.BATCH_KIND and batch.user == personas.branch
    assert batch.file_name == "bpjs.csv"
    assert not MembershipEntry.objects.exists()  # the store, not the database table
    web = _current_rows()
    assert web.height == 3 and not set(web["nik_masked"]) & set(NIKS)

    # The same file again through the API changes nothing (no batch, no list).
    again = _api(client, personas.branch, "/api/v1/imports/", body)
    assert again.status_code == 200 and again.json()["ok"] and again.json()["inserted"] == 0
    assert again.json()["unchanged"] == 3 and ImportBatch.objects.count() == 1

    _undo(client, batch.pk, on_commit)
    assert not MembershipList.objects.exists() and not list(list_store.root().rglob("*.parquet"))
    api = _api(client, personas.branch, "/api/v1/imports/", body)
    assert api.status_code == 200 and api.json()["inserted"] == 3
    assert _current_rows().equals(web)

    _undo(client, api.json()["batch"], on_commit)
    path = tmp_path / "bpjs.csv"
    path.write_bytes(body)
    out = io.StringIO()
    call_command("lists", "import", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["rows"] == 3
    assert _current_rows().equals(web)


@pytest.mark.django_db
def test_api_add_is_idempotent_and_scope_is_the_pipelines(client: Any, personas: Any) -> None:
    first = _api(client, personas.branch, "/api/v1/imports/", _body(NIKS[:3]))
    assert first.json()["inserted"] == 3
    more = _body([NIKS[0], NIKS[3]], start=0)  # K0 is held already, K1 → a new person
    dry = _api(client, personas.branch, "/api/v1/imports/dry-run", more, add="true")
    assert dry.json()["ok"] and MembershipList.objects.count() == 1
    added = _api(client, personas.branch, "/api/v1/imports/", more, add="true")
    assert added.json()["inserted"] == 1
    newest = MembershipList.objects.order_by("-id").first()
    assert newest is not None and newest.base_id is not None
    assert _current_rows().height == 4
    again = _api(client, personas.branch, "/api/v1/imports/", more, add="true")
    assert again.json()["ok"] and again.json()["inserted"] == 0
    # Outside the user's regions: refused with the file, row and column, nothing stored.
    refused = _api(client, personas.outsider, "/api/v1/imports/", _body(NIKS[4:]))
    assert refused.status_code == 422 and not refused.json()["ok"]
    error = refused.json()["errors"][0]
    assert error["column"] == "wilayah" and "bpjs.csv" in error["message_en"]
    assert MembershipList.objects.count() == 2
    # Bad cells: named by row and column in both languages.
    bad = _api(client, personas.branch, "/api/v1/imports/", _body(NIKS[4:]).replace(b"aktif", b"?"))
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["column"] == "status" and bad.json()["errors"][0]["row"] == 2


def _wait(job_id: int, seconds: float = 60) -> ImportJob:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        job = ImportJob.objects.get(pk=job_id)
        if not job.active:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still running")


@pytest.mark.django_db(transaction=True)
def test_large_upload_runs_as_a_job_with_progress(client: Any, master: Any, settings: Any) -> None:
    settings.UCJ_IMPORT_BACKGROUND_MB = 0  # every upload is "large" here
    settings.UCJ_IMPORT_JOB_RUNNER = "thread"
    people = make_personas()
    assert client.login(username=people.branch.username, password=PASSWORD)
    url = reverse("intake:upload", args=["membership"])
    response = client.post(url, {"file": _upload(_body(NIKS)), "add": "on"})
    assert response.status_code == 302
    dry = _wait(ImportJob.objects.get().pk)
    assert dry.result["ok"] and dry.result["rows"] == 5 and dry.stage
    assert dry.add_to_list and not MembershipList.objects.exists()
    client.post(reverse("intake:job-confirm", args=[dry.pk]))
    done = _wait(ImportJob.objects.exclude(pk=dry.pk).get().pk)
    assert done.result["inserted"] == 5 and done.stage.startswith("simpan")
    assert done.done == done.total == 1  # one province stored
    assert MembershipList.objects.get().stored_rows == 5
