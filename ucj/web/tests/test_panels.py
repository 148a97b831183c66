from __future__ import annotations

import pytest

from ucj.accounts.testing import region
from ucj.lib import panels


@pytest.fixture
def clean_registry():
    saved = dict(panels._PANELS)
    panels._PANELS.clear()
    yield
    panels._PANELS.clear()
    panels._PANELS.update(saved)


@pytest.mark.django_db
def test_panels_render_in_order_and_skip_none_and_broken(clean_registry):
    def broken(region, user, period):
        raise RuntimeError("bug in another app")

    panels.register("b", "web/tests/panel.html", lambda r, u, p: {"value": "dua"}, order=20)
    panels.register("a", "web/tests/panel.html", lambda r, u, p: {"value": "satu"}, order=10)
    panels.register("none", "web/tests/panel.html", lambda r, u, p: None, order=5)
    panels.register("broken", "web/tests/panel.html", broken, order=1)
    out = panels.render_panels(region("15.03"), None, None)
    assert [p.name for p in out] == ["a", "b"]
    assert "15.03 satu" in out[0].html


@pytest.mark.django_db
def test_no_panels_nothing(clean_registry):
    assert panels.render_panels(region("15"), None, None) == []
