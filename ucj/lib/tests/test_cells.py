"""The one formula guard (issue 14): every export uses it, none has its own."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest

from ucj.lib.cells import safe_cell, safe_frame, safe_text

UCJ = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Dinas =", "Dinas ="),
        ("-0,98", "-0,98"),  # a plain signed number stays a number
        ("+5", "+5"),
        ("-1.234.567", "-1.234.567"),
        ("12,5%", "12,5%"),
        ("-", "-"),
        (-0.98, -0.98),
        (Decimal("-5"), Decimal("-5")),
        (3, 3),
        (None, None),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_safe_frame_guards_text_columns_only() -> None:
    frame = pl.DataFrame({"t": ["=1+1", "-0,98", "ok"], "n": [-0.98, 1.0, 2.0]})
    out = safe_frame(frame)
    assert out["t"].to_list() == ["'=1+1", "-0,98", "ok"]
    assert out["n"].to_list() == [-0.98, 1.0, 2.0] and out["n"].dtype == pl.Float64
    assert out["t"].to_list() == [safe_text(t) for t in frame["t"]]


def test_no_export_has_a_guard_of_its_own() -> None:
    """The five guards the security test found are gone: a new one would drift."""
    pattern = re.compile(r"""\(\s*["']=["']\s*,\s*["']\+["']|in\s+["']=\+-@["']|\[=\+\\?-@\]""")
    offenders = [
        str(path.relative_to(UCJ))
        for path in UCJ.rglob("*.py")
        if "tests" not in path.parts
        and path.name != "cells.py"
        and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
