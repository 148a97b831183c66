"""Indonesian formats and the shared category/sample markers for templates.

{% load ucj_format %}
{{ n|angka }}  {{ pct|persen }}  {{ rp|rupiah_singkat }}  {{ d|periode }}
{% kategori row %}   {% data_contoh row.is_sample %}
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ucj.lib import formats
from ucj.web import nav

register = template.Library()


def _num(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def angka(value: Any, decimals: int = 0) -> str:
    """1234567 → 1.234.567."""
    return formats.number(_num(value), int(decimals))


@register.filter
def persen(value: Any, decimals: int = 1) -> str:
    """43.5 → 43,5%."""
    return formats.percent(_num(value), int(decimals))


@register.filter
def pp(value: Any, decimals: int = 1) -> str:
    """Signed percentage points: 1.23 → +1,2 pp."""
    num = _num(value)
    if num is None:
        return "–"
    sign = "+" if num > 0 else ""
    return f"{sign}{formats.number(num, int(decimals))} pp"


@register.filter
def rupiah(value: Any) -> str:
    return formats.rupiah(_num(value))


@register.filter
def rupiah_singkat(value: Any) -> str:
    """4970000000 → Rp4,97 miliar."""
    return formats.rupiah_short(_num(value))


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) >= 7:
        try:
            day = int(value[8:10]) if len(value) >= 10 else 1
            return dt.date(int(value[:4]), int(value[5:7]), day)
        except ValueError:
            return None
    return None


@register.filter
def periode(value: Any) -> str:
    """date(2025, 5, 1) or '2025-05' → 'Mei 2025' (month name in the active language)."""
    day = _as_date(value)
    return "–" if day is None else date_format(day, "F Y")


# Indonesia's zones by their usual names; others by the abbreviation the zone gives.
ZONES = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}


@register.filter
def waktu(value: Any) -> str:
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


@register.filter
def tanggal(value: Any) -> str:
    """date(2025, 5, 19) or '2025-05-19' → '19 Mei 2025'."""
    day = _as_date(value)
    return "–" if day is None else date_format(day, "j F Y")


@register.filter
def rank_change(value: Any) -> str:
    """+2 → '▲2' (moved up two places), -1 → '▼1', 0 → '='."""
    num = _num(value)
    if num is None:
        return "–"
    if num > 0:
        return f"▲{int(num)}"
    if num < 0:
        return f"▼{int(-num)}"
    return "="


@register.simple_tag
def kategori(row: Any, label_key: str = "category") -> SafeString:
    """A category chip: colour AND its text label (never colour alone); '*' when the
    scheme is provisional (explained by the note on the same screen)."""
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    label = get(label_key) or ""
    if not label:
        return format_html('<span class="cat cat-none">{}</span>', _("tanpa kategori"))
    colour = get("category_colour") or "#cccccc"
    mark = "*" if get("category_provisional") else ""
    return format_html(
        '<span class="cat" style="--cat:{}"><i aria-hidden="true"></i>{}{}</span>',
        colour,
        label,
        mark,
    )


@register.simple_tag
def data_contoh(is_sample: Any) -> SafeString:
    if not is_sample:
        return SafeString("")
    return format_html(
        '<span class="sample" title="{}">{}</span>',
        _("Angka buatan untuk demonstrasi, bukan data resmi"),
        _("data contoh"),
    )


@register.simple_tag(takes_context=True)
def nav_items(context: Any) -> list[dict[str, Any]]:
    """The menu for this user; `current` marks the entry of the page being shown."""
    request = context.get("request")
    found = nav.items(getattr(request, "user", None))
    path = getattr(request, "path", "")
    best = max(
        (i for i in found if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))),
        key=lambda i: len(i["url"]),
        default=None,
    )
    for item in found:
        item["current"] = item is best
    return found


@register.simple_tag(takes_context=True)
def nav_home(context: Any) -> str:
    request = context.get("request")
    return nav.home_url(getattr(request, "user", None))


@register.simple_tag(takes_context=True)
def query_with(context: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (filters stay in the URL)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def cell(row: dict[str, Any], column: Any) -> Any:
    """One table cell, formatted by the column's kind (the JSON/CSV twins keep raw values)."""
    value = row.get(column.key)
    kind = column.kind
    if kind == "category":
        return kategori(row)
    if kind == "region":
        url = row.get("url")
        return format_html('<a href="{}">{}</a>', url, value) if url else value
    if kind == "bool":
        return data_contoh(value)
    formatters = {
        "int": angka,
        "pct": persen,
        "pp": pp,
        "rank_change": rank_change,
        "date": tanggal,
        "period": periode,
    }
    if kind in formatters:
        return formatters[kind](value)
    return "–" if value in (None, "") else value


SOURCE_KINDS = {
    "participants": _lazy("peserta aktif"),
    "potential": _lazy("potensi pekerja"),
    "reported": _lazy("capaian dilaporkan"),
    "target": _lazy("target"),
}


@register.filter
def source_kind(value: Any) -> Any:
    """What a source gave: 'participants' → 'peserta aktif' (in the active language)."""
    return SOURCE_KINDS.get(str(value), value)
