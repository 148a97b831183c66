from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.commands import UcjCommand
from ucj.lib.schedule import all_jobs, get
from ucj.ops.models import JobRun
from ucj.ops.scheduler import run_job


def _last(name: str) -> dict[str, Any] | None:
    run = JobRun.objects.filter(job=name).order_by("-started", "-id").first()
    if run is None:
        return None
    return {"started": run.started, "finished": run.finished, "ok": run.ok, "slot": run.slot}


class Command(UcjCommand):
    help = "Pekerjaan terjadwal / scheduled jobs: `ucj jobs list`, `ucj jobs run NAME`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["list", "run"])
        parser.add_argument("name", nargs="?", help="Job name (for run).")

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts["json"]
        if opts["action"] == "list":
            rows = [
                {
                    "name": job.name,
                    "label": str(job.label),
                    "every": job.every,
                    "hour": job.hour if job.every in {"daily", "weekly"} else None,
                    "weekday": job.weekday if job.every == "weekly" else None,
                    "current_slot": job.slot(),
                    "last_run": _last(job.name),
                }
                for job in all_jobs()
            ]
            if as_json:
                self.emit(rows)
            else:
                for row in rows:
                    self.stdout.write(f"{row['name']:<22} {row['every']:<7} {row['label']}")
            return
        job = get(opts["name"] or "")
        if job is None:
            self.fail(
                {
                    "error": pair(
                        _("pekerjaan tidak dikenal: %(name)s"), name=opts["name"]
                    ).joined(),
                    "jobs": [j.name for j in all_jobs()],
                },
                as_json,
            )
        run = run_job(job)
        assert run is not None  # a run by hand has no slot, so nothing can hold it
        data = {"name": job.name, "ok": run.ok, "result": run.result, "started": run.started}
        if as_json:
            self.emit(data)
        else:
            self.stdout.write(f"{job.name}: {'ok' if run.ok else 'GAGAL / FAILED'} {run.result}")
        if not run.ok:
            raise SystemExit(1)
