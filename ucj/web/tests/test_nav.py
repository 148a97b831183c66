"""Navigation by role: the menu holds every feature a persona may use and nothing it may
not (checked against the persona matrix's rules and by opening every entry), a scoped
officer lands on their own region, and the region switcher finds regions by name, alias
or code."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from ucj.accounts.models import Role
from ucj.accounts.testing import PASSWORD, make_user
from ucj.accounts.tests.matrix import PAGE_RULES
from ucj.web import switcher

# The features a menu can offer (top-level pages; the rest are reached from them).
FEATURES = [
    "monev:home",
    "monev:matrix_regulations",
    "planning:index",
    "registry:overview",
    "intake:index",
    "accounts:approvals",
    "audit:audit",
    "accounts:tokens",
]
# Pages that answer a public viewer but hold nothing for them: no kind of file they may
# upload, no month they may approve. Left out of their menu on purpose.
NOT_OFFERED = {("public", "intake:index"), ("public", "accounts:approvals")}
HOME = {
    "province": "/wilayah/15/",
    "kabkota": "/wilayah/15.03/",
    "branch": "/wilayah/15.03/",
    "outsider": "/wilayah/18.02/",
}


def _users(personas):
    return {
        "admin": personas.admin,
        "national": personas.national,
        "province": personas.province,
        "kabkota": personas.kabkota,
        "branch": personas.branch,
        "outsider": personas.outsider,
        "public": make_user("publik", Role.PUBLIC),
        "anon": None,
    }


def _menu(html: str) -> list[tuple[str, str]]:
    nav = html.split('data-testid="menu"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'<a href="([^"]+)" data-nav="([^"]+)"', nav)


@pytest.mark.django_db
def test_menu_by_role_matches_the_persona_matrix(personas):
    for persona, user in _users(personas).items():
        client = Client()
        if user:
            client.force_login(user)
        menu = _menu(client.get("/").content.decode())
        names = [name for _url, name in menu]
        for feature in FEATURES:
            may = persona in PAGE_RULES[feature].home and (persona, feature) not in NOT_OFFERED
            assert (feature in names) == may, (
                f"{persona}: {feature} {'missing' if may else 'shown'}"
            )
        # Nothing in the menu is refused: every entry opens for this persona.
        for url, name in menu:
            status = client.get(url).status_code
            assert status == 200, f"{persona}: menu entry {name} ({url}) answers {status}"
        if persona in HOME:
            assert menu[0] == (HOME[persona], "mine") and menu[1] == ("/", "web:home")
        else:
            assert menu[0] == ("/", "web:home") and "mine" not in names


@pytest.mark.django_db
def test_scoped_officer_lands_on_own_region_national_one_click_away(personas):
    client = Client()
    page = client.post(
        "/accounts/login/",
        {"username": personas.kabkota.username, "password": PASSWORD},
        follow=True,
    )
    assert page.redirect_chain[-1][0] == "/wilayah/15.03/"
    html = page.content.decode()
    assert 'data-nav="web:home"' in html and 'class="brand" href="/wilayah/15.03/"' in html
    assert 'aria-current="page">Wilayah saya' in html
    client = Client()
    page = client.post(
        "/accounts/login/",
        {"username": personas.national.username, "password": PASSWORD},
        follow=True,
    )
    assert page.redirect_chain[-1][0] == "/"


@pytest.mark.django_db
def test_switcher_finds_by_name_alias_and_code():
    assert switcher.find("Sarolangun") == ("/wilayah/15.03/", [])
    assert switcher.find("Kabupaten Sarolangun (15.03)") == ("/wilayah/15.03/", [])
    assert switcher.find("Pangkalpinang") == ("/wilayah/19.71/", [])  # an alias
    assert switcher.find("15") == ("/provinsi/15/", [])
    assert switcher.find("1503") == ("/wilayah/15.03/", [])
    url, candidates = switcher.find("Jayapura")  # a kabupaten and a kota
    assert url is None and {c["code"] for c in candidates} >= {"91.03", "91.71"}
    assert switcher.find("") == (None, [])


@pytest.mark.django_db
def test_switcher_on_every_region_page_and_its_list(client):
    for path in ("/", "/provinsi/15/", "/wilayah/15.03/"):
        html = client.get(path).content.decode()
        assert 'data-testid="region-switch"' in html and 'list="region-options"' in html
        assert 'for="region-q"' in html  # a visible label
    rows = client.get("/wilayah.json").json()["regions"]
    assert len(rows) == 38 + 514
    pangkal = next(r for r in rows if r["code"] == "19.71")
    assert "Kota Pangkalpinang" in pangkal["aliases"] and pangkal["url"] == "/wilayah/19.71/"
    assert client.get("/cari-wilayah/?q=Sarolangun")["Location"] == "/wilayah/15.03/"
    html = client.get("/cari-wilayah/?q=Jayapura").content.decode()
    assert 'href="/wilayah/91.71/"' in html and "/ region" not in html  # one language
