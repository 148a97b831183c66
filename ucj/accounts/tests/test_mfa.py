"""Second factor: set-up with a QR code and key, the code step at log-in, enforcement
by role. Codes are computed here from the key the page shows (RFC 6238, by hand), as an
authenticator app would."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time

import pytest
from django.test import override_settings
from django.urls import reverse

from ucj.accounts.testing import PASSWORD

pytestmark = pytest.mark.django_db


def totp(secret_b32: str, at: float, step: int = 30) -> str:
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at // step)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _login(client, username: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})


@override_settings(UCJ_MFA_REQUIRED_ROLES=["admin", "national"])
def test_required_role_sets_up_then_must_give_a_code(client, personas):
    assert _login(client, "analis").status_code == 302
    # Signed in with the password only: every page leads to the set-up, the API refuses.
    response = client.get("/wilayah/15.03/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:mfa-setup"))
    assert client.get("/api/v1/accounts/me").status_code == 401
    page = client.get(reverse("accounts:mfa-setup"))
    assert "<svg" in page.content.decode()  # the QR code, inline
    secret = page.context["secret"]
    now = time.time()
    bad = "000000" if totp(secret, now) != "000000" else "111111"
    wrong = client.post(reverse("accounts:mfa-setup"), {"code": bad})
    assert wrong.status_code == 200 and wrong.context["error"]
    time.sleep(1.1)  # django-otp delays the next try after a wrong code
    done = client.post(reverse("accounts:mfa-setup"), {"code": totp(secret, now), "next": "/"})
    assert done.status_code == 302 and done.url == "/"
    assert client.get("/api/v1/accounts/me").json()["username"] == "analis"

    # Next log-in: the code step. A used code is refused; the next one is taken.
    client.post(reverse("accounts:logout"))
    _login(client, "analis")
    response = client.get(reverse("accounts:tokens"))
    assert response.url.startswith(reverse("accounts:mfa-verify"))
    assert client.get("/api/v1/accounts/me").status_code == 401
    replay = client.post(reverse("accounts:mfa-verify"), {"code": totp(secret, now)})
    assert replay.status_code == 200 and replay.context["error"]
    time.sleep(1.1)
    ok = client.post(
        reverse("accounts:mfa-verify"), {"code": totp(secret, now + 30), "next": "/accounts/token/"}
    )
    assert ok.status_code == 302 and ok.url == "/accounts/token/"
    assert client.get(reverse("accounts:tokens")).status_code == 200


@override_settings(UCJ_MFA_REQUIRED_ROLES=["admin", "national"])
def test_roles_not_listed_are_not_asked(client, personas):
    _login(client, "kab_sarolangun")
    assert client.get(reverse("accounts:tokens")).status_code == 200


@override_settings(UCJ_MFA_REQUIRED_ROLES=[])
def test_optional_second_factor_is_asked_once_set_up(client, personas):
    _login(client, "kab_sarolangun")
    secret = client.get(reverse("accounts:mfa-setup")).context["secret"]
    client.post(reverse("accounts:mfa-setup"), {"code": totp(secret, time.time())})
    client.post(reverse("accounts:logout"))
    _login(client, "kab_sarolangun")
    assert client.get(reverse("accounts:tokens")).status_code == 302
    # An off-site `next` is not followed.
    ok = client.post(
        reverse("accounts:mfa-verify"),
        {"code": totp(secret, time.time() + 30), "next": "https://example.org/"},
    )
    assert ok.url == reverse("web:home")
