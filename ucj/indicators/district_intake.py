"""Kecamatan rows in the participants and potential imports (issue 20 item 1).

A row is a kecamatan's when its `wilayah` is a kecamatan code (15.03.01 / 150301), or
when its optional `kecamatan` column names one (code or name) inside the row's kab/kota.
It is stored at the kecamatan (`region` = the kecamatan); the engine adds a kab/kota's
kecamatan up where the kab/kota has no row of its own (`district_frame.py`).
"""

from __future__ import annotations

import polars as pl

from ucj.indicators.district_frame import cell_label
from ucj.indicators.models import Participation
from ucj.intake.checks import Checks
from ucj.intake.kinds import Column
from ucj.regions.districts import resolve_within
from ucj.regions.models import Level, Region

COLUMN = "kecamatan"


def district_column() -> Column:
    return Column(
        COLUMN, None, "text", aliases=("kode_kecamatan", "district", "district_code", "kec"),
        max_length=120,
        help_id="opsional: kode kecamatan atau namanya di kab/kota kolom wilayah; kosong = "
        "angka kab/kota",
        help_en="optional: kecamatan code or its name within the region column's kab/kota; "
        "empty = a kab/kota figure",
        example="",
    )  # fmt: skip


def _resolved(frame: pl.DataFrame) -> pl.DataFrame:
    """For each row: kec_id (null when the cell is empty or wrong), err_id, err_en."""
    n = frame.height
    empty = pl.DataFrame(
        {
            "kec_id": pl.Series([None] * n, dtype=pl.Int64),
            "err_id": pl.Series([None] * n, dtype=pl.Utf8),
            "err_en": pl.Series([None] * n, dtype=pl.Utf8),
        }
    )
    if COLUMN not in frame.columns or frame[COLUMN].null_count() == n:
        return empty
    ids = frame["region_id"].drop_nulls().unique().to_list()
    # The row's kab/kota: its wilayah, or the kecamatan's kab/kota once derive placed it.
    area_of = {
        pk: code[:5] for pk, code in Region.objects.filter(id__in=ids).values_list("id", "code")
    }
    areas = frame.select(
        pl.col(COLUMN).cast(pl.Utf8).str.strip_chars().alias("text"),
        pl.col("region_id")
        .replace_strict(area_of, default="", return_dtype=pl.Utf8)
        .fill_null("")
        .alias("area"),
    )
    pairs = {(t, a) for t, a in areas.filter(pl.col("text").is_not_null()).unique().iter_rows()}
    found = resolve_within(pairs)
    lookup = pl.DataFrame(
        [(t, a, f.region_id, f.error_id, f.error_en) for (t, a), f in found.items()],
        schema={"text": pl.Utf8, "area": pl.Utf8, "kec_id": pl.Int64, "err_id": pl.Utf8,
                "err_en": pl.Utf8},
        orient="row",
    )  # fmt: skip
    return areas.join(lookup, on=["text", "area"], how="left", maintain_order="left").select(
        "kec_id", "err_id", "err_en"
    )


def derive_district(frame: pl.DataFrame) -> pl.DataFrame:
    """A row naming a kecamatan belongs to it (errors are `check_district`'s)."""
    if COLUMN not in frame.columns or frame[COLUMN].null_count() == frame.height:
        return frame
    kec = _resolved(frame)["kec_id"]
    return frame.with_columns(pl.coalesce(pl.lit(kec), pl.col("region_id")).alias("region_id"))


def check_district(checks: Checks) -> None:
    if COLUMN not in checks.frame.columns:
        return
    found = pl.concat([checks.frame, _resolved(checks.frame)], how="horizontal")
    bad = found.filter(pl.col("err_id").is_not_null())
    checks.error(bad, COLUMN, pl.col("err_id"), pl.col("err_en"))


def _cells(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows → the engine's cells: persons per segment, holders per program (any segment)."""
    return frame.with_columns(
        pl.when(pl.col("program") == "")
        .then(pl.col("segment"))
        .otherwise(pl.lit(""))
        .alias("_seg"),
    )


def warn_kabkota_stands(checks: Checks) -> None:
    """Where a kab/kota has a row of its own for a month and cell and its kecamatan have
    rows too (in the file or stored), the kab/kota row stands: say so, with both figures
    and the difference, on the file's rows of that cell."""
    f = checks.frame
    if f.height == 0:
        return
    ids = f["region_id"].drop_nulls().unique().to_list()
    info = list(Region.objects.filter(id__in=ids).values_list("id", "code", "level"))
    kab_codes = {c[:5] for _i, c, lv in info if lv in ("regency", "city", Level.DISTRICT)}
    if not kab_codes:
        return
    months = f["period"].unique().to_list()
    kab_id = dict(
        Region.objects.filter(code__in=kab_codes, level__in=("regency", "city")).values_list(
            "code", "id"
        )
    )
    fields = ("region_id", "period", "segment", "program", "count")
    # Stored kecamatan rows of the file's kab/kota months: none in the usual kab/kota
    # file, and then nothing else is read (a million-row file reads no stored figure).
    stored = list(
        Participation.objects.filter(
            period__in=months,
            region__level=Level.DISTRICT,
            region__parent_id__in=list(kab_id.values()),
        ).values_list(*fields, "region__parent_id")
    )
    in_file = {i for i, _c, lv in info if lv == Level.DISTRICT}
    if not (stored or in_file):
        return
    # Only the kab/kota with kecamatan figures need their own stored rows.
    involved = {r[-1] for r in stored} | {
        kab_id[c[:5]] for i, c, _lv in info if i in in_file and c[:5] in kab_id
    }
    stored = [r[:-1] for r in stored] + list(
        Participation.objects.filter(period__in=months, region_id__in=involved).values_list(*fields)
    )
    schema = {"region_id": pl.Int64, "period": pl.Date, "segment": pl.Utf8, "program": pl.Utf8,
              "count": pl.Int64}  # fmt: skip
    mine = f.select(
        pl.col("_row").cast(pl.Int64),
        *[
            pl.col(c).cast(pl.Utf8).cast(t) if t == pl.Utf8 else pl.col(c).cast(t)
            for c, t in schema.items()
        ],
    )
    old = pl.DataFrame(stored, schema=schema, orient="row")
    key = ["region_id", "period", "segment", "program"]
    # What the file gives replaces what is stored under the same key.
    rows = pl.concat(
        [
            mine,
            old.join(mine, on=key, how="anti").with_columns(pl.lit(None, pl.Int64).alias("_row")),
        ],
        how="diagonal_relaxed",
    )
    region = pl.DataFrame(
        [(i, c[:5], lv) for i, c, lv in Region.objects.filter(
            id__in=rows["region_id"].unique().to_list()).values_list("id", "code", "level")],
        schema={"region_id": pl.Int64, "_kab": pl.Utf8, "_level": pl.Utf8}, orient="row",
    )  # fmt: skip
    rows = _cells(rows.join(region, on="region_id"))
    cell = ["_kab", "period", "_seg", "program"]
    is_kec = pl.col("_level") == Level.DISTRICT
    own = (
        rows.filter(~is_kec)
        .group_by(cell)
        .agg(pl.col("count").sum().alias("_own"), pl.col("_row").min().alias("_own_row"))
    )
    kec = (
        rows.filter(is_kec)
        .group_by(cell)
        .agg(
            pl.col("count").sum().alias("_sum"),
            pl.col("region_id").n_unique().alias("_n"),
            pl.col("_row").min().alias("_kec_row"),
        )
    )
    both = (
        own.join(kec, on=cell)
        .with_columns(
            pl.coalesce("_own_row", "_kec_row").alias("_row"),
            (pl.col("_own") - pl.col("_sum")).alias("_diff"),
            cell_label(pl.col("_seg"), pl.col("program")).alias("_cell"),
        )
        .filter(pl.col("_row").is_not_null())
    )
    if both.height == 0:
        return
    flagged = f.with_columns(pl.col("_row").cast(pl.Int64)).join(
        both.select("_row", "_kab", "_cell", "_own", "_sum", "_n", "_diff"), on="_row"
    )
    month = pl.col("period").dt.strftime("%Y-%m")
    checks.warn(
        flagged,
        "peserta_aktif",
        pl.format(
            "kab/kota {} punya angka sendiri untuk {} {}: {}; jumlah {} kecamatan {} (selisih {}); "
            "angka kab/kota yang dipakai",
            "_kab", month, "_cell", "_own", "_n", "_sum", "_diff",
        ),
        pl.format(
            "kab/kota {} has its own figure for {} {}: {}; its {} kecamatan add up to {} "
            "(difference {}); the kab/kota figure is used",
            "_kab", month, "_cell", "_own", "_n", "_sum", "_diff",
        ),
    )  # fmt: skip
