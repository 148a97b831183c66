"""Registry pages: parse, authorise (login + for_user scope), call one function, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import VIEW, refuse_filter
from ucj.lib.bilingual import pair
from ucj.lib.contest import ROSTER_MEASURE
from ucj.registry import areas, contest, pages
from ucj.registry.models import PersonStatus, Reconciliation, WorkerGroup


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/overview.html", pages.overview(request.user))


@login_required
def persons(request: HttpRequest, pk: int) -> HttpResponse:
    status = request.GET.get("status")
    if status not in PersonStatus.values:
        status = None
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    ctx = pages.persons(request.user, pk, page, status)
    ctx["statuses"] = PersonStatus.choices
    return render(request, "registry/persons.html", ctx)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    name, text = pages.export_csv(request.user, pk)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _group(request: HttpRequest) -> str | None:
    group = request.GET.get("kelompok") or None
    return group if group in WorkerGroup.values else None


@login_required
def areas_page(request: HttpRequest, code: str) -> HttpResponse:
    """Group coverage of a kab/kota per kecamatan, or of a kecamatan per desa: read as
    the user (`for_user`), so an officer of another region finds nothing here."""
    try:
        data = areas.rollup(code, _group(request), actor=request.user)
    except areas.AreaError as exc:
        raise Http404(str(exc)) from None
    if data["reconciliation"] is None:
        # Out of scope (recorded for the audit page) or simply nothing reconciled yet.
        refuse_filter(request.user, VIEW, Reconciliation, code[:5], "code", "registry.areas")
        raise Http404(pair(_("Belum ada rekonsiliasi")).joined())
    ctx = {"data": data, "region": areas.area(code), "groups": WorkerGroup.choices}
    return render(request, "registry/areas.html", ctx)


def contest_page(request: HttpRequest, code: str) -> HttpResponse:
    """The league table: public like every region page; small cells suppressed for
    anyone who may not read the region in full."""
    measure = request.GET.get("ukuran") or ROSTER_MEASURE
    try:
        data = contest.league(code, request.user, measure, _group(request))
    except areas.AreaError as exc:
        raise Http404(str(exc)) from None
    ctx = {"data": data, "region": areas.area(code), "groups": WorkerGroup.choices}
    return render(request, "registry/contest.html", ctx)
