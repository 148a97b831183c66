"""Kecamatan figures in the coverage frame (issue 20 item 1).

Participation stays a kab/kota figure unless a source gives kecamatan figures. Then:

- each kecamatan with rows is a region of the frame (level `district`) with its own
  persons, and its own potential only when a source gave a kecamatan potential (its
  coverage % needs both);
- a kab/kota's month is filled cell by cell (persons per segment, holders per program):
  the kab/kota's own row stands where it has one, whatever the source (it is the figure
  published for the kab/kota as a whole, and the month its approval locks); the sum of
  its kecamatan fills the cells it has no row for. `kec_cells` counts the filled cells;
- the kab/kota's potential stays its own: kecamatan potentials are never added up into
  it (a partial list of kecamatan would shrink the denominator and inflate coverage).

Completeness one level down (`completeness.derive`): a kab/kota whose figure uses a
kecamatan sum reports `kec_reporting` of its `kec_total` kecamatan and is complete only
when that reaches UCJ_MIN_REPORTING_PCT, like a province and its kab/kota.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import Q

from ucj.indicators.models import PERSON_SEGMENTS, Participation, Program
from ucj.regions.models import KABKOTA, Level, Region

COUNTS = (*PERSON_SEGMENTS, "ALL", *Program.values)
# What a kab/kota row of the frame carries about its kecamatan (null: none that month).
KEC_COLS = {
    "kec_reporting": pl.Int64,  # kecamatan with rows in the month
    "kec_total": pl.Int64,  # current kecamatan of the kab/kota
    "kec_persons": pl.Int64,  # the kecamatan's persons added up
    "own_persons": pl.Int64,  # the kab/kota's persons from its own rows only
    "kec_cells": pl.Int64,  # cells the kecamatan sum filled (0: the own rows stood)
}


def direct_columns() -> list[pl.Expr]:
    """The roll-up columns of a region's own figure (a kab/kota's or a kecamatan's row):
    nothing summed behind it."""
    return [
        pl.lit(True).alias("direct"),
        pl.lit(None, pl.Int64).alias("rollup_persons"),
        pl.lit(None, pl.Int64).alias("rollup_potential"),
        pl.lit(1, pl.UInt32).alias("parts"),
        pl.lit(None, pl.UInt32).alias("parts_total"),
        pl.lit(0, pl.UInt32).alias("skipped"),
    ]


def cell_label(segment: pl.Expr, program: pl.Expr) -> pl.Expr:
    """'PU', 'ALL', or 'program JKK' (holders over every segment), as messages name a cell."""
    return pl.when(program == "").then(segment).otherwise(pl.format("program {}", program))


def padded(frame: pl.DataFrame) -> pl.DataFrame:
    """A frame without kecamatan columns gets them empty (provinces, the nation)."""
    return frame.with_columns(
        pl.lit(None, t).alias(c) for c, t in KEC_COLS.items() if c not in frame.columns
    )


def _chunks(items: list[int], size: int = 900) -> list[list[int]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def split(raw: pl.DataFrame, regions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Participation rows (one per region and month) → (those of the kab/kota and
    provinces in `regions`, those of current kecamatan with their code, name and kab/kota
    region_id as `kab_id`)."""
    known = raw.join(regions, on="region_id", how="inner")
    rest = raw.join(regions.select("region_id"), on="region_id", how="anti")
    schema = {"region_id": pl.Int64, "code": pl.Utf8, "name": pl.Utf8, "province_code": pl.Utf8}
    found = []
    for chunk in _chunks(rest["region_id"].unique().to_list()):
        found += list(
            Region.objects.current()
            .filter(level=Level.DISTRICT, id__in=chunk)
            .values_list("id", "code", "name", "province_code")
        )
    kec_regions = pl.DataFrame(found, schema=schema, orient="row")
    kab = regions.filter(pl.col("level").is_in(list(KABKOTA))).select(
        pl.col("code").alias("_kab"), pl.col("region_id").alias("kab_id")
    )
    kec = (
        rest.join(kec_regions, on="region_id", how="inner")
        .with_columns(
            pl.col("code").str.slice(0, 5).alias("_kab"),
            pl.lit(Level.DISTRICT.value).alias("level"),
        )
        .join(kab, on="_kab", how="inner")
        .drop("_kab")
    )
    return known, kec


def totals(kab_ids: list[int]) -> pl.DataFrame:
    """Current kecamatan per kab/kota (region_id, kec_total)."""
    counts: dict[int, int] = {}
    for chunk in _chunks(kab_ids):
        for parent in (
            Region.objects.current()
            .filter(level=Level.DISTRICT, parent_id__in=chunk)
            .values_list("parent_id", flat=True)
        ):
            counts[parent] = counts.get(parent, 0) + 1
    return pl.DataFrame(
        list(counts.items()), schema={"region_id": pl.Int64, "kec_total": pl.Int64}, orient="row"
    )


def _sum_known(col: str) -> pl.Expr:
    return pl.when(pl.col(col).is_not_null().any()).then(pl.col(col).sum())


def fill(part: pl.DataFrame, kec: pl.DataFrame, regions: pl.DataFrame) -> pl.DataFrame:
    """The kab/kota rows of `part` (with `own_persons`) filled from their kecamatan
    (`kec`, with `persons`), plus rows for kab/kota months only kecamatan gave."""
    if kec.is_empty():
        return padded(part)
    summed = kec.group_by(pl.col("kab_id").alias("region_id"), "period").agg(
        *[_sum_known(c).alias(f"k_{c}") for c in COUNTS if c != "ALL"],
        # A kecamatan total without a split (ALL) is that kecamatan's persons; the
        # kab/kota's ALL is then every kecamatan's persons, split or not.
        pl.when(pl.col("ALL").is_not_null().any()).then(pl.col("persons").sum()).alias("k_ALL"),
        _sum_known("persons").alias("kec_persons"),
        pl.len().cast(pl.Int64).alias("kec_reporting"),
        pl.col("as_of").max().alias("k_as_of"),
        pl.col("sample").max().alias("k_sample"),
    )
    only_kec = (
        summed.select("region_id", "period")
        .join(part.select("region_id", "period"), on=["region_id", "period"], how="anti")
        .join(regions, on="region_id", how="inner")
    )
    part = pl.concat([part, only_kec], how="diagonal_relaxed")
    part = part.join(summed, on=["region_id", "period"], how="left")
    part = part.join(totals(summed["region_id"].unique().to_list()), on="region_id", how="left")
    filled = pl.sum_horizontal(
        (pl.col(c).is_null() & pl.col(f"k_{c}").is_not_null()).cast(pl.Int64) for c in COUNTS
    )
    uses = pl.col("kec_cells") > 0
    part = part.with_columns(
        pl.when(pl.col("kec_reporting").is_not_null()).then(filled).alias("kec_cells")
    )
    return part.with_columns(
        *[pl.coalesce(c, f"k_{c}").alias(c) for c in COUNTS],
        pl.when(uses).then(pl.max_horizontal("as_of", "k_as_of")).otherwise("as_of").alias("as_of"),
        pl.when(uses)
        .then(pl.max_horizontal(pl.col("sample").fill_null(0), "k_sample"))
        .otherwise(pl.col("sample").fill_null(0))
        .alias("sample"),
    ).drop([f"k_{c}" for c in COUNTS] + ["k_as_of", "k_sample"])


def district_rows(kec: pl.DataFrame, pots: pl.DataFrame) -> pl.DataFrame:
    """The kecamatan themselves as regions of the frame: own persons, own potential."""
    year = pl.col("period").dt.year().cast(pl.Int32).alias("year")
    return padded(
        kec.with_columns(year)
        .join(pots, on=["region_id", "year"], how="left")
        .with_columns(*direct_columns(), pl.lit(True).alias("counts"))
    )


# --- completeness from the stored rows (the default month; no frame is built) ----------


def summed_months(scope: Q | None, known: Q) -> pl.DataFrame:
    """(code, period, kec_reporting, kec_total) of the kab/kota months whose figure uses
    a kecamatan sum: a cell some kecamatan has and the kab/kota has no row for. The
    same cells as `fill` (persons per segment, holders per program). `scope` is on
    Participation's kecamatan rows (e.g. Q(region__province_code="15"))."""
    empty = pl.DataFrame(
        schema={
            "code": pl.Utf8,
            "period": pl.Date,
            "kec_reporting": pl.Int64,
            "kec_total": pl.Int64,
        }
    )
    if scope is None:
        return empty
    fields = ("region__code", "period", "segment", "program")
    kec_rows = set(
        Participation.objects.filter(
            scope, known, region__level=Level.DISTRICT, region__valid_to__isnull=True
        )
        .values_list(*fields)
        .distinct()
    )
    if not kec_rows:
        return empty

    def cell(seg: str, prog: str) -> tuple[str, str]:
        return (seg, "") if prog == "" else ("", prog)

    kabs = {c[:5] for c, *_ in kec_rows}
    months = {p for _c, p, *_ in kec_rows}
    own = {
        (c, p.replace(day=1), *cell(s, g))
        for c, p, s, g in Participation.objects.filter(
            known, region__code__in=kabs, period__in=months
        ).values_list(*fields)
    }
    reporting: dict[tuple[str, dt.date], set[str]] = {}
    summed: set[tuple[str, dt.date]] = set()
    for code, period, seg, prog in kec_rows:
        key = (code[:5], period.replace(day=1))
        reporting.setdefault(key, set()).add(code)
        if (*key, *cell(seg, prog)) not in own:
            summed.add(key)
    ids = dict(
        Region.objects.filter(code__in=kabs, valid_to__isnull=True).values_list("code", "id")
    )
    total = dict(totals(list(ids.values())).iter_rows())
    rows = [
        (kab, period, len(reporting[(kab, period)]), total.get(ids.get(kab, 0), 0))
        for kab, period in summed
        if kab in ids
    ]
    return pl.DataFrame(rows, schema=empty.schema, orient="row")
