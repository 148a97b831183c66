"""Region columns: each distinct text resolved once through the foundation's resolver."""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import allowed_regions
from ucj.intake.kinds import Column
from ucj.lib.bilingual import Bilingual, pair
from ucj.regions import resolver
from ucj.regions.models import Level, Region

LEVEL_NAMES = {
    Level.PROVINCE: "provinsi / province",
    Level.REGENCY: "kabupaten / regency",
    Level.CITY: "kota / city",
    Level.DISTRICT: "kecamatan / district",
}


def _candidates(entries: list[resolver.Entry]) -> str:
    return "; ".join(f"{e.code} {e.name}" for e in entries[:5])


def parse_regions(raw: pl.Series, column: Column) -> pl.DataFrame:
    """value = current region code, region_id, err_id/err_en naming the candidates."""
    index = resolver.index()
    levels = column.levels
    distinct = raw.drop_nulls().unique().to_list()
    codes: list[str | None] = []
    ids: list[str | None] = []
    ens: list[str | None] = []
    for text in distinct:
        try:
            found = index.resolve(text, levels=levels)
        except resolver.ResolutionError as exc:
            near = _candidates(exc.candidates)
            hint = pair(_("; mungkin: %(near)s"), near=near) if near else Bilingual("", "")
            ambiguous = len(exc.candidates) > 1 and "beberapa" in exc.message_id
            codes.append(None)
            if ambiguous:
                problem = pair(_("nama wilayah ambigu, tulis kodenya%(hint)s"), hint=hint)
            else:
                problem = pair(_("wilayah tidak dikenal%(hint)s"), hint=hint)
            ids.append(problem.message_id)
            ens.append(problem.message_en)
            continue
        if levels and found.level not in levels:
            wanted = ", ".join(LEVEL_NAMES.get(lv, lv) for lv in levels)  # type: ignore[call-overload]
            codes.append(None)
            problem = pair(
                _("%(code)s %(name)s bukan tingkat yang diharapkan (%(wanted)s)"),
                code=found.code,
                name=found.name,
                wanted=wanted,
            )
            ids.append(problem.message_id)
            ens.append(problem.message_en)
            continue
        codes.append(found.code)
        ids.append(None)
        ens.append(None)
    id_of = dict(Region.objects.filter(code__in=[c for c in codes if c]).values_list("code", "id"))
    table = pl.DataFrame(
        {
            "raw": pl.Series(distinct, dtype=pl.Utf8),
            "value": pl.Series(codes, dtype=pl.Utf8),
            "region_id": pl.Series([id_of.get(c) if c else None for c in codes], dtype=pl.Int64),
            "err_id": pl.Series(ids, dtype=pl.Utf8),
            "err_en": pl.Series(ens, dtype=pl.Utf8),
        }
    )
    return (
        pl.DataFrame({"raw": raw})
        .join(table, on="raw", how="left", maintain_order="left")
        .select("value", "region_id", "err_id", "err_en")
    )


def allowed_ids(user: Any, model: Any) -> set[int]:
    """Regions whose rows of `model` this user may write: the model's `write_policy`
    (e.g. national analysts write targets everywhere but not participant figures). A
    model that is not region-scoped raises TypeError: no kind writes around the rules."""
    return set(allowed_regions(user, "change", model).values_list("id", flat=True))
