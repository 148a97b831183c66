"""`ucj backup` and `ucj restore`: the database, the uploaded files and the stored
membership lists (UCJ_LIST_STORE) in one archive.

SQLite: the online backup API copies the file in one step under a read lock, so the
copy is consistent while the server (and an import) runs. PostgreSQL: `pg_dump -Fc`
reads an exported snapshot, and the row counts and checksum written to the manifest
are computed in the very transaction that exported it, so they describe the dump
exactly. Uploaded files (evidence, regulation documents) come along; unconfirmed
import previews (`uploads/impor/`, personal data waiting an hour at most) do not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import sqlite3
import subprocess
import tarfile
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.ops.fingerprint import fingerprint, postgres_tables, sqlite_tables

PREFIX = "ucj-backup-"
SKIP_UPLOADS = ("impor",)  # previews awaiting confirmation, not data


def app_version() -> str:
    try:
        return version("ucj-monev")
    except PackageNotFoundError:
        return "unknown"


def list_backups() -> list[Path]:
    """Archives in UCJ_BACKUP_DIR made under the default name, newest first."""
    folder = Path(settings.UCJ_BACKUP_DIR)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{PREFIX}*.tar.gz"), key=lambda p: p.name, reverse=True)


def prune(keep: int) -> list[str]:
    gone = list_backups()[max(keep, 1) :]
    for old in gone:
        old.unlink(missing_ok=True)
    return [str(p) for p in gone]


def default_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.UCJ_BACKUP_DIR) / f"{PREFIX}{stamp}.tar.gz"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _uploads() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and p.relative_to(root).parts[0] not in SKIP_UPLOADS
    )


def _lists() -> list[Path]:
    """The stored membership lists (Parquet under UCJ_LIST_STORE), not a half-written
    import's folder."""
    root = Path(settings.UCJ_LIST_STORE)
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.rglob("*.parquet") if not p.relative_to(root).parts[0].startswith(".")
    )


def _pg_env() -> tuple[dict[str, str], list[str]]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    return env, [*args, "-U", str(db.get("USER") or ""), "-d", str(db["NAME"])]


def _dump_sqlite(target: Path) -> dict[str, Any]:
    # Django's own sqlite3 connection: the same file (or test database) the app uses.
    connection.ensure_connection()
    source = connection.connection
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)  # pages=-1: one step, one consistent read
        cursor = copy.cursor()
        return fingerprint(cursor, sqlite_tables(cursor))
    finally:
        copy.close()


def _dump_postgres(target: Path) -> dict[str, Any]:
    env, args = _pg_env()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        run = subprocess.run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                *("-f", str(target)),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise CommandError(
                pair(_("pg_dump gagal: %(error)s"), error=run.stderr.strip()).joined()
            )
        return fingerprint(cursor, postgres_tables(cursor))


def backup(out: Path | None = None) -> dict[str, Any]:
    """Write one archive; returns its manifest (plus `file`)."""
    out = (out or default_path()).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    engine = connection.vendor
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        db_name = "database.sqlite3" if engine == "sqlite" else "database.pgdump"
        db_file = Path(tmp) / db_name
        if engine == "sqlite":
            found = _dump_sqlite(db_file)
        elif engine == "postgresql":
            found = _dump_postgres(db_file)
        else:
            raise CommandError(f"unsupported database {engine}")
        root = Path(settings.MEDIA_ROOT)
        files = [{"path": p.relative_to(root).as_posix(), "sha256": _sha256(p)} for p in _uploads()]
        # After the dump: every stored list the dump registers has its files (they are
        # written before the registering commit and never changed after).
        store = Path(settings.UCJ_LIST_STORE)
        lists = [{"path": p.relative_to(store).as_posix(), "sha256": _sha256(p)} for p in _lists()]
        manifest = {
            "format": 1,
            "version": app_version(),
            "engine": engine,
            "created": timezone.now().isoformat(),
            "database_file": db_name,
            "database_sha256": _sha256(db_file),
            **found,
            "files": files,
            "lists": lists,
        }
        partial = out.with_name(out.name + ".part")
        with tarfile.open(partial, "w:gz", compresslevel=1) as tar:
            body = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            info.mtime = int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(body))
            tar.add(db_file, arcname=db_name)
            for entry in files:
                tar.add(root / entry["path"], arcname=f"files/{entry['path']}")
            for entry in lists:
                tar.add(store / entry["path"], arcname=f"lists/{entry['path']}")
        os.replace(partial, out)  # a half-written archive never carries the final name
    return {"file": str(out), "bytes": out.stat().st_size, **_summary(manifest)}


def _summary(manifest: dict[str, Any]) -> dict[str, Any]:
    return {
        "engine": manifest["engine"],
        "created": manifest["created"],
        "tables": len(manifest["tables"]),
        "rows": sum(manifest["tables"].values()),
        "checksum": manifest["checksum"],
        "files": len(manifest["files"]),
    }
