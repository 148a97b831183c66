"""Registry pages: parse, authorise (login + for_user scope), call one function, render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ucj.registry import pages
from ucj.registry.models import PersonStatus


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
