"""Indonesian numbers, percentages, dates and periods, and region texts, cell by cell."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from ucj.intake.kinds import Column
from ucj.intake.parsers import CellError, parse_count, parse_decimal, scalar_date, scalar_period
from ucj.intake.regions import parse_regions


def values(frame: pl.DataFrame) -> list:
    return frame.get_column("value").to_list()


def test_counts():
    out = parse_count(pl.Series(["112.000", "1.234.567", "112000", "0", " 1 234 "]))
    assert values(out) == [112000, 1234567, 112000, 0, 1234]
    assert out.get_column("err_en").null_count() == 5
    bad = parse_count(pl.Series(["12,5", "1.5", "1.2345", "x", "-3", "1,234,567"]))
    assert values(bad) == [None, None, None, None, -3, None]
    assert bad.get_column("err_en").to_list() == [
        "a count cannot have a fraction",
        "a count cannot have a fraction",
        "a count cannot have a fraction",
        "not a whole number (example: 112.000)",
        "a count cannot be negative",
        "not a whole number (example: 112.000)",  # English thousands are not guessed
    ]


def test_percentages():
    out = parse_decimal(pl.Series(["43,5", "43,5%", "43.5", "43.5 %", "7"]), percent=True)
    assert values(out) == [43.5, 43.5, 43.5, 43.5, 7.0]
    assert parse_decimal(pl.Series(["tinggi"]), percent=True)["err_en"][0].startswith("not a")


@pytest.mark.parametrize(
    "text", ["19/05/2025", "19-05-2025", "2025-05-19", "19 Mei 2025", "19 May 2025", "19.05.2025"]
)
def test_dates(text):
    assert scalar_date(text) == dt.date(2025, 5, 19)


@pytest.mark.parametrize(
    "text", ["2024-09", "Sep 2024", "09/2024", "September 2024", "sept 2024", "9/2024", "Agu 2024"]
)
def test_periods(text):
    expected = dt.date(2024, 8 if text.startswith("Agu") else 9, 1)
    assert scalar_period(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "Q3 2024", "Septimber 2024", "2024"])
def test_bad_periods(text):
    with pytest.raises(CellError):
        scalar_period(text)


@pytest.mark.django_db
def test_regions_by_code_name_alias_and_retired_code():
    col = Column("wilayah", "region", "region", levels=("province", "regency", "city"))
    texts = ["15.03", "1503", "KAB. SAROLANGUN", "Kota Pangkal Pinang", "91.01", "Provinsi Jambi"]
    out = parse_regions(pl.Series(texts), col)
    assert values(out) == ["15.03", "15.03", "15.03", "19.71", "93.01", "15"]
    assert out.get_column("region_id").null_count() == 0
    bad = parse_regions(pl.Series(["Jambi", "Sarolangunn", "15.03.01"]), col)
    messages = bad.get_column("err_en").to_list()
    assert "ambiguous region name" in messages[0]
    assert "15 Jambi" in messages[0] and "15.71 Kota Jambi" in messages[0]
    assert "did you mean: 15.03 Kabupaten Sarolangun" in messages[1]
    assert "not at the expected level" in messages[2]
