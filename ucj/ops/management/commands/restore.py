from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from ucj.lib.commands import UcjCommand
from ucj.ops.restore import restore


class Command(UcjCommand):
    help = (
        "Pulihkan cadangan ke basis data kosong / restore a backup into an empty database, "
        "checking row counts and checksum (exit 1 when they differ)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Archive written by `ucj backup`.")

    def handle(self, *args: Any, **opts: Any) -> None:
        data = restore(opts["file"])
        if opts["json"]:
            self.emit(data)
        else:
            verdict = "cocok / match" if data["ok"] else "BERBEDA / DIFFERENT"
            self.stdout.write(
                f"{data['rows']} rows in {data['tables']} tables, {data['files']} files: {verdict}"
            )
            for table in data["tables_differing"]:
                self.stderr.write(f"  table differs: {table}")
            for name in data["files_differing"]:
                self.stderr.write(f"  file differs: {name}")
        if not data["ok"]:
            raise SystemExit(1)
