"""What the dashboard pages show, assembled from the indicator engine.

Views call one function here per page. Figures come from `ucj.indicators.services`
(computed on read); this module only arranges them: category counts, risers and
fallers, stale regions, the tile grid, map payloads and the tables with their twins.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ucj.indicators import categories, services
from ucj.indicators.models import Participation, Program, Segment
from ucj.regions import geo
from ucj.regions.models import KABKOTA, Boundary, Level, Region
from ucj.web.cache import cached
from ucj.web.filters import Filters
from ucj.web.language import shown
from ucj.web.tables import Column

TOP_MOVERS = 5


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def schemes() -> list[categories.Scheme]:
    return categories.all_schemes()


def scheme_choices() -> list[tuple[int, str]]:
    from ucj.indicators.models import CategoryScheme

    return list(CategoryScheme.objects.order_by("-effective", "-id").values_list("id", "name"))


def _scheme(filters: Filters, period: dt.date | None) -> categories.Scheme | None:
    """The scheme the user picked, or None for the one in force (the engine's own)."""
    if filters.scheme is None:
        return None
    from ucj.indicators.models import CategoryScheme

    chosen = CategoryScheme.objects.filter(pk=filters.scheme).first()
    if chosen is None:
        return None
    same = (s for s in schemes() if (s.effective, s.name) == (chosen.effective, chosen.name))
    return next(same, None)


def legend(filters: Filters, period: dt.date | None) -> dict[str, Any]:
    scheme = _scheme(filters, period) or categories.current_scheme(period)
    return {
        "bands": categories.bands_of(scheme),
        "provisional": scheme.provisional,
        "basis": scheme.basis,
        "name": scheme.name,
    }


def _classify(rows: list[dict[str, Any]], scheme: categories.Scheme | None) -> None:
    """Re-band rows under a scheme the user chose (the engine bands by the one in force)."""
    if scheme is None:
        return
    for row in rows:
        if row.get("headline_pct") is None and row.get("reported_category"):
            continue  # a category a source stated, with no % to band
        cat = scheme.classify(row.get("headline_pct"), row.get("target_pct"))
        row["category"] = cat["label"]
        row["category_colour"] = cat["colour"]
        row["category_provisional"] = cat["provisional"]


def _colour(rows: list[dict[str, Any]], period: dt.date | None) -> None:
    """Make sure every row carries its band colour (legend, tiles and maps share it)."""
    bands = {b["label"]: b["colour"] for b in categories.bands(period)}
    for row in rows:
        if not row.get("category_colour"):
            row["category_colour"] = bands.get(row.get("category") or "")


def _segment_program(rows: list[dict[str, Any]], filters: Filters) -> None:
    """With a segment or program filter, the row's participants in that slice and
    their share of the potential (the slice's contribution to coverage)."""
    for row in rows:
        count = None
        if filters.segment:
            count = (row.get("by_segment") or {}).get(filters.segment)
        elif filters.program:
            count = (row.get("by_program") or {}).get(filters.program)
        row["slice_participants"] = count
        pot = row.get("potential_workers")
        row["slice_pct"] = round(count / pot * 100, 2) if count is not None and pot else None


def _flatten(rows: list[dict[str, Any]]) -> None:
    """Completeness as plain columns, for the tables and their CSV twins."""
    for row in rows:
        done = row.get("completeness") or {}
        row["reporting"] = done.get("reporting")
        row["expected"] = done.get("expected")
        row["complete"] = done.get("complete")


def _links(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        code = row.get("code", "")
        if row.get("level") == Level.PROVINCE:
            row["url"] = reverse("web:province", args=[code])
        else:
            row["url"] = reverse("web:scorecard", args=[code])


def _prepare(
    rows: list[dict[str, Any]], filters: Filters, period: dt.date | None
) -> list[dict[str, Any]]:
    rows = [dict(r) for r in rows]
    _classify(rows, _scheme(filters, period))
    _colour(rows, period)
    _segment_program(rows, filters)
    _flatten(rows)
    _links(rows)
    return rows


def league_columns(filters: Filters, in_province: bool) -> list[Column]:
    rank = "rank_in_province" if in_province else "rank_national"
    cols = [
        Column(rank, _("Peringkat"), "rank", True),
        Column(f"{rank}_of", _("Jumlah diperingkat"), "int", True, screen=False),
        Column("rank_change", _("Perubahan peringkat"), "rank_change", True),
        Column("code", _("Kode"), "text"),
        Column("name", _("Wilayah"), "region"),
        # The figure shown: computed, else reported (labelled, with source and date).
        Column("headline_pct", _("Cakupan"), "headline", True),
        Column("headline_basis", _("Dasar angka"), "text", screen=False),
        Column("headline_source", _("Sumber angka dilaporkan"), "text", screen=False),
        Column("coverage_pct", _("Cakupan dihitung"), "pct", True, screen=False),
        Column("reported_pct", _("Cakupan dilaporkan"), "pct", True, screen=False),
        Column("category", _("Kategori"), "category"),
        Column("target_pct", _("Target"), "pct", True),
        Column("gap_workers", _("Kesenjangan (pekerja)"), "int", True),
        Column("active_participants", _("Peserta aktif"), "int", True),
        Column("potential_workers", _("Potensi"), "int", True),
    ]
    if filters.segment or filters.program:
        label = filters.segment or filters.program
        cols += [
            Column("slice_participants", _("Peserta %(s)s") % {"s": label}, "int", True),
            Column("slice_pct", _("%(s)s / potensi") % {"s": label}, "pct", True),
        ]
    cols += [
        Column("reporting", _("Melapor"), "reporting", True),
        Column("expected", _("Unit"), "int", True, screen=False),
        Column("complete", _("Lengkap"), "text", screen=False),
        Column("as_of", _("Data per"), "date"),
        Column("is_sample", _("Data contoh"), "bool"),
    ]
    return cols


def movers(
    rows: list[dict[str, Any]], previous: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Biggest rises and falls in coverage (pp) against the previous month."""
    before = {r["code"]: r.get("coverage_pct") for r in previous}
    moved = []
    for row in rows:
        now, then = row.get("coverage_pct"), before.get(row["code"])
        if now is None or then is None:
            continue
        moved.append({**row, "change_pp": round(float(now) - float(then), 2)})
    moved.sort(key=lambda r: r["change_pp"], reverse=True)
    risers = [r for r in moved if r["change_pp"] > 0][:TOP_MOVERS]
    fallers = [r for r in reversed(moved) if r["change_pp"] < 0][:TOP_MOVERS]
    return risers, fallers


def stale_regions(latest: dt.date | None, province: str | None = None) -> list[dict[str, Any]]:
    """Kab/kota and provinces whose newest participation figure is older than
    UCJ_STALE_MONTHS before the latest month (or that have none at all).

    No scan of the whole history (issue 17): which regions have a figure since the limit
    is one index range over the recent months; the newest month is then read only for the
    regions without one (usually none)."""
    if latest is None:
        return []
    limit = months_before(latest, settings.UCJ_STALE_MONTHS)
    regions = Region.objects.current().filter(level__in=[Level.PROVINCE, *KABKOTA])
    if province:
        regions = regions.filter(province_code=province)
    rows = list(regions.values_list("id", "code", "name", "level", "province_code"))
    # From the participation side on its (period, region) index: a range of recent months.
    recent = Participation.objects.filter(period__gte=limit).order_by()
    fresh_ids = set(recent.values_list("region_id", flat=True).distinct())
    # A province is as fresh as its own figure or its newest kab/kota figure.
    fresh_provinces = {r[4] for r in rows if r[0] in fresh_ids}
    stale = [
        r
        for r in rows
        if r[0] not in fresh_ids and (r[3] != Level.PROVINCE or r[4] not in fresh_provinces)
    ]
    old_ids = [r[0] for r in stale]
    last_of: dict[int, dt.date] = {}
    if old_ids:
        older = Region.objects.filter(id__in=old_ids).annotate(last=Max("participations__period"))
        last_of = {rid: last for rid, last in older.values_list("id", "last") if last}
    newest: dict[str, dt.date] = {}
    for rid, _c, _n, _level, prov in rows:
        last = last_of.get(rid)
        if last is not None and (prov not in newest or last > newest[prov]):
            newest[prov] = last
    out = []
    for rid, code, name, level, prov in stale:
        last = newest.get(prov) if level == Level.PROVINCE else last_of.get(rid)
        view = "web:province" if level == Level.PROVINCE else "web:scorecard"
        url = reverse(view, args=[code])
        out.append({"code": code, "name": name, "last_period": last, "url": url})
    return out


def category_counts(
    rows: list[dict[str, Any]], bands: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    counts = Counter(r.get("category") for r in rows)
    out = [{**b, "count": counts.get(b["label"], 0)} for b in bands]
    if counts.get(None):
        out.append({"label": None, "colour": None, "count": counts[None]})
    return out


def _choropleth(rows: list[dict[str, Any]], layer: str) -> dict[str, Any] | None:
    """What a choropleth needs on the page; the shapes come from a separate URL that the
    browser caches (they are most of a map's weight and change only on `ucj geo load`)."""
    box = _bounds([r["code"] for r in rows])
    if box is None:
        return None
    return {
        "geojson_url": reverse("web:boundaries", args=[layer]),
        "bounds": box,
        "regions": [
            {
                "code": r["code"],
                "name": r["name"],
                "value": r.get("headline_pct"),
                "category": _map_label(r),
                "colour": r.get("category_colour") or "#dddddd",
                "url": r["url"],
            }
            for r in rows
        ],
    }


def _bounds(codes: list[str]) -> tuple[float, float, float, float] | None:
    """The map's box, cached on the boundaries' own state (`ucj geo load` deletes and
    writes them, so new ids), not on the data stamp: an import does not move a border,
    and decoding the shapes was a fifth of a page's first view after each import."""
    state = Boundary.objects.filter(region__code__in=codes).aggregate(n=Count("id"), last=Max("id"))
    return cached(
        f"geo:{state['n']}:{state['last']}", "bounds", tuple(codes), lambda: geo.bounds(codes)
    )


def _map_label(row: dict[str, Any]) -> str:
    """The category a map shows, and "dilaporkan, source, date" for a reported figure."""
    label = shown(row.get("category"))  # pages are cached per language
    if row.get("headline_basis") != "reported":
        return label
    said = _("dilaporkan")
    source = row.get("headline_source") or ""
    when = row.get("headline_as_of") or ""
    return f"{label} · {said}: {source} {when}".strip()


def _listed(
    regions: Any, objects: dict[str, dict[str, Any]], period: dt.date | None
) -> list[dict[str, Any]]:
    """Every region of the queryset, with its figures or a blank object (no data yet)."""
    return [
        objects.get(code) or services.blank(code, name, level, period)
        for code, name, level in regions.values_list("code", "name", "level")
    ]


def _by_rank(rows: list[dict[str, Any]], rank: str) -> list[dict[str, Any]]:
    """By rank; the unranked after, highest figure (computed or reported) first."""

    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        headline = r.get("headline_pct")
        return (
            r.get(rank) is None,
            r.get(rank) or 0,
            headline is None,
            -(headline or 0),
            r["code"],
        )

    return sorted(rows, key=key)


def sum_check(region: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The province's own figure against the sum of its kab/kota."""
    persons = sum(r.get("active_participants") or 0 for r in rows)
    potential = sum(r.get("potential_workers") or 0 for r in rows)
    pct = round(persons / potential * 100, 2) if potential else None
    own = region.get("coverage_pct")
    diff = round(float(own) - pct, 2) if own is not None and pct is not None else None
    tol = settings.UCJ_DISCREPANCY_TOLERANCE_PP
    return {
        "sum_participants": persons,
        "sum_potential": potential,
        "sum_pct": pct,
        "own_participants": region.get("active_participants"),
        "own_potential": region.get("potential_workers"),
        "own_pct": own,
        "reported_pct": region.get("reported_pct"),
        "diff_pp": diff,
        "flag": diff is not None and abs(diff) > tol,
        "reported_flag": region.get("discrepancy_pp") is not None
        and abs(float(region["discrepancy_pp"])) > tol,
        "tolerance": tol,
        "parts": len(rows),
    }


def matrix_cells(region: Region, user: Any, period: dt.date | None) -> dict[tuple[str, str], int]:
    """Segment × program counts of active participants for the region (its kab/kota
    summed for a province), through the scope choke point."""
    qs = Participation.objects.for_user(user).filter(period=period)
    kec = qs.filter(region__level=Level.DISTRICT)
    if region.level == Level.PROVINCE:
        direct = qs.filter(region=region)
        if direct.exists():
            return _cells(direct)
        inside = {"region__province_code": region.province_code}
        return _cells(qs.filter(region__level__in=KABKOTA, **inside), kec.filter(**inside))
    return _cells(qs.filter(region=region), kec.filter(region__parent=region))


def _totals(qs: Any, fields: tuple[str, ...]) -> Any:
    return qs.values_list(*fields).annotate(total=Sum("count")).values_list(*fields, "total")


def _cells(kabkota: Any, kecamatan: Any = None) -> dict[tuple[str, str], int]:
    """(segment, program) totals; a kab/kota's cell with no row of its own takes its
    kecamatan's sum (issue 20), as the engine fills the kab/kota's figure."""
    fields = ("region__code", "segment", "program")
    found: dict[tuple[str, str, str], int] = {}
    for code, seg, prog, total in _totals(kabkota, fields):
        found[(code, seg, prog)] = total
    if kecamatan is not None:
        summed: dict[tuple[str, str, str], int] = {}
        for code, seg, prog, total in _totals(kecamatan, fields):
            key = (code[:5], seg, prog)
            summed[key] = summed.get(key, 0) + total
        for key, total in summed.items():
            found.setdefault(key, total)
    cells: dict[tuple[str, str], int] = {}
    for (_code, seg, prog), total in sorted(found.items()):
        cells[(seg, prog)] = cells.get((seg, prog), 0) + total
    return cells


def matrix(cells: dict[tuple[str, str], int]) -> dict[str, Any]:
    programs = [("", _("Orang (peserta)")), *Program.choices]
    rows = [
        {
            "segment": seg,
            "label": label,
            "cells": [cells.get((seg, prog)) for prog, _l in programs],
        }
        for seg, label in Segment.choices
    ]
    return {"programs": programs, "rows": rows, "empty": not cells}
