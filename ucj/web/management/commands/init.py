from __future__ import annotations

from typing import Any

from ucj.lib.commands import UcjCommand
from ucj.web.setup import initialise


class Command(UcjCommand):
    help = (
        "Buat/migrasikan basis data dan muat master wilayah (aman diulang) / create or "
        "migrate the database and load the region master (safe to run again)."
    )

    def handle(self, *args: Any, **opts: Any) -> None:
        result = initialise(verbosity=0 if opts["json"] else 1)
        if opts["json"]:
            self.emit(result)
        else:
            self.stdout.write(
                f"Basis data siap / database ready: {result['regions']} wilayah/regions "
                f"({result['created']} baru/new)."
            )
