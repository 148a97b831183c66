"""Pages of data requests to BPJS TK branches, and the Paritrana readiness checklist."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import CHANGE, allowed_regions
from ucj.monev import data_requests
from ucj.monev.cycle_forms import DataRequestForm, RequestFileForm
from ucj.monev.cycle_models import DataRequest, RequestState
from ucj.regions.models import Region


def _refused(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    may_create = allowed_regions(request.user, CHANGE, DataRequest).exists()
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            made = data_requests.create(
                request.user, d["what"], form.codes(), d["period"], d["branch"], d["due_date"],
                d["detail"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _refused(exc))
        else:
            messages.success(request, _("Permintaan data tersimpan"))
            return redirect("monev:data_request", pk=made.pk)
    rows = data_requests.scoped(request.user).prefetch_related("regions")[:500]
    return render(
        request,
        "monev/requests.html",
        {
            "rows": [(r, data_requests.is_overdue(r)) for r in rows],
            "form": form,
            "may_create": may_create,
        },
        status=400 if request.method == "POST" else 200,
    )


def _get(request: HttpRequest, pk: int) -> DataRequest:
    try:
        return data_requests.get(request.user, pk)
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _get(request, pk)
    form = RequestFileForm(request.POST or None, request.FILES or None)
    result: dict[str, Any] | None = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"berkas{suffix if suffix in ('.csv', '.xlsx') else '.csv'}"
            with path.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            try:
                item, _f, result = data_requests.receive(request.user, pk, path, upload.name)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, _refused(exc))
                status = 400
        if result is not None and result["ok"]:
            messages.success(request, _("Berkas diterima dan dimuat"))
            return redirect("monev:data_request", pk=pk)
        status = 400
    may_answer = (
        item.state != RequestState.LOADED
        and data_requests.scoped(request.user, CHANGE).filter(pk=pk).exists()
    )
    return render(
        request,
        "monev/request.html",
        {
            "item": item,
            "overdue": data_requests.is_overdue(item),
            "form": form,
            "result": result,
            "may_answer": may_answer,
        },
        status=status,
    )


@login_required
@require_POST
def request_sent(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        data_requests.mark_sent(request.user, pk)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _refused(exc))
    return redirect("monev:data_request", pk=pk)


@login_required
def paritrana(request: HttpRequest, code: str) -> HttpResponse:
    from ucj.monev.paritrana import readiness

    region = Region.objects.current().filter(code=code).first()
    if region is None:
        raise Http404(_("Kode wilayah tidak dikenal"))
    year_text = request.GET.get("tahun", "")
    try:
        data = readiness(request.user, region, int(year_text) if year_text.isdigit() else None)
    except ImproperlyConfigured as exc:  # a bad UCJ_PARITRANA_WEIGHTS: say so, no 500
        raise Http404(str(exc)) from exc
    return render(request, "monev/paritrana.html", {"region": region, "r": data})
