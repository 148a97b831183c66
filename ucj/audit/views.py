"""The audit trail page and its CSV/XLSX export. Each view parses the filter, bounds it
by what the signed-in user may read, calls one function of `entries`, renders."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render

from ucj.accounts.scoping import VIEW, refuse_filter
from ucj.audit import entries, exports, labels


def _audit_filter(request: HttpRequest) -> entries.AuditFilter:
    """The request's filter, bounded by what the signed-in user may read."""
    scope = entries.reader_scope(request.user)
    if scope is not None and not scope:
        raise PermissionDenied
    region = (request.GET.get("region") or "").strip()[:13]
    refuse_filter(request.user, VIEW, None, region, "region", obj="accounts.audit")
    return entries.AuditFilter.parse(request.GET, scope)


@login_required
def audit_page(request: HttpRequest) -> HttpResponse:
    f = _audit_filter(request)
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    found, more = entries.page(f, number)
    context = {
        "entries": found,
        "rows": labels.readable(found),
        "filter": f,
        "query": urlencode(f.as_query()),
        "page": number,
        "more": more,
        "users": entries.user_choices(f.scope),
        "objects": entries.object_choices(),
        "sources": labels.source_choices(),
    }
    return render(request, "audit/audit.html", context)


@login_required
def audit_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    f = _audit_filter(request)
    return exports.audit_xlsx(f) if fmt == "xlsx" else exports.audit_csv(f)
