"""Log-in lockout, password rules and API tokens."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from ucj.accounts.models import ApiToken
from ucj.accounts.testing import PASSWORD
from ucj.accounts.tokens import create_token, revoke, user_for_token

pytestmark = pytest.mark.django_db


@override_settings(UCJ_LOGIN_MAX_FAILURES=3, UCJ_LOGIN_LOCK_MINUTES=15)
def test_lockout_after_failures(client, personas):
    url = reverse("accounts:login")
    for _ in range(3):
        response = client.post(url, {"username": "kab_sarolangun", "password": "salah-salah"})
        assert response.status_code == 200
    response = client.post(url, {"username": "KAB_sarolangun", "password": PASSWORD})
    assert response.status_code == 200
    text = response.content.decode()
    assert "terkunci" in text and "locked" in text
    assert "_auth_user_id" not in client.session
    # The admin log-in goes through the same backend.
    assert not client.login(username="kab_sarolangun", password=PASSWORD)


def test_good_login_resets_the_count(client, personas):
    url = reverse("accounts:login")
    client.post(url, {"username": "prov_jambi", "password": "salah-salah"})
    response = client.post(url, {"username": "prov_jambi", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(personas.province.pk)


def test_password_rules():
    with pytest.raises(ValidationError):
        validate_password("pendek1")
    with pytest.raises(ValidationError):
        validate_password("1234567890123")
    validate_password("Sandi-uji-yang-panjang-2026")


def test_token_is_stored_hashed_and_expires(personas):
    token, raw = create_token(personas.kabkota, "laptop", days=1)
    assert raw not in str(ApiToken.objects.values_list().get(pk=token.pk))
    assert user_for_token(raw) == personas.kabkota
    assert user_for_token(raw + "x") is None
    ApiToken.objects.filter(pk=token.pk).update(expires=token.created)
    assert user_for_token(raw) is None
    _token2, raw2 = create_token(personas.kabkota, "server")
    assert not revoke(personas.outsider, _token2.pk)  # not theirs
    assert revoke(personas.kabkota, _token2.pk)
    assert user_for_token(raw2) is None


def test_token_page_shows_token_once(client, personas):
    client.force_login(personas.kabkota)
    url = reverse("accounts:tokens")
    response = client.post(url, {"name": "laptop", "days": 30, "password": "salah-salah"})
    assert "ucj_" not in response.content.decode()  # the password is asked again
    assert response.context["new_token"] is None
    response = client.post(url, {"name": "laptop", "days": 30, "password": PASSWORD})
    assert "ucj_" in response.content.decode()
    raw = response.context["new_token"]
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert raw not in again and "laptop" in again
