"""Scorecard panel registry: other apps add panels to the region scorecard.

An app registers a panel from its `AppConfig.ready()` (or from a module imported
there)::

    from ucj.lib.panels import register

    register(
        name="planning.cost",
        title=_("Biaya menutup kesenjangan"),
        template="planning/panel_cost.html",
        context=cost_context,  # (region, user, period) -> dict | None
        order=20,
    )

The scorecard renders each registered panel's template with the dict returned by its
context function (plus `region`, `period`, `panel`). A panel whose context function
returns None is left out (nothing to show for this region). A panel that raises is
left out and logged, so one app's bug never breaks the scorecard; when no app has
registered anything, no panel section is shown at all.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

ContextFunction = Callable[[Any, Any, "dt.date | None"], "dict[str, Any] | None"]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: ContextFunction
    order: int = 100
    title: Any = ""
    page: str = "scorecard"  # or "national": then `region` is None


_PANELS: dict[str, Panel] = {}


def register(
    name: str,
    template: str,
    context: ContextFunction,
    order: int = 100,
    title: Any = "",
    page: str = "scorecard",
) -> Panel:
    """Add (or replace, by name) a panel of the scorecard (or, with page="national", of
    the national page, whose context function gets region None). Safe to repeat."""
    panel = Panel(name, template, context, order=order, title=title, page=page)
    _PANELS[name] = panel
    return panel


def unregister(name: str) -> None:
    _PANELS.pop(name, None)


def registered(page: str = "scorecard") -> list[Panel]:
    panels = [p for p in _PANELS.values() if p.page == page]
    return sorted(panels, key=lambda p: (p.order, p.name))


@dataclass(frozen=True)
class RenderedPanel:
    name: str
    title: Any
    html: str


def render_panels(
    region: Any, user: Any, period: dt.date | None, request: Any = None, page: str = "scorecard"
) -> list[RenderedPanel]:
    """The panels that have something to show for this region, rendered to HTML."""
    out: list[RenderedPanel] = []
    for panel in registered(page):
        try:
            extra = panel.context(region, user, period)
            if extra is None:
                continue
            ctx = {"region": region, "period": period, "panel": panel, **extra}
            html = render_to_string(panel.template, ctx, request=request)
        except Exception:
            # A broken panel from another app must not take the scorecard down.
            logger.exception("scorecard panel %s failed for %s", panel.name, region)
            continue
        out.append(RenderedPanel(name=panel.name, title=panel.title, html=html))
    return out
