"""Indonesian formats and the shared category/sample markers for templates.

{% load ucj_format %}
{{ n|angka }}  {{ pct|persen }}  {{ rp|rupiah_singkat }}  {{ d|periode }}
{% kategori row %}   {% data_contoh row.is_sample %}   {{ band.label|terjemah }}
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from ucj.lib import formats
from ucj.web import nav
from ucj.web.language import message, shown

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


@register.filter
def periode(value: Any) -> str:
    """date(2025, 5, 1) or '2025-05' → 'Mei 2025' (month name in the active language)."""
    return formats.month(value)


@register.filter
def waktu(value: Any) -> str:
    """An aware datetime (or its ISO text, as JSON carries it) → '2 Des 2026 03.10 WIB'
    in the configured time zone."""
    return formats.moment(value)


@register.filter
def tanggal(value: Any) -> str:
    """date(2025, 5, 19) or '2025-05-19' → '19 Mei 2025'."""
    return formats.day(value)


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


@register.filter
def terjemah(value: Any) -> str:
    """Text the product stored in Bahasa Indonesia (a default category name, a basis, a
    calculator note) in the active language; a user's own text as typed (web.language)."""
    return shown(value)


@register.filter
def pesan(error: Any) -> str:
    """A bilingual error (message_id / message_en) in the active language only."""
    return message(error)


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
        shown(label),
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
def angka_utama(obj: Any) -> SafeString:
    """The headline % of a coverage object; a reported one says so, with source and date."""
    get = obj.get if isinstance(obj, dict) else lambda k, d=None: getattr(obj, k, d)
    value = persen(get("headline_pct"))
    if get("headline_basis") != "reported":
        return format_html("{}", value)
    when = tanggal(get("headline_as_of")) if get("headline_as_of") else ""
    title = ", ".join(p for p in (str(get("headline_source") or ""), when) if p)
    return format_html(
        '{} <small class="reported" data-testid="reported" title="{}">{}</small>',
        value,
        title,
        _("dilaporkan"),
    )


@register.simple_tag
def kelengkapan(obj: Any) -> SafeString:
    """'9 dari 11 kab/kota melapor', and 'data belum lengkap' when the month is not
    complete for the region (UCJ_MIN_REPORTING_PCT)."""
    get = obj.get if isinstance(obj, dict) else lambda k, d=None: getattr(obj, k, d)
    done = get("completeness") or {}
    level = get("level")
    n, m = done.get("reporting") or 0, done.get("expected")
    if level == "national":
        text = _("%(n)s dari %(m)s provinsi lengkap") % {"n": n, "m": m}
    elif level == "province" and done.get("basis") == "own":
        text = (
            _("angka tingkat provinsi")
            + " · "
            + _("%(n)s dari %(m)s kab/kota melapor")
            % {
                "n": n,
                "m": m,
            }
        )
    elif level == "province":
        text = _("%(n)s dari %(m)s kab/kota melapor") % {"n": n, "m": m}
    elif done.get("basis") == "kecamatan":  # a kab/kota summed from its kecamatan
        text = _("%(n)s dari %(m)s kecamatan melapor") % {"n": n, "m": m}
    else:
        text = _("melapor") if n else _("belum melapor untuk bulan ini")
    warn = ""
    if not done.get("complete"):
        warn = format_html(
            ' <strong class="flag" data-testid="incomplete">⚠ {}</strong>', _("data belum lengkap")
        )
    return format_html(
        '<span class="completeness" data-testid="completeness">{}</span>{}', text, warn
    )


@register.simple_tag
def peringkat(rank: Any, of: Any) -> str:
    """4 of 11 ranked → '4 dari 11'; no rank → '–'."""
    if rank in (None, ""):
        return "–"
    if of in (None, ""):
        return str(rank)
    return _("%(r)s dari %(n)s") % {"r": rank, "n": of}


def _reporting(row: dict[str, Any]) -> str:
    n, m = row.get("reporting"), row.get("expected")
    if n is None or m is None:
        return "–"
    return f"{n}/{m}" if row.get("complete") else f"{n}/{m} ⚠"


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
    if kind == "headline":
        return angka_utama(row)
    if kind == "rank":
        return peringkat(value, row.get(f"{column.key}_of"))
    if kind == "reporting":
        return _reporting(row)
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


PROJECTION_STATUS = {
    "met": _lazy("target sudah tercapai"),
    "on_pace": _lazy("tercapai sebelum tenggat pada laju saat ini"),
    "behind": _lazy("tertinggal: tercapai sesudah tenggat"),
    "not_at_current_pace": _lazy("tidak tercapai pada laju saat ini"),
    "too_few_points": _lazy("data terlalu sedikit untuk proyeksi"),
    "no_target": _lazy("belum ada target"),
}


@register.simple_tag
def status_proyeksi(value: Any) -> Any:
    """A projection status ('behind', 'met', …) in words, in the active language."""
    return PROJECTION_STATUS.get(str(value), value or "–")
