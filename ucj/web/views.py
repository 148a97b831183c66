"""Dashboard pages. Each view parses, authorises, calls one domain function, renders.

Every page that shows a table answers `?format=json` and `?format=csv` (with
`&table=NAME`) from the same rows it renders.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from ucj.indicators import frame
from ucj.regions.models import Level, Region
from ucj.web import dashboard
from ucj.web.filters import FilterForm, Filters
from ucj.web.panels import render_panels
from ucj.web.tables import twin


def _filters(request: HttpRequest, province: str | None = None) -> tuple[FilterForm, Filters]:
    form = FilterForm(
        request.GET, frame.distinct_periods(province=province), dashboard.scheme_choices()
    )
    return form, form.filters()


def _region(code: str, level: str | None = None) -> Region:
    region = Region.objects.current().filter(code=code).first()
    if region is None or region.level == Level.DISTRICT:
        raise Http404(f"Kode wilayah tidak dikenal / unknown region code: {code}")
    if level == Level.PROVINCE and region.level != Level.PROVINCE:
        raise Http404(f"Bukan provinsi / not a province: {code}")
    return region


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], form: FilterForm, name: str
) -> HttpResponse:
    response = twin(request, context["tables"], name)
    if response is not None:
        return response
    return render(request, template, {**context, "form": form})


def home(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    return _page(request, "web/national.html", dashboard.national_page(filters), form, "nasional")


def province(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(code, Level.PROVINCE)
    form, filters = _filters(request, region.province_code)
    context = dashboard.province_page(region, filters)
    return _page(request, "web/province.html", context, form, f"provinsi-{region.code}")


def scorecard(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(code)
    form, filters = _filters(request, region.province_code)
    context = dashboard.scorecard(region, request.user, filters)
    context["panels"] = render_panels(region, request.user, context["period"], request)
    return _page(request, "web/scorecard.html", context, form, f"wilayah-{region.code}")
