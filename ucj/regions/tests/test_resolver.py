from __future__ import annotations

import pytest

from ucj.regions.resolver import ResolutionError, index, resolve

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    index(refresh=True)


@pytest.mark.parametrize(
    ("text", "code", "matched_by"),
    [
        ("KAB. SAROLANGUN", "15.03", "name"),
        ("Kabupaten Sarolangun", "15.03", "name"),
        ("sarolangun", "15.03", "name"),
        ("15.03", "15.03", "code"),
        ("1503", "15.03", "code"),
        ("Kota Pangkalpinang", "19.71", "alias"),
        ("Kota Pangkal Pinang", "19.71", "name"),
        ("Tanjungpinang", "21.72", "alias"),
        ("Kota Palangka Raya", "62.71", "alias"),
        ("Baubau", "74.72", "alias"),
        ("Kab. Fakfak", "92.03", "alias"),
        ("Daerah Khusus Jakarta", "31", "alias"),
        ("KOTA ADM. JAKARTA UTARA", "31.72", "name"),
        ("91.01", "93.01", "legacy"),
        ("92.01", "96.01", "legacy"),
        ("Provinsi Lampung", "18", "name"),
        ("Kota Jayapura", "91.71", "name"),
    ],
)
def test_resolve(text, code, matched_by):
    found = resolve(text)
    assert (found.code, found.matched_by) == (code, matched_by)


def test_ambiguous_name_lists_candidates_never_guesses():
    with pytest.raises(ResolutionError) as err:
        resolve("Jayapura")
    assert [c.code for c in err.value.candidates] == ["91.03", "91.71"]


def test_province_narrows_a_name():
    assert resolve("Metro", province="18").code == "18.72"


def test_unknown_name_suggests_nearest():
    with pytest.raises(ResolutionError) as err:
        resolve("Sarolangunn")
    assert "15.03" in [c.code for c in err.value.candidates]


def test_empty_and_unknown_code():
    with pytest.raises(ResolutionError):
        resolve("   ")
    with pytest.raises(ResolutionError):
        resolve("99.99")
