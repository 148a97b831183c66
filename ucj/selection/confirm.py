"""The confirmation loop for saved selections (issue 20, item 5): a later membership list
decides, for each person a selection funds, registered / registered under another
scheme / not registered, by the one rule campaigns use (`registry.confirmation`). The
planning scenario's confirmed workers, cost and coverage come from planning's own cost
and coverage functions; the gaps become monev follow-ups for the selection's owner
office (written by monev through `add_gap_writer`: monev sits above this app).

"Registered under another scheme", precisely: active on the list, but (a) in another
segment than the selection's (e.g. PU through an employer: someone else pays), or (b)
without every program the selection pays for, or (c) counted in an earlier saved
selection (any region) with another scheme or funding source: the first funded list
claims the person, so no one is counted, nor their cost committed, twice. Why: only
`registered` people are the Pemda's own committed cost and added coverage.

Set-based: three UPDATEs with IN subqueries and one GROUP BY, whatever the size; a
list stored as Parquet is read by one lazy scan per status and its people marked in
UPDATEs of 5.000 hashes (`registry.confirmation.mark`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet

from ucj.accounts.scoping import CHANGE, VIEW, SystemActor
from ucj.lib.formats import number
from ucj.planning.services import CostRequest, cost
from ucj.registry import confirmation as rule
from ucj.registry.models import MembershipEntry, MembershipList, RosterEntry
from ucj.selection.models import ConfirmedStatus, Selected, Selection, SelectionConfirmation
from ucj.selection.services import _coverage, _coverage_keys

ACTOR = SystemActor("seleksi", "konfirmasi")
FOLLOW_UP_DAYS = 30  # the owner office's time to register the gaps (as campaigns')
AWAITING = ("", ConfirmedStatus.NOT_REGISTERED)
STATUS_KEYS = {
    ConfirmedStatus.REGISTERED.value: "registered",
    ConfirmedStatus.REGISTERED_OTHER.value: "registered_other_scheme",
    ConfirmedStatus.NOT_REGISTERED.value: "not_registered",
}

# (region code, title, finding text, recommendation, [(action, office)]) -> finding id
GapWriter = Callable[[str, str, str, str, list[tuple[str, str]]], int]
_gap_writers: list[GapWriter] = []


def add_gap_writer(fn: GapWriter) -> None:
    _gap_writers[:] = [fn]


class NothingToConfirm(Exception):
    """The selection's region has no membership list yet (of either kind)."""


def confirm(user: Any, selection_id: int) -> dict[str, Any]:
    """`ucj select confirm ID`: `user` must be allowed to change the selection."""
    selection = (
        Selection.objects.for_user(user, CHANGE)
        .select_related("region", "scenario", "scheme")
        .filter(pk=selection_id)
        .first()
    )
    if selection is None:
        raise PermissionDenied(selection_id)
    return confirm_selection(selection)


def _claimed(selection: Selection) -> QuerySet[Selected, Any]:
    """The NIK hashes counted in an earlier saved selection with another scheme or
    funding source."""
    earlier = Q(selection__created__lt=selection.created) | Q(
        selection__created=selection.created, selection__pk__lt=selection.pk
    )
    same_scheme = Q(
        selection__scheme=selection.scheme_id,
        selection__params__funding=selection.params.get("funding", ""),
    )
    other = Selected.objects.filter(earlier).exclude(selection=selection).exclude(same_scheme)
    return other.values("entry__nik_hash")


def confirm_selection(selection: Selection) -> dict[str, Any]:
    lists = rule.latest_lists(selection.region.code)
    if not lists:
        raise NothingToConfirm(selection.pk)
    newest = rule.newest(lists)
    done = SelectionConfirmation.objects.filter(selection=selection, membership_list=newest)
    if done.exists():
        return {**done.get().counts, "already_confirmed": True}
    segment = selection.summary.get("segment", "BPU")
    programs = selection.summary.get("programs", [])
    people = Selected.objects.filter(selection=selection)
    with transaction.atomic():
        _fresh_statistics()
        checked = people.filter(status__in=AWAITING).count()
        # nik_hash IN (…): hashed semi-joins (see rule.active_member); stored lists in
        # chunks of hashes (rule.mark)
        code = selection.region.code
        unclaimed = people.filter(status__in=AWAITING).exclude(
            entry__nik_hash__in=_claimed(selection)
        )
        rule.mark(unclaimed, "entry__nik_hash", lists, code, [segment, ""], programs,
                  status=ConfirmedStatus.REGISTERED)  # fmt: skip
        rule.mark(people.filter(status__in=AWAITING), "entry__nik_hash", lists, code,
                  status=ConfirmedStatus.REGISTERED_OTHER)  # fmt: skip
        people.filter(status__in=AWAITING).update(status=ConfirmedStatus.NOT_REGISTERED)
        counts = _counts(selection, newest, checked)
        counts["finding"] = _follow_ups(selection, counts, newest.as_of)
        SelectionConfirmation.objects.create(
            selection=selection, membership_list=newest, counts=counts
        )
    return counts


def _fresh_statistics() -> None:
    """PostgreSQL: refresh the planner's statistics of the tables the UPDATEs read. The
    selection and the list were often just written (autovacuum has not analysed them);
    planned on stale counts (one row each) the semi-joins became nested loops that took
    over ten minutes for 5.000 people. ANALYZE samples (30.000 rows a table, well under
    a second on ten million), sees this transaction's rows and blocks no reader or
    writer."""
    if connection.vendor != "postgresql":
        return
    tables = [Selected, Selection, RosterEntry, MembershipEntry]
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _counts(selection: Selection, mlist: MembershipList, checked: int) -> dict[str, Any]:
    by_status = dict.fromkeys(STATUS_KEYS.values(), 0)
    regions: dict[str, dict[str, Any]] = {}
    rows = (
        Selected.objects.filter(selection=selection)
        .values("status", "entry__domicile__code", "entry__domicile__name")
        .annotate(n=Count("id"))
        .order_by("entry__domicile__code")
    )
    for r in rows:
        key = STATUS_KEYS[r["status"]]
        by_status[key] += r["n"]
        code = r["entry__domicile__code"] or selection.region.code
        name = r["entry__domicile__name"] or selection.region.name
        zero = dict.fromkeys(by_status, 0)
        place = regions.setdefault(code, {"code": code, "name": name, **zero})
        place[key] += r["n"]
    return {
        "selection": selection.pk,
        "code": selection.region.code,
        "name": selection.region.name,
        "scheme": selection.scheme.name,
        "funding": selection.params.get("funding", ""),
        "owner_office": selection.owner_office,
        "membership_list": {
            "id": mlist.pk,
            "region": mlist.region.code,
            "as_of": mlist.as_of.isoformat(),
            "source": mlist.source,
            "is_sample": mlist.is_sample,
        },
        "selected": sum(by_status.values()),
        "checked": checked,
        **by_status,
        "by_region": sorted(regions.values(), key=lambda r: r["code"]),
        "scenario": scenario_figures(selection, by_status["registered"]),
        "follow_ups": 0,
        "already_confirmed": False,
        "is_sample": bool(mlist.is_sample or selection.summary.get("is_sample")),
    }


def scenario_figures(selection: Selection, confirmed: int) -> dict[str, Any]:
    """Planned vs confirmed, by planning's cost calculator and coverage engine (the
    same calls `ucj select` and the scenario page make, with the confirmed count)."""
    params = dict(selection.scenario.params) if selection.scenario else {}
    summary = selection.summary
    planned = int(params.get("workers") or summary.get("selected") or 0)
    req = CostRequest.from_params({**params, "workers": max(confirmed, 1)})
    committed = cost(req)["total"] if confirmed else 0
    period = summary.get("period")
    month = dt.date.fromisoformat(f"{period}-01") if period else None
    after = _coverage_keys(_coverage(selection.region.code, month), confirmed,
                           selection.region.code, month)  # fmt: skip
    return {
        "id": selection.scenario_id,
        "name": selection.scenario.name if selection.scenario else "",
        "planned_workers": planned,
        "planned_cost": summary.get("cost_total"),
        "confirmed_workers": confirmed,
        "committed_cost": committed,
        "period": after["period"],
        "coverage_before_pct": after["coverage_before_pct"],
        "coverage_after_planned_pct": summary.get("coverage_after_pct"),
        "coverage_after_confirmed_pct": after["coverage_after_pct"],
        "category_after_confirmed": after["category_after"],
    }


def _follow_ups(selection: Selection, counts: dict[str, Any], as_of: dt.date) -> int | None:
    """One monev finding on the selection's region, one follow-up per region with gaps;
    counts only, never a person."""
    gaps = [r for r in counts["by_region"] if r["not_registered"]]
    if not gaps or not _gap_writers:
        return None
    office = selection.owner_office or f"Pemda {selection.region.name}"
    name = selection.params.get("name") or f"#{selection.pk}"
    text = (
        f"Seleksi «{name}»: {number(counts['not_registered'])} dari "
        f"{number(counts['selected'])} orang terpilih belum terdaftar di BPJS "
        f"Ketenagakerjaan per {as_of:%d/%m/%Y}."
    )
    actions = [
        (f"{g['name']} ({g['code']}): daftarkan {number(g['not_registered'])} orang terpilih "
         f"yang belum terdaftar", office)
        for g in gaps
    ]  # fmt: skip
    finding = _gap_writers[0](
        selection.region.code, f"Konfirmasi seleksi: {name}"[:200], text,
        "Daftarkan peserta terpilih yang belum terdaftar dan periksa sebabnya per wilayah",
        actions,
    )  # fmt: skip
    counts["follow_ups"] = len(actions)
    return finding


def latest(selection: Selection) -> SelectionConfirmation | None:
    return SelectionConfirmation.objects.filter(selection=selection).first()


def on_membership_list(list_id: int) -> list[dict[str, Any]]:
    """After a membership list is saved (either kind): confirm every saved selection of
    its region (or one holding it; a stored list: or one inside it) with people waiting.
    Runs after the import commits."""
    mlist = MembershipList.objects.filter(pk=list_id).select_related("region").first()
    if mlist is None:
        return []
    code = mlist.region.code
    around = Q(region__code__in=[code, *(code[:n] for n in (2, 5) if len(code) > n)])
    if mlist.store:  # a stored list also covers the selections inside its region
        around |= Q(region__code__startswith=f"{code}.")
    selections = (
        Selection.objects.filter(around)
        .filter(people__status__in=AWAITING)
        .distinct()
        .select_related("region", "scenario", "scheme")
    )
    return [confirm_selection(s) for s in selections]


def connect_membership_hook() -> None:
    rule.on_new_list("selection", on_membership_list)


def scenario_confirmation(user: Any, scenario: Any) -> dict[str, Any] | None:
    """The latest confirmation of the selection saved as `scenario`, as `user` may read
    it (counts only): shown on the scenario page (`planning.extensions`)."""
    found = (
        SelectionConfirmation.objects.for_user(user, VIEW)
        .filter(selection__scenario=scenario)
        .first()
    )
    return found.counts if found else None


def saved(user: Any, region: Any, limit: int = 10) -> list[dict[str, Any]]:
    """The region's saved selections as `user` may read them, newest first, each with
    its latest confirmation's counts (None: not confirmed yet). Counts only."""
    rows = list(
        Selection.objects.for_user(user, VIEW)
        .filter(region=region)
        .select_related("scenario")[:limit]
    )
    found: dict[int, dict[str, Any]] = {}
    checks = SelectionConfirmation.objects.for_user(user, VIEW).filter(selection__in=rows)
    for c in checks.order_by("selection_id", "-created", "-id"):
        found.setdefault(c.selection_id, c.counts)
    return [
        {
            "id": s.pk,
            "name": s.params.get("name", ""),
            "created": s.created,
            "selected": s.summary.get("selected"),
            "scenario_id": s.scenario_id,
            "confirmation": found.get(s.pk),
        }
        for s in rows
    ]


PERSON_HEADER = ["peringkat", "nik_tersamar", "daftar", "baris_daftar", "wilayah", "status"]


def person_rows(selection: Selection) -> list[tuple[Any, ...]]:
    """Each selected person's confirmation status, for the owner's follow-up (masked NIK
    and the Pemda's roster row to join its own list back; never a raw NIK)."""
    columns = ["rank", "entry__nik_masked", "entry__roster__name", "entry__row",
               "entry__domicile__code", "status"]  # fmt: skip
    return list(Selected.objects.filter(selection=selection).order_by("rank").values_list(*columns))
