from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import CommandParser

from ucj.lib.commands import UcjCommand
from ucj.ops.scheduler import run_forever


class Command(UcjCommand):
    help = (
        "Jalankan penjadwal / run the scheduler in the foreground (with "
        "`ucj serve --production --no-scheduler`)."
    )
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--interval", type=float, default=30.0, help="Seconds between passes (30)."
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        self.stderr.write("penjadwal berjalan / scheduler running (Ctrl+C stops)")
        run_forever(stop, opts["interval"])
