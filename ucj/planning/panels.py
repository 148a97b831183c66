"""The planning panel on the region scorecard (ucj.lib.panels registry)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _


def panel_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    """Signed-in users see the planning summary of a province or kab/kota."""
    from ucj.accounts.scoping import allowed_regions
    from ucj.planning.overview import overview

    if not getattr(user, "is_authenticated", False) or "." in region.code[3:]:
        return None
    if not allowed_regions(user).filter(pk=region.pk).exists():
        return None
    return {"o": overview(region, user, period)}


def register_panel() -> None:
    from ucj.lib.nav import add
    from ucj.lib.panels import register

    add("planning:index", _("Perencanaan"), order=40, login_required=True)
    register(
        name="planning.overview",
        title=_("Perencanaan: biaya, kategori, pendanaan"),
        template="planning/panel.html",
        context=panel_context,
        order=40,
    )
