"""Pages of the monev cycle: reporting packs (produce, download, submit up the hierarchy)
and the national findings-by-dimension page with its drill-down. Views parse,
authorise, call one domain function, render."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from ucj.accounts.approval import ApprovalError
from ucj.accounts.periods import parse_reporting_period
from ucj.accounts.refusals import refuse
from ucj.accounts.roles import Role
from ucj.accounts.scoping import VIEW, allowed_regions, has_role, is_admin
from ucj.lib.bilingual import pair
from ucj.monev import findings, pack_files
from ucj.monev.dimensions import DIMENSION_LABELS
from ucj.monev.packs import Pack
from ucj.regions.models import KABKOTA, Level


def default_period() -> str:
    """The triwulan of the latest month with data (packs of empty quarters help no one)."""
    from ucj.indicators.coverage import latest_period

    month = latest_period() or dt.date.today()
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def _choices(user: Any) -> list[tuple[str, str]]:
    regions = allowed_regions(user, VIEW, Pack).filter(level__in=[Level.PROVINCE, *KABKOTA])
    out = [(r.code, f"{r.code} {r.name}") for r in regions.order_by("code")]
    if is_admin(user) or has_role(user, Role.NATIONAL):
        out.insert(0, ("ID", "ID Nasional / Indonesia"))
    return out


@login_required
def packs(request: HttpRequest) -> HttpResponse:
    """Choose a region and a period, see the pack's figures, download, submit."""
    choices = _choices(request.user)
    code = request.GET.get("wilayah") or (choices[0][0] if choices else "")
    period = request.GET.get("periode") or default_period()
    context: dict[str, Any] = {
        "choices": choices,
        "code": code,
        "period": period,
        "packs": pack_files.packs_for(request.user)[:200],
    }
    status = 200
    if code:
        try:
            data, pack = pack_files.figures(request.user, code, period)
        except ApprovalError as exc:
            context["error"] = exc.as_dict()
            status = exc.status if exc.status in (400, 403) else 400
        except LookupError as exc:
            raise Http404(str(exc)) from exc
        else:
            context.update(d=data, pack=pack)
    return render(request, "monev/packs.html", context, status=status)


@login_required
def pack_file(request: HttpRequest, code: str, period: str, fmt: str) -> HttpResponse:
    try:
        content, data = pack_files.produce(request.user, code, period, fmt)
    except ApprovalError as exc:
        if exc.status == 403:
            # Another region's pack: recorded as refused, answered like a pack that does
            # not exist, as every other region's object is (no hint that it exists).
            refuse(request.user, VIEW, "monev.pack", lookup=f"code={code}, period={period}")
        raise Http404(exc.message_id) from exc
    except LookupError as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(content, content_type=pack_files.CONTENT_TYPES[fmt])
    name = f"paket-monev-{data['code']}-{data['period']}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def pack_action(request: HttpRequest, code: str, period: str, action: str) -> HttpResponse:
    try:
        pack = pack_files.step(request.user, code, period, action)
    except ApprovalError as exc:
        messages.error(request, f"{exc.message_id} / {exc.message_en}")
        code_back = code
    except LookupError as exc:
        raise Http404(str(exc)) from exc
    else:
        messages.success(request, f"{pack.code} {pack.period}: {pack.get_status_display()}")
        code_back = pack.code
    return redirect(f"/monev/paket/?wilayah={code_back}&periode={period}")


def _window(request: HttpRequest) -> tuple[str, dt.date | None, dt.date | None]:
    text = request.GET.get("periode", "").strip()
    if not text:
        return "", None, None
    try:
        rp = parse_reporting_period(text)
    except ApprovalError as exc:
        raise Http404(exc.message_id) from exc
    return rp.code, rp.start, rp.end


@login_required
def obstacles(request: HttpRequest) -> HttpResponse:
    """Per dimension, how many regions face each obstacle (the visitor's scope)."""
    period, start, end = _window(request)
    matrix = findings.obstacle_matrix(request.user, start, end)
    return render(request, "monev/obstacles.html", {"m": matrix, "period": period})


@login_required
def obstacle_cell(request: HttpRequest, dimension: str, obstacle: str) -> HttpResponse:
    period, start, end = _window(request)
    key = "" if dimension == findings.NONE else dimension
    if key not in DIMENSION_LABELS:
        raise Http404(pair(_("Dimensi tidak dikenal")).joined())
    regions = findings.drill_down(request.user, dimension, obstacle, start, end)
    return render(
        request,
        "monev/obstacle_cell.html",
        {
            "regions": regions,
            "dimension_label": DIMENSION_LABELS[key],
            "obstacle": obstacle,
            "obstacle_label": findings.obstacle_label(obstacle),
            "period": period,
        },
    )
