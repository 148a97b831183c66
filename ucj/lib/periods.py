"""Months and days as people write them, read in one place with one strictness.

A period is a month, stored as the first day of that month. People write it:
- on the CLI, in the API, in addresses and forms: `YYYY-MM` (`parse_month`: a month
  of 1 or 2 digits, 1–12, a year within `YEARS`; anything else is refused);
- in a spreadsheet cell: `YYYY-MM` too, or `YYYY/MM`, `MM/YYYY`, `Sep 2024`,
  `September 2024`, `Mei 2025`, or a date cell Excel gave as `YYYY-MM-DD`
  (`read_period`; the same month and year rules).
Errors are `PeriodError`, a ValueError with `message_id` and `message_en`; each caller
turns it into its own kind of refusal (a form error, an API 400, a bad cell).

Month names: `MONTHS` reads Indonesian and English names and their usual
abbreviations; `MONTH_NAMES` writes Indonesian ('Juni 2025', `month_name`), for the
PDF reports that speak Indonesian whatever the screen's language.
"""

from __future__ import annotations

import datetime as dt
import re

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair

YEARS = (1990, 2100)  # months outside these are typing errors, not data or plans

MONTHS = {
    "jan": 1, "januari": 1, "january": 1,
    "feb": 2, "februari": 2, "february": 2, "peb": 2, "pebruari": 2,
    "mar": 3, "maret": 3, "march": 3,
    "apr": 4, "april": 4,
    "mei": 5, "may": 5,
    "jun": 6, "juni": 6, "june": 6,
    "jul": 7, "juli": 7, "july": 7,
    "agu": 8, "agt": 8, "ags": 8, "agustus": 8, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oktober": 10, "oct": 10, "october": 10,
    "nov": 11, "nopember": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12, "december": 12,
}  # fmt: skip

MONTH_NAMES = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

_TYPED = re.compile(r"(\d{4})-(\d{1,2})")


class PeriodError(ValueError):
    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en


def _month(year: int, month: int) -> dt.date:
    if not 1 <= month <= 12:
        raise PeriodError(*pair(_("bulan harus 1–12")))
    if not YEARS[0] <= year <= YEARS[1]:
        raise PeriodError(*pair(_("tahun harus %(first)s–%(last)s"), first=YEARS[0], last=YEARS[1]))
    return dt.date(year, month, 1)


def parse_month(text: str | None) -> dt.date:
    """'2025-03' (or '2025-3') → date(2025, 3, 1); PeriodError for anything else."""
    match = _TYPED.fullmatch((text or "").strip())
    if match is None:
        raise PeriodError(
            *pair(
                _("Periode tidak valid: %(text)s (gunakan YYYY-MM, mis. 2025-03)"), text=repr(text)
            )
        )
    try:
        return _month(int(match[1]), int(match[2]))
    except PeriodError as exc:
        raise PeriodError(
            *pair(
                _("Periode tidak valid: %(text)s (%(problem)s)"),
                text=repr(text),
                problem=Bilingual(exc.message_id, exc.message_en),
            )
        ) from None


def optional_month(text: str | None) -> dt.date | None:
    """`parse_month`, with an empty or missing value meaning no month (None)."""
    return parse_month(text) if text and str(text).strip() else None


def month_text(day: dt.date | None) -> str | None:
    """date(2025, 3, 1) → '2025-03' (the form of JSON, the CLI and addresses)."""
    return day.strftime("%Y-%m") if day else None


def read_period(text: str) -> dt.date:
    """A spreadsheet cell → the first day of its month (module docstring)."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})", t):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", t):
        month, year = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([a-z]+)\.?[ -]?(\d{4})", t):
        if m[1] not in MONTHS:
            raise PeriodError(*pair(_("nama bulan tidak dikenal")))
        month, year = MONTHS[m[1]], int(m[2])
    elif m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?: 00:00:00)?", t):  # an Excel date
        day = parse_day(t[:10])
        year, month = day.year, day.month
    else:
        raise PeriodError(
            *pair(_("bukan periode (contoh: 2024-09, Sep 2024, 09/2024)")),
        )
    return _month(year, month)


def parse_day(text: str) -> dt.date:
    """'2025-06-30' → that day; '2025-06' → its first day. PeriodError otherwise."""
    t = text.strip()
    if _TYPED.fullmatch(t):
        return parse_month(t)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t):
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            raise PeriodError(*pair(_("tanggal tidak ada"))) from None
    raise PeriodError(*pair(_("bukan tanggal: %(text)s (YYYY-MM-DD)"), text=repr(text)))


def as_day(value: object) -> dt.date | None:
    """For display: a date, or its text ('2025-06' or '2025-06-30', as JSON carries it);
    None when it is neither."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return parse_day(value[:10])
        except PeriodError:
            return None
    return None


def month_name(value: object) -> str:
    """'2025-06' or date(2025, 6, 1) → 'Juni 2025'; '–' when there is none."""
    day = as_day(value)
    return f"{MONTH_NAMES[day.month - 1]} {day.year}" if day else "–"


def day_name(value: object) -> str:
    """'2025-06-30' or date(2025, 6, 30) → '30 Juni 2025'; '–' when there is none."""
    day = as_day(value)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" if day else "–"


def month_expr(col: str) -> pl.Expr:
    """A Polars column → the first day of its month, set-based (a million rows): '2025-03',
    '2025-03-31', '2025/3/31', '03/2025', '202503'; null when unreadable."""
    text = pl.col(col).cast(pl.String).str.strip_chars().str.replace_all("/", "-", literal=True)

    def parse(expr: pl.Expr, fmt: str) -> pl.Expr:
        return expr.str.to_date(fmt, strict=False)

    month = pl.coalesce(
        parse(text + "-01", "%Y-%m-%d"),
        parse(text, "%Y-%m-%d"),
        parse("01-" + text, "%d-%m-%Y"),
        parse(text + "01", "%Y%m%d"),
    ).dt.truncate("1mo")
    years = month.dt.year().is_between(*YEARS)
    return pl.when(years).then(month)
