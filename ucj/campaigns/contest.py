"""The contest measure `campaign` (ucj.lib.contest): per kecamatan of a kab/kota, or per
desa of a kecamatan, how many of the people listed by the pendataan campaigns the actor
may read are registered. Counts only leave this module; suppression of small cells is
the contest view's job."""

from __future__ import annotations

from typing import Any

import polars as pl

from ucj.accounts.scoping import VIEW
from ucj.campaigns.funnel import person_frame
from ucj.campaigns.models import Campaign
from ucj.regions.models import Region

# A child's code is its parent's code plus one more part: kecamatan `PP.KK.CC` (8
# characters) under a kab/kota, desa `PP.KK.CC.DDDD` (13) under a kecamatan.
CHILD_LENGTH = {5: 8, 8: 13}


def campaign_measure(
    region: Region, actor: Any, group: str | None
) -> dict[str, tuple[int, int]] | None:
    """Registered ÷ listed per child area, over every campaign that covers the area
    (its kab/kota's or its province's) and that the actor may read."""
    width = CHILD_LENGTH.get(len(region.code))
    if width is None:
        return None
    kabkota, province = region.code[:5], region.code[:2]
    found = Campaign.objects.for_user(actor, VIEW).filter(region__code__in=(kabkota, province))
    if group:
        found = found.filter(group=group)
    frames = [person_frame(c)[0].select("desa", "listed", "registered") for c in found]
    frames = [f for f in frames if f.height]
    if not frames:
        return None
    rows = (
        pl.concat(frames)
        .filter(pl.col("desa").str.starts_with(region.code + "."))
        .with_columns(pl.col("desa").str.slice(0, width).alias("code"))
        .group_by("code")
        .agg(pl.col("registered").sum().alias("n"), pl.col("listed").sum().alias("d"))
    )
    if rows.height == 0:
        return None
    return {r["code"]: (int(r["n"]), int(r["d"])) for r in rows.iter_rows(named=True)}
