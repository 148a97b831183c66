"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ucj.accounts.lockout import lock_message, locked_until


class LoginForm(AuthenticationForm):
    """The log-in form, saying plainly (in both languages) when a name is locked."""

    def clean(self) -> dict[str, Any]:
        until = locked_until(self.cleaned_data.get("username"))
        if until:
            message_id, message_en = lock_message(until)
            raise forms.ValidationError(f"{message_id} / {message_en}", code="locked")
        return super().clean()


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Nama token"), max_length=100)
    days = forms.IntegerField(label=_("Berlaku (hari)"), min_value=1, max_value=366, initial=90)
