"""Roster-group coverage below kab/kota: desa → kecamatan → kab/kota, set-based.

A roster row's domicile may be its desa (the optional `desa` column) or its kecamatan;
the latest reconciliation of the kab/kota gives each person a status. One grouped query
counts persons and active members per domicile; the counts are then added up by code
prefix (a desa `15.03.01.2019` belongs to kecamatan `15.03.01`), so every level adds up
to the kab/kota figure of the reconciliation. Rows domiciled at kab/kota level only are
shown as "not placed" rather than dropped.

Counting as `reconcile.py`: persons = unique persons with a valid NIK (statuses active,
inactive, not a member); covered = active members; share = covered ÷ persons × 100.
Participation figures (the coverage engine's) stay at kab/kota.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import VIEW, SystemActor
from ucj.lib.bilingual import pair
from ucj.regions.models import KABKOTA, Level, Region
from ucj.registry.models import PROGRAMS, PersonResult, PersonStatus, Reconciliation

COUNTED = (PersonStatus.ACTIVE, PersonStatus.INACTIVE, PersonStatus.NOT_MEMBER)
# Aggregates are computed by an explicit operator (as the coverage engine reads figures
# set-based, not per user); only counts per area leave this module, and the contest view
# suppresses small cells for viewers outside the region (`contest.py`).
AGGREGATE = SystemActor("agregat", "cakupan kelompok per desa")


class AreaError(LookupError):
    def __init__(self, message_id: str, message_en: str) -> None:
        super().__init__(f"{message_id} / {message_en}")
        self.message_id, self.message_en = message_id, message_en


def area(code: str) -> Region:
    """A current kab/kota or kecamatan (the levels that have children to rank)."""
    region = Region.objects.current().filter(code=code.strip()).first()
    if region is None:
        raise AreaError(*pair(_("kode wilayah %(code)s tidak dikenal"), code=code))
    if region.level not in (*KABKOTA, Level.DISTRICT):
        raise AreaError(
            *pair(
                _("%(code)s %(name)s bukan kab/kota atau kecamatan"),
                code=region.code,
                name=region.name,
            )
        )
    return region


def latest(region: Region, actor: Any = AGGREGATE) -> Reconciliation | None:
    """The latest reconciliation of the area's kab/kota that `actor` may read."""
    return (
        Reconciliation.objects.for_user(actor, VIEW)
        .filter(region__code=region.code[:5])
        .select_related("membership_list", "region")
        .order_by("-created", "-id")
        .first()
    )


def _counts(rec: Reconciliation, region: Region, group: str | None) -> list[dict[str, Any]]:
    qs = PersonResult.objects.filter(reconciliation=rec, status__in=COUNTED)
    if region.level == Level.DISTRICT:
        qs = qs.filter(entry__domicile__code__startswith=region.code + ".")
    if group:
        qs = qs.filter(entry__group=group)
    grouped = qs.values("entry__domicile__code").annotate(
        persons=Count("id"),
        covered=Count("id", filter=Q(status=PersonStatus.ACTIVE)),
        **{p: Count("id", filter=Q(**{p.lower(): True})) for p in PROGRAMS},
    )
    return [dict(row) for row in grouped]


def _blank(code: str, name: str) -> dict[str, Any]:
    return {"code": code, "name": name, "persons": 0, "covered": 0, "by_program": {}}


def _share(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


def rollup(code: str, group: str | None = None, actor: Any = AGGREGATE) -> dict[str, Any]:
    """Per child (kecamatan of a kab/kota, desa of a kecamatan): persons on the roster
    group, covered (active members), share and per-program counts; plus the rows not
    placed below the area, and the total."""
    region = area(code)
    child_len = 13 if region.level == Level.DISTRICT else 8
    rec = latest(region, actor)
    children = {
        c: _blank(c, n)
        for c, n in Region.objects.current()
        .filter(parent=region)
        .order_by("code")
        .values_list("code", "name")
    }
    unplaced = _blank("", "")
    total = _blank(region.code, region.name)
    for row in _counts(rec, region, group) if rec else []:
        domicile = row["entry__domicile__code"] or ""
        target = children.get(domicile[:child_len]) if len(domicile) >= child_len else None
        for bucket in (target or unplaced, total):
            bucket["persons"] += row["persons"]
            bucket["covered"] += row["covered"]
            for p in PROGRAMS:
                bucket["by_program"][p] = bucket["by_program"].get(p, 0) + row[p]
    rows = list(children.values())
    for r in [*rows, unplaced, total]:
        r["share_pct"] = _share(r["covered"], r["persons"])
        r["by_program_pct"] = {p: _share(r["by_program"].get(p, 0), r["persons"]) for p in PROGRAMS}
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "child_level": Level.VILLAGE.value if child_len == 13 else Level.DISTRICT.value,
        "group": group or None,
        "reconciliation": (
            {
                "id": rec.pk,
                "as_of": rec.as_of,
                "membership_as_of": rec.membership_list.as_of,
                "source": rec.membership_list.source,
                "is_sample": rec.is_sample,
            }
            if rec
            else None
        ),
        "rows": rows,
        "not_placed": {k: unplaced[k] for k in ("persons", "covered", "share_pct")},
        "total": {k: total[k] for k in ("persons", "covered", "share_pct")},
        "placed_below": sum(r["persons"] for r in rows),
    }


def roster_measure(
    region: Region, actor: Any, group: str | None
) -> dict[str, tuple[int, int]] | None:
    """The contest measure `roster`: covered ÷ persons per child area."""
    data = rollup(region.code, group, actor)
    if data["reconciliation"] is None or not data["placed_below"]:
        return None
    return {r["code"]: (r["covered"], r["persons"]) for r in data["rows"]}


def has_sub_data(region: Region, actor: Any) -> bool:
    """Does the kab/kota's latest reconciliation place anyone below kab/kota?"""
    rec = latest(region, actor)
    if rec is None:
        return False
    return (
        PersonResult.objects.filter(reconciliation=rec, status__in=COUNTED)
        .filter(entry__domicile__level__in=(Level.DISTRICT, Level.VILLAGE))
        .exists()
    )
