"""The confirmation rule (issue 20, item 5): is a person the Pemda proposed or funded now
on a later membership list, and under which scheme? One rule for pendataan campaigns
(`campaigns.confirm`) and saved selections (`selection.confirm`), here below both.

For each person still awaiting (never checked, or not registered last time):
  registered            an active row, in the segment the Pemda registers them in (or a
                        row with no segment), holding every program it pays for;
  registered elsewhere  any other active row (another segment: e.g. PU through an
                        employer, so another payer; or without the programs paid for);
                        a selection adds: counted in an earlier funded list (below);
  not registered        no active row.
Once registered (either way) a person stays so: a later list confirms the rest.

Which lists: the latest list of each region inside the owner's region (one for a
kab/kota; a province reads each kab/kota's latest), of both kinds: lists whose rows are
in the database (`ucj import --kind membership`) and lists stored as Parquet (the web
upload, the API, `ucj lists import`: `registry.list_store`). A stored list belongs to a
province or kab/kota, so it also covers a smaller region inside it (a kab/kota campaign
reads its province's stored list, only the rows of the kab/kota). A stored list
supersedes every older list of a region inside the one it covers: it is BPJS TK's newer
word on those people.

Set-based, whatever the size: database lists through one UPDATE with a subquery per
status; stored lists through one lazy Polars scan per status (narrowed to the region,
the status, segment and programs, and to the awaiting people's hashes: a 40M-row list is
never held whole), then UPDATEs of 5.000 hashes each (`mark`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import polars as pl
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet

from ucj.registry.list_store import scan
from ucj.registry.models import MembershipEntry, MembershipList, MemberStatus

CHUNK = 5_000  # hashes per UPDATE … IN (…): under SQLite's bound-variable limit

REGISTERED = "terdaftar"
REGISTERED_OTHER = "skema_lain"
NOT_REGISTERED = "belum_terdaftar"


def in_region(code: str, path: str = "region") -> Q:
    """Rows whose region is `code` or lies inside it (the codes nest: 18.02.01.2001)."""
    return Q(**{f"{path}__code": code}) | Q(**{f"{path}__code__startswith": f"{code}."})


def inside(code: str, outer: str) -> bool:
    return code == outer or code.startswith(f"{outer}.")


def scope(mlist: MembershipList, code: str) -> str:
    """The region of `mlist`'s rows that counts for region `code`: the list's own region
    when it lies inside `code`, else `code` (a province's stored list read for one of its
    kab/kota)."""
    own = mlist.region.code
    return own if inside(own, code) else code


def _key(mlist: MembershipList) -> tuple[Any, int]:
    return (mlist.as_of, mlist.pk)


def latest_lists(code: str) -> list[MembershipList]:
    """The latest membership list of each region in region `code`, of both kinds (the
    module's docstring): database lists inside `code`; stored lists inside it or holding
    it; a stored list drops every older list of a region inside its own."""
    parts = code.split(".")
    holding = [".".join(parts[:n]) for n in range(1, len(parts))]
    kinds = Q(store="") & in_region(code) | ~Q(store="") & (
        in_region(code) | Q(region__code__in=holding)
    )
    found: dict[str, MembershipList] = {}
    for mlist in MembershipList.objects.filter(kinds).select_related("region"):
        here = scope(mlist, code)
        if here not in found or _key(mlist) > _key(found[here]):
            found[here] = mlist
    chosen = list(found.values())
    stored = [m for m in chosen if m.store]
    return sorted(
        (
            m
            for m in chosen
            if not any(
                s is not m and inside(scope(m, code), scope(s, code)) and _key(s) > _key(m)
                for s in stored
            )
        ),
        key=lambda m: (m.region.code, m.pk),
    )


def newest(lists: list[MembershipList]) -> MembershipList:
    return max(lists, key=lambda m: (m.as_of, m.pk))


def active_rows(
    lists: list[MembershipList],
    segments: Sequence[str] | None = None,
    programs: Sequence[str] = (),
) -> QuerySet[MembershipEntry]:
    """The active rows of the database lists among `lists` (of those segments, holding
    every one of `programs`). Stored lists: `stored_active`."""
    members = MembershipEntry.objects.filter(
        membership_list__in=[m.pk for m in lists if not m.store], status=MemberStatus.ACTIVE
    )
    if segments is not None:
        members = members.filter(segment__in=list(segments))
    if programs:
        members = members.filter(**{p.lower(): True for p in programs})
    return members


def active_member(
    lists: list[MembershipList],
    segments: Sequence[str] | None = None,
    programs: Sequence[str] = (),
    ref: str = "nik_hash",
) -> Exists:
    """The outer row's NIK (`ref`, a column of the row itself) is on `active_rows`. A row
    reaching its NIK through a join filters `nik_hash__in=active_rows(…).values(…)`
    instead: PostgreSQL plans that as one hashed semi-join, the correlated EXISTS through
    the join as a loop (minutes on 5.000 people)."""
    return Exists(active_rows(lists, segments, programs).filter(nik_hash=OuterRef(ref)))


def stored_active(
    lists: list[MembershipList],
    code: str,
    hashes: Iterable[str],
    segments: Sequence[str] | None = None,
    programs: Sequence[str] = (),
    every: bool = True,
) -> list[str]:
    """Which of these people (`hashes`) are active on the stored lists among `lists`,
    read for region `code` (each list narrowed to its `scope`), in those segments,
    holding every one of `programs` (`every=False`: any of them). One lazy scan, filtered
    before anything is collected: only the matching hashes are held."""
    stored = [m for m in lists if m.store]
    wanted = pl.Series("nik_hash", sorted(set(hashes)), dtype=pl.String)
    if not stored or wanted.is_empty():
        return []
    held = pl.col("status") == MemberStatus.ACTIVE.value
    if segments is not None:
        held &= pl.col("segment").fill_null("").is_in(list(segments))
    if programs:
        flags = [pl.col(p.lower()).fill_null(False) for p in programs]
        held &= pl.all_horizontal(flags) if every else pl.any_horizontal(flags)
    parts = []
    for mlist in stored:
        area = scope(mlist, code)
        region = pl.col("region_code")
        parts.append(scan(mlist).filter((region == area) | region.str.starts_with(f"{area}.")))
    found = (
        pl.concat(parts)
        .filter(held & pl.col("nik_hash").is_in(wanted.implode()))
        .select("nik_hash")
        .unique()
        .collect(engine="streaming")
    )
    return sorted(found["nik_hash"].to_list())


def active_people(
    lists: list[MembershipList],
    code: str,
    hashes: Iterable[str],
    segments: Sequence[str] | None = None,
    programs: Sequence[str] = (),
    every: bool = True,
) -> set[str]:
    """Which of these people (nik_hash) are active in region `code`'s latest list(s)
    `lists`, in these segments, holding these programs: both kinds of list."""
    wanted = sorted(set(hashes))
    found = set(stored_active(lists, code, wanted, segments, programs, every))
    rows = active_rows(lists, segments)
    if programs and not every:
        rows = rows.filter(_any_program(programs))
    elif programs:
        rows = rows.filter(**{p.lower(): True for p in programs})
    if any(not m.store for m in lists):
        for i in range(0, len(wanted), CHUNK):
            chunk = wanted[i : i + CHUNK]
            found.update(rows.filter(nik_hash__in=chunk).values_list("nik_hash", flat=True))
    return found


def _any_program(programs: Sequence[str]) -> Q:
    q = Q()
    for p in programs:
        q |= Q(**{p.lower(): True})
    return q


def mark(
    rows: QuerySet[Any],
    ref: str,
    lists: list[MembershipList],
    code: str,
    segments: Sequence[str] | None = None,
    programs: Sequence[str] = (),
    **values: Any,
) -> int:
    """UPDATE `rows` whose person (`ref`: the path to their nik_hash) is active on
    `lists` (read for region `code`) to `values`: the database lists through one
    subquery, the stored lists through `stored_active` and UPDATEs of CHUNK hashes.
    `rows` must leave out rows once updated (e.g. a status filter) so none counts twice.
    Returns the rows updated."""
    done = 0
    if any(not m.store for m in lists):
        members = active_rows(lists, segments, programs).values("nik_hash")
        done += rows.filter(**{f"{ref}__in": members}).update(**values)
    if any(m.store for m in lists):
        people = rows.values_list(ref, flat=True).distinct()
        found = stored_active(lists, code, people, segments, programs)
        for i in range(0, len(found), CHUNK):
            done += rows.filter(**{f"{ref}__in": found[i : i + CHUNK]}).update(**values)
    return done


def on_new_list(name: str, confirm: Callable[[int], Any]) -> None:
    """Run `confirm(list_id)` after each new membership list is committed (campaigns and
    selections). The import is answered whatever happens there: a failure is logged, with
    no person data, and the `confirm` command can be run again."""
    from django.db.models.signals import post_save

    log = logging.getLogger(f"ucj.{name}")

    def quietly(list_id: int) -> None:
        try:
            confirm(list_id)
        except Exception:  # never turn a stored import into an error page
            log.exception("%s confirmation after membership list %s failed", name, list_id)

    def after_save(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        if created and not kwargs.get("raw"):
            list_id = instance.pk
            transaction.on_commit(lambda: quietly(list_id))

    post_save.connect(
        after_save, sender=MembershipList, weak=False, dispatch_uid=f"ucj-{name}-confirm"
    )
