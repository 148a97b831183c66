"""What the registry's pages and the scorecard panel show; every read goes through
`for_user`, and every person-level view or export is written to PersonDataAccess."""

from __future__ import annotations

import io
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import BigIntegerField, Count, ExpressionWrapper, F
from django.http import Http404

from ucj.accounts.scoping import VIEW
from ucj.audit.models import PersonDataAccess
from ucj.lib import sheets
from ucj.registry.models import (
    PROGRAMS,
    MembershipList,
    PersonResult,
    Reconciliation,
)

PAGE_SIZE = 100


def audit(user: Any, rec: Reconciliation, action: str, what: str, rows: int) -> None:
    PersonDataAccess.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        region=rec.region,
        action=action,
        what=what[:200],
        rows=rows,
    )


def roster_rows(rec: Reconciliation) -> list[dict[str, Any]]:
    """Per roster: persons and each program's share, for tables."""
    return [
        {**r, "programs": [(p, r["by_program"][p], r["covered"][p]) for p in PROGRAMS]}
        for r in rec.rosters
    ]


def latest_per_region(user: Any) -> list[Reconciliation]:
    """The latest reconciliation of each region this user may see."""
    seen: set[int] = set()
    out = []
    qs = Reconciliation.objects.for_user(user, VIEW).select_related("region", "membership_list")
    for rec in qs.order_by("region__code", "-created", "-id")[:500]:
        if rec.region_id not in seen:
            seen.add(rec.region_id)
            out.append(rec)
    return out


def membership_lists(user: Any) -> list[MembershipList]:
    """BPJS TK lists this user may see, newest first, with their number of entries: what
    a branch officer (who does not see the Pemda rosters) finds on the registry page."""
    qs = MembershipList.objects.for_user(user, VIEW).select_related("region")
    # a stored list's rows are in the list store (Parquet), counted at import
    count = ExpressionWrapper(Count("entries") + F("stored_rows"), output_field=BigIntegerField())
    return list(qs.annotate(entry_count=count).order_by("-as_of", "-id")[:100])


def overview(user: Any) -> dict[str, Any]:
    return {
        "results": [{"rec": r, "rosters": roster_rows(r)} for r in latest_per_region(user)],
        "programs": PROGRAMS,
        "lists": membership_lists(user),
    }


def reconciliation(user: Any, pk: int) -> Reconciliation:
    rec = (
        Reconciliation.objects.for_user(user, VIEW)
        .select_related("region", "membership_list")
        .filter(pk=pk)
        .first()
    )
    if rec is None:
        raise Http404
    return rec


def persons(user: Any, pk: int, page: int, status: str | None) -> dict[str, Any]:
    """One page of the person-level result (masked NIK), audited."""
    rec = reconciliation(user, pk)
    qs = (
        PersonResult.objects.for_user(user, VIEW)
        .filter(reconciliation=rec)
        .select_related("entry__roster")
        .order_by("entry__roster_id", "entry__row")
    )
    if status:
        qs = qs.filter(status=status)
    shown: Page = Paginator(qs, PAGE_SIZE).get_page(page)
    audit(
        user,
        rec,
        "view",
        f"rekonsiliasi #{rec.pk} per orang, hal. {shown.number}",
        len(shown.object_list),
    )
    return {
        "rec": rec,
        "page": shown,
        "rosters": roster_rows(rec),
        "status": status or "",
        "programs": PROGRAMS,
    }


def export_csv(user: Any, pk: int) -> tuple[str, str]:
    """(file name, CSV text) of every person of a reconciliation, masked NIK only."""
    rec = reconciliation(user, pk)
    rows = (
        PersonResult.objects.for_user(user, VIEW)
        .filter(reconciliation=rec)
        .order_by("entry__roster_id", "entry__row")
        .values_list(
            "entry__roster__name",
            "entry__row",
            "entry__nik_masked",
            "entry__name",
            "entry__agency",
            "status",
            "jkk",
            "jkm",
            "jht",
            "jp",
            "jkp",
        )
    )
    buf = io.StringIO()
    header = ["daftar", "baris", "nik_masked", "nama", "instansi", "status", *PROGRAMS]
    count = sheets.write_csv(buf, header, rows.iterator(chunk_size=5000))
    audit(user, rec, "export", f"rekonsiliasi #{rec.pk} per orang (CSV)", count)
    return f"rekonsiliasi-{rec.region.code}-{rec.pk}.csv", buf.getvalue()


def panel_context(region: Any, user: Any, period: Any) -> dict[str, Any] | None:
    """Group coverage on the region scorecard: the latest reconciliation, if the user
    may see it; None (no panel) otherwise."""
    if not getattr(user, "is_authenticated", False):
        return None
    rec = (
        Reconciliation.objects.for_user(user, VIEW)
        .filter(region=region)
        .select_related("membership_list")
        .order_by("-created", "-id")
        .first()
    )
    if rec is None:
        return None
    from ucj.registry.areas import has_sub_data

    # The drill-down to kecamatan and desa, where the rosters place people below kab/kota.
    drill = region.is_kabkota and has_sub_data(region, user)
    return {"rec": rec, "rosters": roster_rows(rec), "programs": PROGRAMS, "drill": drill}


def register_panel() -> None:
    from django.utils.translation import gettext_lazy as _

    from ucj.lib.panels import register

    register(
        name="registry.group_coverage",
        title=_("Cakupan kelompok pekerja (rekonsiliasi NIK)"),
        template="registry/panel.html",
        context=panel_context,
        order=30,
    )
