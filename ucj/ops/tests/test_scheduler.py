"""The job registry and the scheduler: slots, one run per slot, heartbeat, `ucj jobs`."""

from __future__ import annotations

import datetime as dt
import io
import json
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from ucj.accounts.models import ApiToken
from ucj.accounts.testing import make_personas
from ucj.accounts.tokens import create_token
from ucj.lib import schedule
from ucj.lib.schedule import Job, all_jobs
from ucj.ops import scheduler
from ucj.ops.models import Heartbeat, JobRun

JKT = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_slots():
    now = dt.datetime(2026, 12, 2, 0, 30, tzinfo=JKT)  # a Wednesday, 00:30
    daily = Job("d", "d", dict, every="daily", hour=2)
    assert daily.slot(now) == dt.datetime(2026, 12, 1, 2, 0, tzinfo=JKT)
    assert daily.slot(now.replace(hour=3)) == dt.datetime(2026, 12, 2, 2, 0, tzinfo=JKT)
    weekly = Job("w", "w", dict, every="weekly", hour=7, weekday=0)
    assert weekly.slot(now) == dt.datetime(2026, 11, 30, 7, 0, tzinfo=JKT)
    hourly = Job("h", "h", dict, every="hourly")
    assert hourly.slot(now) == dt.datetime(2026, 12, 2, 0, 0, tzinfo=JKT)


def test_apps_register_the_issue_jobs():
    names = {j.name for j in all_jobs()}
    assert {"nightly_backup", "stale_check", "expire_tokens", "expire_uploads"} <= names


@pytest.mark.django_db
def test_a_slot_runs_once():
    calls = []
    job = Job("t_once", "t", lambda: calls.append(1) or {"n": len(calls)})
    slot = job.slot()
    first = scheduler.run_job(job, slot)
    second = scheduler.run_job(job, slot)  # another worker, same slot
    assert first is not None and first.ok and first.result == {"n": 1}
    assert second is None and calls == [1]
    assert scheduler.run_job(job) is not None  # by hand: always runs
    assert len(calls) == 2


@pytest.mark.django_db
def test_a_failing_job_is_recorded_without_secrets():
    def boom() -> dict:
        raise ValueError("bad NIK 3273010101900001 token ucj_abcdefghijkl")

    run = scheduler.run_job(Job("t_boom", "t", boom))
    assert run is not None and run.ok is False
    assert "3273010101900001" not in run.result["error"]
    assert "ucj_abcdefghijkl" not in run.result["error"]


@pytest.mark.django_db
def test_tick_beats_and_runs_due_jobs(monkeypatch):
    all_jobs()  # registry loaded first, so the stub below replaces the real backup
    # The backup reads the database through another handle, which the test's open
    # transaction would block; test_backup and test_production run it for real.
    monkeypatch.setitem(
        schedule._JOBS, "nightly_backup", Job("nightly_backup", "b", lambda: {"stub": True})
    )
    done = scheduler.tick()
    assert Heartbeat.objects.get(name="scheduler").beat > timezone.now() - dt.timedelta(1)
    assert {r.job for r in done} == {j.name for j in all_jobs()}
    assert scheduler.tick() == []  # nothing due until the next slot


@pytest.mark.django_db
def test_jobs_cli_and_token_expiry():
    p = make_personas()
    token, _raw = create_token(p.kabkota, "lama")
    ApiToken.objects.filter(pk=token.pk).update(expires=timezone.now() - dt.timedelta(days=1))
    live, _raw2 = create_token(p.kabkota, "baru")
    out = io.StringIO()
    call_command("jobs", "run", "expire_tokens", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["ok"] and data["result"] == {"expired": 1}
    assert ApiToken.objects.get(pk=token.pk).revoked is not None
    assert ApiToken.objects.get(pk=live.pk).revoked is None
    out = io.StringIO()
    call_command("jobs", "list", "--json", stdout=out)
    listed = {j["name"]: j for j in json.loads(out.getvalue())}
    assert listed["expire_tokens"]["last_run"]["ok"] is True
    assert JobRun.objects.filter(job="expire_tokens", slot__isnull=True).count() == 1


def test_five_minute_slots_and_the_preview_cleanup_runs_on_them(tmp_path, settings):
    """Unconfirmed uploads (they may hold NIKs) are purged every five minutes."""
    import os
    import time

    from ucj.intake import previews

    every5 = Job("p", "p", dict, every="5min")
    now = dt.datetime(2026, 12, 2, 0, 7, 31, tzinfo=JKT)
    assert every5.slot(now) == dt.datetime(2026, 12, 2, 0, 5, tzinfo=JKT)
    job = schedule.get("expire_uploads")
    assert job is not None and job.every == "5min"
    folder = previews.preview_dir()
    old, fresh = folder / "old-preview.csv", folder / "fresh-preview.csv"
    old.write_text("nik\n")
    fresh.write_text("nik\n")
    stale = time.time() - previews.LIFETIME.total_seconds() - 60
    os.utime(old, (stale, stale))
    assert job.run()["deleted"] >= 1
    assert not old.exists() and fresh.exists()
    fresh.unlink()
