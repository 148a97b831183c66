"""Region names as officers write them (issue 13 item 6): abbreviations and former names."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from ucj.regions.resolver import ResolutionError, index, resolve

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    index(refresh=True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Kab. Kep. Meranti", "14.10"),
        ("Kab Kep Meranti", "14.10"),
        ("KAB.KEP. MERANTI", "14.10"),
        ("Kep. Seribu", "31.01"),
        ("Kab. Adm. Kep. Seribu", "31.01"),
        ("Kab. Kep. Siau Tagulandang Biaro", "71.09"),
        ("Kota Tidore Kep.", "82.72"),
        ("Kab. Pangkajene dan Kep.", "73.10"),
        ("Prov. Kep. Riau", "21"),
        ("Kep. Bangka Belitung", "19"),
        ("Tanjab Barat", "15.06"),
        ("Kab. Tanjab Timur", "15.07"),
        ("TANJAB. BARAT", "15.06"),
        ("Kota. Metro", "18.72"),
        ("Kota Metro", "18.72"),
        ("Kab Sarolangun", "15.03"),
        ("Kab.Sarolangun", "15.03"),
        ("Kotabaru", "63.02"),  # a name beginning with 'Kota', not the prefix
        ("Kotamobagu", "71.74"),
        ("Kab. Toba Samosir", "12.12"),
        ("Toba Samosir", "12.12"),
        ("Kabupaten Mamuju Utara", "76.01"),
        ("Mamuju Utara", "76.01"),
        ("Kota Padang Sidempuan", "12.77"),
        ("Kab. Muko Muko", "17.06"),
    ],
)
def test_officer_spellings_resolve(text, code):
    assert resolve(text).code == code


def test_former_name_is_reported_as_alias():
    found = resolve("Kab. Toba Samosir")
    assert (found.code, found.name, found.matched_by) == ("12.12", "Kabupaten Toba", "alias")


def test_kota_prefix_with_dot_keeps_the_level_apart():
    # 'Kota. Sorong' is the city, 'Kab. Sorong' the regency: the hint is not lost to the dot.
    assert resolve("Kota. Sorong").code == "96.71"
    assert resolve("Kab. Sorong").code == "96.01"


def test_abbreviation_does_not_invent_a_match():
    with pytest.raises(ResolutionError):
        resolve("Kep. Atlantis")


def test_every_alias_records_its_basis():
    text = resources.files("ucj.regions").joinpath("data", "aliases.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows and all(r["basis"].strip() for r in rows)
    former = {r["alias"] for r in rows if r["basis"].startswith("former name")}
    assert {"Kabupaten Toba Samosir", "Kabupaten Mamuju Utara"} <= former
