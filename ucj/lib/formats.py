"""Indonesian number formats: 1.234.567; 43,5%; Rp4,97 miliar; and months, days and
times in the active language ('Mei 2025', '19 Mei 2025', '2 Des 2026 03.10 WIB'). One
place for all screens, exports and reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format

from ucj.lib.periods import as_day

Number = int | float | Decimal


def number(value: Number | None, decimals: int = 0) -> str:
    """1234567 → '1.234.567'; 43.5 with decimals=1 → '43,5'; None → '–'."""
    if value is None:
        return "–"
    text = f"{float(value):,.{decimals}f}" if decimals else f"{round(float(value)):,}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(value: Number | None, decimals: int = 2) -> str:
    """43.5 → '43,50%' (decimals=2) or '43,5%' (decimals=1)."""
    return "–" if value is None else f"{number(value, decimals)}%"


def rupiah(value: Number | None) -> str:
    """16800 → 'Rp16.800' (whole rupiah)."""
    return "–" if value is None else f"Rp{number(value)}"


_SCALES = [(Decimal(10) ** 12, "triliun"), (Decimal(10) ** 9, "miliar"), (Decimal(10) ** 6, "juta")]


def rupiah_short(value: Number | None) -> str:
    """4_970_000_000 → 'Rp4,97 miliar'; under a million: the full figure."""
    if value is None:
        return "–"
    amount = Decimal(str(value))
    for scale, word in _SCALES:
        if abs(amount) >= scale:
            return f"Rp{number(amount / scale, 2)} {word}"
    return rupiah(amount)


def month(value: Any) -> str:
    """date(2025, 5, 1) or '2025-05' → 'Mei 2025' (month name in the active language)."""
    day_ = as_day(value)
    return "–" if day_ is None else date_format(day_, "F Y")


def day(value: Any) -> str:
    """date(2025, 5, 19) or '2025-05-19' → '19 Mei 2025'."""
    day_ = as_day(value)
    return "–" if day_ is None else date_format(day_, "j F Y")


# Indonesia's zones by their usual names; others by the abbreviation the zone gives.
ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


def moment(value: Any) -> str:
    """An aware datetime (or its ISO text, as JSON carries it) → '2 Des 2026 03.10 WIB'
    in the configured time zone."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if not isinstance(value, dt.datetime):
        return "–"
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    zone = ZONES.get(str(timezone.get_current_timezone()), local.strftime("%Z"))
    return f"{date_format(local, 'j M Y H.i')} {zone}".strip()
