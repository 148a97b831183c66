"""What an operator asks first: is the database there and current, is the scheduler
alive, when was the last backup and the last import. Shared by /readyz and `ucj status`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from ucj.ops.backup import app_version, list_backups


def database() -> dict[str, Any]:
    """Reachable, engine, name (never the password), and migrations not yet applied."""
    info: dict[str, Any] = {"engine": connection.vendor, "name": _db_name(), "reachable": False}
    try:
        connection.ensure_connection()
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        info["error"] = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return info
    info["reachable"] = True
    info["unapplied_migrations"] = [f"{m.app_label}.{m.name}" for m, _ in plan]
    return info


def _db_name() -> str:
    name = str(settings.DATABASES["default"]["NAME"])
    return name if connection.vendor != "postgresql" else name.rsplit("/", 1)[-1]


def heartbeat() -> dict[str, Any]:
    from ucj.ops.models import Heartbeat

    beat = Heartbeat.objects.filter(name="scheduler").first()
    limit = dt.timedelta(minutes=settings.UCJ_SCHEDULER_STALE_MINUTES)
    if beat is None:
        return {"last": None, "host": None, "recent": False}
    return {"last": beat.beat, "host": beat.host, "recent": timezone.now() - beat.beat < limit}


def last_backup() -> dict[str, Any] | None:
    found = list_backups()
    if not found:
        return None
    newest = found[0]
    return {
        "file": str(newest),
        "bytes": newest.stat().st_size,
        "created": dt.datetime.fromtimestamp(newest.stat().st_mtime, dt.UTC),
    }


def last_import() -> dict[str, Any] | None:
    from ucj.intake.models import ImportBatch

    batch = ImportBatch.objects.order_by("-created", "-id").first()
    if batch is None:
        return None
    return {
        "batch": batch.pk,
        "kind": batch.kind,
        "file_name": batch.file_name,
        "created": batch.created,
        "status": batch.status,
        "rows": batch.rows,
    }


def status() -> dict[str, Any]:
    db = database()
    out: dict[str, Any] = {"version": app_version(), "database": db}
    out["migrations"] = {
        "applied_all": db["reachable"] and not db.get("unapplied_migrations"),
        "unapplied": db.get("unapplied_migrations", []),
    }
    if not out["migrations"]["applied_all"]:
        out.update(scheduler=None, last_backup=last_backup(), last_import=None)
        return out
    out["scheduler"] = heartbeat()
    out["last_backup"] = last_backup()
    out["last_import"] = last_import()
    return out
