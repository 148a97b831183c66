"""Indonesian number formats: 1.234.567; 43,5%; Rp4,97 miliar. One place for all screens,
exports and reports."""

from __future__ import annotations

from decimal import Decimal

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
