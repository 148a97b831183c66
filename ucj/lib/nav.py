"""The header menu's registry: apps add their top-level pages to the menu::

    from ucj.lib.nav import add
    add("monev:home", _("Monev"), order=30, login_required=True)
    add("audit:audit", _("Audit"), order=80, allowed=has_work_role)

`allowed(user) -> bool` hides an entry from users the page would refuse, so the menu
shows every feature the user may use and nothing they may not (the persona test in
`ucj/web/tests/test_nav.py` walks it). The menu itself (`ucj.web.nav.items`) skips an
entry whose URL name does not resolve (the app has no such page yet).

The registry lives in `lib`, not in `web`, so apps below `web` register without
importing it (docs/ARCHITECTURE.md, "Layers").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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


def registered() -> list[NavItem]:
    return sorted(_ITEMS.values(), key=lambda i: (i.order, i.url_name))
