"""Shared frame of the monev-cycle verbs (`ucj letters`, `ucj minister`, `ucj requests`,
`ucj evidence`): sub-commands that each take --json, and one way of reporting a refusal.

The CLI is the server operator: every region, as `cli_actor()` (never user=None).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import CommandParser
from django.utils.translation import gettext_lazy as _

from ucj.lib import periods
from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.commands import UcjCommand


class CycleCommand(UcjCommand):
    json_option = False

    def sub(self, subs: Any, name: str, help_text: str) -> CommandParser:
        parser = subs.add_parser(name, help=help_text)
        parser.add_argument("--json", action="store_true", help="Print only JSON on stdout.")
        return parser

    def handle(self, *args: Any, **opts: Any) -> None:
        as_json = opts.get("json", False)
        try:
            result = getattr(self, "do_" + opts["action"].replace("-", "_"))(opts)
        except ValidationError as exc:
            self.fail({"error": " ".join(exc.messages)}, as_json, code=1)
        except PermissionDenied as exc:
            self.fail({"error": str(exc)}, as_json, code=2)
        if as_json:
            self.emit(result)
        else:
            self.stdout.write(self.text(result))

    def text(self, result: Any) -> str:
        if isinstance(result, dict) and "file" in result:
            return f"Ditulis / written: {result['file']}"
        if isinstance(result, list):
            return "\n".join(self.text(r) for r in result) or "(kosong / none)"
        if isinstance(result, dict):
            return "  ".join(
                f"{k}={v}" for k, v in result.items() if not isinstance(v, list | dict)
            )
        return str(result)


def out_path(text: str, kinds: tuple[str, ...] = (".pdf", ".docx")) -> Path:
    out = Path(text)
    if out.suffix.lower() not in kinds:
        ends = Bilingual(" atau ".join(kinds), " or ".join(kinds))
        raise ValidationError(pair(_("--out harus berakhiran %(ends)s"), ends=ends).joined())
    if not out.parent.is_dir():
        raise PermissionDenied(pair(_("Folder tidak ada: %(folder)s"), folder=out.parent).joined())
    return out


def day(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return periods.parse_day(text)
    except periods.PeriodError as exc:
        raise ValidationError(str(exc)) from None


def month(text: str) -> dt.date:
    try:
        return periods.parse_month(text)
    except periods.PeriodError as exc:
        raise ValidationError(str(exc)) from None
