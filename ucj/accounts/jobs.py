"""Scheduled: API tokens past their expiry are marked revoked, so lists and any check
that reads `revoked` alone agree with the expiry check at sign-in."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.models import ApiToken
from ucj.lib.schedule import Job, register


def expire_tokens() -> dict[str, Any]:
    now = timezone.now()
    ended = ApiToken.objects.filter(revoked__isnull=True, expires__lte=now).update(revoked=now)
    return {"expired": ended}


register(Job("expire_tokens", _("Akhiri token API kedaluwarsa"), expire_tokens))
