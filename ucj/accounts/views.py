"""Accounts pages: log-in, tokens, monthly approval and completeness.

Each view parses, authorises (through the choke point or the approval service), calls
one domain function and renders.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import user_has_device

from ucj.accounts import approval, approval_page, mfa, tokens
from ucj.accounts.forms import LoginForm, TokenForm
from ucj.accounts.models import ApiToken, MonthApproval, MonthStatus
from ucj.accounts.periods import parse_month
from ucj.accounts.scoping import VIEW, allowed_regions


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    user: Any = request.user  # logged in: login_required above
    form = TokenForm(request, request.POST or None)
    new_token, made = None, None
    # A token made here ends when this browser session ends, at the latest: whoever
    # finds the session open cannot leave with a key that outlives it.
    session_ends = tokens.session_ends(request)
    if request.method == "POST" and form.is_valid():
        made, new_token = tokens.create_token(
            request.user,
            form.cleaned_data["name"],
            form.cleaned_data["days"],
            not_after=session_ends,
        )
    context = {
        "form": form,
        "tokens": ApiToken.objects.filter(user=user),
        "new_token": new_token,
        "made": made,
        "session_ends": session_ends,
    }
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    if not tokens.revoke(request.user, token_id):
        raise Http404
    messages.success(request, "Token dicabut / Token revoked.")
    return redirect("accounts:tokens")


def _period(request: HttpRequest) -> str:
    return request.GET.get("period") or request.POST.get("period") or ""


FILTERS = ("province", "status", "page")


@login_required
def approvals(request: HttpRequest) -> HttpResponse:
    text = _period(request)
    period = None
    if text:
        try:
            period = parse_month(text)
        except approval.ApprovalError as exc:
            messages.error(request, exc.message_en if _english(request) else exc.message_id)
    if period is None:
        period = approval_page.default_period(request.user)
    province = (request.GET.get("province") or "").strip()[:2]
    status = request.GET.get("status") or ""
    status = status if status in MonthStatus.values else ""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 1
    data = approval_page.page(request.user, period, province, status, number)
    context = {
        "data": data,
        "period": f"{period:%Y-%m}",
        "period_date": period,
        "province": province,
        "status": status,
    }
    return render(request, "accounts/approvals.html", context)


def _english(request: HttpRequest) -> bool:
    return (getattr(request, "LANGUAGE_CODE", "") or "").startswith("en")


@login_required
@require_POST
def approval_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    region = get_object_or_404(allowed_regions(request.user, VIEW, MonthApproval), code=code)
    period_text = _period(request)
    try:
        row = approval.act(
            request.user, action, region, parse_month(period_text), request.POST.get("reason", "")
        )
        messages.success(request, f"{region.name} {period_text}: {row.get_status_display()}")
    except approval.ApprovalError as exc:
        messages.error(request, exc.message_en if _english(request) else exc.message_id)
    back = {"period": period_text, **{k: request.POST[k] for k in FILTERS if request.POST.get(k)}}
    return redirect(f"{reverse('accounts:approvals')}?{urlencode(back)}")


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return reverse("web:home")
    return target


@login_required
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: QR code and key, then one code to confirm."""
    if user_has_device(request.user, confirmed=True):
        return render(request, "accounts/mfa_setup.html", {"done": True})
    device = mfa.setup_device(request.user)
    error = False
    if request.method == "POST":
        if mfa.confirm(request, device, request.POST.get("code", "")):
            messages.success(request, "Verifikasi dua langkah aktif / Two-step verification on.")
            return redirect(_next(request))
        error = True
    context = {
        "qr": mfa.qr_svg(device),
        "secret": mfa.secret(device),
        "error": error,
        "next": _next(request),
        "required": mfa.required_for(request.user),
    }
    return render(request, "accounts/mfa_setup.html", context)


@login_required
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The code step after the password."""
    if not user_has_device(request.user, confirmed=True):
        return redirect("accounts:mfa-setup")
    error = False
    if request.method == "POST":
        if mfa.verify(request, request.POST.get("code", "")):
            return redirect(_next(request))
        error = True
    return render(request, "accounts/mfa_verify.html", {"error": error, "next": _next(request)})
