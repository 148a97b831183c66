"""The coverage engine: where a region stands for a month, against what, and where it heads.

`compute()` turns the coverage frame (frame.py) into every derived figure at once, for all
regions and months asked for: percentages, reported-vs-computed discrepancy, target and
gap, category, rank and rank change. The public functions shape rows of that frame into
the `ucj coverage --json` objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.indicators import (
    categories,
    completeness,
    data_months,
    frame,
    points,
    projection,
    sources,
    store,
)
from ucj.indicators import reported as reported_figures
from ucj.indicators import targets as target_figures
from ucj.indicators.frame import NATION_CODE, NATION_NAME, NATIONAL, PROGRAMS, month
from ucj.indicators.objects import blank, shape
from ucj.indicators.ranking import add_ranks
from ucj.lib.bilingual import pair
from ucj.regions.models import KABKOTA, Level, Region

WINDOW_MONTHS = 12  # months of series behind rank change and projection


def _sum_cols(cols: list[str]) -> pl.Expr:
    if not cols:
        return pl.lit(None, pl.Int64)
    exprs = [pl.col(c) for c in cols]
    return pl.when(pl.any_horizontal([e.is_not_null() for e in exprs])).then(
        pl.sum_horizontal(exprs)
    )


def _pct(num: pl.Expr, den: str) -> pl.Expr:
    return pl.when(pl.col(den) > 0).then((num / pl.col(den) * 100).round(2))


def _category_columns(df: pl.DataFrame, periods: list[dt.date]) -> pl.DataFrame:
    """Category per row, by the scheme in force in its month (set-based, no row loop)."""
    schemes = categories.all_schemes()
    used: list[categories.Scheme] = []
    mapping = []
    for p in periods:
        s = categories.pick(schemes, p)
        if s not in used:
            used.append(s)
        mapping.append((p, used.index(s)))
    df = df.join(
        pl.DataFrame(mapping, schema={"period": pl.Date, "_scheme": pl.Int64}, orient="row"),
        on="period",
        how="left",
    )
    label: pl.Expr = pl.lit(None, pl.Utf8)
    colour: pl.Expr = pl.lit(None, pl.Utf8)
    order: pl.Expr = pl.lit(None, pl.Int64)
    provisional: pl.Expr = pl.lit(None, pl.Boolean)
    basis: pl.Expr = pl.lit(None, pl.Utf8)
    for i, s in enumerate(used):
        value = pl.col("headline_pct")
        if s.basis == "target":
            value = pl.when(pl.col("target_pct") > 0).then(
                pl.col("headline_pct") / pl.col("target_pct") * 100
            )
        lab, col, ordr = pl.lit(None, pl.Utf8), pl.lit(None, pl.Utf8), pl.lit(None, pl.Int64)
        for j, band in enumerate(s.bands):  # ascending: the last bound reached wins
            hit = value.is_not_null() & ((value >= band.lower) | pl.lit(j == 0))
            lab = pl.when(hit).then(pl.lit(band.label)).otherwise(lab)
            col = pl.when(hit).then(pl.lit(band.colour)).otherwise(col)
            ordr = pl.when(hit).then(pl.lit(band.order, pl.Int64)).otherwise(ordr)
        # A source that stated only a category (e.g. "sangat rendah"): that category, in
        # the colour of the band of the same name when the scheme has one.
        by_name = {b.label.lower(): b for b in s.bands}
        stated = pl.col("headline_pct").is_null() & pl.col("reported_category").is_not_null()
        key = pl.col("reported_category").str.to_lowercase().str.strip_chars()
        lab = pl.when(stated).then(pl.col("reported_category")).otherwise(lab)
        col = (
            pl.when(stated)
            .then(key.replace_strict({k: b.colour for k, b in by_name.items()}, default=None))
            .otherwise(col)
        )
        ordr = (
            pl.when(stated)
            .then(
                key.replace_strict(
                    {k: b.order for k, b in by_name.items()}, default=None, return_dtype=pl.Int64
                )
            )
            .otherwise(ordr)
        )
        here = pl.col("_scheme") == i
        label = pl.when(here).then(lab).otherwise(label)
        colour = pl.when(here).then(col).otherwise(colour)
        order = pl.when(here).then(ordr).otherwise(order)
        provisional = pl.when(here).then(pl.lit(s.provisional)).otherwise(provisional)
        basis = pl.when(here).then(pl.lit(s.basis)).otherwise(basis)
    return df.with_columns(
        label.alias("category"),
        colour.alias("category_colour"),
        order.alias("category_order"),
        provisional.alias("category_provisional"),
        basis.alias("category_basis"),
    ).drop("_scheme")


def compute(
    periods: list[dt.date] | None = None,
    provinces: set[str] | None = None,
    ranks: bool = True,
    groups: dict[str, list[str]] | None = None,
) -> pl.DataFrame:
    """Every derived figure for every region (or the given provinces) and month.

    periods None: every month with data (the full recompute of bench/indicators).
    """
    rep = reported_figures.reported(periods)
    if provinces is not None:
        rep = rep.filter(pl.col("code").str.split(".").list.first().is_in(sorted(provinces)))
    df, periods = frame.build(periods, provinces, rep)
    groups = groups or frame.segment_groups()
    years = {p.year for p in periods}
    df = df.with_columns(pl.col("period").dt.year().cast(pl.Int32).alias("year"))
    df = df.join(target_figures.targets(years), on=["code", "year"], how="left")
    df = df.join(rep, on=["code", "period"], how="left")
    df = _with_completeness(df)
    df = df.with_columns(
        _pct(pl.col("persons"), "potential").alias("coverage_pct"),
        _pct(_sum_cols(groups["formal"]), "potential_formal").alias("formal_pct"),
        _pct(_sum_cols(groups["informal"]), "potential_informal").alias("informal_pct"),
        *[_pct(pl.col(p), "potential").alias(f"pct_{p}") for p in PROGRAMS],
        pl.when(pl.col("target_pct_set").is_not_null())
        .then(pl.col("target_pct_set"))
        .otherwise(_pct(pl.col("target_workers_set"), "potential"))
        .alias("target_pct"),
        pl.when(pl.col("target_pct_set").is_not_null() & pl.col("potential").is_not_null())
        .then(  # ⌈pct × potential ÷ 100⌉ in integers: pct has two decimals
            ((pl.col("target_pct_set") * 100).round().cast(pl.Int64) * pl.col("potential") + 9999)
            // 10000
        )
        .otherwise(pl.col("target_workers_set"))
        .alias("target_workers"),
        pl.when(pl.col("direct") & pl.col("rollup_persons").is_not_null())
        .then(pl.col("persons") - pl.col("rollup_persons"))
        .alias("rollup_difference"),
    )
    tolerance = float(settings.UCJ_DISCREPANCY_TOLERANCE_PP)
    df = df.with_columns(
        pl.when(pl.col("target_workers").is_not_null() & pl.col("persons").is_not_null())
        .then(pl.max_horizontal(pl.col("target_workers") - pl.col("persons"), pl.lit(0)))
        .alias("gap_workers"),
        (pl.col("coverage_pct") - pl.col("reported_pct")).round(2).alias("discrepancy_pp"),
        pl.any_horizontal(
            [
                pl.col(c).fill_null(0) > 100
                for c in (
                    "coverage_pct",
                    "formal_pct",
                    "informal_pct",
                    "reported_pct",
                    "reported_formal_pct",
                    "reported_informal_pct",
                )
            ]
        ).alias("over_100_flag"),
    ).with_columns(
        pl.when(pl.col("discrepancy_pp").is_not_null())
        .then(pl.col("discrepancy_pp").abs() > tolerance + 1e-9)
        .alias("discrepancy_flag"),
    )
    df = _headline(df)
    df = _category_columns(df, periods)
    if ranks:
        df = add_ranks(df, completeness.min_pct())
    return df


def _with_completeness(df: pl.DataFrame) -> pl.DataFrame:
    """Completeness of every row, by the one rule of completeness.py."""
    return df.join(_completeness(df), on=["code", "period"], how="left")


def _completeness(df: pl.DataFrame) -> pl.DataFrame:
    """Completeness of every region and month of the frame (also a province whose only
    figures are its kab/kota's reported ones: it has no row of its own)."""
    own_reported = pl.col("reported_pct").is_not_null() | pl.col("reported_category").is_not_null()
    summed = pl.col("kec_cells") > 0  # the kab/kota's counts use a kecamatan sum
    pairs = df.filter(pl.col("level") != NATIONAL).select(
        "code",
        "level",
        "province_code",
        "period",
        "counts",
        own_reported.alias("reported"),
        pl.when(summed).then(pl.col("kec_reporting")).alias("kec_reporting"),
        pl.when(summed).then(pl.col("kec_total").fill_null(0)).alias("kec_total"),
    )
    kab_totals = (
        df.filter(pl.col("level") == Level.PROVINCE)
        .group_by(pl.col("code").alias("province_code"))
        .agg(pl.col("parts_total").max().cast(pl.Int64).alias("kab_total"))
    )
    n_provinces = int(df["prov_all"].max() or 0) if df.height else 0  # type: ignore[arg-type]
    return completeness.derive(pairs, kab_totals, n_provinces)


def _headline(df: pl.DataFrame) -> pl.DataFrame:
    """The figure a region is shown with: computed when counts give one, else reported."""
    computed = pl.col("coverage_pct").is_not_null()
    stated = pl.col("reported_pct").is_not_null() | pl.col("reported_category").is_not_null()
    return df.with_columns(
        pl.when(computed)
        .then(pl.col("coverage_pct"))
        .otherwise(pl.col("reported_pct"))
        .alias("headline_pct"),
        pl.when(computed)
        .then(pl.lit("computed"))
        .when(stated)
        .then(pl.lit("reported"))
        .otherwise(pl.lit(None, pl.Utf8))
        .alias("headline_basis"),
    )


def _parts_below(df: pl.DataFrame) -> dict[str, list[str]]:
    """The regions whose figures a rolled-up region adds up (for its sources)."""
    below: dict[str, list[str]] = {NATION_CODE: []}
    kab = df.filter(pl.col("level").is_in(list(KABKOTA)))
    for code, prov in kab.select("code", "province_code").iter_rows():
        below.setdefault(prov, []).append(code)
    provinces = df.filter(pl.col("level") == Level.PROVINCE)
    for code, direct in provinces.select("code", "direct").iter_rows():
        below[NATION_CODE] += [code] if direct else [code, *below.get(code, [])]
    return below


def objects_for(period: dt.date, keep: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Objects for every region with figures in `period` (or only `keep`), keyed by code,
    as stored (results.py): the engine runs on write, not here, except for a month no
    write has stored yet or one a write has just touched (refresh.py)."""
    period = month(period)
    found = store.read(period, keep)
    if found is not None:
        return found
    found, _ = store.compute_and_write(period, engine_objects)
    if keep is None:
        return found
    return {code: obj for code, obj in found.items() if code in keep}


def engine_objects(period: dt.date) -> dict[str, dict[str, Any]]:
    """The engine's objects for every region with figures in `period`, by code order."""
    window = data_months.periods_up_to(period, WINDOW_MONTHS) or [period]
    if period not in window:
        window = sorted({*window, period})
    groups = frame.segment_groups()
    df = compute(window, groups=groups)
    df = df.join(projection.paces(df), on="code", how="left").filter(pl.col("period") == period)
    below = _parts_below(df)
    df = df.sort("code")
    part_src = sources.participation_sources(period)
    # A kab/kota filled from its kecamatan lists their sources as its own.
    filled = set(df.filter(pl.col("kec_cells") > 0)["code"].to_list())
    for code in df.filter(pl.col("level") == Level.DISTRICT)["code"]:
        if code[:5] in filled:
            part_src.setdefault(code[:5], []).extend(part_src.get(code, []))
    pot_src = sources.potential_sources(period.year)
    rows = df.to_dicts()
    return {r["code"]: shape(r, groups, part_src, pot_src, below.get(r["code"], [])) for r in rows}


def latest_period() -> dt.date | None:
    """The nation's default month (its latest complete month); see default_period."""
    return default_period(NATION_CODE)


def default_period(code: str, on: dt.date | None = None) -> dt.date | None:
    """The month a region is shown in when none is asked for, everywhere (CLI, pages,
    API, PDF, planning, monev): its latest complete month, else the month with the most
    reporting units. `on`: as known on that date (a monev session's day)."""
    code, _, level = _region(code)
    if on is None:  # as known now: from the stored points, no scan of the figures
        return points.default_period(code, trend_frame)
    return completeness.default_period(code, level, on)


def _expected(code: str, level: str) -> int | None:
    if level == NATIONAL:
        return Region.objects.provinces().count()
    if level == Level.PROVINCE:
        return Region.objects.kabkota().in_province(code).count()
    return 1


def _region(code: str) -> tuple[str, str, str]:
    if code.upper() == NATION_CODE:
        return NATION_CODE, NATION_NAME, NATIONAL
    from ucj.regions import names

    dotted = names.dotted_code(code) if names.looks_like_code(code) else code
    region = Region.objects.filter(code=dotted, valid_to__isnull=True).first()
    if region is not None:
        return region.code, region.name, region.level
    from ucj.regions import resolver

    try:  # a retired code (pemekaran), a name or an alias, as users write them
        found = resolver.resolve(code, levels=[Level.PROVINCE, *KABKOTA])
    except resolver.ResolutionError as exc:
        raise LookupError(
            pair(_("Wilayah tidak dikenal: %(code)s"), code=code).joined(),
            exc.as_dict()["candidates"],
        ) from exc
    return found.code, found.name, found.level


def coverage(code: str, period: dt.date | None = None) -> dict[str, Any]:
    """The `ucj coverage CODE --json` object; without period, the region's default month
    (its latest complete month)."""
    code, name, level = _region(code)
    if period is None:
        period = points.default_period(code, trend_frame)
        if period is None:
            return blank(code, name, level, None, _expected(code, level))
    found = objects_for(period, keep={code}).get(code)
    return found or blank(code, name, level, month(period), _expected(code, level))


def national(period: dt.date | None = None) -> dict[str, Any]:
    return coverage(NATION_CODE, period)


def _rank_key(obj: dict[str, Any], rank: str) -> tuple[Any, ...]:
    """By rank; the unranked after, highest figure (computed or reported) first."""
    value = obj[rank]
    headline = obj.get("headline_pct")
    return (value is None, value or 0, headline is None, -(headline or 0), obj["code"])


def league(
    province: str | None = None, level: str | None = None, period: dt.date | None = None
) -> list[dict[str, Any]]:
    """Every kab/kota of a province (or nationally), or every province, ordered by rank."""
    if province:
        province, name, found_level = _region(province)
        if found_level != Level.PROVINCE:
            where = f"{province} {name}"
            raise LookupError(pair(_("Bukan provinsi: %(code)s"), code=where).joined(), [])
        regions = Region.objects.kabkota().in_province(province)
        rank = "rank_in_province"
    elif level in (None, Level.PROVINCE):
        regions = Region.objects.provinces()
        rank = "rank_national"
    else:
        levels = list(KABKOTA) if level in ("kabkota", "kab/kota") else [level]
        regions = Region.objects.kabkota().filter(level__in=levels)
        rank = "rank_national"
    if period is None:  # the month of the province, or of the nation
        period = points.default_period(province or NATION_CODE, trend_frame)
    listed = list(regions.values_list("code", "name", "level"))
    found = objects_for(period, keep={c for c, _, _ in listed}) if period else {}
    out = [found.get(c) or blank(c, n, lv, period) for c, n, lv in listed]
    return sorted(out, key=lambda o: _rank_key(o, rank))


def trend_frame(periods: list[dt.date] | None) -> pl.DataFrame:
    """The engine's figures without ranks for every region in `periods`: what the stored
    trend points are made of (points.py)."""
    df = compute(periods, ranks=False).with_columns(pl.lit(True).alias("shown"))
    # Regions with a completeness but no row (see _completeness): their default month.
    extra = _completeness(df).join(df.select("code", "period"), on=["code", "period"], how="anti")
    return pl.concat([df, extra.with_columns(pl.lit(False).alias("shown"))], how="diagonal_relaxed")


def series(code: str) -> list[dict[str, Any]]:
    """Monthly trend points of a region, oldest first, up to its default month: read from
    the stored points (points.py), refreshed on write like the coverage objects."""
    code, _, _ = _region(code)
    return points.series(code, trend_frame)


def months_with_counts(code: str) -> list[dt.date]:
    """Months in which a region (ID: the nation) or what it adds up has participant
    counts, ascending: the month pickers (stored points, no scan of the figures)."""
    return points.months(code, trend_frame)
