"""Navigation: the header menu by role, and each user's home page.

Apps add their top-level pages to the menu:

    from ucj.web.nav import add
    add("monev:home", _("Monev"), order=30, login_required=True)
    add("accounts:audit", _("Audit"), order=80, allowed=audit_readers)

`allowed(user) -> bool` hides an entry from users the page would refuse, so the menu
shows every feature the user may use and nothing they may not (the persona test in
`ucj/web/tests/test_nav.py` walks it). An entry whose URL name does not resolve (the app
has no such page yet) is skipped.

A scoped officer's home is their own region's scorecard (where the log-in lands and
what "Wilayah saya" opens); the national page stays one click away in the menu.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ucj.accounts.roles import Role
from ucj.accounts.scoping import roles_of

Predicate = Callable[[Any], bool]


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any
    order: int = 100
    login_required: bool = False
    allowed: Predicate | None = None


_ITEMS: dict[str, NavItem] = {}


def add(
    url_name: str,
    label: Any,
    order: int = 100,
    login_required: bool = False,
    allowed: Predicate | None = None,
) -> None:
    _ITEMS[url_name] = NavItem(url_name, label, order, login_required, allowed)


def has_work_role(user: Any) -> bool:
    """Any role beyond the public viewer's: the user works with the data."""
    return any(role != Role.PUBLIC for role, _c, _l in roles_of(user))


def own_region(user: Any) -> str | None:
    """The region code of a scoped officer's home (their first region, province roles
    before kab/kota and branch ones); None for national, admin, public and anonymous."""
    roles = roles_of(user)
    if any(role in (Role.ADMIN, Role.NATIONAL) for role, _c, _l in roles):
        return None
    order: dict[str, int] = {Role.PROVINCE: 0, Role.KABKOTA: 1, Role.BRANCH: 2}
    scoped = sorted(
        (order[role], code) for role, code, _l in roles if role in order and code is not None
    )
    return scoped[0][1] if scoped else None


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
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.url_name)):
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
