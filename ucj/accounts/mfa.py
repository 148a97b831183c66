"""Second factor at log-in: TOTP (django-otp), enforceable per role.

Any signed-in user may set up an authenticator app at /accounts/mfa/; roles listed in
UCJ_MFA_REQUIRED_ROLES (e.g. `admin,national`) must. After the password, a user with a
confirmed device, or of a required role, is sent to the code step (or to the setup
page) before any other page, and their browser session does not work on the API until
then. django-otp's TOTPDevice refuses a code twice and slows guessing down
(exponential delay after each wrong code).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ucj.accounts.scoping import has_role


def required_for(user: Any) -> bool:
    roles = settings.UCJ_MFA_REQUIRED_ROLES
    return bool(roles) and has_role(user, *roles)


def pending(request: HttpRequest) -> bool:
    """Signed in with the password but still owing the second factor."""
    user: Any = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if user.is_verified():  # set by django-otp's OTPMiddleware
        return False
    return required_for(user) or user_has_device(user, confirmed=True)


def setup_device(user: Any) -> TOTPDevice:
    """The user's device being set up (made once, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def secret(device: TOTPDevice) -> str:
    """The key as authenticator apps take it by hand (base32)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no script, no external file)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=4, title="QR"))


def confirm(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """Check the first code of a new device; on success it is confirmed and this session
    counts as verified."""
    if not device.verify_token(code.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    otp_login(request, device)
    return True


def verify(request: HttpRequest, code: str) -> bool:
    """Check a code against the user's confirmed devices; marks the session verified."""
    for device in TOTPDevice.objects.filter(user=request.user, confirmed=True):
        if device.verify_token(code.strip()):
            otp_login(request, device)
            return True
    return False


EXEMPT = ("accounts:mfa-verify", "accounts:mfa-setup", "accounts:logout", "set_language")


class MfaGate:
    """Sends a user who owes the second factor to the code step (or the setup page)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        static = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(("/api/", static)) or not pending(request):
            return self.get_response(request)  # the API refuses such sessions itself
        if path in {reverse(name) for name in EXEMPT}:
            return self.get_response(request)
        user: Any = request.user
        target = "accounts:mfa-verify"
        if not user_has_device(user, confirmed=True):
            target = "accounts:mfa-setup"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
