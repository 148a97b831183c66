"""`ucj restore FILE`: an archive of `ucj backup` into an empty database, then proof.

Only into an empty database of the same engine (a restore never merges into live
data). After loading, the row count of every table and the content checksum are
computed again and must equal the manifest's; every file's SHA-256 too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.ops.backup import _pg_env, _sha256
from ucj.ops.fingerprint import fingerprint, postgres_tables, sqlite_tables


def _member(tar: tarfile.TarFile, name: str) -> bytes:
    handle = tar.extractfile(name)
    if handle is None:
        raise CommandError(pair(_("arsip rusak: %(name)s tidak ada"), name=name).joined())
    return handle.read()


def _check_empty() -> None:
    tables = connection.introspection.table_names()
    if tables:
        raise CommandError(
            pair(
                _(
                    "Basis data tujuan tidak kosong (%(tables)s tabel). Pulihkan ke basis data "
                    "baru yang kosong."
                ),
                tables=len(tables),
            ).joined()
        )


def _restore_sqlite(db_file: Path) -> dict[str, Any]:
    target = Path(str(settings.DATABASES["default"]["NAME"]))
    connection.close()
    for extra in ("-wal", "-shm"):
        Path(str(target) + extra).unlink(missing_ok=True)
    shutil.copyfile(db_file, str(target) + ".part")
    os.replace(str(target) + ".part", target)
    check = sqlite3.connect(str(target))
    try:
        cursor = check.cursor()
        return fingerprint(cursor, sqlite_tables(cursor))
    finally:
        check.close()


def _restore_postgres(db_file: Path) -> dict[str, Any]:
    env, args = _pg_env()
    run = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(db_file),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:
        raise CommandError(
            pair(_("pg_restore gagal: %(error)s"), error=run.stderr.strip()).joined()
        )
    connection.close()
    with connection.cursor() as cursor:
        return fingerprint(cursor, postgres_tables(cursor))


def restore(archive: Path) -> dict[str, Any]:
    if not archive.is_file():
        raise CommandError(pair(_("Berkas tidak ada: %(path)s"), path=archive).joined())
    try:
        tar = tarfile.open(archive, "r:gz")  # noqa: SIM115 (closed by the `with` below)
    except (tarfile.TarError, OSError) as exc:
        raise CommandError(pair(_("bukan arsip cadangan: %(error)s"), error=exc).joined()) from exc
    with tar, tempfile.TemporaryDirectory() as tmp:
        manifest = json.loads(_member(tar, "manifest.json"))
        if manifest.get("engine") != connection.vendor:
            raise CommandError(
                pair(
                    _("arsip dari %(archive)s, basis data ini %(here)s"),
                    archive=manifest.get("engine"),
                    here=connection.vendor,
                ).joined()
            )
        _check_empty()
        db_file = Path(tmp) / manifest["database_file"]
        db_file.write_bytes(_member(tar, manifest["database_file"]))
        if _sha256(db_file) != manifest["database_sha256"]:
            raise CommandError(pair(_("arsip rusak: checksum basis data berbeda")).joined())
        found = (
            _restore_sqlite(db_file)
            if connection.vendor == "sqlite"
            else _restore_postgres(db_file)
        )
        root = Path(settings.MEDIA_ROOT)
        bad_files = []
        for entry in manifest["files"]:
            rel = Path(entry["path"])
            if rel.is_absolute() or ".." in rel.parts:
                raise CommandError(
                    pair(_("arsip rusak: jalur %(path)s"), path=entry["path"]).joined()
                )
            data = _member(tar, f"files/{entry['path']}")
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                bad_files.append(entry["path"])
                continue
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_bytes(data)
        store = Path(settings.UCJ_LIST_STORE)
        for entry in manifest.get("lists", []):  # archives before issue 17 have none
            rel = Path(entry["path"])
            if rel.is_absolute() or ".." in rel.parts:
                raise CommandError(
                    pair(_("arsip rusak: jalur %(path)s"), path=entry["path"]).joined()
                )
            with tar.extractfile(f"lists/{entry['path']}") as src:  # type: ignore[union-attr]
                (store / rel).parent.mkdir(parents=True, exist_ok=True)
                with (store / rel).open("wb") as dst:
                    shutil.copyfileobj(src, dst, 1 << 22)
            if _sha256(store / rel) != entry["sha256"]:
                bad_files.append(f"lists/{entry['path']}")
    differing = sorted(
        t
        for t in set(manifest["tables"]) | set(found["tables"])
        if manifest["tables"].get(t) != found["tables"].get(t)
    )
    return {
        "file": str(archive),
        "engine": manifest["engine"],
        "created": manifest["created"],
        "tables": len(found["tables"]),
        "rows": sum(found["tables"].values()),
        "counts_match": not differing,
        "checksum_match": found["checksum"] == manifest["checksum"],
        "tables_differing": differing,
        "files": len(manifest["files"]),
        "files_differing": bad_files,
        "ok": not differing and found["checksum"] == manifest["checksum"] and not bad_files,
    }
