"""Navigation: the header menu by role, and each user's home page.

Apps add their top-level pages with `ucj.lib.nav.add` (the registry is in `lib` so
apps below `web` need not import it). An entry whose URL name does not resolve (the app
has no such page yet) is skipped.

A scoped officer's home is their own region's scorecard (where the log-in lands and
what "Wilayah saya" opens); the national page stays one click away in the menu.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ucj.accounts.home import own_region
from ucj.lib.nav import registered


def home_url(user: Any) -> str:
    code = own_region(user)
    return reverse("web:scorecard", args=[code]) if code else reverse("web:home")


def items(user: Any) -> list[dict[str, Any]]:
    authenticated = bool(getattr(user, "is_authenticated", False))
    code = own_region(user)
    out = []
    if code:
        out.append(
            {
                "url": reverse("web:scorecard", args=[code]),
                "label": _("Wilayah saya"),
                "name": "mine",
            }
        )
    out.append(
        {
            "url": reverse("web:home"),
            "label": _("Nasional") if code else _("Beranda"),
            "name": "web:home",
        }
    )
    for item in registered():
        if item.login_required and not authenticated:
            continue
        if item.allowed is not None and not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"url": url, "label": item.label, "name": item.url_name})
    return out
