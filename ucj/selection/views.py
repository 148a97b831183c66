"""The selection page (planning area): run a selection, download its list, save it.
Each view parses, authorises, calls one domain function, renders."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.lib.sheets import Sheets
from ucj.planning.rates import PlanError
from ucj.regions.models import Region
from ucj.registry.models import Roster
from ucj.selection import confirm, saving
from ucj.selection.forms import SaveForm, SelectionForm
from ucj.selection.models import Selection
from ucj.selection.services import SelectRequest, may_see_people, select

REASONS = {
    "decile": gettext_lazy("desil di atas batas skema atau tidak diketahui"),
    "member": gettext_lazy("sudah peserta aktif program yang dipilih"),
    "age": gettext_lazy("usia di luar batas skema"),
    "budget": gettext_lazy("anggaran tidak cukup"),
    "nik": gettext_lazy("NIK tidak sah"),
    "duplicate": gettext_lazy("orang yang sama sudah ada di daftar"),
    "domicile": gettext_lazy("berdomisili di luar wilayah"),
    "asn": gettext_lazy("ASN"),
    "other_scheme": gettext_lazy("sudah dipilih skema lain"),
}
# The download without a query: the default scheme with no budget (an empty list).
DEFAULTS = {"scheme": "desil-1-4", "budget": "0", "programs": ["JKK", "JKM"], "months": "12"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(request: HttpRequest, code: str) -> Region:
    """Who may read the region's rosters (person-level lists only for its own offices)."""
    region = allowed_regions(request.user, VIEW, Roster).filter(code=code).first()
    if region is None:
        raise Http404(_("Wilayah tidak ada atau di luar wewenang Anda"))
    return region


def _request(region: Region, data: dict[str, Any]) -> SelectRequest:
    priority = tuple(p for p in (data.get("priority") or "").split(",") if p) or None
    return SelectRequest(
        code=region.code, scheme=data["scheme"], budget=int(data["budget"] or 0),
        programs=tuple(data["programs"]), months=int(data["months"]), priority=priority,
        segment=data.get("segment") or "BPU", income=data.get("income"), wage=data.get("wage"),
        risk_class=data.get("risk_class"),
    )  # fmt: skip


@login_required
def run(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    form = SelectionForm(request.GET or None, initial={"scheme": "desil-1-4"})
    answer, error = None, ""
    if form.is_bound and form.is_valid():
        try:
            answer, _chosen = select(_request(region, form.cleaned_data), request.user)
        except PlanError as exc:
            error = str(exc)
    can_save = allowed_regions(request.user, CHANGE, Selection).filter(pk=region.pk).exists()
    return render(
        request,
        "selection/run.html",
        {
            "region": region, "form": form, "a": answer, "error": error,
            "query": request.GET.urlencode(), "can_save": can_save and answer is not None,
            "save_form": SaveForm(), "people": (answer or {}).get("people", [])[:200],
            "saved": confirm.saved(request.user, region),
            "show_people": may_see_people(request.user, region),
            "left_out": [
                (k, REASONS.get(k, k), n) for k, n in (answer or {}).get("left_out", {}).items()
            ],
        },
    )  # fmt: skip


@login_required
def export(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    if not may_see_people(request.user, region):
        raise Http404(_("Daftar orang hanya untuk kantor wilayah itu"))
    form = SelectionForm(request.GET or DEFAULTS)
    if not form.is_valid():
        return HttpResponse(_("Parameter seleksi tidak lengkap"), status=422)
    try:
        answer, chosen = select(_request(region, form.cleaned_data), request.user)
    except PlanError as exc:  # e.g. no rate table for the months asked
        return HttpResponse(str(exc), status=422)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seleksi.xlsx"
        saving.export_xlsx(answer, chosen, path)
        data = path.read_bytes()
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="seleksi-{region.code}.xlsx"'
    return response


@login_required
@require_POST
def save(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    form, keep = SelectionForm(request.GET), SaveForm(request.POST)
    if not (form.is_valid() and keep.is_valid()):
        messages.error(request, _("Parameter seleksi atau nama skenario tidak lengkap"))
        return redirect(f"{request.path.rsplit('simpan/', 1)[0]}?{request.GET.urlencode()}")
    try:
        answer, chosen = select(_request(region, form.cleaned_data), request.user)
        params = {k: form.cleaned_data.get(k) for k in ("budget", "income", "wage", "risk_class")}
        kept = saving.save(
            answer, chosen, params, request.user, keep.cleaned_data["name"],
            keep.cleaned_data["funding"],
        )  # fmt: skip
    except PlanError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Seleksi disimpan sebagai skenario #%(id)s") % {"id": kept.scenario_id}
        )
    return redirect(f"{request.path.rsplit('simpan/', 1)[0]}?{request.GET.urlencode()}")


@login_required
def confirmed(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    """A saved selection's people with their confirmation status: the region's own
    offices only (person rows), as the list download."""
    region = _region(request, code)
    if not may_see_people(request.user, region):
        raise Http404(_("Daftar orang hanya untuk kantor wilayah itu"))
    selection = Selection.objects.for_user(request.user, VIEW).filter(region=region, pk=pk).first()
    if selection is None:
        raise Http404(_("Wilayah tidak ada atau di luar wewenang Anda"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "konfirmasi.xlsx"
        with Sheets(path) as book:
            book.add("konfirmasi", confirm.PERSON_HEADER, confirm.person_rows(selection))
        data = path.read_bytes()
    response = HttpResponse(data, content_type=XLSX)
    name = f"seleksi-{region.code}-{selection.pk}-konfirmasi.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
