from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser

from ucj.lib.commands import UcjCommand
from ucj.ops.backup import backup, prune


class Command(UcjCommand):
    help = (
        "Cadangkan basis data dan berkas unggahan / back up the database and uploaded "
        "files into one archive (safe while the server runs)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out",
            type=Path,
            help="Archive to write (.tar.gz). Default: UCJ_BACKUP_DIR/ucj-backup-STAMP.tar.gz, "
            "keeping the newest UCJ_BACKUP_KEEP there.",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        data = backup(opts["out"])
        if opts["out"] is None:
            data["pruned"] = prune(settings.UCJ_BACKUP_KEEP)
        if opts["json"]:
            self.emit(data)
        else:
            self.stdout.write(
                f"{data['file']}: {data['rows']} rows in {data['tables']} tables, "
                f"{data['files']} files, {data['bytes']} bytes"
            )
