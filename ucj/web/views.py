"""Dashboard pages. Each view parses, authorises, calls one domain function, renders.

Every page that shows a table answers `?format=json` and `?format=csv` (with
`&table=NAME`) from the same rows it renders.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _

from ucj.indicators.points import one_read
from ucj.indicators.services import NATION_CODE
from ucj.indicators.version import VERSION_HEADER, number_of
from ucj.lib.bilingual import pair
from ucj.lib.panels import render_panels
from ucj.regions.models import SUB_KABKOTA, Level, Region
from ucj.web import league, nav, pages, switcher, twins
from ucj.web.cache import cached, data_stamp
from ucj.web.filters import FilterForm, Filters
from ucj.web.tables import twin


def _filters(
    request: HttpRequest, stamp: str, province: str | None = None
) -> tuple[FilterForm, Filters]:
    form = FilterForm(request.GET, pages.periods(stamp, province), pages.schemes(stamp))
    return form, form.filters()


class Moved(Exception):
    """A retired code with one successor: the page lives at the new code."""

    def __init__(self, code: str) -> None:
        self.code = code


def _region(code: str, level: str | None = None) -> Region:
    region = Region.objects.current().select_related("parent").filter(code=code).first()
    if region is None:
        retired = Region.objects.filter(code=code, valid_to__isnull=False).first()
        successors = retired.successor_codes() if retired else []
        if len(successors) == 1:
            raise Moved(successors[0])
    if region is None or region.level in SUB_KABKOTA:
        raise Http404(pair(_("Kode wilayah tidak dikenal: %(code)s"), code=code).joined())
    if level == Level.PROVINCE and region.level != Level.PROVINCE:
        raise Http404(pair(_("Bukan provinsi: %(code)s"), code=code).joined())
    return region


def _page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    form: FilterForm,
    name: str,
    stamp: str,
) -> HttpResponse:
    """The page, or its table's JSON/CSV twin. `stamp` keys the template fragment cache
    (only parts that are the same for every user are cached there)."""
    response = twin(request, context["tables"], name)
    if response is None:
        viewer = pages.viewer_key(request.user)
        data = {**context, "form": form, "stamp": stamp, "viewer": viewer}
        response = render(request, template, data)
    # Which data version the figures are as of (a client or a probe can compare two servers).
    response[VERSION_HEADER] = str(number_of(stamp))
    return response


@one_read
def home(request: HttpRequest) -> HttpResponse:
    stamp = data_stamp()
    form, filters = _filters(request, stamp)
    context = pages.national_page(stamp, filters, request.user)
    context["trend"] = pages.trend(stamp, NATION_CODE)
    context["tables"] = [*context["tables"], twins.trend(filters.as_dict(), context["trend"])]
    query = league.LeagueQuery.from_get(request.GET)
    context["league"] = league.select(context["kabkota"], context["provinces"], query)
    # Per visitor (not cached): e.g. monev's overdue follow-ups within the user's scope.
    context["panels"] = render_panels(None, request.user, context["period"], request, "national")
    return _page(request, "web/national.html", context, form, "nasional", stamp)


@one_read
def province(request: HttpRequest, code: str) -> HttpResponse:
    try:
        region = _region(code, Level.PROVINCE)
    except Moved as moved:
        return redirect("web:province", moved.code)
    stamp = data_stamp()
    form, filters = _filters(request, stamp, region.province_code)
    context = pages.province_page(stamp, region, filters, request.user)
    return _page(request, "web/province.html", context, form, f"provinsi-{region.code}", stamp)


@one_read
def scorecard(request: HttpRequest, code: str) -> HttpResponse:
    try:
        region = _region(code)
    except Moved as moved:  # e.g. a bookmark from before the 2022 Papua split
        return redirect("web:scorecard", moved.code)
    stamp = data_stamp()
    form, filters = _filters(request, stamp, region.province_code)
    context = pages.scorecard(stamp, region, request.user, filters)
    context["panels"] = render_panels(region, request.user, context["period"], request)
    return _page(request, "web/scorecard.html", context, form, f"wilayah-{region.code}", stamp)


def boundaries(request: HttpRequest, layer: str) -> HttpResponse:
    """The shapes of a map layer as GeoJSON; cached by the browser until they change."""
    stamp = data_stamp()
    etag = f'"{stamp}-{layer}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    shapes = pages.boundaries(stamp, layer)
    if shapes is None:
        raise Http404(pair(_("Batas wilayah belum dimuat: %(layer)s"), layer=layer).joined())
    response = HttpResponse(shapes, content_type="application/geo+json")
    response["ETag"] = etag
    response["Cache-Control"] = "max-age=3600"
    return response


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and PDF viewers ask for /favicon.ico whatever the page says."""
    return redirect(static("web/favicon.svg"))


def mine(request: HttpRequest) -> HttpResponse:
    """Where the log-in lands: a scoped officer's own region, else the national page."""
    return redirect(nav.home_url(request.user))


def region_search(request: HttpRequest) -> HttpResponse:
    """The region switcher's form: straight to the region's page when the text names one,
    else a list of the nearest regions."""
    query = request.GET.get("q", "")
    url, candidates = switcher.find(query)
    if url:
        return redirect(url)
    return render(request, "web/region_search.html", {"q": query, "candidates": candidates})


def region_list(request: HttpRequest) -> HttpResponse:
    """The switcher's suggestions (every province and kab/kota; public names only)."""
    stamp = data_stamp()
    etag = f'"{stamp}-regions"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    rows = cached(stamp, "region-list", (), switcher.region_list)
    response = JsonResponse({"regions": rows}, json_dumps_params={"ensure_ascii": False})
    response["ETag"] = etag
    response["Cache-Control"] = "max-age=3600"
    return response
