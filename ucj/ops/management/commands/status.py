from __future__ import annotations

from typing import Any

from ucj.lib.commands import UcjCommand
from ucj.ops.status import status


class Command(UcjCommand):
    help = (
        "Keadaan instalasi / installation status: version, database, migrations, last "
        "backup, scheduler heartbeat, last import."
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        data = status()
        if opts["json"]:
            self.emit(data)
            return
        db = data["database"]
        self.stdout.write(f"versi / version      {data['version']}")
        self.stdout.write(
            f"basis data / database {db['engine']} {db['name']} "
            f"({'ok' if db['reachable'] else 'TIDAK TERJANGKAU / UNREACHABLE'})"
        )
        pending = data["migrations"]["unapplied"]
        self.stdout.write(f"migrasi / migrations  {len(pending)} pending")
        beat = data.get("scheduler") or {}
        self.stdout.write(f"penjadwal / scheduler {beat.get('last')} recent={beat.get('recent')}")
        backup = data.get("last_backup") or {}
        self.stdout.write(f"cadangan / backup     {backup.get('file', '-')}")
        batch = data.get("last_import") or {}
        self.stdout.write(f"impor / import        {batch.get('file_name', '-')}")
