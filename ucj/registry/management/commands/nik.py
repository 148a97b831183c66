from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import CommandParser

from ucj.lib.commands import UcjCommand
from ucj.registry import nik
from ucj.registry.codebook import MasterNotLoaded


def parse_as_of(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"--as-of {text!r}: gunakan format YYYY-MM-DD / use the YYYY-MM-DD format"
        ) from None


class Command(UcjCommand):
    help = "NIK: periksa struktur NIK / check a NIK's structure (nothing is stored)."
    json_option = False

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        chk = sub.add_parser("check", help="Check one NIK against the rules of issue 9.")
        chk.add_argument("nik", help="16 digits; spaces, dots and dashes are ignored")
        chk.add_argument("--as-of", help="Reference date YYYY-MM-DD (default: today)")
        chk.add_argument("--json", action="store_true", help="Print only JSON on stdout.")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            as_of = parse_as_of(opts.get("as_of"))
        except ValueError as exc:
            self.fail({"error": str(exc)}, opts["json"], code=2)
        try:
            result = nik.check(opts["nik"], as_of)
        except MasterNotLoaded as exc:
            self.fail({"error": str(exc)}, opts["json"], code=2)
        if opts["json"]:
            self.emit(result.as_dict())
        else:
            # Only the masked form is echoed: a terminal's scrollback is a log too.
            state = "sah / valid" if result.valid else "tidak sah / invalid"
            self.stdout.write(f"{nik.nik_masked(opts['nik'])}: {state}")
            for item in result.errors:
                self.stdout.write(f"  ✗ {item['message_id']} / {item['message_en']}")
            for item in result.warnings:
                self.stdout.write(f"  ! {item['message_id']} / {item['message_en']}")
            if result.birth_date:
                self.stdout.write(f"  lahir / born {result.birth_date}, {result.sex}")
        if not result.valid:
            raise SystemExit(1)
