"""Category schemes: the provisional default, new schemes by date, basis of target."""

from __future__ import annotations

import datetime as dt

import pytest

from ucj.indicators import categories, services
from ucj.indicators.tests.helpers import month, pot, put, target

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("pct", "label"),
    [(26, "sangat rendah"), (24.86, "sangat rendah"), (32.8, "rendah"), (32.9, "rendah"),
     (33, "rendah"), (45, "sedang"), (60, "tinggi"), (150, "tinggi")],
)  # fmt: skip
def test_default_scheme_fits_the_observed_lampung_points(pct, label):
    got = services.category_for(pct)
    assert got["label"] == label
    assert got["provisional"] is True and got["basis"] == "absolute"


def test_bands_for_legends():
    legend = services.bands()
    assert [b["label"] for b in legend] == ["sangat rendah", "rendah", "sedang", "tinggi"]
    assert [b["lower"] for b in legend] == [0, 30, 45, 60]
    assert all(b["provisional"] and b["colour"].startswith("#") for b in legend)
    assert services.category_for(None)["label"] is None


def test_a_new_scheme_applies_from_its_effective_date_and_can_be_relative_to_target():
    categories.set_scheme("target", "jauh=0,mendekati=50,tercapai=100", dt.date(2025, 1, 1))
    new = services.category_for(30, target_pct=60, on=dt.date(2025, 2, 1))
    assert (new["label"], new["basis"], new["provisional"]) == ("mendekati", "target", False)
    assert services.category_for(30, target_pct=None, on=dt.date(2025, 2, 1))["label"] is None
    old = services.category_for(30, on=dt.date(2024, 12, 1))
    assert (old["label"], old["provisional"]) == ("rendah", True)
    assert services.current_scheme(dt.date(2025, 6, 1)).basis == "target"


def test_coverage_objects_use_the_scheme_in_force_in_their_month():
    categories.set_scheme("target", "jauh=0,mendekati=50,tercapai=100", dt.date(2025, 1, 1))
    pot("15.03", 2024, 100)
    target("15.03", 2024, "40")
    put("15.03", "2024-12", 30)
    put("15.03", "2025-01", 30)
    assert services.coverage("15.03", month("2024-12"))["category"] == "rendah"
    jan = services.coverage("15.03", month("2025-01"))
    assert (jan["category"], jan["category_basis"]) == ("mendekati", "target")  # 75% of target
    assert jan["category_provisional"] is False


@pytest.mark.parametrize(
    "spec",
    ["", "rendah", "a=0,b=x", "a=10,b=5", "=3"],
)
def test_unreadable_bands_are_refused_with_a_bilingual_message(spec):
    with pytest.raises(categories.BandSpecError) as err:
        categories.parse_bands(spec)
    assert "/" in str(err.value)  # Bahasa Indonesia / English


def test_a_scheme_set_for_a_later_date_is_not_in_force_today():
    categories.set_scheme("absolute", "a=0,b=10", dt.date(2999, 1, 1))
    assert services.category_for(26)["label"] == "sangat rendah"
    assert services.category_for(26, on=dt.date(2999, 2, 1))["label"] == "b"
