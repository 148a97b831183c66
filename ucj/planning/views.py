"""Planning pages. Each view parses, authorises, calls one domain function, renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.planning import extensions, scenarios
from ucj.planning.forms import FundingForm, ScenarioForm
from ucj.planning.models import FundingSource, Scenario
from ucj.planning.overview import overview
from ucj.planning.rates import PlanError
from ucj.planning.services import parse_month
from ucj.regions.fields import PICKED
from ucj.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _region(request: HttpRequest, code: str, action: str = VIEW, model: Any = None) -> Region:
    """The region, if the user may act on it; with `model`, by that model's write rules."""
    region = allowed_regions(request.user, action, model).filter(code=code).first()
    if region is None:
        raise Http404(_("Wilayah tidak ada atau di luar wewenang Anda"))
    return region


def _can_change(request: HttpRequest, region: Region, model: Any) -> bool:
    return allowed_regions(request.user, CHANGE, model).filter(pk=region.pk).exists()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """Pick a region: by code or name (the resolver), or from the regions in your scope."""
    from ucj.regions.resolver import ResolutionError, resolve

    text = request.GET.get("wilayah", "").strip()
    error = ""
    if text:
        try:
            picked = PICKED.search(text)  # a suggestion of the region picker
            found = resolve(picked.group(1) if picked else text)
        except ResolutionError as exc:
            error = str(exc)
        else:
            if allowed_regions(request.user).filter(code=found.code).exists():
                return redirect("planning:region", code=found.code)
            error = _("Wilayah di luar wewenang Anda")
    mine = allowed_regions(request.user).kabkota_and_up().order_by("code")[:200]
    return render(request, "planning/index.html", {"regions": mine, "text": text, "error": error})


@login_required
def region_plan(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    try:
        period = parse_month(request.GET["periode"]) if request.GET.get("periode") else None
    except PlanError:
        period = None
    data = overview(region, request.user, period)
    return render(
        request,
        "planning/region.html",
        {
            "region": region,
            "o": data,
            "is_sample": data["is_sample"],
            "can_change": _can_change(request, region, FundingSource),
        },
    )


@login_required
def funding_new(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    """A new funding row, or (with pk) an existing one: e.g. to enter its realisation."""
    region = _region(request, code, CHANGE, FundingSource)  # Pemda writes its funding
    instance = None
    if pk is not None:
        instance = get_object_or_404(
            FundingSource.objects.for_user(request.user, CHANGE), pk=pk, region=region
        )
    form = FundingForm(request.POST or None, instance=instance, region=region)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Sumber pendanaan tersimpan"))
        return redirect("planning:region", code=region.code)
    return render(
        request,
        "planning/funding_form.html",
        {"region": region, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _selected(request: HttpRequest, region: Region) -> list[Scenario]:
    qs = Scenario.objects.for_user(request.user, VIEW).filter(region=region)
    ids = [int(i) for i in request.GET.getlist("id") if i.isdigit()]
    return list(qs.filter(pk__in=ids) if ids else qs)


@login_required
def workspace(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    can_change = _can_change(request, region, Scenario)
    form = ScenarioForm(request.POST or None, initial={"months": 12, "programs": ["JKK", "JKM"]})
    if request.method == "POST":
        if not can_change:
            raise Http404(_("Wilayah tidak ada atau di luar wewenang Anda"))
        if form.is_valid():
            try:
                saved = scenarios.save(
                    region, form.cleaned_data["name"], form.params(), request.user
                )
            except PlanError as exc:
                form.add_error(None, exc.shown())
            else:
                messages.success(request, _("Skenario tersimpan"))
                return redirect("planning:scenario", pk=saved.pk)
    chosen = _selected(request, region)
    all_rows = Scenario.objects.for_user(request.user, VIEW).filter(region=region)
    return render(
        request,
        "planning/workspace.html",
        {
            "region": region,
            "form": form,
            "scenarios": all_rows,
            "chosen": chosen,
            "table": scenarios.compare(chosen) if chosen else None,
            "can_change": can_change,
            "ids": [s.pk for s in chosen],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def scenario_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Reopen a saved scenario: its inputs back in the form, its answer beside them."""
    scenario = get_object_or_404(Scenario.objects.for_user(request.user, VIEW), pk=pk)
    can_change = _can_change(request, scenario.region, Scenario)
    initial = ScenarioForm.initial_from(scenario.name, scenario.params)
    form = ScenarioForm(request.POST or None, initial=initial)
    if request.method == "POST" and can_change and form.is_valid():
        try:
            scenario.params = scenarios.clean_params(form.params())
        except PlanError as exc:
            form.add_error(None, exc.shown())
        else:
            scenario.name = form.cleaned_data["name"]
            scenario.save()
            messages.success(request, _("Skenario diperbarui"))
            return redirect("planning:scenario", pk=scenario.pk)
    result = scenarios.evaluate(scenario)
    return render(
        request,
        "planning/scenario.html",
        {
            "scenario": scenario,
            "region": scenario.region,
            "form": form,
            "result": result,
            "history": _benefit_history(request, scenario.region, result),
            "confirmed": extensions.scenario_confirmation(request.user, scenario),
            "can_change": can_change,
        },
    )


def _benefit_history(request: HttpRequest, region: Region, result: dict[str, Any]) -> Any:
    """Benefits the same number of workers received in this region (monev's imported
    benefits paid, registered in `planning.extensions` when monev is installed)."""
    return extensions.benefit_history(request.user, region.code, result)


@login_required
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    region = _region(request, code)
    chosen = _selected(request, region)
    if fmt == "pdf":
        body, kind = scenarios.export_pdf(chosen), "application/pdf"
    else:
        body, kind = scenarios.export_xlsx(chosen), XLSX
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="skenario-{region.code}.{fmt}"'
    return response


@login_required
@require_POST
def import_scenarios(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code, CHANGE, Scenario)
    upload: Any = request.FILES.get("berkas")
    if upload is None:
        messages.error(request, _("Pilih berkas XLSX"))
        return redirect("planning:workspace", code=region.code)
    try:
        done = scenarios.import_xlsx(upload.read(), request.user, upload.name)
    except PlanError as exc:
        messages.error(request, str(exc))
        return redirect("planning:workspace", code=region.code)
    messages.success(request, _("%(n)s skenario dibuka kembali") % {"n": done["imported"]})
    query = "&".join(f"id={i}" for i in done["ids"])
    return redirect(f"{reverse('planning:workspace', kwargs={'code': region.code})}?{query}")
