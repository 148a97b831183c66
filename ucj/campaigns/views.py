"""Pendataan pages: parse, authorise (login + for_user), call one function, render.

The field page (`field`) is for a phone on a slow connection: one small HTML page,
no script of its own, a form that answers with inline errors in both languages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import CHANGE
from ucj.campaigns import services
from ucj.campaigns.confirm import NothingToConfirm, confirm
from ucj.campaigns.forms import CampaignForm
from ucj.campaigns.funnel import LEVELS, funnel
from ucj.campaigns.models import Campaign, EntryStatus
from ucj.regions.models import Level
from ucj.registry.models import WorkerGroup

# The funnel's levels as the page names them (the keys stay in the URL and the JSON).
LEVEL_LABELS = {
    "desa": Level.VILLAGE.label,
    "kecamatan": Level.DISTRICT.label,
    "kabkota": gettext_lazy("kab/kota"),
}


def _campaign(request: HttpRequest, pk: int, action: str = "view") -> Campaign:
    item = services.campaign(request.user, pk, action)
    if item is None:
        raise Http404
    return item


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "campaigns/list.html",
        {
            "campaigns": services.campaigns(request.user),
            "may_create": services.may_create(request.user),
        },
    )


def _save_form(request: HttpRequest, item: Campaign | None) -> HttpResponse:
    """The create and edit form: parse, call the service, answer (400 with the fields'
    messages when refused)."""
    initial = CampaignForm.initial_of(item) if item else {}
    form = CampaignForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                saved = services.create(request.user, form.to_input())
            else:
                saved = services.update(request.user, item.pk, form.to_input())
        except services.CampaignError as exc:
            form.add_problems(exc.problems)
        except PermissionDenied:
            form.add_error("region", services.not_yours().joined())
        else:
            messages.success(request, _("Pendataan tersimpan: #%(id)s") % {"id": saved.pk})
            return redirect("campaigns:detail", pk=saved.pk)
    return render(
        request,
        "campaigns/form.html",
        {"form": form, "campaign": item},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not services.may_create(request.user):
        raise PermissionDenied
    return _save_form(request, None)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save_form(request, _campaign(request, pk, CHANGE))


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = _campaign(request, pk)
    level = request.GET.get("level", "desa")
    level = level if level in LEVELS else "desa"
    data = funnel(item, level)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": item,
            "data": data,
            "level": level,
            "levels": [(key, LEVEL_LABELS[key]) for key in LEVELS],
            "is_sample": item.is_sample,
            "may_change": services.campaign(request.user, pk, CHANGE) is not None,
            "confirmations": services.confirmations(request.user, item),
            # Every desa the user may add people to, listed or not yet.
            "field_desa": services.desa_list(request.user, item).values("code", "name"),
        },
    )


@login_required
@require_POST
def confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = _campaign(request, pk, CHANGE)
    try:
        result = confirm(request.user, item.pk)
    except NothingToConfirm:
        messages.error(
            request,
            _("Belum ada daftar kepesertaan untuk wilayah ini."),
        )
    else:
        messages.success(
            request,
            _("Konfirmasi: %(r)s terdaftar, %(o)s lewat skema lain, %(n)s belum terdaftar.")
            % {
                "r": result["registered"],
                "o": result["registered_other_scheme"],
                "n": result["not_registered"],
            },
        )
    return redirect("campaigns:detail", pk=item.pk)


def _entry_input(request: HttpRequest) -> services.EntryInput:
    post = request.POST
    return services.EntryInput(
        name=post.get("name", "")[:200],
        nik=post.get("nik", "")[:40],
        position=post.get("position", "")[:100],
        group=post.get("group", "") if post.get("group") in WorkerGroup.values else "",
        status=post.get("status", EntryStatus.LISTED),
    )


def _field_context(request: HttpRequest, item: Campaign, code: str) -> dict[str, Any]:
    desa = services.desa_of(request.user, item, code)
    if desa is None:
        raise Http404
    rows = list(services.entries(request.user, item, desa).order_by("name", "id"))
    others = services.elsewhere(item, desa, [e.nik_hash for e in rows])
    for entry in rows:
        entry.elsewhere = others.get(entry.nik_hash, [])  # type: ignore[attr-defined]
    return {
        "campaign": item,
        "desa": desa,
        "entries": rows,
        "groups": WorkerGroup.choices,
        "statuses": [(EntryStatus.LISTED, _("terdata")), (EntryStatus.PROPOSED, _("diusulkan"))],
        "may_change": services.desa_of(request.user, item, code, CHANGE) is not None,
        "is_sample": item.is_sample,
    }


@login_required
def field(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    item = _campaign(request, pk)
    ctx = _field_context(request, item, code)
    status = 200
    if request.method == "POST":
        data = _entry_input(request)
        try:
            entry = services.add_entry(request.user, item, ctx["desa"], data)
        except PermissionDenied:
            raise
        except services.EntryError as exc:
            ctx.update(problems=exc.problems, form=data)
            status = 400
        else:
            messages.success(request, _("Tersimpan: %(nik)s") % {"nik": entry.nik_masked})
            return redirect("campaigns:field", pk=item.pk, code=code)
    return render(request, "campaigns/field.html", ctx, status=status)


@login_required
def field_entry(request: HttpRequest, pk: int, code: str, entry_id: int) -> HttpResponse:
    item = _campaign(request, pk)
    ctx = _field_context(request, item, code)
    entry = next((e for e in ctx["entries"] if e.pk == entry_id), None)
    if entry is None:
        raise Http404
    ctx["entry"] = entry
    status = 200
    if request.method == "POST":
        data = _entry_input(request)
        try:
            services.correct_entry(request.user, item, entry_id, data)
        except services.EntryError as exc:
            ctx.update(problems=exc.problems, form=data)
            status = 400
        else:
            messages.success(request, _("Perbaikan tersimpan"))
            return redirect("campaigns:field", pk=item.pk, code=code)
    return render(request, "campaigns/field_entry.html", ctx, status=status)
