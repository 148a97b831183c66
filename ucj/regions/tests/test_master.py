"""The shipped region master against the checked reference in ../shared/reference."""

from __future__ import annotations

import csv
import re

import pytest

from ucj.regions.models import Level, Region, RegionSuccession

pytestmark = pytest.mark.django_db


def _norm(name: str) -> str:
    name = re.sub(r"^kab\.?\s", "kabupaten ", name.strip().lower())
    return re.sub(r"\s+", " ", name)


def test_codes_names_and_levels_equal_reference(reference):
    with (reference / "regions.csv").open() as fh:
        ref = {r["code"]: r for r in csv.DictReader(fh)}
    with (reference / "kecamatan_codes.csv").open() as fh:
        kec = {r["code"]: r for r in csv.DictReader(fh)}
    ours = {r.code: r for r in Region.objects.current()}
    assert set(ours) == set(ref) | set(kec)
    for code, row in ref.items():
        assert _norm(ours[code].name) == _norm(row["name"]), code
        assert ours[code].level == row["level"], code
        assert (ours[code].parent_code or "") == row["parent_code"], code
    for code, row in kec.items():
        assert _norm(ours[code].name) == _norm(row["name"]), code
        assert ours[code].level == Level.DISTRICT
        assert ours[code].parent_code == row["parent_code"]


def test_counts():
    assert Region.objects.provinces().count() == 38
    assert Region.objects.kabkota().filter(level=Level.REGENCY).count() == 416
    assert Region.objects.kabkota().filter(level=Level.CITY).count() == 98


def test_papua_crosswalk_matches_reference(reference):
    with (reference / "legacy_code_map.csv").open() as fh:
        ref = [r for r in csv.DictReader(fh) if r["level"] != "district"]
    ours = {
        (s.predecessor.code, s.successor.code)
        for s in RegionSuccession.objects.select_related("predecessor", "successor")
        if s.predecessor.level != Level.DISTRICT
    }
    assert ours == {(r["old_code"], r["new_code"]) for r in ref}
    assert len(ours) == 26


def test_papua_barat_daya_kecamatan_renumbered_by_name(reference):
    with (reference / "legacy_code_map.csv").open() as fh:
        ref = {
            (r["old_code"], r["new_code"])
            for r in csv.DictReader(fh)
            if r["level"] == "district" and r["old_code"].startswith("92.")
        }
    ours = set(
        RegionSuccession.objects.filter(predecessor__level=Level.DISTRICT).values_list(
            "predecessor__code", "successor__code"
        )
    )
    assert ours == ref


def test_load_master_is_idempotent():
    from ucj.regions.loader import load_master

    assert load_master()["created"] == 0
    assert load_master()["updated"] == 0
