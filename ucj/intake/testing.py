"""Helpers for tests of import kinds (any app's): write a file, run `ucj import` in-process."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management import call_command


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], sep: str = ",", encoding: str = "utf-8"
) -> Path:
    buf = io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], sheet: str = "data") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def run_import_cli(*args: str) -> tuple[int, Any]:
    """`ucj import ARGS --json` in this process: (exit status, parsed JSON)."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    try:
        call_command("import_data", *args, "--json", stdout=out, stderr=err)
    except SystemExit as exc:
        code = int(exc.code or 0)
    text = out.getvalue()
    return code, json.loads(text) if text.strip() else None


def system_actor() -> Any:
    """The explicit system actor tests import and undo as (like the CLI's `cli_actor`)."""
    from ucj.accounts.scoping import SystemActor

    return SystemActor("uji", "pytest")
