"""Periods: one reading of `YYYY-MM` for the CLI, API, forms and addresses, and one of
spreadsheet cells, with the same month and year rules."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from ucj.lib import periods
from ucj.lib.periods import PeriodError


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-03", dt.date(2025, 3, 1)), (" 2025-3 ", dt.date(2025, 3, 1))],
)
def test_typed_month(text, expected):
    assert periods.parse_month(text) == expected


@pytest.mark.parametrize(
    "text", ["", "2025-13", "2025-00", "25-03", "2025/03", "Mar 2025", "1899-12", "2025-03-01"]
)
def test_typed_month_refuses_in_both_languages(text):
    with pytest.raises(PeriodError) as caught:
        periods.parse_month(text)
    assert caught.value.message_en.startswith("Invalid period")
    assert caught.value.message_id and caught.value.message_id != caught.value.message_en


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-09", dt.date(2024, 9, 1)),
        ("09/2024", dt.date(2024, 9, 1)),
        ("Sep 2024", dt.date(2024, 9, 1)),
        ("Agustus 2024", dt.date(2024, 8, 1)),
        ("Mei-2025", dt.date(2025, 5, 1)),
        ("2024-09-30 00:00:00", dt.date(2024, 9, 1)),
    ],
)
def test_cells(text, expected):
    assert periods.read_period(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "Foo 2024", "1850-01", "2024-02-30"])
def test_cells_share_the_month_and_year_rules(text):
    with pytest.raises(PeriodError):
        periods.read_period(text)


def test_names_and_days():
    assert periods.month_name("2025-06") == "Juni 2025"
    assert periods.day_name(dt.date(2025, 6, 30)) == "30 Juni 2025"
    assert periods.day_name(None) == "–"
    assert periods.parse_day("2025-06") == dt.date(2025, 6, 1)
    assert periods.as_day("not a date") is None
    assert periods.optional_month("") is None


def test_month_expr_is_set_based_and_bounded():
    frame = pl.DataFrame({"m": ["2025-03", "2025/3/31", "03/2025", "202503", "1850-01", "x"]})
    got = frame.select(periods.month_expr("m"))["m"].to_list()
    assert got[:4] == [dt.date(2025, 3, 1)] * 4
    assert got[4:] == [None, None]
