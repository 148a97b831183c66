"""Base for ucj management commands: `--json` output and exit codes in one place."""

from __future__ import annotations

import json
import sys
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandParser
from django.core.serializers.json import DjangoJSONEncoder


class UcjCommand(BaseCommand):
    """Commands that answer a query take --json and then print only JSON on stdout."""

    json_option = True

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name.replace("manage.py", "ucj"), subcommand, **kwargs)
        if self.json_option and not any("--json" in a.option_strings for a in parser._actions):
            parser.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        return parser

    def emit(self, data: Any) -> None:
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))

    def fail(self, data: dict[str, Any], as_json: bool, code: int = 2) -> NoReturn:
        """Report an error: JSON on stdout with --json, else a line on stderr; then exit."""
        if as_json:
            self.emit(data)
        else:
            self.stderr.write(str(data.get("error", data)))
            for cand in data.get("candidates", []):
                self.stderr.write(f"  {cand.get('code')}  {cand.get('name')}")
        sys.exit(code)
