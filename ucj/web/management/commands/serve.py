from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandParser

from ucj.accounts.demo_guard import DemoInProduction, refuse_demo_accounts
from ucj.lib.commands import UcjCommand


class Command(UcjCommand):
    help = (
        "Jalankan server web / start the web server (development server; "
        "--production: gunicorn + WhiteNoise + scheduler, see docs/DEPLOY.md)."
    )
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--production",
            action="store_true",
            help="Production server (gunicorn, UCJ_DEBUG=0; secrets required).",
        )
        parser.add_argument(
            "--workers", type=int, default=3, help="--production: worker processes (3)."
        )
        parser.add_argument(
            "--threads", type=int, default=4, help="--production: threads per worker (4)."
        )
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="--production: do not run scheduled jobs here (run `ucj worker` instead).",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        if opts["production"]:
            from ucj.ops.server import exec_production

            exec_production(
                opts["host"],
                opts["port"],
                max(1, opts["workers"]),
                max(1, opts["threads"]),
                scheduler=not opts["no_scheduler"],
            )
            return
        try:
            refuse_demo_accounts()  # UCJ_DEBUG=0: not while a demo password works
        except DemoInProduction as exc:
            self.stderr.write(str(exc))
            raise SystemExit(1) from None
        serve(opts["host"], opts["port"])


def serve(host: str, port: int) -> None:
    # Static files come from the installed packages (plotly, django-htmx) through
    # runserver's static handler; --insecure keeps that working with UCJ_DEBUG=0.
    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)
