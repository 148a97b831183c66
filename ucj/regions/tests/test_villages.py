"""Desa/kelurahan: loaded on demand, set-based, idempotent, with their history."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from ucj.regions import villages
from ucj.regions.models import KABKOTA, Level, Region

pytestmark = pytest.mark.django_db


def test_a_fresh_master_has_no_villages():
    # Every test database gets the master; villages stay out unless asked for.
    assert not Region.objects.filter(level=Level.VILLAGE).exists()


def test_villages_of_two_kabkota_load_once_with_parents():
    # Kemendagri 2025: Sarolangun 149 desa + 9 kelurahan, Lampung Tengah 301 + 10.
    assert villages.ensure_villages(["15.03", "1802"]) == 158 + 311
    assert villages.ensure_villages(["15.03", "18.02"]) == 0  # idempotent
    desa = Region.objects.get(code="15.03.01.2019")
    assert (desa.name, desa.level, desa.province_code) == ("Kasiro", "village", "15")
    assert desa.parent.code == "15.03.01" and desa.parent.level == Level.DISTRICT
    assert desa.valid_to is None
    # Batang Asai (15.03.01) has 23 desa in the decree.
    assert Region.objects.filter(parent__code="15.03.01").count() == 23
    assert not Region.objects.filter(level=Level.VILLAGE, province_code="11").exists()


def test_a_renamed_village_is_updated_not_duplicated():
    villages.ensure_villages(["15.03"])
    Region.objects.filter(code="15.03.01.2019").update(name="Kasiro Lama")
    assert villages.ensure_villages(["15.03"]) == 0
    assert Region.objects.get(code="15.03.01.2019").name == "Kasiro"


def test_retired_papua_barat_daya_codes_stay_with_their_successor():
    created = villages.ensure_villages(["96.01"])
    old = Region.objects.get(code="92.01.01.2004")
    assert old.valid_to is not None and old.level == Level.VILLAGE
    assert old.successor_codes() == ["96.01.01.2003"]
    current = Region.objects.filter(code__startswith="96.01.", level=Level.VILLAGE)
    retired = Region.objects.filter(code__startswith="92.01.", level=Level.VILLAGE)
    assert created == current.count() + retired.count()
    assert retired.filter(valid_to__isnull=True).count() == 0
    assert current.filter(valid_to__isnull=True).count() == len(villages.shipped(["96.01"]))


def test_villages_never_count_as_kabkota_or_province():
    villages.ensure_villages(["15.03"])
    assert not Region.objects.kabkota().filter(level=Level.VILLAGE).exists()
    assert Region.objects.kabkota().count() == 514
    assert Region.objects.provinces().count() == 38
    assert Level.VILLAGE not in KABKOTA


def test_unknown_kabkota_is_refused_before_anything_is_written():
    with pytest.raises(ValueError, match=r"99\.99"):
        villages.ensure_villages(["15.03", "99.99"])
    with pytest.raises(ValueError, match=r"15\.03\.01"):
        villages.ensure_villages(["15.03.01"])
    assert not Region.objects.filter(level=Level.VILLAGE).exists()


def test_cli_load_villages_json(capsys):
    call_command("regions", "load-villages", "--kabkota", "15.03", "--json")
    out = json.loads(capsys.readouterr().out)
    assert out["created"] == 158
    assert out["villages"] == {"current": 158, "retired": 0}
