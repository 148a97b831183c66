"""`ucj select`: from a region's rosters to a ranked, budget-bound, priced list.

Reads set-based (one query per table, the membership list narrowed to the rosters'
people in SQL), ranks in Polars (`ranking.rank`), prices with the planning cost
calculator (`ucj plan cost`: BPU at the minimum income unless a segment/income is
given), and measures coverage before → after with the coverage engine (`planning.reach`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, SystemActor, allowed_regions, is_admin
from ucj.intake.writer import fetch_frame
from ucj.lib import formats
from ucj.lib.bilingual import pair
from ucj.planning import reach
from ucj.planning.rates import PlanError
from ucj.planning.services import CostRequest, cost, parse_programs
from ucj.regions.models import Region
from ucj.registry import confirmation
from ucj.registry.deciles import counts, deciles_of
from ucj.registry.models import MembershipEntry, Roster, RosterEntry
from ucj.selection.models import EligibilityScheme, Selected
from ucj.selection.ranking import Rules, asn_checkable, rank

CANDIDATE_COLUMNS = [
    "id", "roster_id", "row", "nik_hash", "nik_masked", "nik_valid", "birth_year",
    "domicile_id", "group", "is_asn",
]  # fmt: skip


PERSON_KEYS = ("rank", "nik_masked", "roster", "row", "group", "decile", "birth_year")


@dataclass
class SelectRequest:
    code: str
    scheme: str = "desil-1-4"
    budget: int = 0
    programs: tuple[str, ...] = ("JKK", "JKM")
    months: int = 12
    priority: tuple[str, ...] | None = None
    segment: str = "BPU"
    income: int | None = None  # BPU declared income (None: the minimum)
    wage: int | None = None  # PU monthly wage (required for PU, as `ucj plan cost`)
    risk_class: int | None = None  # PU JKK risk class 1–5
    start: dt.date | None = None
    roster: int | None = None
    period: dt.date | None = None


def scheme_rules(scheme: EligibilityScheme) -> tuple[Rules, list[dict[str, Any]]]:
    rules = Rules()
    shown = []
    for r in scheme.rules.all():
        rules.order.append(r.kind)
        shown.append({"kind": r.kind, "low": r.low, "high": r.high, "basis": r.basis})
        if r.kind == "decile":
            rules.decile_max = r.high if r.high is not None else 10
        elif r.kind == "age":
            rules.age = (r.low if r.low is not None else 0, r.high if r.high is not None else 200)
        elif r.kind in ("member", "asn", "domicile", "other_scheme"):
            setattr(rules, r.kind, True)
    return rules, shown


def _region(code: str) -> Region:
    region = Region.objects.filter(code=code, valid_to__isnull=True).first()
    if region is None:
        raise PlanError(*pair(_("Kode wilayah tidak dikenal: %(code)s"), code=code), "code")
    return region


def _within(region: Region) -> Q:
    return Q(code=region.code) | Q(code__startswith=f"{region.code}.")


def candidates(region: Region, user: Any, roster: int | None) -> pl.DataFrame:
    rosters = Roster.objects.for_user(user).filter(
        Q(region=region) | Q(region__code__startswith=f"{region.code}.")
    )
    if roster is not None:
        rosters = rosters.filter(pk=roster)
    ids = list(rosters.values_list("id", flat=True))
    frame = fetch_frame(RosterEntry, CANDIDATE_COLUMNS, {"roster_id": ids})
    return frame.rename({"id": "entry_id"}).sort("roster_id", "row")


def active_members(
    region: Region, programs: tuple[str, ...], roster_ids: list[int]
) -> pl.DataFrame:
    """nik_hash of active members of any chosen program on the latest list(s) of region
    `region` (the confirmation rule's choice, both kinds of list), narrowed to the
    rosters' people: in SQL for database lists (a semi-join), by a lazy scan of the
    rosters' hashes for stored lists."""
    lists = confirmation.latest_lists(region.code)
    if not lists or not roster_ids:
        return pl.DataFrame(schema={"nik_hash": pl.Utf8})
    found: set[str] = set()
    db_lists = [m.pk for m in lists if not m.store]
    if db_lists:
        found.update(_database_members(db_lists, programs, roster_ids))
    if any(m.store for m in lists):
        people = RosterEntry.objects.filter(roster_id__in=roster_ids).values_list(
            "nik_hash", flat=True
        )
        found.update(
            confirmation.stored_active(lists, region.code, people, programs=programs, every=False)
        )
    return pl.DataFrame({"nik_hash": sorted(found)}, schema={"nik_hash": pl.Utf8})


def _database_members(
    lists: list[int], programs: tuple[str, ...], roster_ids: list[int]
) -> list[str]:
    q = connection.ops.quote_name
    m, r = MembershipEntry._meta.db_table, RosterEntry._meta.db_table
    flags = " OR ".join(f"m.{q(p.lower())} = %s" for p in programs)
    marks = ", ".join(["%s"] * len(lists))
    rosters = ", ".join(["%s"] * len(roster_ids))
    sql = (
        f"SELECT DISTINCT m.nik_hash FROM {q(m)} m WHERE m.membership_list_id IN ({marks}) "
        f"AND m.status = %s AND ({flags}) AND m.nik_hash IN "
        f"(SELECT e.nik_hash FROM {q(r)} e WHERE e.roster_id IN ({rosters}))"
    )
    params: list[Any] = [*lists, "aktif", *([True] * len(programs)), *roster_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _other_schemes(region: Region, scheme: EligibilityScheme) -> pl.DataFrame:
    chosen = Selected.objects.filter(selection__region=region).exclude(selection__scheme=scheme)
    hashes = list(chosen.values_list("entry__nik_hash", flat=True).distinct())
    return pl.DataFrame({"nik_hash": hashes}, schema={"nik_hash": pl.Utf8})


def may_see_people(user: Any, region: Region) -> bool:
    """Person-level rows only for the region's own offices (who may write its rosters)
    and the operator; everyone else gets counts."""
    if isinstance(user, SystemActor) or is_admin(user):
        return True
    return allowed_regions(user, CHANGE, Roster).filter(pk=region.pk).exists()


def _coverage(code: str, period: dt.date | None) -> dict[str, Any] | None:
    try:
        return reach.region_figures(code, period)
    except PlanError:
        return None


def select(req: SelectRequest, user: Any) -> tuple[dict[str, Any], pl.DataFrame]:
    """(the JSON answer, the chosen people as a frame)."""
    if user is None:
        raise PlanError(*pair(_("seleksi tanpa pengguna ditolak")), "user")
    region = _region(req.code)
    scheme = EligibilityScheme.objects.filter(name=req.scheme).first()
    if scheme is None:
        known = ", ".join(EligibilityScheme.objects.values_list("name", flat=True))
        raise PlanError(
            *pair(_("Skema tidak dikenal: %(scheme)s (ada: %(known)s)"), scheme=req.scheme,
                  known=known), "scheme",
        )  # fmt: skip
    if req.budget < 0:
        raise PlanError(*pair(_("Anggaran tidak boleh negatif")), "budget")
    programs = parse_programs(req.programs)
    priority = req.priority or tuple(p for p in scheme.priority.split(",") if p)
    bad = [p for p in priority if p not in ("decile", "group")]
    if bad:
        raise PlanError(
            *pair(_("Prioritas tidak dikenal: %(bad)s (decile, group)"), bad=", ".join(bad)),
            "priority",
        )  # fmt: skip
    cov = _coverage(region.code, req.period)
    start = req.start
    if start is None and cov is not None and cov.get("period"):
        start = reach.next_month(dt.date.fromisoformat(f"{cov['period']}-01"))
    _check_pay(req)
    creq = CostRequest(
        segment=req.segment, programs=programs, workers=1, months=req.months, start=start,
        income=req.income, wage=req.wage, risk_class=req.risk_class,
    )  # fmt: skip
    one = cost(creq)
    each = int(one["per_worker_total"] or 0)
    fit = req.budget // each if each else 0
    rules, shown = scheme_rules(scheme)
    cands = candidates(region, user, req.roster)
    roster_ids = cands.get_column("roster_id").unique().to_list()
    members = active_members(region, programs, roster_ids) if rules.member else pl.DataFrame(
        schema={"nik_hash": pl.Utf8}
    )  # fmt: skip
    domiciles = pl.Series(
        list(Region.objects.filter(_within(region)).values_list("id", flat=True)), dtype=pl.Int64
    )
    start_year = dt.date.fromisoformat(one["start"] + "-01").year
    chosen, left = rank(
        cands, deciles_of(user), members, rules, start_year=start_year, fit=fit,
        priority=priority, domiciles=domiciles,
        other=_other_schemes(region, scheme) if rules.other_scheme else None,
    )  # fmt: skip
    n = chosen.height
    total = cost(CostRequest(**{**creq.__dict__, "workers": n}))["total"] if n else 0
    notes = list(one["notes"])
    notes += asn_notes(cands, rules)
    answer: dict[str, Any] = {
        "code": region.code,
        "name": region.name,
        "scheme": scheme.name,
        "rules": shown,
        "priority": list(priority),
        "segment": req.segment,
        "wage": one.get("wage"),
        "risk_class": req.risk_class,
        "programs": list(programs),
        "months": req.months,
        "start": one["start"],
        "budget": req.budget,
        "candidates": cands.get_column("nik_hash").n_unique(),
        "eligible": n + left["budget"],
        "selected": n,
        "cost_per_worker_month": one["per_worker_month"],
        "cost_per_worker_total": each,
        "cost_total": total,
        "remainder": req.budget - total,
        "left_out": left,
        "decile_counts": counts(cands.get_column("nik_hash").unique(), user),
        "legal_basis": one["legal_basis"],
        "notes": notes,
        # Rules of the scheme no candidate's roster lets us check (e.g. `asn` with no
        # `status_asn` column): said here as well as in the notes.
        "rules_not_checked": ["asn"] if rules.asn and not asn_checkable(cands, rules) else [],
        "is_sample": False,
        **_coverage_keys(cov, n, region.code, req.period),
    }
    chosen = chosen.join(
        pl.DataFrame(
            list(Roster.objects.filter(pk__in=roster_ids).values_list("id", "name", "is_sample")),
            schema={"roster_id": pl.Int64, "roster": pl.Utf8, "is_sample": pl.Boolean},
            orient="row",
        ),
        on="roster_id", how="left",
    ).sort("rank")  # fmt: skip
    answer["is_sample"] = bool(
        Roster.objects.filter(pk__in=roster_ids, is_sample=True).exists()
        or (cov or {}).get("is_sample")
    )
    visible = may_see_people(user, region)
    answer["people_hidden"] = not visible
    answer["people"] = chosen.select(*PERSON_KEYS).to_dicts() if visible else []
    return answer, chosen if visible else chosen.clear()


def asn_notes(cands: pl.DataFrame, rules: Rules) -> list[str]:
    """What the answer says of the not-ASN rule: not checkable at all (no roster carries
    `status_asn`: the wording kept since the rule shipped), or not for some people."""
    if not rules.asn:
        return []
    if not asn_checkable(cands, rules):
        return [
            pair(
                _("Aturan bukan-ASN tidak dapat diperiksa: daftar tidak memuat status ASN")
            ).joined()
        ]
    unknown = cands.filter(pl.col("is_asn").is_null()).get_column("nik_hash").n_unique()
    if not unknown:
        return []
    return [
        pair(
            _(
                "Aturan bukan-ASN tidak dapat diperiksa untuk %(n)s orang tanpa status ASN "
                "di daftarnya; mereka tidak dikeluarkan karena aturan ini"
            ),
            n=formats.number(unknown),
        ).joined()
    ]


def _check_pay(req: SelectRequest) -> None:
    """A wage or a risk class belongs to PU, an income to BPU: one given for the other
    segment would be silently ignored by the calculator, so it is refused here. PU
    without a wage is the calculator's own refusal (`planning.services._check`)."""
    if req.segment != "PU" and (req.wage is not None or req.risk_class is not None):
        raise PlanError(*pair(_("--wage dan --risk-class hanya untuk segmen PU")), "wage")
    if req.segment == "PU" and req.income is not None:
        raise PlanError(
            *pair(_("--income hanya untuk segmen BPU; segmen PU memakai --wage")), "income"
        )


def _coverage_keys(cov: dict[str, Any] | None, n: int, code: str, period: Any) -> dict[str, Any]:
    if cov is None:
        return {
            "period": None, "potential_workers": None, "active_participants": None,
            "coverage_before_pct": None, "coverage_after_pct": None,
            "category_before": None, "category_after": None,
        }  # fmt: skip
    potential, active = int(cov["potential_workers"]), int(cov["active_participants"])
    standing = reach._standing(cov, active + min(n, max(0, potential - active)), period)
    return {
        "period": cov["period"],
        "potential_workers": potential,
        "active_participants": active,
        "coverage_before_pct": cov["coverage_pct"],
        "coverage_after_pct": standing["resulting_pct"],
        "category_before": cov.get("category"),
        "category_after": standing["resulting_category"],
    }
