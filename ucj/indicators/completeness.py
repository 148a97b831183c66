"""Completeness: how many of a region's units reported a month, and which month to show.

One rule, used by the coverage objects and by the default month of every caller (CLI,
pages, API, PDF brief, planning, monev):

- a kab/kota reports a month when it has a figure of its own (participant counts or a
  figure a source reported); when its counts use a sum of its kecamatan (a cell it has
  no row of its own for, `district_frame.py`), its units are its kecamatan: it reports
  those with rows, and is complete only when they reach UCJ_MIN_REPORTING_PCT of its
  current kecamatan (basis `kecamatan`), the rule a province follows one level up;
- a kecamatan with rows reports itself;
- a province's units are its complete kab/kota with participant counts (what its sum
  adds up; a kab/kota with a partial kecamatan sum is in the sum but not counted);
  a province-level figure of its own makes the month complete (counts of its own, or,
  when no kab/kota counts exist, a reported province figure);
- the nation's units are its provinces whose month is complete (a province with 1 of 11
  kab/kota does not count).

A month is complete when reporting × 100 ≥ UCJ_MIN_REPORTING_PCT × expected. The
default month of a region is its latest complete month; when none is complete, the
month with the most reporting units (the latest of ties).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.conf import settings
from django.db.models import Q

from ucj.indicators import district_frame
from ucj.indicators.frame import NATION_CODE, NATIONAL, month
from ucj.indicators.models import Participation, ReportedCoverage
from ucj.regions.models import KABKOTA, Level, Region

PAIRS = {
    "code": pl.Utf8,
    "level": pl.Utf8,
    "province_code": pl.Utf8,
    "period": pl.Date,
    "counts": pl.Boolean,
    "reported": pl.Boolean,
    # kab/kota whose counts use a kecamatan sum: kecamatan reporting and current (else null)
    "kec_reporting": pl.Int64,
    "kec_total": pl.Int64,
}
OUT = {
    "code": pl.Utf8,
    "period": pl.Date,
    "below": pl.Int64,  # kab/kota reporting under it: breaks ties of the fallback month
    "reporting": pl.Int64,
    "expected": pl.Int64,
    "complete": pl.Boolean,
    "completeness_basis": pl.Utf8,
}


def min_pct() -> float:
    return float(settings.UCJ_MIN_REPORTING_PCT)


def enough(reporting: pl.Expr, expected: pl.Expr) -> pl.Expr:
    """reporting is at least UCJ_MIN_REPORTING_PCT of expected (and not nothing)."""
    return (reporting > 0) & (reporting.cast(pl.Float64) * 100 >= expected * min_pct() - 1e-9)


def derive(pairs: pl.DataFrame, kab_totals: pl.DataFrame, n_provinces: int) -> pl.DataFrame:
    """Completeness per region and month from the (region, month) pairs that have figures.

    pairs: code, level, province_code, period, counts (participant counts of its own),
    reported (a reported figure of its own) for kab/kota and provinces.
    kab_totals: province_code, kab_total (current kab/kota of each province).
    Returns code, period, reporting, expected, complete, completeness_basis for the
    kab/kota and provinces in pairs and the nation (code ID) in every month of pairs.
    """
    for name in ("kec_reporting", "kec_total"):
        if name not in pairs.columns:
            pairs = pairs.with_columns(pl.lit(None, pl.Int64).alias(name))
    is_kab = pl.col("level").is_in(list(KABKOTA))
    summed = pl.col("kec_reporting").is_not_null()
    kab_complete = ~summed | enough(pl.col("kec_reporting"), pl.col("kec_total").fill_null(0))
    kab = pairs.filter(is_kab & (pl.col("counts") | pl.col("reported")))
    kab_out = kab.select(
        "code",
        "period",
        pl.lit(1, pl.Int64).alias("below"),
        pl.when(summed).then(pl.col("kec_reporting")).otherwise(1).alias("reporting"),
        pl.when(summed).then(pl.col("kec_total")).otherwise(1).alias("expected"),
        kab_complete.alias("complete"),
        pl.when(summed)
        .then(pl.lit("kecamatan"))
        .otherwise(pl.lit("own"))
        .alias("completeness_basis"),
    )
    kec_out = pairs.filter(pl.col("level") == Level.DISTRICT).select(
        "code",
        "period",
        *[pl.lit(1, pl.Int64).alias(c) for c in ("below", "reporting", "expected")],
        pl.lit(True).alias("complete"),
        pl.lit("own").alias("completeness_basis"),
    )
    counted = (
        pairs.filter(is_kab & pl.col("counts") & kab_complete)
        .group_by("province_code", "period")
        .agg(pl.len().cast(pl.Int64).alias("kab_reporting"))
    )
    own = pairs.filter(pl.col("level") == Level.PROVINCE).select(
        "province_code", "period", pl.col("counts").alias("own_counts"), "reported"
    )
    keys = pl.concat(
        [
            counted.select("province_code", "period"),
            own.select("province_code", "period"),
            kab.select("province_code", "period"),
        ]
    ).unique()
    prov = (
        keys.join(counted, on=["province_code", "period"], how="left")
        .join(own, on=["province_code", "period"], how="left")
        .join(kab_totals, on="province_code", how="left")
        .with_columns(
            pl.col("kab_reporting").fill_null(0),
            pl.col("kab_total").fill_null(0).cast(pl.Int64),
            pl.col("own_counts").fill_null(False),
            pl.col("reported").fill_null(False),
        )
    )
    own_figure = pl.col("own_counts") | ((pl.col("kab_reporting") == 0) & pl.col("reported"))
    prov_out = prov.select(
        pl.col("province_code").alias("code"),
        "period",
        pl.col("kab_reporting").alias("below"),
        pl.col("kab_reporting").alias("reporting"),
        pl.col("kab_total").alias("expected"),
        (own_figure | enough(pl.col("kab_reporting"), pl.col("kab_total"))).alias("complete"),
        pl.when(own_figure)
        .then(pl.lit("own"))
        .otherwise(pl.lit("kabkota"))
        .alias("completeness_basis"),
    )
    months = pairs.select("period").unique()
    nation = months.join(
        prov_out.group_by("period").agg(
            pl.col("complete").sum().cast(pl.Int64).alias("n"),
            pl.col("below").sum().cast(pl.Int64).alias("below"),
        ),
        on="period",
        how="left",
    ).select(
        pl.lit(NATION_CODE).alias("code"),
        "period",
        pl.col("below").fill_null(0),
        pl.col("n").fill_null(0).alias("reporting"),
        pl.lit(n_provinces, pl.Int64).alias("expected"),
        enough(pl.col("n").fill_null(0), pl.lit(n_provinces)).alias("complete"),
        pl.lit("provinces").alias("completeness_basis"),
    )
    return pl.concat([kab_out, kec_out, prov_out, nation], how="vertical_relaxed").cast(OUT)  # type: ignore[arg-type]


def as_dict(row: dict[str, Any]) -> dict[str, Any]:
    """The `completeness` key of a coverage object."""
    return {
        "reporting": row.get("reporting") or 0,
        "expected": row.get("expected"),
        "complete": bool(row.get("complete")),
        "basis": row.get("completeness_basis"),
    }


def blank(level: str, expected: int | None = None) -> dict[str, Any]:
    """No figure in the month: nothing reported."""
    if level in KABKOTA:
        expected = 1
    return {"reporting": 0, "expected": expected, "complete": False, "basis": None}


# --- the default month ----------------------------------------------------------------


def _known(on: dt.date | None) -> Q:
    """Figures known on a date: months up to that date's, stored by then (as an import
    batch of that day or earlier, or, without a batch, as of that day or earlier)."""
    if on is None:
        return Q()
    stored = Q(batch__created__date__lte=on) | (
        Q(batch__isnull=True) & (Q(as_of__isnull=True) | Q(as_of__lte=on))
    )
    return Q(period__lte=month(on)) & stored


def _pairs(scope: Q, on: dt.date | None) -> pl.DataFrame:
    """(region, month) pairs with counts or a reported figure (two queries), and the
    kab/kota months whose counts use a kecamatan sum (two more queries, only when
    `scope` holds kecamatan rows)."""
    known = _known(on)
    fields = ("region__code", "region__level", "region__province_code", "period")
    counted = set(Participation.objects.filter(scope, known).values_list(*fields).distinct())
    reported = set(ReportedCoverage.objects.filter(scope, known).values_list(*fields).distinct())
    kec = {key for key in counted if key[1] == Level.DISTRICT}
    counted -= kec
    summed = district_frame.summed_months(
        Q(region__code__in={c for c, *_ in kec}) if kec else None, known
    )
    prov = {c: p for c, _l, p, _m in counted | reported}
    level = dict(Region.objects.filter(code__in=set(summed["code"]), valid_to__isnull=True)
                 .values_list("code", "level"))  # fmt: skip
    for code, period in summed.select("code", "period").iter_rows():
        counted.add((code, level.get(code, Level.REGENCY), prov.get(code, code[:2]), period))
    rows = [
        (*key[:3], month(key[3]), key in counted, key in reported, None, None)
        for key in counted | reported
    ]
    frame = pl.DataFrame(rows, schema=PAIRS, orient="row").unique(["code", "period"])
    if summed.is_empty():
        return frame
    return frame.drop("kec_reporting", "kec_total").join(summed, on=["code", "period"], how="left")


def _kab_totals(province: str | None) -> pl.DataFrame:
    qs = Region.objects.kabkota()
    if province:
        qs = qs.filter(province_code=province)
    totals: dict[str, int] = {}
    for prov in qs.values_list("province_code", flat=True):
        totals[prov] = totals.get(prov, 0) + 1
    return pl.DataFrame(
        list(totals.items()),
        schema={"province_code": pl.Utf8, "kab_total": pl.Int64},
        orient="row",
    )


def months(code: str, level: str, on: dt.date | None = None) -> pl.DataFrame:
    """Completeness of one region in every month it (or what it adds up) has figures."""
    # Kecamatan rows come with the kab/kota's (their kab/kota's months: `_pairs`).
    current = Q(region__valid_to__isnull=True)
    if level == NATIONAL:
        pairs = _pairs(current, on)
        totals = _kab_totals(None)
        n_provinces = Region.objects.provinces().count()
    elif level == Level.PROVINCE:
        pairs = _pairs(current & Q(region__province_code=code), on)
        totals, n_provinces = _kab_totals(code), 1
    elif level in KABKOTA:
        pairs = _pairs(Q(region__code=code) | Q(region__code__startswith=f"{code}."), on)
        totals, n_provinces = _kab_totals(code.split(".")[0]), 1
    else:  # a kecamatan: its own rows
        pairs = _pairs(Q(region__code=code), on)
        totals, n_provinces = _kab_totals(code.split(".")[0]), 1
    if pairs.is_empty():
        return pl.DataFrame(schema=OUT)
    return derive(pairs, totals, n_provinces).filter(pl.col("code") == code).sort("period")


def pick(table: pl.DataFrame) -> dt.date | None:
    """The latest complete month, else the month with the most reporting units (the
    latest of ties; for the nation, ties of complete provinces go by the kab/kota
    reporting below, so one kab/kota's new month never wins on a tie of none)."""
    if table.is_empty():
        return None
    complete = table.filter(pl.col("complete"))
    if not complete.is_empty():
        return complete["period"].max()  # type: ignore[return-value]
    best = table.sort(["reporting", "below", "period"], descending=[True, True, True])
    return best["period"][0]  # type: ignore[no-any-return]


def default_period(code: str, level: str, on: dt.date | None = None) -> dt.date | None:
    """The month a region is shown in when no month is asked for (see module docstring).
    `on`: as known on that date (a monev session's day), else as known now."""
    return pick(months(code, level, on))
