"""Navigation registry: apps add their top-level pages to the header menu.

    from ucj.web.nav import add
    add("monev:home", _("Monev"), order=30)

An entry whose URL name does not resolve (the app has no such page yet) is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: Any
    order: int = 100
    login_required: bool = False


_ITEMS: dict[str, NavItem] = {}


def add(url_name: str, label: Any, order: int = 100, login_required: bool = False) -> None:
    _ITEMS[url_name] = NavItem(url_name, label, order, login_required)


def items(user: Any) -> list[dict[str, Any]]:
    out = []
    authenticated = bool(getattr(user, "is_authenticated", False))
    for item in sorted(_ITEMS.values(), key=lambda i: (i.order, i.url_name)):
        if item.login_required and not authenticated:
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        out.append({"url": url, "label": item.label, "name": item.url_name})
    return out
