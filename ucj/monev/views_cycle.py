"""Pages of letters, the recommendation to the Minister and evidence files. Each view
parses, authorises (through the services' scoped reads), calls one domain function,
renders."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.monev import evidence, letters, minister
from ucj.monev.cycle_forms import (
    AttachmentForm,
    LetterForm,
    MinisterDraftForm,
    MinisterItemForm,
)
from ucj.monev.cycle_models import Letter
from ucj.monev.official_docs import letter_docx, letter_pdf, minister_docx, minister_pdf

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refused(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])


def _or_404(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    except PermissionDenied as exc:
        raise Http404(str(exc)) from exc


def session_extras(user: Any, session: Any) -> dict[str, Any]:
    """What the session page shows of the cycle: its files, its letters, and the regions
    this user may write a letter for."""
    writable = allowed_regions(user, CHANGE, Letter).filter(pk__in=session.regions.values("pk"))
    return {
        "attachments": evidence.of_parent(user, "sesi", session.pk),
        "letters": Letter.objects.for_user(user, VIEW).filter(session=session),
        "letter_regions": writable.order_by("code"),
        "attachment_form": AttachmentForm(),
    }


def _send(write: Callable[[Any, Any], None], obj: Any, fmt: str, name: str) -> FileResponse:
    if fmt not in ("pdf", "docx"):
        raise Http404(fmt)
    buf = io.BytesIO()
    write(obj, buf)
    buf.seek(0)
    kind = "application/pdf" if fmt == "pdf" else DOCX
    return FileResponse(buf, as_attachment=True, content_type=kind, filename=f"{name}.{fmt}")


@login_required
@require_POST
def letter_draft(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        letter = letters.draft(request.user, pk, request.POST.get("region", ""))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _refused(exc))
        return redirect("monev:session", pk=pk)
    messages.success(request, _("Konsep surat dibuat; periksa dan ubah sebelum diterbitkan"))
    return redirect("monev:letter", pk=letter.pk)


@login_required
def letter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    letter = _or_404(letters.get, request.user, pk)
    initial = {k: getattr(letter, k) for k in letters.EDITABLE}
    form = LetterForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                letters.update(request.user, pk, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, _refused(exc))
            else:
                messages.success(request, _("Konsep surat tersimpan"))
                return redirect("monev:letter", pk=pk)
    return render(request, "monev/letter.html", {"letter": letter, "form": form}, status=status)


def _issue(request: HttpRequest, pk: int, issue: Any, done: str, page: str) -> HttpResponse:
    """Issue a numbered document (a letter, a recommendation to the Minister): from then
    on it is frozen. `done` is the success message with the number as %(n)s."""
    try:
        issued = issue(request.user, pk)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _refused(exc))
    else:
        messages.success(request, done % {"n": issued.number})
    return redirect(page, pk=pk)


def _document(request: HttpRequest, pk: int, fmt: str, get: Any, writers: Any, stem: str) -> Any:
    """A numbered document as PDF or DOCX (a draft is named 'konsep-<id>')."""
    found = _or_404(get, request.user, pk)
    write = writers[0] if fmt == "pdf" else writers[1]
    name = f"{stem}-{found.number or 'konsep-' + str(found.pk)}".replace("/", "-")
    return _send(write, found, fmt, name)


@login_required
@require_POST
def letter_issue(request: HttpRequest, pk: int) -> HttpResponse:
    return _issue(request, pk, letters.issue, _("Surat diterbitkan: nomor %(n)s"), "monev:letter")


@login_required
def letter_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    return _document(request, pk, fmt, letters.get, (letter_pdf, letter_docx), "surat")


@login_required
def minister_list(request: HttpRequest) -> HttpResponse:
    form = MinisterDraftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            brief = minister.draft(
                request.user, form.codes(), form.cleaned_data["period"], form.cleaned_data["title"]
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, _refused(exc))
        else:
            messages.success(request, _("Konsep rekomendasi dibuat"))
            return redirect("monev:minister", pk=brief.pk)
    return render(
        request,
        "monev/minister_list.html",
        {"briefs": minister.listing(request.user)[:200], "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def minister_detail(request: HttpRequest, pk: int) -> HttpResponse:
    brief = _or_404(minister.get, request.user, pk)
    if request.method == "POST":
        form = MinisterItemForm(request.POST)
        try:
            if not form.is_valid():
                raise ValidationError(_("Isian tidak terbaca"))
            d = form.cleaned_data
            if d["item"]:
                minister.edit_item(request.user, pk, d["item"], d["text"], d["dimension"])
            else:
                minister.add_item(request.user, pk, d["dimension"], d["text"])
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, _refused(exc))
        else:
            messages.success(request, _("Rekomendasi tersimpan"))
        return redirect("monev:minister", pk=pk)
    sections = minister.sections(brief)
    for section in sections:
        for item in section["items"]:
            item["form"] = MinisterItemForm(
                initial={"item": item["id"], "text": item["text"], "dimension": section["key"]},
                auto_id=f"i{item['id']}_%s",
            )
    return render(
        request,
        "monev/minister.html",
        {"brief": brief, "sections": sections, "new_form": MinisterItemForm(auto_id="new_%s")},
    )


@login_required
@require_POST
def minister_issue(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("Dokumen diterbitkan: nomor %(n)s")
    return _issue(request, pk, minister.issue, done, "monev:minister")


@login_required
def minister_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    writers = (minister_pdf, minister_docx)
    return _document(request, pk, fmt, minister.get, writers, "rekomendasi-menteri")


@login_required
@require_POST
def attachment_upload(request: HttpRequest, parent: str, pk: int) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    back = request.POST.get("next") or "/"
    if not back.startswith("/") or back.startswith("//"):
        back = "/"
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(back)
    try:
        item = evidence.attach(
            request.user, parent, pk, form.cleaned_data["kind"], form.cleaned_data["file"],
            form.cleaned_data["description"],
        )  # fmt: skip
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, _refused(exc))
    else:
        messages.success(request, _("Berkas %(n)s tersimpan dan diperiksa") % {"n": item.name})
    return redirect(back)


@login_required
def attachment_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Read through the parent's scope; always a download, never shown inline."""
    item = evidence.visible(request.user).filter(pk=pk).first()
    if item is None:
        evidence.note_refusal(request.user, pk)
        raise Http404(_("Berkas tidak ada atau di luar wewenang Anda"))
    return FileResponse(
        item.file.open("rb"), as_attachment=True, filename=item.name, content_type=item.content_type
    )
