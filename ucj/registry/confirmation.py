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
kab/kota; a province reads each kab/kota's latest). Only lists whose rows are in the
database: a list kept as Parquet (`ucj lists import`) is not read yet, so it confirms
nobody rather than calling everyone unregistered.

Set-based: each status is one UPDATE with a subquery, whatever the size.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Exists, OuterRef, Q, QuerySet

from ucj.registry.models import MembershipEntry, MembershipList, MemberStatus

REGISTERED = "terdaftar"
REGISTERED_OTHER = "skema_lain"
NOT_REGISTERED = "belum_terdaftar"


def in_region(code: str, path: str = "region") -> Q:
    """Rows whose region is `code` or lies inside it (the codes nest: 18.02.01.2001)."""
    return Q(**{f"{path}__code": code}) | Q(**{f"{path}__code__startswith": f"{code}."})


def latest_lists(code: str) -> list[MembershipList]:
    """The latest database-held membership list of each region in region `code`."""
    found: dict[int, MembershipList] = {}
    lists = MembershipList.objects.filter(in_region(code), store="").select_related("region")
    for mlist in lists.order_by("region_id", "-as_of", "-id"):
        found.setdefault(mlist.region_id, mlist)
    return list(found.values())


def newest(lists: list[MembershipList]) -> MembershipList:
    return max(lists, key=lambda m: (m.as_of, m.pk))


def active_rows(
    lists: list[MembershipList],
    segments: Sequence[str] | None = None,
    programs: Sequence[str] = (),
) -> QuerySet[MembershipEntry]:
    """The active rows of `lists` (of those segments, holding every one of `programs`)."""
    members = MembershipEntry.objects.filter(
        membership_list__in=[m.pk for m in lists], status=MemberStatus.ACTIVE
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
