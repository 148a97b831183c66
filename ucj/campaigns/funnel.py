"""The campaign funnel, per desa, kecamatan or kab/kota, set-based in Polars.

Each step keeps the people of the step before (a funnel only narrows):
listed → NIK valid → matched with the population list (skipped when the campaign's
region has none) → not yet a member (when listed, against the latest membership list;
no list: not known, so nobody is taken out) → proposed → registered (confirmed by a
later membership list). Besides the chain, each desa shows its people by status and the
entries whose NIK is listed in another desa too (a duplicate across desa).
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Q

from ucj.campaigns.models import PROPOSED_OR_LATER, Campaign, CampaignEntry, EntryStatus
from ucj.campaigns.models import PopulationEntry as Population
from ucj.regions.models import Region
from ucj.registry import confirmation
from ucj.registry.confirmation import active_member, in_region, mark
from ucj.registry.models import MembershipList

STEPS = ("listed", "nik_valid", "matched", "not_member", "proposed", "registered")
STATUS_KEYS = {
    EntryStatus.LISTED.value: "status_listed",
    EntryStatus.PROPOSED.value: "status_proposed",
    EntryStatus.REGISTERED.value: "status_registered",
    EntryStatus.REGISTERED_OTHER.value: "status_other_scheme",
    EntryStatus.NOT_REGISTERED.value: "status_not_registered",
}
COUNTS = (*STEPS, *STATUS_KEYS.values(), "duplicates")
LEVELS = {"desa": 13, "kecamatan": 8, "kabkota": 5}  # code length at each level


def latest_lists(campaign: Campaign) -> list[MembershipList]:
    """The latest membership list of each region in the campaign's region (one for a
    kab/kota; a province campaign reads each kab/kota's latest): the confirmation rule's
    choice (`registry.confirmation`), shared with saved selections."""
    return confirmation.latest_lists(campaign.region.code)


def reconcile_listed(campaign: Campaign) -> int:
    """Set `member_before` of the entries not yet proposed (and of any never checked)
    from the latest membership list(s): one UPDATE for database lists; with a stored
    list, three (unknown, members in chunks of hashes, the rest). Returns the rows set."""
    lists = latest_lists(campaign)
    if not lists:
        return 0
    entries = CampaignEntry.objects.filter(campaign=campaign).filter(
        Q(status=EntryStatus.LISTED) | Q(member_before__isnull=True)
    )
    if not any(m.store for m in lists):
        return entries.update(member_before=active_member(lists))
    # A stored list: the entries set to unknown, the members marked (in chunks of
    # hashes, `mark`), the rest not members; one transaction, so no reader sees unknown.
    with transaction.atomic():
        n = entries.update(member_before=None)
        unknown = CampaignEntry.objects.filter(campaign=campaign, member_before__isnull=True)
        mark(unknown, "nik_hash", lists, campaign.region.code, member_before=True)
        unknown.update(member_before=False)
    return n


def _entries(campaign: Campaign) -> pl.DataFrame:
    rows = list(
        CampaignEntry.objects.filter(campaign=campaign).values_list(
            "desa__code", "nik_hash", "nik_masked", "nik_valid", "status", "member_before"
        )
    )
    schema = {
        "desa": pl.String,
        "nik_hash": pl.String,
        "nik_masked": pl.String,
        "nik_valid": pl.Boolean,
        "status": pl.String,
        "member_before": pl.Boolean,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def _population(campaign: Campaign) -> tuple[bool, set[str]]:
    """Whether the campaign's region has a population list, and which of its entries'
    NIKs are on it (one query, the entries as a subquery)."""
    region = in_region(campaign.region.code)
    if not Population.objects.filter(region).exists():
        return False, set()
    hashes = CampaignEntry.objects.filter(campaign=campaign).values("nik_hash")
    found = Population.objects.filter(region, nik_hash__in=hashes).values_list(
        "nik_hash", flat=True
    )
    return True, set(found)


def person_frame(campaign: Campaign) -> tuple[pl.DataFrame, bool]:
    """One row per entry with a boolean per funnel step and `duplicate`."""
    frame = _entries(campaign)
    has_population, matched = _population(campaign)
    in_population = pl.col("nik_hash").is_in(pl.Series(sorted(matched), dtype=pl.String).implode())
    desa_per_nik = frame.group_by("nik_hash").agg(pl.col("desa").n_unique().alias("_desa"))
    frame = frame.join(desa_per_nik, on="nik_hash", how="left").with_columns(
        pl.lit(True).alias("listed"),
        (pl.col("_desa") > 1).alias("duplicate"),
    )
    frame = frame.with_columns(
        (pl.col("nik_valid") & (in_population if has_population else pl.lit(True))).alias("matched")
    )
    frame = frame.with_columns(
        (pl.col("matched") & pl.col("member_before").fill_null(False).not_()).alias("not_member")
    )
    frame = frame.with_columns(
        (pl.col("not_member") & pl.col("status").is_in([s.value for s in PROPOSED_OR_LATER])).alias(
            "proposed"
        )
    )
    frame = frame.with_columns(
        (pl.col("proposed") & (pl.col("status") == EntryStatus.REGISTERED.value)).alias(
            "registered"
        )
    )
    return frame.drop("_desa"), has_population


def _counts(frame: pl.DataFrame, by: str | None) -> pl.DataFrame:
    aggs = [pl.col(step).sum().cast(pl.Int64).alias(step) for step in STEPS]
    aggs += [
        (pl.col("status") == status).sum().cast(pl.Int64).alias(key)
        for status, key in STATUS_KEYS.items()
    ]
    aggs.append(pl.col("duplicate").sum().cast(pl.Int64).alias("duplicates"))
    if by is None:
        return frame.select(aggs) if frame.height else pl.DataFrame({k: [0] for k in COUNTS})
    return frame.group_by(by).agg(aggs).sort(by)


def funnel(campaign: Campaign, level: str = "desa") -> dict[str, Any]:
    """The JSON of `ucj campaign funnel ID --level desa|kecamatan|kabkota`."""
    frame, has_population = person_frame(campaign)
    frame = frame.with_columns(pl.col("desa").str.slice(0, LEVELS[level]).alias("code"))
    rows = _counts(frame, "code").to_dicts()
    names = dict(
        Region.objects.filter(code__in=[r["code"] for r in rows]).values_list("code", "name")
    )
    totals = _counts(frame, None).to_dicts()[0]
    lists = latest_lists(campaign)
    target = campaign.target_count
    return {
        "campaign": describe(campaign),
        "level": level,
        "population_list": has_population,
        "membership_lists": [
            {"id": m.pk, "region": m.region.code, "as_of": m.as_of.isoformat()} for m in lists
        ],
        "totals": {
            **totals,
            "target": target,
            "listed_pct": round(100 * totals["listed"] / target, 1) if target else None,
            "registered_pct": round(100 * totals["registered"] / target, 1) if target else None,
        },
        "rows": [{"code": r["code"], "name": names.get(r["code"], ""), **r} for r in rows],
        "duplicates": duplicates(frame),
    }


def duplicates(frame: pl.DataFrame, limit: int = 200) -> list[dict[str, Any]]:
    """Each NIK listed in more than one desa (masked), with its desa codes."""
    dup = frame.filter(pl.col("duplicate"))
    if dup.height == 0:
        return []
    grouped = (
        dup.group_by("nik_hash")
        .agg(pl.col("nik_masked").first(), pl.col("desa").unique().sort().alias("desa"))
        .sort("nik_masked")
        .head(limit)
    )
    return [{"nik_masked": r["nik_masked"], "desa": r["desa"]} for r in grouped.to_dicts()]


def describe(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.pk,
        "name": campaign.name,
        "region": campaign.region.code,
        "region_name": campaign.region.name,
        "group": campaign.group,
        "start": campaign.start.isoformat(),
        "end": campaign.end.isoformat(),
        "target_count": campaign.target_count,
        "owner_office": campaign.owner_office,
        "segment": campaign.segment,
        "is_sample": campaign.is_sample,
    }
