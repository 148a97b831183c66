"""Pages of data requests to BPJS TK branches, and the Paritrana readiness checklist."""

from __future__ import annotations

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
from ucj.intake import previews
from ucj.lib.personal import redact
from ucj.monev import data_requests
from ucj.monev.cycle_forms import DataRequestForm, RequestFileForm
from ucj.monev.cycle_models import DataRequest, RequestState
from ucj.regions.models import Region


def _refused(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    may_create = allowed_regions(request.user, CHANGE, DataRequest).exists()
    form = DataRequestForm(request.POST or None, user=request.user)
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
    """The request; for whoever may answer it, an upload that shows the import's dry
    run first (rows outside the request's regions are row errors) and loads the file
    on confirmation, as the import pages do."""
    item = _get(request, pk)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, pk)
    form = RequestFileForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {}
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token, stored = previews.keep(upload)
        try:
            outcome = data_requests.preview(request.user, pk, stored, upload.name)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _refused(exc))
            stored.unlink(missing_ok=True)
            status = 400
        else:
            if outcome.ok:
                request.session[f"permintaan-{token}"] = {
                    "pk": pk, "path": str(stored), "name": redact(upload.name),
                }  # fmt: skip
            else:  # nothing to confirm: a refused file is not kept
                stored.unlink(missing_ok=True)
                status = 400
            context.update(previews.context(outcome, token, upload.name))
    elif request.method == "POST":
        status = 400
    may_answer = (
        item.state != RequestState.LOADED
        and data_requests.scoped(request.user, CHANGE).filter(pk=pk).exists()
    )
    context.update(
        item=item, overdue=data_requests.is_overdue(item), form=form, may_answer=may_answer
    )
    return render(request, "monev/request.html", context, status=status)


def _confirm(request: HttpRequest, pk: int) -> HttpResponse:
    token = request.POST.get("token", "")
    pending = request.session.pop(f"permintaan-{token}", None)
    if not pending or pending["pk"] != pk or not previews.fresh(Path(pending["path"])):
        messages.error(request, _("Unggahan kedaluwarsa, unggah lagi"))
        return redirect("monev:data_request", pk=pk)
    path = Path(pending["path"])
    try:
        _item, _f, result = data_requests.receive(request.user, pk, path, pending["name"])
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _refused(exc))
        return redirect("monev:data_request", pk=pk)
    finally:
        path.unlink(missing_ok=True)
    if result["ok"]:
        messages.success(request, _("Berkas diterima dan dimuat"))
    else:  # the data changed between preview and confirm: kept on the request's files
        first = result["errors"][0]
        messages.error(request, f"{first['message_id']} / {first['message_en']}")
    return redirect("monev:data_request", pk=pk)


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
