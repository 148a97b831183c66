"""The coverage frame: every region's numerator and denominator for a set of months.

Set-based on purpose: one aggregate query pivots the participation rows per region and
month, a handful of small queries bring potentials, targets and reported figures, and
Polars does the roll-up (kab/kota → province → nation). Nothing is stored: figures are
computed on read, so they are current the moment an import commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import BigIntegerField, Case, IntegerField, Max, Q, Sum, When
from django.db.models.functions import Cast
from django.utils.translation import gettext_noop

from ucj.indicators import district_frame
from ucj.indicators.models import (
    PERSON_SEGMENTS,
    Participation,
    Program,
    SegmentGroup,
    SegmentMapping,
)
from ucj.indicators.potential_frame import potentials_by_year
from ucj.regions.models import KABKOTA, Level, Region

NATION_CODE = "ID"
NATION_NAME = "Indonesia"
NATIONAL = "national"
PROGRAMS = tuple(Program.values)
COUNT_COLS = (*PERSON_SEGMENTS, "ALL", *PROGRAMS)
MIXED_BASIS = gettext_noop("campuran")  # stored; shown translated (web.language)


def month(value: dt.date) -> dt.date:
    return value.replace(day=1)


def _regions(provinces: set[str] | None) -> pl.DataFrame:
    qs = Region.objects.current().filter(level__in=[Level.PROVINCE, *KABKOTA])
    if provinces is not None:
        qs = qs.filter(province_code__in=provinces)
    rows = list(qs.values_list("id", "code", "name", "level", "province_code"))
    return pl.DataFrame(
        rows,
        schema={
            "region_id": pl.Int64,
            "code": pl.Utf8,
            "name": pl.Utf8,
            "level": pl.Utf8,
            "province_code": pl.Utf8,
        },
        orient="row",
    )


def _participation(periods: list[dt.date] | None, provinces: set[str] | None) -> pl.DataFrame:
    """One row per region and month: persons per segment, holders per program.

    One aggregate query, read through the raw cursor: Django's per-value converters
    would cost more than the query itself on a full recompute (bench/indicators).
    """
    total = BigIntegerField()
    aggs: dict[str, Any] = {
        f"c_{seg}": Cast(Sum("count", filter=Q(program="", segment=seg)), total)
        for seg in (*PERSON_SEGMENTS, "ALL")
    }
    for prog in PROGRAMS:
        aggs[f"c_{prog}"] = Cast(Sum("count", filter=Q(program=prog)), total)
    aggs["as_of"] = Max("as_of")
    aggs["sample"] = Max(Case(When(is_sample=True, then=1), default=0, output_field=IntegerField()))
    qs = Participation.objects.all()
    if periods is not None:  # a range, not IN (…): the months asked for are a run
        qs = qs.filter(period__gte=min(periods), period__lte=max(periods))
    if provinces is not None:
        qs = qs.filter(region__province_code__in=provinces)
    query = qs.values("region_id", "period").annotate(**aggs).order_by().query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # Read the table through memory-mapped pages rather than a 2 MB page cache:
            # about a quarter off a full recompute (bench/indicators). Per connection.
            cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Date columns come back as dates or as ISO text, by backend and by expression.
    kinds = {c: _date_kind(rows, i) for c, i in (("period", 1), ("as_of", len(COUNT_COLS) + 2))}
    schema: dict[str, Any] = {"region_id": pl.Int64, "period": kinds["period"]}
    schema.update({f"c_{c}": pl.Int64 for c in COUNT_COLS})
    schema.update({"as_of": kinds["as_of"], "sample": pl.Int64})
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    frame = frame.with_columns(
        pl.col(c).str.to_date("%Y-%m-%d") for c, kind in kinds.items() if kind == pl.Utf8
    )
    if periods is not None:
        frame = frame.filter(pl.col("period").is_in(periods))
    return frame.rename({f"c_{c}": c for c in COUNT_COLS})


def _date_kind(rows: list[tuple[Any, ...]], index: int) -> Any:
    first = next((r[index] for r in rows if r[index] is not None), None)
    return pl.Utf8 if isinstance(first, str) else pl.Date


def segment_groups() -> dict[str, list[str]]:
    """Formal and informal segments, from the editable mapping (defaults if empty)."""
    from ucj.indicators.defaults import DEFAULT_SEGMENT_GROUPS

    mapping = dict(SegmentMapping.objects.values_list("segment", "group")) or {
        k: str(v) for k, v in DEFAULT_SEGMENT_GROUPS.items()
    }
    return {
        "formal": [s for s in PERSON_SEGMENTS if mapping.get(s) == SegmentGroup.FORMAL],
        "informal": [s for s in PERSON_SEGMENTS if mapping.get(s) == SegmentGroup.INFORMAL],
    }


def _null_if_any_null(col: str) -> pl.Expr:
    # A part summed over regions where some have a potential but not its part would
    # understate it: unknown instead.
    missing = (pl.col("potential").is_not_null() & pl.col(col).is_null()).sum()
    known = pl.col(col).is_not_null().any()
    return pl.when((missing == 0) & known).then(pl.col(col).sum()).alias(col)


def _sum_known(col: str) -> pl.Expr:
    # Nothing known below is unknown above, not zero.
    return pl.when(pl.col(col).is_not_null().any()).then(pl.col(col).sum()).alias(col)


def _sum_up(frame: pl.DataFrame, key: str) -> pl.DataFrame:
    """Add up numerators and denominators of the regions below, per `key` and month.

    Only regions with both, so that the sum's % is the % of what was added up; a region
    without a potential is left out (and counted in `skipped`) unless none has one.
    """
    any_potential = pl.col("potential").is_not_null().any().over(key, "period")
    usable = pl.col("potential").is_not_null() | ~any_potential
    skipped = frame.filter(~usable).group_by(key, "period").agg(pl.len().alias("skipped"))
    summed = (
        frame.filter(usable)
        .group_by(key, "period")
        .agg(
            *[_sum_known(c) for c in (*COUNT_COLS, "persons", "potential")],
            _null_if_any_null("potential_formal"),
            _null_if_any_null("potential_informal"),
            pl.when(pl.col("basis").drop_nulls().n_unique() <= 1)
            .then(pl.col("basis").drop_nulls().first())
            .otherwise(pl.lit(MIXED_BASIS))
            .alias("basis"),
            pl.col("potential_year").max(),
            pl.col("as_of").max(),
            pl.col("sample").max(),
            pl.len().alias("parts"),
        )
    )
    return summed.join(skipped, on=[key, "period"], how="left").with_columns(
        pl.col("skipped").fill_null(0).cast(pl.UInt32)
    )


def _persons(frame: pl.DataFrame) -> pl.DataFrame:
    segs = [pl.col(s) for s in PERSON_SEGMENTS]
    return frame.with_columns(
        pl.when(pl.col("ALL").is_not_null())
        .then(pl.col("ALL"))
        .when(pl.any_horizontal([s.is_not_null() for s in segs]))
        .then(pl.sum_horizontal(segs))
        .otherwise(None)
        .cast(pl.Int64)
        .alias("persons")
    )


BASE_COLS = [
    "code",
    "name",
    "level",
    "province_code",
    "period",
    *COUNT_COLS,
    "persons",
    "potential",
    "potential_formal",
    "potential_informal",
    "basis",
    "potential_year",
    "as_of",
    "sample",
    "direct",
    "rollup_persons",
    "rollup_potential",
    "parts",
    "parts_total",
    "skipped",
    "counts",
    "kab_all",
    "prov_all",
    *district_frame.KEC_COLS,
]


def build(
    periods: list[dt.date] | None,
    provinces: set[str] | None = None,
    reported: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, list[dt.date]]:
    """Numerators and denominators of kab/kota, provinces and (when unrestricted) the nation.

    A province's own figure wins over the sum of its kab/kota; the sum is kept beside it
    (rollup_persons, rollup_potential) so the difference can be flagged. `reported`
    (code, period): regions and months with a reported figure; those without counts get
    a row of their own (with their potential, no counts), added after the roll-up so a
    sum never adds a potential without its participants. `counts` says which rows have
    participant counts of their own; `kab_all` and `prov_all` are the number of current
    kab/kota and provinces (what national ranks compare against).
    """
    regions = _regions(provinces)
    # Kecamatan rows fill their kab/kota's cells that have no row of their own.
    part, kec = district_frame.split(_participation(periods, provinces), regions)
    kec = _persons(kec)
    part = district_frame.fill(_persons(part).rename({"persons": "own_persons"}), kec, regions)
    if periods is None:  # every month with data (a full recompute)
        found = set(part["period"].unique().to_list())
        if reported is not None:
            found |= set(reported["period"].unique().to_list())
        periods = sorted(found)
    part = _persons(part).with_columns(pl.col("period").dt.year().cast(pl.Int32).alias("year"))
    pots = potentials_by_year({p.year for p in periods}, provinces)
    kab = part.filter(pl.col("level").is_in(list(KABKOTA))).join(
        pots, on=["region_id", "year"], how="left"
    )
    kab = kab.with_columns(*district_frame.direct_columns())
    provinces_frame = _provinces(part, kab, pots, regions, periods)
    n_provinces = regions.filter(pl.col("level") == Level.PROVINCE).height
    n_kab = regions.filter(pl.col("level").is_in(list(KABKOTA))).height
    totals = [
        pl.lit(n_kab, pl.Int64).alias("kab_all"),
        pl.lit(n_provinces, pl.Int64).alias("prov_all"),
    ]
    pad = district_frame.padded
    frames = [
        kab.with_columns(pl.lit(True).alias("counts"), *totals).select(BASE_COLS),
        pad(provinces_frame.with_columns(pl.col("direct").alias("counts"), *totals)).select(
            BASE_COLS
        ),
    ]
    if provinces is None:
        nation = _nation(provinces_frame, n_provinces)
        frames.append(
            pad(nation.with_columns(pl.lit(False).alias("counts"), *totals)).select(BASE_COLS)
        )
    if reported is not None:
        frames.append(_reported_only(frames, reported, regions, pots, periods, totals))
    if not kec.is_empty():
        frames.append(
            district_frame.district_rows(kec, pots).with_columns(*totals).select(BASE_COLS)
        )
    return pl.concat(frames, how="vertical_relaxed"), periods


def _reported_only(
    frames: list[pl.DataFrame],
    reported: pl.DataFrame,
    regions: pl.DataFrame,
    pots: pl.DataFrame,
    periods: list[dt.date],
    totals: list[pl.Expr],
) -> pl.DataFrame:
    """Rows for regions and months that only a source's reported figure covers."""
    have = pl.concat([f.select("code", "period") for f in frames])
    keys = (
        reported.select("code", "period")
        .filter(pl.col("period").is_in(periods))
        .unique()
        .join(have, on=["code", "period"], how="anti")
        .join(regions, on="code", how="inner")
        .with_columns(pl.col("period").dt.year().cast(pl.Int32).alias("year"))
        .join(pots, on=["region_id", "year"], how="left")
    )
    kab_totals = (
        regions.filter(pl.col("level").is_in(list(KABKOTA)))
        .group_by("province_code")
        .agg(pl.len().alias("parts_total"))
    )
    keys = keys.join(kab_totals, on="province_code", how="left")
    is_prov = pl.col("level") == Level.PROVINCE
    return (
        keys.with_columns(
            *[pl.lit(None, pl.Int64).alias(c) for c in (*COUNT_COLS, "persons")],
            pl.lit(None, pl.Date).alias("as_of"),
            pl.lit(0, pl.Int64).alias("sample"),
            pl.lit(True).alias("direct"),
            pl.lit(None, pl.Int64).alias("rollup_persons"),
            pl.lit(None, pl.Int64).alias("rollup_potential"),
            pl.lit(0, pl.UInt32).alias("parts"),
            pl.when(is_prov).then(pl.col("parts_total")).cast(pl.UInt32).alias("parts_total"),
            pl.lit(0, pl.UInt32).alias("skipped"),
            pl.lit(False).alias("counts"),
            *totals,
        )
        .pipe(district_frame.padded)
        .select(BASE_COLS)
    )


def _provinces(
    part: pl.DataFrame,
    kab: pl.DataFrame,
    pots: pl.DataFrame,
    regions: pl.DataFrame,
    periods: list[dt.date],
) -> pl.DataFrame:
    summed = _sum_up(kab, "province_code")
    direct = part.filter(pl.col("level") == Level.PROVINCE)
    prov_regions = regions.filter(pl.col("level") == Level.PROVINCE)
    # Every (province, month) that has either its own figure or kab/kota figures.
    keys = pl.concat(
        [direct.select("province_code", "period"), summed.select("province_code", "period")]
    ).unique()
    base = keys.join(prov_regions, on="province_code", how="inner").with_columns(
        pl.col("period").dt.year().cast(pl.Int32).alias("year")
    )
    base = base.join(pots, on=["region_id", "year"], how="left")
    totals = (
        regions.filter(pl.col("level").is_in(list(KABKOTA)))
        .group_by("province_code")
        .agg(pl.len().alias("parts_total"))
    )
    base = base.join(totals, on="province_code", how="left")
    d = direct.select("province_code", "period", *COUNT_COLS, "persons", "as_of", "sample")
    base = base.join(d, on=["province_code", "period"], how="left")
    s = summed.rename({c: f"s_{c}" for c in summed.columns if c not in ("province_code", "period")})
    base = base.join(s, on=["province_code", "period"], how="left")
    has_direct = pl.col("persons").is_not_null()
    has_pot = pl.col("potential").is_not_null()
    return base.with_columns(
        has_direct.alias("direct"),
        *[
            pl.when(has_direct).then(pl.col(c)).otherwise(pl.col(f"s_{c}")).alias(c)
            for c in COUNT_COLS
        ],
        pl.when(has_direct).then(pl.col("persons")).otherwise(pl.col("s_persons")).alias("persons"),
        pl.when(has_direct).then(pl.col("as_of")).otherwise(pl.col("s_as_of")).alias("as_of"),
        pl.when(has_direct).then(pl.col("sample")).otherwise(pl.col("s_sample")).alias("sample"),
        pl.when(has_pot)
        .then(pl.col("potential"))
        .otherwise(pl.col("s_potential"))
        .alias("potential"),
        pl.when(has_pot)
        .then(pl.col("potential_formal"))
        .otherwise(pl.col("s_potential_formal"))
        .alias("potential_formal"),
        pl.when(has_pot)
        .then(pl.col("potential_informal"))
        .otherwise(pl.col("s_potential_informal"))
        .alias("potential_informal"),
        pl.when(has_pot).then(pl.col("basis")).otherwise(pl.col("s_basis")).alias("basis"),
        pl.when(has_pot)
        .then(pl.col("potential_year"))
        .otherwise(pl.col("s_potential_year"))
        .alias("potential_year"),
        pl.col("s_persons").alias("rollup_persons"),
        pl.col("s_potential").alias("rollup_potential"),
        pl.col("s_parts").fill_null(0).alias("parts"),
        pl.col("parts_total").fill_null(0),
        pl.col("s_skipped").fill_null(0).alias("skipped"),
    )


def _nation(provinces_frame: pl.DataFrame, n_provinces: int) -> pl.DataFrame:
    summed = _sum_up(provinces_frame, "level")
    return summed.with_columns(
        pl.lit(n_provinces, pl.UInt32).alias("parts_total"),
        pl.lit(NATION_CODE).alias("code"),
        pl.lit(NATION_NAME).alias("name"),
        pl.lit(NATIONAL).alias("level"),
        pl.lit(None, pl.Utf8).alias("province_code"),
        pl.lit(False).alias("direct"),
        pl.col("persons").alias("rollup_persons"),
        pl.col("potential").alias("rollup_potential"),
    )
