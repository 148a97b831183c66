"""Monev pages. Each view parses, authorises, calls one domain function, renders."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions, refuse_filter
from ucj.monev import exports, follow_up_lists, matrices, services, views_cycle
from ucj.monev.forms import FindingForm, FollowUpForm, RegulationForm, SessionForm, _period
from ucj.monev.models import STATE_LABELS, FollowUp, MonevSession
from ucj.monev.records import Regulation
from ucj.regions.fields import PICKED, resolve_one
from ucj.regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _errors(form: Any, exc: ValidationError | PermissionDenied) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        form.add_error(None, message)


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    sessions = services.sessions_for(request.user)[:200]
    return render(request, "monev/session_list.html", {"sessions": sessions})


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.record_session(request.user, form.to_input())
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Sesi monev tersimpan"))
            return redirect("monev:session", pk=session.pk)
    return render(
        request,
        "monev/session_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def _session(request: HttpRequest, pk: int) -> MonevSession:
    session = services.session_detail(request.user, pk)
    if session is None:
        raise Http404(_("Sesi tidak ada atau di luar wewenang Anda"))
    return session


def _finding_form(request: HttpRequest, session: MonevSession, data: Any = None) -> FindingForm:
    codes = (
        allowed_regions(request.user, CHANGE, FollowUp)
        .filter(pk__in=session.regions.values("pk"))
        .order_by("code")
    )
    return FindingForm(data, regions=[(r.code, f"{r.code} {r.name}") for r in codes])


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    return _render_detail(request, session, _finding_form(request, session))


def _render_detail(
    request: HttpRequest, session: MonevSession, form: FindingForm, status: int = 200
) -> HttpResponse:
    snapshots = session.visible_snapshots  # type: ignore[attr-defined]
    return render(
        request,
        "monev/session_detail.html",
        {
            "session": session,
            "form": form,
            "snapshots": snapshots,
            "is_sample": any(s.data.get("is_sample") for s in snapshots),
            "can_add": bool(form.fields["region"].choices),  # type: ignore[attr-defined]
            "cycle": views_cycle.session_extras(request.user, session),
        },
        status=status,
    )


@login_required
@require_POST
def session_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a planned session held: each region's figures are frozen now."""
    session = MonevSession.objects.for_user(request.user, CHANGE).filter(pk=pk).first()
    if session is None:
        raise Http404(_("Sesi tidak ada atau di luar wewenang Anda"))
    services.hold_session(session)
    messages.success(request, _("Sesi dilaksanakan; capaian tiap wilayah dibekukan"))
    return redirect("monev:session", pk=pk)


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    form = _finding_form(request, session, request.POST)
    if form.is_valid():
        try:
            services.add_finding(
                request.user,
                session,
                form.cleaned_data["region"],
                form.cleaned_data["text"],
                form.recommendations(),
                form.cleaned_data["indicator"],
                dimension=form.cleaned_data["dimension"],
                obstacle=form.cleaned_data["obstacle"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Temuan tersimpan"))
            return redirect("monev:session", pk=session.pk)
    return _render_detail(request, _session(request, pk), form, status=400)


@login_required
def follow_up_update(request: HttpRequest, pk: int) -> HttpResponse:
    scoped: Any = FollowUp.objects.for_user(request.user, VIEW)
    item = (
        scoped.with_state()
        .select_related("region", "recommendation__finding__session")
        .prefetch_related("notes", "evidence")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404(_("Tindak lanjut tidak ada atau di luar wewenang Anda"))
    form = FollowUpForm(
        request.POST or None, request.FILES or None, initial={"status": item.status}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.update_follow_up(
                request.user,
                item.pk,
                d["status"],
                d["note"],
                [d["evidence"]] if d["evidence"] else [],
                d["due_date"],
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Tindak lanjut diperbarui"))
            return redirect("monev:follow_up", pk=item.pk)
    return render(
        request,
        "monev/follow_up.html",
        {"item": item, "form": form, "state_labels": STATE_LABELS},
        status=400 if request.method == "POST" else 200,
    )


def _province(request: HttpRequest) -> str | None:
    """The province filter: a code, a name or a picked suggestion (a kab/kota picked
    means its province); what names no region filters nothing."""
    text = request.GET.get("provinsi", "").strip()
    if not text:
        return None
    try:
        return resolve_one(text)[:2]
    except ValidationError:
        return None


@login_required
def follow_ups(request: HttpRequest) -> HttpResponse:
    """A region's open and overdue follow-ups and what escalated to it from below."""
    code = request.GET.get("wilayah", "").strip()
    picked = PICKED.search(code)  # a suggestion of the region picker: "Kota Jambi (15.71)"
    code = picked.group(1) if picked else code
    region = Region.objects.current().filter(code=code).first() if code else None
    if code and region is None:
        raise Http404(_("Kode wilayah tidak dikenal"))
    refuse_filter(request.user, VIEW, FollowUp, code, "wilayah")  # another region's: recorded
    own = follow_up_lists.region_follow_ups(request.user, region) if region else None
    return render(
        request,
        "monev/follow_ups.html",
        {
            "region": region,
            "own": own,
            "escalated": follow_up_lists.escalated(request.user, region),
        },
    )


def regulations(request: HttpRequest) -> HttpResponse:
    province = _province(request)
    rows = (
        Regulation.objects.for_user(request.user, VIEW)
        .select_related("region")
        .order_by("region__code", "-year")
    )
    if province:
        rows = rows.filter(region__province_code=province)
    return render(
        request,
        "monev/regulations.html",
        {
            "rows": rows[:1000],
            "province": province,
            "is_sample": rows.filter(is_sample=True).exists(),
        },
    )


@login_required
def regulation_create(request: HttpRequest) -> HttpResponse:
    form = RegulationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_regulation(
                request.user, form.cleaned_data["region_code"], form.save(commit=False)
            )
        except (ValidationError, PermissionDenied) as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Regulasi tersimpan"))
            return redirect("monev:regulations")
    return render(
        request,
        "monev/regulation_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


def regulation_matrix(request: HttpRequest) -> HttpResponse:
    province = _province(request)
    data = matrices.regulation_matrix(request.user, province)
    return render(request, "monev/matrix_regulations.html", {"m": data, "province": province})


def plan_matrix(request: HttpRequest) -> HttpResponse:
    province = _province(request)
    year_text = request.GET.get("tahun", "")
    year = int(year_text) if year_text.isdigit() else dt.date.today().year
    data = matrices.plan_checklist(request.user, year, province)
    return render(
        request,
        "monev/matrix_plan.html",
        {
            "m": data,
            "province": province,
            "year": year,
            "jakon": matrices.jakon_table(request.user, year, province),
            "national_jakon": matrices.national_jakon(),
            "is_sample": any(r["is_sample"] for r in data["rows"]),
        },
    )


def brief_pdf(request: HttpRequest, code: str) -> HttpResponseBase:
    """The scorecard's download button: the same services, scoped to the visitor."""
    from ucj.monev.reports.brief import write_brief

    try:
        period = _period(request.GET.get("periode", ""))
    except ValidationError as exc:  # a bad ?periode= is a 404, not a 500
        raise Http404(" ".join(exc.messages)) from exc
    buf = io.BytesIO()
    try:
        write_brief(request.user, code, buf, period)
    except LookupError as exc:
        raise Http404(str(exc)) from exc
    buf.seek(0)
    return FileResponse(
        buf,
        as_attachment=True,
        content_type="application/pdf",
        filename=f"ringkasan-monev-{code}.pdf",
    )


@login_required
def national_pdf(request: HttpRequest) -> HttpResponseBase:
    from ucj.monev.reports.national import write_national

    buf = io.BytesIO()
    write_national(request.user, buf)
    buf.seek(0)
    return FileResponse(
        buf,
        as_attachment=True,
        content_type="application/pdf",
        filename="ringkasan-monev-nasional.pdf",
    )


@login_required
def export_xlsx(request: HttpRequest, what: str) -> HttpResponseBase:
    export = exports.EXPORTS.get(what)
    if export is None:
        raise Http404(what)
    # A temporary file, not memory: the export has no row cap.
    tmp = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    export(request.user, tmp)
    tmp.seek(0)
    return FileResponse(
        tmp,
        as_attachment=True,
        content_type=XLSX,
        filename=f"monev-{what}-{dt.date.today():%Y%m%d}.xlsx",
    )


@login_required
def evidence_file(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponseBase:
    """Evidence is read through its follow-up's scope; always as a download, never inline."""
    item = FollowUp.objects.for_user(request.user, VIEW).filter(pk=pk).first()
    evidence = item.evidence.filter(pk=evidence_id).first() if item else None
    if evidence is None or not evidence.file:
        raise Http404(_("Berkas tidak ada atau di luar wewenang Anda"))
    name = str(evidence.file.name).rsplit("/", 1)[-1]
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name)


def regulation_document(request: HttpRequest, pk: int) -> HttpResponseBase:
    regulation = Regulation.objects.for_user(request.user, VIEW).filter(pk=pk).first()
    if regulation is None or not regulation.document:
        raise Http404(_("Dokumen tidak ada"))
    return FileResponse(
        regulation.document.open("rb"),
        as_attachment=True,
        filename=str(regulation.document.name).rsplit("/", 1)[-1],
    )
