"""One function per dashboard page: the engine's figures (cached on the data stamp)
arranged for the templates, plus the page's tables (built per request, so their labels
follow the user's language)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import roles_of
from ucj.accounts.suppression import full_view_codes, suppress, suppress_matrix, suppress_table
from ucj.indicators import services
from ucj.indicators.models import CategoryBand
from ucj.regions import geo
from ucj.regions.models import Region
from ucj.web import tiles, twins
from ucj.web.cache import cached
from ucj.web.dashboard import (
    _by_rank,
    _choropleth,
    _listed,
    _prepare,
    _segment_program,
    category_counts,
    league_columns,
    legend,
    matrix,
    matrix_cells,
    months_before,
    movers,
    scheme_choices,
    stale_regions,
    sum_check,
)
from ucj.web.filters import Filters
from ucj.web.language import shown_all
from ucj.web.tables import Table


def periods(stamp: str, province: str | None = None) -> list[dt.date]:
    code = province or services.NATION_CODE
    return cached(stamp, "periods", (province,), lambda: services.months_with_counts(code))


def schemes(stamp: str) -> list[tuple[int, str]]:
    return cached(stamp, "schemes", (), scheme_choices)


def boundaries(stamp: str, layer: str) -> str | None:
    """GeoJSON text of a map layer ('provinsi' or a province code), or None."""

    def compute() -> str:
        shapes = geo.feature_collection(geo.layer_codes(layer))
        return "" if shapes is None else json.dumps(shapes, separators=(",", ":"))

    return cached(stamp, "boundaries", (layer,), compute) or None


def _objects(stamp: str, period: dt.date | None) -> dict[str, dict[str, Any]]:
    """Every region's coverage object for the month: one engine run per data stamp."""
    if period is None:
        return {}
    return cached(stamp, "objects", (period,), lambda: services.objects_for(period))


def _default(stamp: str, code: str) -> dt.date | None:
    """The region's default month (its latest complete month), per data stamp."""
    return cached(stamp, "default-period", (code,), lambda: services.default_period(code))


def _key(filters: Filters, *extra: Any) -> tuple[Any, ...]:
    language = get_language()
    return (filters.period, filters.segment, filters.program, filters.scheme, language, *extra)


def viewer_key(user: Any) -> str:
    """Which suppression a visitor gets: "all" (national level and admins) or a short
    digest of the regions they see in full. Keys the template fragment cache, so one
    visitor's cells never reach another's page."""
    codes = full_view_codes(user)
    if codes is None:
        return "all"
    return hashlib.sha256(",".join(sorted(codes)).encode()).hexdigest()[:16]


def _for_viewer(rows: list[dict[str, Any]], user: Any, filters: Filters) -> list[dict[str, Any]]:
    """League rows as this visitor may see them: small counts (a segment or program
    slice too) and their complements blanked outside the visitor's scope, the same rule
    as the API and the brief. The cached rows are the full figures."""
    codes = full_view_codes(user)
    if codes is None:
        return rows
    shown = suppress_table(rows, codes)
    _segment_program(shown, filters)  # the slice columns follow the blanked cells
    return shown


def _viewed(
    stamp: str, name: str, key: tuple[Any, ...], data: dict[str, Any], user: Any,
    filters: Filters, tables: tuple[str, ...],
) -> dict[str, Any]:  # fmt: skip
    """`data` with its league `tables` as this visitor may see them, cached per data
    stamp and suppression (viewer_key): the blanking is the same for every visitor with
    the same full-view regions (every anonymous visitor), and costs more than the rest
    of a warm page view."""
    viewer = viewer_key(user)
    if viewer == "all":
        return data

    def blank() -> dict[str, Any]:
        return {t: _for_viewer(data[t], user, filters) for t in tables}

    return {**data, **cached(stamp, name + ":viewed", (*key, viewer), blank)}


def chart_labels() -> dict[str, Any]:
    """Words the chart script shows, in the active language."""
    return {
        "coverage": str(_("Cakupan")),
        "target": str(_("Target")),
        "reported": str(_("Dilaporkan")),
        "projection": str(_("Proyeksi")),
        "sample": str(_("data contoh")),
        "no_data": str(_("Belum ada data.")),
        "no_category": str(_("tanpa kategori")),
        # Stored category names → the active language (the trend and the kab/kota rows
        # fetched by the map carry them as stored).
        "categories": shown_all(CategoryBand.objects.values_list("label", flat=True).distinct()),
    }


def trend(stamp: str, code: str) -> list[dict[str, Any]]:
    def compute() -> list[dict[str, Any]]:
        return [
            {
                "period": str(p.get("period")),
                "coverage_pct": p.get("coverage_pct"),
                "target_pct": p.get("target_pct"),
                "reported_pct": p.get("reported_pct"),
                "category": p.get("category"),
                "is_sample": p.get("is_sample"),
            }
            for p in services.series(code)
        ]

    return cached(stamp, "trend", (code,), compute)


def national_page(stamp: str, filters: Filters, user: Any) -> dict[str, Any]:
    period = filters.period or _default(stamp, services.NATION_CODE)

    def compute() -> dict[str, Any]:
        objects = _objects(stamp, period)
        nation = objects.get(services.NATION_CODE) or services.blank(
            services.NATION_CODE, "Indonesia", "national", period
        )
        provinces = _by_rank(
            _prepare(_listed(Region.objects.provinces(), objects, period), filters, period),
            "rank_national",
        )
        kabkota = _prepare(_listed(Region.objects.kabkota(), objects, period), filters, period)
        previous = _objects(stamp, months_before(period, 1)) if period else {}
        risers, fallers = movers(
            [o for o in [*provinces, *kabkota] if o.get("coverage_pct") is not None],
            list(previous.values()),
        )
        leg = legend(filters, period)
        return {
            "period": period,
            "nation": nation,
            "legend": leg,
            "provinces": provinces,
            "province_counts": category_counts(provinces, leg["bands"]),
            "kabkota_counts": category_counts(kabkota, leg["bands"]),
            "tiles": tiles.tiles(provinces),
            "tile_columns": tiles.COLUMNS,
            "choropleth": _choropleth(provinces, "provinsi"),
            "kabkota": _by_rank(kabkota, "rank_national"),
            "chart_labels": chart_labels(),
            "risers": risers,
            "fallers": fallers,
            "stale": stale_regions(period),
            "stale_months": settings.UCJ_STALE_MONTHS,
            "published": services.published_national(),
            "is_sample": bool(nation.get("is_sample"))
            or any(r.get("is_sample") for r in provinces),
        }

    key = _key(filters, period)
    data = cached(stamp, "national", key, compute)
    data = _viewed(stamp, "national", key, data, user, filters, ("provinces", "kabkota"))
    table = Table(
        "provinces",
        _("Peringkat provinsi"),
        league_columns(filters, in_province=False),
        data["provinces"],
        filters.as_dict(),
    )
    f = filters.as_dict()
    return {
        **data,
        "tables": [
            table,
            Table(
                "kabkota",
                _("Peringkat kabupaten/kota nasional"),
                [*league_columns(filters, in_province=False), *twins.MAP_COLUMNS],
                data["kabkota"],
                f,
            ),
            twins.counts(f, province=data["province_counts"], kabkota=data["kabkota_counts"]),
            twins.movers(f, data["risers"], data["fallers"]),
            twins.stale(f, data["stale"]),
            twins.published_national(f, data["published"]),
        ],
    }


def province_page(stamp: str, region: Region, filters: Filters, user: Any) -> dict[str, Any]:
    period = filters.period or _default(stamp, region.code)

    def compute() -> dict[str, Any]:
        objects = _objects(stamp, period)
        own = objects.get(region.code) or services.blank(
            region.code, region.name, region.level, period
        )
        own = _prepare([own], filters, period)[0]
        kabkota = Region.objects.kabkota().in_province(region.province_code)
        rows = _by_rank(
            _prepare(_listed(kabkota, objects, period), filters, period), "rank_in_province"
        )
        values = [float(r["headline_pct"]) for r in rows if r.get("headline_pct") is not None]
        top = max(values, default=0)
        for r in rows:
            pct = r.get("headline_pct")
            r["bar_width"] = round(float(pct) / top * 100, 1) if pct is not None and top else 0
        leg = legend(filters, period)
        return {
            "period": period,
            "own": own,
            "rows": rows,
            "legend": leg,
            "kabkota_counts": category_counts(rows, leg["bands"]),
            "choropleth": _choropleth(rows, region.code),
            "trend": trend(stamp, region.code),
            "chart_labels": chart_labels(),
            "check": sum_check(own, rows),
            "stale": stale_regions(period, region.province_code),
            "stale_months": settings.UCJ_STALE_MONTHS,
            "is_sample": bool(own.get("is_sample")) or any(r.get("is_sample") for r in rows),
        }

    key = _key(filters, period, region.code)
    data = cached(stamp, "province", key, compute)
    data = {**data, "own_rows": [data["own"]]}
    data = _viewed(stamp, "province", key, data, user, filters, ("own_rows", "rows"))
    data["own"] = data.pop("own_rows")[0]
    table = Table(
        "kabkota",
        _("Peringkat kabupaten/kota"),
        league_columns(filters, in_province=True),
        data["rows"],
        filters.as_dict(),
    )
    f = filters.as_dict()
    return {
        **data,
        "region": region,
        "tables": [
            table,
            twins.counts(f, kabkota=data["kabkota_counts"]),
            twins.trend(f, data["trend"]),
            twins.stale(f, data["stale"]),
            twins.sources(f, data["own"].get("sources") or []),
        ],
    }


def scorecard(stamp: str, region: Region, user: Any, filters: Filters) -> dict[str, Any]:
    period = filters.period or _default(stamp, region.code)

    def compute() -> dict[str, Any]:
        found = _objects(stamp, period).get(region.code)
        if found is None:
            found = services.blank(region.code, region.name, region.level, period)
        cov = _prepare([found], filters, period)[0]
        tolerance = settings.UCJ_DISCREPANCY_TOLERANCE_PP
        return {
            "period": period,
            "cov": cov,
            "legend": legend(filters, period),
            "trend": trend(stamp, region.code),
            "chart_labels": chart_labels(),
            "projection": cov.get("projection") or {},
            "discrepancy_flag": cov.get("discrepancy_pp") is not None
            and abs(float(cov["discrepancy_pp"])) > tolerance,
            "tolerance": tolerance,
            "is_sample": bool(cov.get("is_sample")),
        }

    data = cached(stamp, "scorecard", _key(filters, period, region.code), compute)
    codes = full_view_codes(user)
    if codes is not None and region.code not in codes:
        cov = suppress(data["cov"], codes)
        _segment_program([cov], filters)
        data = {**data, "cov": cov}
    # The segment × program matrix goes through the scope choke point: what a user sees
    # depends only on their roles, so the cells are shared between users with the same.
    scope = tuple(sorted((str(r), str(c), str(lv)) for r, c, lv in roles_of(user)))
    cells = cached(
        stamp, "matrix", (region.code, period, scope), lambda: matrix_cells(region, user, period)
    )
    cells = suppress_matrix(cells, data["cov"])  # no column with a single blank
    f = filters.as_dict()
    tables = [
        twins.matrix(f, cells),
        twins.trend(f, data["trend"]),
        twins.sources(f, data["cov"].get("sources") or []),
    ]
    return {**data, "region": region, "matrix": matrix(cells), "tables": tables}
