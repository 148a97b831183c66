"""Background web imports (ucj/intake/jobs.py) and imports racing for the same new keys.
Transactional: the job and the second writer use their own database connections."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from ucj.accounts.testing import PASSWORD, make_personas, month, region
from ucj.accounts.tokens import create_token
from ucj.indicators.models import Participation
from ucj.intake import background as jobs
from ucj.intake.models import ImportJob, JobState
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor

HEAD = "wilayah,periode,segmen,program,peserta_aktif,data_per,sumber\n"
ROWS = "".join(f"15.03,2025-{m:02d},PU,,{1000 + m},28/{m:02d}/2025,BPJS TK\n" for m in range(1, 7))


def _wait(job_id: int, seconds: float = 60) -> ImportJob:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            job = ImportJob.objects.get(pk=job_id)
        except OperationalError as exc:
            # The test database is SQLite's shared in-memory cache, whose table locks do
            # not wait (a file database in WAL mode, as served, lets readers through):
            # the job's thread is inside its write; ask again.
            if "locked" not in str(exc):
                raise
            time.sleep(0.2)
            continue
        if not job.active:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {ImportJob.objects.get(pk=job_id).state}")


@pytest.fixture
def people(master):
    return make_personas()


def test_large_web_upload_runs_as_a_job_with_progress_and_confirm(client, people, settings):
    settings.UCJ_IMPORT_BACKGROUND_MB = 0  # every upload is "large" here
    settings.UCJ_IMPORT_JOB_RUNNER = "thread"
    assert client.login(username=people.branch.username, password=PASSWORD)
    upload = SimpleUploadedFile("besar.csv", (HEAD + ROWS).encode(), "text/csv")
    response = client.post(reverse("intake:upload", args=["participants"]), {"file": upload})
    assert response.status_code == 302 and "/impor/pekerjaan/" in response["Location"]
    job = ImportJob.objects.get()
    assert job.dry_run and job.user == people.branch
    done = _wait(job.pk)
    assert done.state == JobState.DONE and done.result["ok"] and done.result["inserted"] == 6
    assert done.total == 6 and done.stage
    assert not Participation.objects.exists()  # a dry run

    # The page's HTMX poll gets the partial: finished, with the confirm button.
    part = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert b'id="job-status"' in part.content and b"every 1s" not in part.content
    assert reverse("intake:job-confirm", args=[job.pk]).encode() in part.content
    # Someone else cannot see or confirm it (it may hold person data).
    other = client_for(people.kabkota)
    assert other.get(response["Location"]).status_code == 404
    assert other.post(reverse("intake:job-confirm", args=[job.pk])).status_code == 404

    stored = client.post(reverse("intake:job-confirm", args=[job.pk]))
    commit = ImportJob.objects.exclude(pk=job.pk).get()
    assert stored["Location"] == reverse("intake:job", args=[commit.pk])
    assert _wait(commit.pk).result["inserted"] == 6
    assert Participation.objects.filter(region=region("15.03")).count() == 6
    assert not os.path.exists(commit.path)  # the upload is gone once stored
    page = client.get(stored["Location"])
    assert b"every 1s" not in page.content and reverse("intake:history").encode() in page.content
    # Confirming twice does nothing: the file belongs to the commit job now.
    again = client.post(reverse("intake:job-confirm", args=[job.pk]))
    assert again.status_code == 302 and ImportJob.objects.count() == 2


def test_api_background_import_answers_at_once_then_reports(client, people, settings):
    settings.UCJ_IMPORT_JOB_RUNNER = "thread"
    token = {"HTTP_AUTHORIZATION": f"Bearer {create_token(people.branch, 'job')[1]}"}
    upload = SimpleUploadedFile("besar.csv", (HEAD + ROWS).encode(), "text/csv")
    started = client.post("/api/v1/imports/jobs", {"kind": "participants", "file": upload}, **token)
    assert started.status_code == 202, started.content[:300]
    body = started.json()
    assert body["state"] in ("queued", "running", "done") and not body["dry_run"]
    _wait(body["job"])
    status = client.get(body["status_url"], **token).json()
    assert status["state"] == "done" and status["result"]["inserted"] == 6
    assert Participation.objects.count() == 6
    other = {"HTTP_AUTHORIZATION": f"Bearer {create_token(people.kabkota, 'x')[1]}"}
    assert client.get(body["status_url"], **other).status_code == 404
    wrong = SimpleUploadedFile("x.csv", b"a\n", "text/csv")
    refused = client.post("/api/v1/imports/jobs", {"kind": "nope", "file": wrong}, **token)
    assert refused.status_code == 400 and "unknown kind" in refused.json()["message_en"]


def client_for(user):
    from django.test import Client

    other = Client()
    assert other.login(username=user.username, password=PASSWORD)
    return other


def test_a_job_whose_worker_died_is_shown_failed(people, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(HEAD + ROWS)
    job = ImportJob.objects.create(
        kind="participants", user=people.branch, file_name="x.csv", path=str(path),
        state=JobState.RUNNING, heartbeat=timezone.now() - dt.timedelta(hours=1),
    )  # fmt: skip
    assert jobs.sweep() == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED and not path.exists()
    assert "restarted" in job.result["errors"][0]["message_en"]


# PostgreSQL suite only: the child process needs a database it can open, and SQLite's
# test database is in memory.
@pytest.mark.postgresql
def test_process_runner_survives_the_request(people, tmp_path, monkeypatch, settings):
    """The default runner: a child process (`ucj import_job ID`) on the same database."""
    url = os.environ["UCJ_DATABASE_URL"].rsplit("/", 1)[0]
    monkeypatch.setenv("UCJ_DATABASE_URL", f"{url}/{connection.settings_dict['NAME']}")
    settings.UCJ_IMPORT_JOB_RUNNER = "process"
    path = tmp_path / "x.csv"
    path.write_text(HEAD + ROWS)
    job = jobs.start(path, "participants", people.branch, file_name="x.csv", dry_run=False)
    assert ImportJob.objects.get(pk=job.pk).pid
    done = _wait(job.pk, 120)
    assert done.state == JobState.DONE and done.result["inserted"] == 6, done.result
    assert done.pid != os.getpid() and Participation.objects.count() == 6


# PostgreSQL suite only: SQLite serialises writers (IMMEDIATE transactions); its in-memory
# test database answers 'table is locked' at once instead of waiting like a file does.
@pytest.mark.postgresql
def test_two_imports_of_the_same_new_keys_end_cleanly(master, tmp_path):
    """Another writer inserts the same new key and commits while our import is storing:
    our INSERT waits, then hits the unique key; the retry updates the row instead (the
    security test saw a raw UniqueViolation)."""
    path = tmp_path / "x.csv"
    path.write_text(HEAD + "15.03,2025-01,PU,,1500,28/01/2025,BPJS TK\n")
    inserted, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        try:
            with transaction.atomic():
                Participation.objects.create(
                    region=region("15.03"), period=month("2025-01"), segment="PU", count=9
                )
                inserted.set()
                release.wait(30)
        finally:
            connection.close()

    writer = threading.Thread(target=other_writer)
    writer.start()
    assert inserted.wait(30)
    result: dict[str, object] = {}

    def ours() -> None:
        try:
            result["outcome"] = run_import(path, "participants", source="uji", user=system_actor())
        except Exception as exc:  # what the test must not see
            result["error"] = exc
        finally:
            connection.close()

    importer = threading.Thread(target=ours)
    importer.start()
    time.sleep(1.5)  # our import reaches its INSERT (PostgreSQL) or the lock (SQLite)
    release.set()
    writer.join(30)
    importer.join(60)
    assert "error" not in result, result
    outcome = result["outcome"]
    assert outcome.ok, outcome.as_json()["errors"]  # type: ignore[attr-defined]
    row = Participation.objects.get(region=region("15.03"), period=month("2025-01"), segment="PU")
    assert row.count == 1500 and Participation.objects.count() == 1
