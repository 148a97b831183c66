"""A file's `desa` column: a desa/kelurahan code or name, resolved inside the row's
`wilayah` (kab/kota or kecamatan). Desa names repeat across the country, so they are
never resolved nationally (the region resolver leaves villages out); the villages of the
kab/kota involved are loaded first (`regions.villages.ensure_villages`). Each distinct
(text, area) is resolved once, whatever the number of rows."""

from __future__ import annotations

import re

import polars as pl

from ucj.regions.models import Level, Region
from ucj.regions.villages import ensure_villages

_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")
_PREFIX = re.compile(r"^(desa|kelurahan|kel|ds)(\.\s*|\s+)")
SCHEMA = {"desa_id": pl.Int64, "desa_code": pl.String, "err_id": pl.String, "err_en": pl.String}


def _key(text: str) -> str:
    """'Desa Kasiro' = 'KASIRO' = 'kasiro'."""
    value = _PREFIX.sub("", re.sub(r"\s+", " ", text.strip().lower()))
    return re.sub(r"[^a-z0-9]", "", value)


def _one(text: str, area: str, by_code: dict, by_key: dict) -> tuple:
    match = _CODE.match(text.strip())
    if match:
        code = ".".join(match.groups())
        found = by_code.get(code)
        if found is None or not code.startswith(f"{area}."):
            return (None, None, f"desa {code} tidak ada di wilayah {area}",
                    f"desa {code} is not in region {area}")  # fmt: skip
        return (found, code, None, None)
    hits = [(pk, code) for pk, code in by_key.get(_key(text), []) if code.startswith(f"{area}.")]
    if len(hits) == 1:
        return (hits[0][0], hits[0][1], None, None)
    if hits:
        codes = ", ".join(c for _p, c in hits[:5])
        return (None, None, f"nama desa ambigu di {area}, tulis kodenya: {codes}",
                f"ambiguous desa name in {area}, write its code: {codes}")  # fmt: skip
    return (None, None, f"desa tidak dikenal di wilayah {area}",
            f"unknown desa in region {area}")  # fmt: skip


def resolve(frame: pl.DataFrame, column: str = "desa", area: str = "wilayah") -> pl.DataFrame:
    """desa_id, desa_code, err_id, err_en for each row of `frame`: its `column` text
    inside its `area` (the region code the pipeline resolved the `wilayah` cell to)."""
    if frame.height == 0:
        return pl.DataFrame(schema=SCHEMA)
    areas = frame[area].cast(pl.String).drop_nulls().unique().to_list()
    kabkota = sorted({c[:5] for c in areas if len(c) >= 5})
    if kabkota:
        ensure_villages(kabkota)
    by_code: dict[str, int] = {}
    by_key: dict[str, list[tuple[int, str]]] = {}
    villages = Region.objects.current().filter(level=Level.VILLAGE, code__regex=_prefixes(kabkota))
    for pk, code, name in villages.values_list("id", "code", "name"):
        by_code[code] = pk
        by_key.setdefault(_key(name), []).append((pk, code))
    pairs = frame.select(
        pl.col(column).cast(pl.String).fill_null("").alias("_text"),
        pl.col(area).cast(pl.String).fill_null("").alias("_area"),
    )
    distinct = pairs.unique()
    rows = [_one(t, a, by_code, by_key) for t, a in distinct.iter_rows()]
    table = pl.concat([distinct, pl.DataFrame(rows, schema=SCHEMA, orient="row")], how="horizontal")
    return pairs.join(table, on=["_text", "_area"], how="left", maintain_order="left").select(
        list(SCHEMA)
    )


def _prefixes(kabkota: list[str]) -> str:
    if not kabkota:
        return r"^$"
    return "^(" + "|".join(re.escape(c) for c in kabkota) + r")\."
