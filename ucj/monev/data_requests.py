"""Data requests to BPJS TK branches: what is asked (participants by segment and program,
a membership list, benefits paid), for which regions and month, from which branch, by
when; requested → sent → received → loaded.

A file received against a request goes through the one import pipeline
(`intake.pipeline.run_import`) as the uploader, so it is checked and scoped like any
import; the request keeps the file's name, SHA-256 and the batch it became. A branch
officer sees the requests for the regions of their branch and answers them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.lib.bilingual import Bilingual, pair
from ucj.monev.branches import BranchOffice, check_serves, office_named
from ucj.monev.cycle_models import (
    OPEN_REQUEST_STATES,
    DataRequest,
    RequestFile,
    RequestState,
    RequestWhat,
)
from ucj.regions.models import Region


def scoped(user: Any, action: str = VIEW) -> QuerySet[DataRequest]:
    return DataRequest.objects.for_user(user, action)


def _regions(user: Any, codes: list[str]) -> list[Region]:
    codes = [c.strip() for c in codes if c.strip()]
    found = {r.code: r for r in Region.objects.current().filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing or not codes:
        raise ValidationError(
            pair(
                _("Kode wilayah tidak dikenal: %(codes)s"), codes=", ".join(missing) or "-"
            ).joined()
        )
    # Every caller names its user; None may change nothing (fail closed).
    ok = set(
        allowed_regions(user, CHANGE, DataRequest)
        .filter(pk__in=[r.pk for r in found.values()])
        .values_list("code", flat=True)
    )
    denied = [c for c in codes if c not in ok]
    if denied:
        raise PermissionDenied(
            pair(
                _("Anda tidak berwenang untuk wilayah %(codes)s"), codes=", ".join(denied)
            ).joined()
        )
    return [found[c] for c in codes]


def create(
    user: Any,
    what: str,
    codes: list[str],
    period: dt.date,
    branch: str | BranchOffice,
    due_date: dt.date,
    detail: str = "",
) -> DataRequest:
    if what not in RequestWhat.values:
        raise ValidationError(
            pair(
                _("Data diminta '%(what)s' tidak dikenal (pilih %(known)s)"),
                what=what,
                known=", ".join(RequestWhat.values),
            ).joined()
        )
    office = branch if isinstance(branch, BranchOffice) else office_named(branch)
    regions = _regions(user, codes)
    check_serves(office, regions)
    with transaction.atomic():
        request = DataRequest.objects.create(
            what=what,
            detail=detail[:300],
            period=period.replace(day=1),
            office=office,
            branch=office.name,
            due_date=due_date,
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        request.regions.set(regions)
    return request


def get(user: Any, pk: int, action: str = VIEW) -> DataRequest:
    found = scoped(user, action).filter(pk=pk).first()
    if found is None:
        raise PermissionDenied(
            pair(_("Permintaan #%(pk)s tidak ada atau di luar wewenang Anda"), pk=pk).joined()
        )
    return found


def mark_sent(user: Any, pk: int) -> DataRequest:
    request = get(user, pk, CHANGE)
    if request.state != RequestState.REQUESTED:
        raise ValidationError(
            pair(
                _("Permintaan #%(pk)s sudah %(state)s"),
                pk=pk,
                # The state as each language read it before: its label, its code.
                state=Bilingual(pair(RequestState(request.state).label)[0], request.state),
            ).joined()
        )
    request.state, request.sent = RequestState.SENT, timezone.now()
    request.save(update_fields=["state", "sent"])
    return request


def _import(
    user: Any, pk: int, path: Path, file_name: str, source: str, dry_run: bool
) -> tuple[DataRequest, Any]:
    """The file through the one import pipeline, as the uploader, accepting rows of the
    request's regions only (a row of any other region is a row error naming them)."""
    from ucj.intake.pipeline import run_import

    request = get(user, pk, CHANGE)
    if request.state == RequestState.LOADED:
        raise ValidationError(pair(_("Permintaan #%(pk)s sudah dimuat"), pk=pk).joined())
    regions = list(request.regions.all())
    only = regions[0].code if len(regions) == 1 else None
    outcome = run_import(
        path,
        request.what,
        user=user,
        source=source or f"{request.branch} (permintaan data #{request.pk})",
        file_name=file_name,
        region=only,
        dry_run=dry_run,
        preview=dry_run,
        within={r.pk: r.code for r in regions},
    )
    return request, outcome


def preview(user: Any, pk: int, path: Path, file_name: str, source: str = "") -> Any:
    """The dry run the import pages show (counts, row errors, coverage before → after)
    for a file against the request: nothing is written, the request is unchanged."""
    return _import(user, pk, path, file_name, source, dry_run=True)[1]


def receive(
    user: Any, pk: int, path: Path, file_name: str, source: str = ""
) -> tuple[DataRequest, RequestFile, dict[str, Any]]:
    """Record a file received against the request and import it. Imported: 'loaded',
    linked to its batch; refused by the pipeline: 'received', with the errors kept."""
    from ucj.intake.storing import sha256_of

    request, outcome = _import(user, pk, path, file_name, source, dry_run=False)
    result = outcome.as_json()
    now = timezone.now()
    with transaction.atomic():
        received = RequestFile.objects.create(
            request=request,
            name=file_name[:255],
            sha256=sha256_of(path),
            rows=outcome.rows,
            batch_id=outcome.batch,
            ok=outcome.ok,
            errors=result["errors"][:50],
            uploaded_by=user if getattr(user, "is_authenticated", False) else None,
        )
        request.received = request.received or now
        if outcome.ok and outcome.batch:
            request.state, request.loaded = RequestState.LOADED, now
        else:
            request.state = RequestState.RECEIVED
        request.save(update_fields=["state", "received", "loaded"])
    return request, received, result


def overdue(user: Any, today: dt.date | None = None) -> QuerySet[DataRequest]:
    qs: Any = scoped(user)
    return qs.overdue(today or dt.date.today()).order_by("due_date", "id")


def for_region(user: Any, region: Region) -> QuerySet[DataRequest]:
    return scoped(user).filter(regions=region).order_by("-period", "-id")


def is_overdue(request: DataRequest, today: dt.date | None = None) -> bool:
    return request.state in OPEN_REQUEST_STATES and request.due_date < (today or dt.date.today())


def as_json(request: DataRequest, today: dt.date | None = None) -> dict[str, Any]:
    return {
        "id": request.pk,
        "what": request.what,
        "detail": request.detail,
        "regions": sorted(request.regions.values_list("code", flat=True)),
        "period": request.period.strftime("%Y-%m"),
        "branch": request.branch,
        "due_date": request.due_date,
        "state": request.state,
        "overdue": is_overdue(request, today),
        "sent": request.sent,
        "received": request.received,
        "loaded": request.loaded,
        "files": [
            {"name": f.name, "sha256": f.sha256, "rows": f.rows, "batch": f.batch_id, "ok": f.ok}
            for f in request.files.all()
        ],
    }
