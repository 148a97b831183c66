"""Money, count and region fields parse what officers type, and refuse what is unclear."""

from __future__ import annotations

import pytest
from django import forms

from ucj.lib.fields import AmountField, CountField, parse_amount
from ucj.regions.fields import RegionField


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.000.000", 1_000_000),
        ("Rp1.000.000.000", 1_000_000_000),
        ("Rp 1.000.000.000", 1_000_000_000),
        ("rp. 16.800", 16_800),
        ("1000000", 1_000_000),
        ("1,5 juta", 1_500_000),
        ("Rp2 miliar", 2_000_000_000),
        ("1.241.856.000,00", 1_241_856_000),
        ("1,000,000", 1_000_000),
        ("  12.500 ", 12_500),
        ("", None),
    ],
)
def test_amount_accepts_what_officers_type(typed, value):
    assert parse_amount(typed) == value


@pytest.mark.parametrize("typed", ["1.5", "1,2345", "abc", "Rp", "1.00.000", "12 ekor", "-5"])
def test_amount_refuses_what_is_unclear(typed):
    with pytest.raises(ValueError):
        parse_amount(typed)


def test_count_refuses_rupiah_prefix():
    with pytest.raises(ValueError):
        parse_amount("Rp1.000", currency=False)
    assert parse_amount("12.500", currency=False) == 12_500


class Budget(forms.Form):
    amount = AmountField(label="Anggaran (Rp)", min_value=0)
    workers = CountField(label="Pekerja", required=False, min_value=0)


def test_form_cleans_and_shows_the_value_formatted():
    form = Budget({"amount": "Rp1.000.000.000", "workers": "12.500"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": 1_000_000_000, "workers": 12_500}
    html = str(Budget(initial={"amount": 1_000_000_000})["amount"])
    assert 'value="1.000.000.000"' in html and 'inputmode="numeric"' in html
    assert 'type="number"' not in html  # a number box refuses "1.000.000"


def test_form_error_is_inline_in_the_active_language(settings):
    from django.utils import translation

    with translation.override("en"):
        form = Budget({"amount": "1.5"})
        assert not form.is_valid()
        html = str(form)
    assert 'class="error-summary"' in html and 'class="field has-error"' in html
    assert "Write a whole rupiah amount" in html
    assert 'value="1.5"' in html  # what was typed comes back to be corrected


class Place(forms.Form):
    region = RegionField(label="Wilayah")
    regions = RegionField(label="Wilayah", multiple=True, required=False)


@pytest.mark.django_db
def test_region_field_takes_name_alias_code_or_picked_suggestion():
    form = Place({"region": "Kabupaten Sarolangun (15.03)", "regions": "15.04; Kota Jambi, 15"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["region"] == "15.03"
    assert form.cleaned_data["regions"] == ["15.04", "15.71", "15"]
    assert Place({"region": "sarolangun"}).is_valid()


@pytest.mark.django_db
def test_region_field_names_what_it_does_not_know():
    form = Place({"region": "Atlantis"})
    assert not form.is_valid()
    assert "Atlantis" in form.errors["region"][0]
