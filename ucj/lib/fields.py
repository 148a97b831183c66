"""Form fields for numbers people type: rupiah and counts written as officers write them.
The server parses everything (the pages work without JavaScript); `static/web/site.js`
only adds live formatting. Region pickers: `ucj.regions.fields`.

- `parse_amount("Rp1.000.000.000")` → 1000000000; also `1.000.000`, `1000000`,
  `1,5 juta`, `Rp 2 miliar`, `1,000,000` (English grouping). Anything ambiguous
  (`1.5`) or not whole rupiah is refused with a message, never guessed.
- `AmountField` / `CountField`: integer form fields with that parser; the input shows the
  value formatted (`1.000.000`).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ucj.lib import formats

_SCALES = {
    "ribu": 10**3,
    "rb": 10**3,
    "juta": 10**6,
    "jt": 10**6,
    "miliar": 10**9,
    "milyar": 10**9,
    "triliun": 10**12,
}
_NUMBER = re.compile(r"(?P<number>[\d.,\s]*\d)\s*(?P<scale>[a-z]+)?")
# Indonesian grouping (1.000.000,5) or a bare number with a decimal comma (1,5)
_ID = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
# English grouping, only with at least one full group (1,000,000): "1,5" stays Indonesian
_EN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def parse_amount(text: str, currency: bool = True) -> int | None:
    """What an officer typed → a whole number (None when empty); ValueError when unclear."""
    value = (text or "").replace("\u00a0", " ").strip().lower()
    if not value:
        return None
    if currency:
        value = re.sub(r"^rp\.?\s*", "", value)
    match = _NUMBER.fullmatch(value)
    if not match:
        raise ValueError(text)
    number = match["number"].replace(" ", "")
    scale = match["scale"]
    if scale is not None and scale not in _SCALES:
        raise ValueError(text)
    try:
        if _ID.fullmatch(number):
            amount = Decimal(number.replace(".", "").replace(",", "."))
        elif _EN.fullmatch(number):
            amount = Decimal(number.replace(",", ""))
        else:
            raise ValueError(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    amount *= _SCALES.get(scale or "", 1)
    if amount != amount.to_integral_value():
        raise ValueError(text)
    return int(amount)


class AmountInput(forms.TextInput):
    """A text box (not type=number, which refuses `1.000.000`) showing `1.000.000`."""

    template_name = "web/widgets/amount.html"

    def __init__(self, attrs: dict[str, Any] | None = None, currency: bool = True) -> None:
        kind = "rupiah" if currency else "count"
        base = {
            "inputmode": "numeric",
            "autocomplete": "off",
            "class": "money" if currency else "count",
            "data-amount": kind,
        }
        super().__init__({**base, **(attrs or {})})
        self.currency = currency

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            return formats.number(int(value))
        return super().format_value(value)  # what was typed, shown back with its error


class AmountField(forms.IntegerField):
    """Rupiah: accepts `1.000.000`, `Rp1.000.000.000`, `1,5 juta`."""

    currency = True
    default_error_messages = {
        "invalid": _("Tulis jumlah rupiah bulat, mis. 1.000.000 atau Rp1.000.000.000."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", AmountInput(currency=self.currency))
        kwargs.pop("localize", None)
        kwargs.pop("step_size", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_amount(str(value), currency=self.currency)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no min/max/step attributes: they belong to type=number


class CountField(AmountField):
    """A count of people or rows: `1.000.000`, `12.500`, `1,5 juta`."""

    currency = False
    default_error_messages = {
        "invalid": _("Tulis bilangan bulat, mis. 12.500."),
    }
