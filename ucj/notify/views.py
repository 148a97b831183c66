from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ucj.notify import inbox
from ucj.notify.models import Channel, Kind, Language


@login_required
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "inbox_messages": inbox.messages_of(request.user),
        "choices": inbox.choices_of(request.user),
        "channels": Channel.choices,
        "languages": Language.choices,
    }
    return render(request, "notify/inbox.html", context)


@login_required
@require_POST
def read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id", "")
    inbox.mark_read(request.user, int(raw) if raw.isdigit() else None)
    return redirect("notify:inbox")


@login_required
@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "id")
    if language not in Language.values:
        language = "id"
    valid = set(Channel.values)
    channels = {k: request.POST[k] for k in Kind.values if request.POST.get(k) in valid}
    inbox.save_choices(request.user, language, channels)
    return redirect("notify:inbox")
