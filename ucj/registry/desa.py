"""The roster's optional desa column (`desa` / `kode_desa`): a desa/kelurahan code or name
inside the row's domicile (its kab/kota or kecamatan), or the file's region.

A row with a desa is domiciled in that desa (`RosterEntry.domicile`), so group coverage
rolls up desa → kecamatan → kab/kota by code (`ucj.registry.areas`). The region's villages
are loaded on demand (`ensure_villages`) the first time a roster names one.
"""

from __future__ import annotations

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.regions.models import Region
from ucj.regions.villages import resolve_within

COLUMN = "desa"


def resolved(frame: pl.DataFrame) -> pl.DataFrame:
    """For each row: desa_id (null when the cell is empty or wrong), err_id, err_en, and
    warn_id, warn_en for a retired desa code or name read as its successor."""
    empty = pl.DataFrame(
        {
            "desa_id": pl.Series([None] * frame.height, dtype=pl.Int64),
            "err_id": pl.Series([None] * frame.height, dtype=pl.Utf8),
            "err_en": pl.Series([None] * frame.height, dtype=pl.Utf8),
            "warn_id": pl.Series([None] * frame.height, dtype=pl.Utf8),
            "warn_en": pl.Series([None] * frame.height, dtype=pl.Utf8),
        }
    )
    if COLUMN not in frame.columns or frame[COLUMN].null_count() == frame.height:
        return empty
    # In derive the row's region is `region_id`; in the checked rows (`check_batch`)
    # only `domicile_id` is left, which derive already set to the desa where it found one.
    where = "region_id" if "region_id" in frame.columns else "domicile_id"
    ids = frame[where].drop_nulls().unique().to_list() if where in frame.columns else []
    code_of = dict(Region.objects.filter(id__in=ids).values_list("id", "code"))
    areas = frame.select(
        pl.col(COLUMN).cast(pl.Utf8).str.strip_chars().alias("text"),
        pl.col(where).replace_strict(code_of, default=None, return_dtype=pl.Utf8).alias("area")
        if where in frame.columns
        else pl.lit(None, pl.Utf8).alias("area"),
    )
    pairs = {
        (t, a or "") for t, a in areas.filter(pl.col("text").is_not_null()).unique().iter_rows()
    }
    found = resolve_within((t, a) for t, a in pairs if a and len(a) < 13)
    placed = {a: pk for pk, a in code_of.items() if len(a) == 13}
    # A row derive already placed in its desa: read again inside the desa's kecamatan,
    # only for the warning a retired code or name gives (old → new and the basis).
    again = resolve_within((t, a[:8]) for t, a in pairs if a in placed)
    table = (
        [
            (t, a, placed[a], None, None, again[t, a[:8]].warning_id, again[t, a[:8]].warning_en)
            for t, a in pairs
            if a in placed
        ]
        + [
            (t, a, f.region_id, f.error_id, f.error_en, f.warning_id, f.warning_en)
            for (t, a), f in found.items()
        ]
        + [
            (
                t,
                "",
                None,
                *pair(
                    _("isi domisili (kab/kota atau kecamatan) atau --region agar desa dapat dicari")
                ),
                None,
                None,
            )
            for t, a in pairs
            if not a
        ]
    )
    lookup = pl.DataFrame(
        table,
        schema={
            "text": pl.Utf8,
            "area": pl.Utf8,
            "desa_id": pl.Int64,
            "err_id": pl.Utf8,
            "err_en": pl.Utf8,
            "warn_id": pl.Utf8,
            "warn_en": pl.Utf8,
        },
        orient="row",
    )
    return (
        areas.with_columns(pl.col("area").fill_null(""))
        .join(lookup, on=["text", "area"], how="left", maintain_order="left")
        .select("desa_id", "err_id", "err_en", "warn_id", "warn_en")
    )
