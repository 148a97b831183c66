"""Checks of a targets file: a target states a percentage or a worker count, at most
100%, and a warning when it is below what the region has already reached (reported or
computed, whichever is higher)."""

from __future__ import annotations

import polars as pl
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage
from ucj.intake.checks import Checks
from ucj.lib.bilingual import pair


def check_targets(checks: Checks) -> None:
    f = checks.frame
    checks.error(
        f.filter(pl.col("target_persen").is_null() & pl.col("target_pekerja").is_null()),
        "target_persen",
        *pair(_("isi target_persen atau target_pekerja")),
    )
    checks.error(
        f.filter(pl.col("target_persen") > 100),
        "target_persen",
        *pair(_("target lebih dari 100%")),
    )
    regions = f.get_column("region_id").unique().to_list()
    reported: dict[int, float] = {}
    for region_id, pct in (
        ReportedCoverage.objects.filter(region_id__in=regions)
        .order_by("region_id", "period")
        .filter(pct__isnull=False)
        .values_list("region_id", "pct")
    ):
        reported[region_id] = float(pct)  # the latest period wins
    computed = _computed_coverage(regions)
    current = {r: max(v for v in (reported.get(r), computed.get(r)) if v is not None)
               for r in set(reported) | set(computed)}  # fmt: skip
    if not current:
        return
    now = pl.DataFrame(
        {"region_id": list(current), "_now": list(current.values())},
        schema={"region_id": pl.Int64, "_now": pl.Float64},
    )
    below = f.join(now, on="region_id").filter(pl.col("target_persen") < pl.col("_now"))
    checks.warn(
        below,
        "target_persen",
        pl.format("target di bawah capaian saat ini ({}%)", pl.col("_now").round(2)),
        pl.format("target below the current achievement ({}%)", pl.col("_now").round(2)),
    )


def _computed_coverage(regions: list[int]) -> dict[int, float]:
    """Latest persons ÷ potential of the same year, per region (0–100)."""
    persons = (
        Participation.objects.filter(region_id__in=regions, program="")
        .values("region_id", "period")
        .annotate(total=Sum("count"))
        .order_by("region_id", "period")
    )
    latest = {row["region_id"]: row for row in persons}
    potential = {
        (r, y): t
        for r, y, t in PotentialWorkers.objects.filter(region_id__in=regions).values_list(
            "region_id", "year", "total"
        )
    }
    found = {}
    for region_id, row in latest.items():
        total = potential.get((region_id, row["period"].year))
        if total:
            found[region_id] = 100.0 * row["total"] / total
    return found
