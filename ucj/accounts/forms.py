"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ucj.accounts.lockout import client_address, lock_message, locked_until
from ucj.lib.bilingual import pair


class LoginForm(AuthenticationForm):
    """The log-in form, saying plainly (in both languages) when a name is locked."""

    def clean(self) -> dict[str, Any]:
        until = locked_until(self.cleaned_data.get("username"), client_address(self.request))
        if until:
            message_id, message_en = lock_message(until)
            raise forms.ValidationError(f"{message_id} / {message_en}", code="locked")
        return super().clean()


class TokenForm(forms.Form):
    """A new token. The password is asked again: a token may outlive the browser
    session, so a session left open (or taken over) alone must not be enough."""

    name = forms.CharField(label=_("Nama token"), max_length=100)
    days = forms.IntegerField(label=_("Berlaku (hari)"), min_value=1, max_value=366, initial=90)
    password = forms.CharField(
        label=_("Kata sandi Anda"), strip=False, widget=forms.PasswordInput, max_length=200
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        user: Any = self.request.user
        # Through the lock-out backend: a wrong password counts as a failed log-in.
        if authenticate(self.request, username=user.get_username(), password=password) != user:
            wrong = pair(_("Kata sandi salah.")).joined()
            raise forms.ValidationError(wrong, code="wrong_password")
        return password
