"""Approval and locking of monthly kab/kota figures.

A kab/kota month goes draft → submitted (kab/kota officer) → approved (its province)
→ accepted (national). Approved and accepted months are locked: `locked_cells` tells
the intake pipeline and edit forms which (region_id, period) pairs a write may not
touch, with who approved and when; `ensure_unlocked` raises the bilingual error.
Reopening needs a reason; the history of MonthApproval keeps every step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.models import LOCKED_STATUSES, MonthApproval, MonthStatus, Role
from ucj.accounts.scoping import CHANGE, has_role, is_admin, may_access_region, roles_of
from ucj.lib.bilingual import Bilingual, pair
from ucj.regions.models import KABKOTA, SUB_KABKOTA, Region


@dataclass(frozen=True)
class LockedCell:
    region_id: int
    period: dt.date
    approved_by: str
    approved_at: dt.datetime

    def message(self, region_code: str = "") -> tuple[str, str]:
        """(Bahasa Indonesia, English) explanation naming who approved and when."""
        when = timezone.localtime(self.approved_at).strftime("%d-%m-%Y %H:%M %Z")
        where = region_code or f"#{self.region_id}"
        month = f"{self.period:%Y-%m}"
        return pair(
            _(
                "Data %(where)s periode %(month)s sudah disetujui oleh %(by)s pada %(when)s dan "
                "terkunci; minta pembukaan kembali (dengan alasan) untuk mengubahnya."
            ),
            where=where,
            month=month,
            by=self.approved_by,
            when=when,
        )


class ApprovalError(Exception):
    """A refused approval step: `status` is the HTTP status the API answers with."""

    def __init__(self, message_id: str, message_en: str, status: int = 409) -> None:
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en
        self.status = status

    def as_dict(self) -> dict[str, str]:
        return {"message_id": self.message_id, "message_en": self.message_en}


class LockedError(ApprovalError):
    def __init__(self, cells: list[LockedCell], codes: dict[int, str]) -> None:
        first_id, first_en = cells[0].message(codes.get(cells[0].region_id, ""))
        more = len(cells) - 1
        if more:
            first_id += f" (dan {more} sel terkunci lainnya)"
            first_en += f" (and {more} more locked cells)"
        super().__init__(first_id, first_en, status=409)
        self.cells = cells


def _who(user: Any) -> str:
    if user is None:
        return "?"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return f"{full} ({user.username})" if full else str(user.username)


def locked_cells(pairs: Iterable[tuple[int, dt.date]]) -> list[LockedCell]:
    """Approved (locked) cells among `pairs`, in one query (imports pass thousands)."""
    wanted = set(pairs)
    if not wanted:
        return []
    # A kecamatan's figures are part of its kab/kota's month (issue 20): the kab/kota's
    # approval locks them too.
    below = _kabkota_of({r for r, _p in wanted})
    asked: dict[tuple[int, dt.date], list[int]] = {}
    for r, p in wanted:
        asked.setdefault((below.get(r, r), p), []).append(r)
    rows = (
        MonthApproval.objects.filter(
            status__in=LOCKED_STATUSES,
            region_id__in={r for r, _p in asked},
            period__in={p for _r, p in asked},
        )
        .select_related("approved_by", "accepted_by")
        .order_by("period", "region__code")
    )
    cells = []
    for row in rows:
        approver = row.approved_by or row.accepted_by
        approved_at = row.approved_at or row.accepted_at or timezone.now()
        for region_id in asked.get((row.region_id, row.period), []):
            cells.append(LockedCell(region_id, row.period, _who(approver), approved_at))
    return cells


def _kabkota_of(region_ids: set[int]) -> dict[int, int]:
    """Kecamatan (and desa) among the ids → their kab/kota's id (two small queries)."""
    sub = dict(
        Region.objects.filter(pk__in=region_ids, level__in=SUB_KABKOTA).values_list("pk", "code")
    )
    if not sub:
        return {}
    kab = dict(
        Region.objects.filter(code__in={c[:5] for c in sub.values()}, level__in=KABKOTA)
        .values_list("code", "pk")
    )  # fmt: skip
    return {pk: kab[code[:5]] for pk, code in sub.items() if code[:5] in kab}


def ensure_unlocked(pairs: Iterable[tuple[int, dt.date]]) -> None:
    """Raise LockedError (bilingual, naming who approved and when) if any pair is locked."""
    cells = locked_cells(pairs)
    if cells:
        codes = dict(
            Region.objects.filter(pk__in={c.region_id for c in cells}).values_list("pk", "code")
        )
        raise LockedError(cells, codes)


def refused(what: Bilingual) -> ApprovalError:
    """403 for a step the user may not take; `what` names it in both languages."""
    return ApprovalError(*pair(_("Anda tidak berwenang untuk %(what)s."), what=what), status=403)


def _month(region: Region, period: dt.date, lock: bool = True) -> MonthApproval:
    if region.level not in KABKOTA or region.valid_to is not None:
        raise ApprovalError(
            *pair(
                _("Persetujuan hanya untuk kab/kota yang berlaku; %(code)s bukan."),
                code=region.code,
            ),
            status=400,
        )
    period = period.replace(day=1)
    qs = MonthApproval.objects.select_for_update() if lock else MonthApproval.objects
    row, _created = qs.get_or_create(region=region, period=period)
    return row


def _wrong_state(row: MonthApproval, expected: str) -> ApprovalError:
    return ApprovalError(
        *pair(
            _("Status %(what)s adalah '%(status)s', bukan '%(expected)s'."),
            what=f"{row.region.code} {row.period:%Y-%m}",
            status=state_words(row.status),
            expected=state_words(expected),
        )
    )


def state_words(status: str) -> Bilingual:
    """A state as each language has always named it: the label in Indonesian, the code
    (draft, submitted, …) in English."""
    return Bilingual(pair(MonthStatus(status).label).message_id, str(status))


def _is_province_of(user: Any, region: Region) -> bool:
    return any(
        role == Role.PROVINCE and code is not None and code[:2] == region.province_code
        for role, code, _l in roles_of(user)
    )


def _save(row: MonthApproval, user: Any, reason: str = "") -> MonthApproval:
    row._history_user = user  # type: ignore[attr-defined]  # token requests too
    row._change_reason = reason or row.status  # type: ignore[attr-defined]
    row.save()
    return row


@transaction.atomic
def submit(user: Any, region: Region, period: dt.date) -> MonthApproval:
    if not may_access_region(user, region, CHANGE, model=MonthApproval):
        raise refused(pair(_("mengajukan data wilayah ini")))
    row = _month(region, period)
    if row.status != MonthStatus.DRAFT:
        raise _wrong_state(row, MonthStatus.DRAFT)
    now = timezone.now()
    row.status, row.submitted_by, row.submitted_at = MonthStatus.SUBMITTED, user, now
    row.first_submitted_at = row.first_submitted_at or now
    return _save(row, user)


@transaction.atomic
def approve(user: Any, region: Region, period: dt.date) -> MonthApproval:
    if not (is_admin(user) or _is_province_of(user, region)):
        raise refused(pair(_("menyetujui data wilayah ini")))
    row = _month(region, period)
    if row.status != MonthStatus.SUBMITTED:
        raise _wrong_state(row, MonthStatus.SUBMITTED)
    row.status, row.approved_by, row.approved_at = MonthStatus.APPROVED, user, timezone.now()
    return _save(row, user)


@transaction.atomic
def accept(user: Any, region: Region, period: dt.date) -> MonthApproval:
    if not (is_admin(user) or has_role(user, Role.NATIONAL)):
        raise refused(pair(_("menerima data secara nasional")))
    row = _month(region, period)
    if row.status != MonthStatus.APPROVED:
        raise _wrong_state(row, MonthStatus.APPROVED)
    row.status, row.accepted_by, row.accepted_at = MonthStatus.ACCEPTED, user, timezone.now()
    return _save(row, user)


@transaction.atomic
def reopen(user: Any, region: Region, period: dt.date, reason: str) -> MonthApproval:
    """Back to draft. Province officers reopen what is not yet accepted nationally."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise ApprovalError(
            *pair(_("Alasan pembukaan kembali wajib diisi (minimal 5 karakter).")),
            status=400,
        )
    row = _month(region, period)
    national = is_admin(user) or has_role(user, Role.NATIONAL)
    if not (national or (_is_province_of(user, region) and row.status != MonthStatus.ACCEPTED)):
        raise refused(pair(_("membuka kembali data wilayah ini")))
    if row.status == MonthStatus.DRAFT:
        raise ApprovalError(
            *pair(
                _("%(what)s belum diajukan; tidak ada yang dibuka."),
                what=f"{region.code} {row.period:%Y-%m}",
            )
        )
    row.status = MonthStatus.DRAFT
    row.approved_by = row.approved_at = row.accepted_by = row.accepted_at = None
    row.reopen_reason = reason[:500]
    return _save(row, user, reason=f"reopen: {reason}"[:100])


ACTIONS = {"submit": submit, "approve": approve, "accept": accept}


def act(user: Any, action: str, region: Region, period: dt.date, reason: str = "") -> Any:
    """One entry point for pages and API: action is submit/approve/accept/reopen."""
    if action == "reopen":
        return reopen(user, region, period, reason)
    if action not in ACTIONS:
        raise ApprovalError(*pair(_("Aksi tidak dikenal: %(action)s"), action=action), 400)
    return ACTIONS[action](user, region, period)
