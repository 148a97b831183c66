"""With desa/kelurahan loaded, nothing that lists, picks or resolves provinces and kab/kota
sees them; a kab/kota officer's scope holds its kecamatan and desa and no one else's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from ucj.accounts.scoping import allowed_regions, may_access_region
from ucj.regions import resolver, services
from ucj.regions.fields import resolve_one
from ucj.regions.loader import load_master
from ucj.regions.models import Level, Region
from ucj.regions.villages import ensure_villages
from ucj.registry.codebook import build
from ucj.web import switcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def villages(db: None) -> None:
    ensure_villages(["15.03", "18.02"])
    resolver.index(refresh=True)


def test_lists_and_type_ahead_hold_no_village(villages: None) -> None:
    listed = switcher.region_list()
    assert len(listed) == 38 + 514
    assert not [r for r in listed if len(r["code"]) > 5]
    assert services.list_regions().filter(level=Level.VILLAGE).count() == 0
    assert services.list_regions(province="15").count() == 1 + 11  # Jambi + its kab/kota
    assert services.list_regions("15", Level.VILLAGE).count() == 158  # only when asked
    url, near = switcher.find("Kasiro")  # a desa name: near kab/kota only, never the desa
    assert url is None and all(len(c["code"]) == 5 for c in near)
    assert switcher.find("Sarolangun")[0] == "/wilayah/15.03/"


def test_resolver_and_pickers_never_resolve_a_desa(villages: None) -> None:
    with pytest.raises(resolver.ResolutionError):
        resolver.resolve("Kasiro")
    with pytest.raises(resolver.ResolutionError):
        resolver.resolve("15.03.01.2019")
    with pytest.raises(ValidationError):
        resolve_one("Kasiro")
    assert resolver.resolve("Kabupaten Sarolangun").code == "15.03"
    assert len(resolver.index().by_code) == 38 + 514 + 7285


def test_pages_do_not_list_villages_and_a_desa_has_no_scorecard(villages: None) -> None:
    client = Client()
    assert "Kasiro" not in client.get("/provinsi/15/").content.decode()
    assert "Kasiro" not in client.get("/wilayah.json").content.decode()
    assert client.get("/wilayah/15.03.01.2019/").status_code == 404
    assert client.get("/wilayah/15.03.01/").status_code == 404


def test_kabkota_officer_scope_holds_its_kecamatan_and_desa(villages: None, personas) -> None:
    desa, other = Region.objects.get(code="15.03.01.2019"), Region.objects.get(code="18.02.01.2001")
    mine = set(allowed_regions(personas.kabkota).values_list("code", flat=True))
    # Sarolangun itself, its 11 kecamatan and 158 desa/kelurahan.
    assert len(mine) == 1 + 11 + 158
    assert {"15.03", "15.03.01", "15.03.01.2019"} <= mine
    assert not any(c.startswith("18.") or c.startswith("15.04") for c in mine)
    assert may_access_region(personas.kabkota, desa)
    assert not may_access_region(personas.kabkota, other)
    assert may_access_region(personas.province, desa)
    assert not may_access_region(personas.outsider, desa)
    assert may_access_region(personas.outsider, other)
    assert may_access_region(personas.national, other)


def test_master_reload_and_codebook_leave_villages_alone(villages: None) -> None:
    before = Region.objects.filter(level=Level.VILLAGE).count()
    result = load_master()
    assert result["created"] == 0 and result["updated"] == 0
    assert Region.objects.filter(level=Level.VILLAGE).count() == before == 469
    assert Region.objects.get(code="15.03.01.2019").parent.code == "15.03.01"
    book = build()
    assert not any(len(code) > 6 for code in book.names)  # 2-, 4- and 6-digit codes only
