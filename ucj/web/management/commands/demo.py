from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandParser

from ucj.accounts.demo_guard import DemoInProduction, refuse_demo_command
from ucj.lib.commands import UcjCommand
from ucj.web.management.commands.serve import serve
from ucj.web.setup import initialise, load_demo

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-ucj-2026"


class Command(UcjCommand):
    help = (
        "Siapkan data contoh dan jalankan server / init, load demo data, create the demo "
        "login and start the web server."
    )
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to listen on.")
        parser.add_argument("--port", type=int, default=8000, help="Port to listen on.")
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="Load the demo data and stop (do not start the server).",
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            refuse_demo_command()  # UCJ_DEBUG=0: no demo data, no demo accounts
        except DemoInProduction as exc:
            self.stderr.write(str(exc))
            raise SystemExit(1) from None
        initialise()
        loaded = load_demo(self.stdout)
        ensure_demo_user()
        self.stdout.write(f"Data contoh dimuat / demo data loaded: {', '.join(loaded) or '-'}")
        self.stdout.write(f"Alamat / address: http://{opts['host']}:{opts['port']}/")
        self.stdout.write(
            f"Login: {DEMO_USER} / {DEMO_PASSWORD} (analis nasional / national analyst)"
        )
        if not opts["no_serve"]:
            serve(opts["host"], opts["port"])


def ensure_demo_user() -> None:
    from ucj.accounts.models import Role, RoleAssignment

    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=DEMO_USER)
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    RoleAssignment.objects.get_or_create(user=user, role=Role.NATIONAL, region=None)
