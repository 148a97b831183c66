"""Each NIK rule of issue 9 with a real-looking synthetic NIK (as-of 15 January 2026)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import random

import polars as pl
import pytest
from django.conf import settings
from django.core.management import call_command

from ucj.registry import nik
from ucj.registry.codebook import codebook

AS_OF = dt.date(2026, 1, 15)
pytestmark = pytest.mark.django_db


def codes(result: nik.NikCheck) -> tuple[list[str], list[str]]:
    return [e["code"] for e in result.errors], [w["code"] for w in result.warnings]


def test_valid_man_in_bandung() -> None:
    r = nik.check("3273011505880003", AS_OF)
    assert r.valid and r.sex == "M" and r.birth_date == dt.date(1988, 5, 15)
    assert r.issued_in == {
        "kecamatan": "32.73.01",
        "kabkota": "32.73",
        "province": "32",
        "legacy": False,
    }
    assert codes(r) == ([], [])


def test_woman_has_forty_added_to_the_day() -> None:
    r = nik.check("1503015505880003", AS_OF)  # Batang Asai, Sarolangun; born 15 May 1988
    assert r.valid and r.sex == "F" and r.birth_date == dt.date(1988, 5, 15)
    woman_31 = nik.check("1503017112900001", AS_OF)  # day 71 = 31 December 1990
    assert woman_31.valid and woman_31.birth_date == dt.date(1990, 12, 31)


@pytest.mark.parametrize(
    "raw", ["3273 0115 0588 0003", "32.73.01-150588-0003", "'3273011505880003"]
)
def test_separators_are_stripped(raw: str) -> None:
    assert nik.check(raw, AS_OF).valid
    assert nik.nik_hash(raw) == nik.nik_hash("3273011505880003")


@pytest.mark.parametrize("raw", ["327301150588000", "32730115058800031", "32730115O5880003", ""])
def test_exactly_sixteen_digits(raw: str) -> None:
    r = nik.check(raw, AS_OF)
    assert not r.valid and codes(r) == (["format"], [])
    assert r.sex is None and r.birth_date is None and r.issued_in is None


def test_unknown_kecamatan() -> None:
    r = nik.check("1503991505880003", AS_OF)  # Sarolangun has no kecamatan 99
    assert codes(r) == (["region"], []) and r.issued_in is None
    assert "15.03.99" in r.errors[0]["message_id"]


def test_retired_papua_barat_daya_kecamatan_resolves_as_legacy() -> None:
    r = nik.check("9201011505880003", AS_OF)  # Makbon, Kab. Sorong before 96.01.01
    assert r.valid and r.issued_in == {
        "kecamatan": "92.01.01",
        "kabkota": "92.01",
        "province": "92",
        "legacy": True,
    }
    assert r.warnings == []


def test_pre_2022_papua_regency_is_legacy_with_a_warning() -> None:
    r = nik.check("9101021505880003", AS_OF)  # Kab. Merauke before 2022 (now 93.01)
    assert r.valid and r.issued_in is not None and r.issued_in["legacy"] is True
    assert codes(r) == ([], ["legacy_unverified"])
    assert "91.01" in r.warnings[0]["message_en"]
    # 91.03 (Jayapura) is still current: an unknown kecamatan there stays an error.
    assert codes(nik.check("9103991505880003", AS_OF))[0] == ["region"]


@pytest.mark.parametrize("dd", ["00", "32", "40", "72", "99"])
def test_day_range(dd: str) -> None:
    r = nik.check(f"327301{dd}05880003", AS_OF)
    assert codes(r) == (["day"], []) and r.sex is None


@pytest.mark.parametrize("mm", ["00", "13"])
def test_month_range(mm: str) -> None:
    assert codes(nik.check(f"32730115{mm}880003", AS_OF)) == (["month"], [])


@pytest.mark.parametrize("ddmmyy", ["310288", "710288", "290201", "310490"])
def test_real_date(ddmmyy: str) -> None:
    r = nik.check(f"327301{ddmmyy}0003", AS_OF)
    assert codes(r) == (["date"], []) and r.birth_date is None


def test_leap_day_2000_is_real() -> None:
    r = nik.check("3273016902000003", AS_OF)  # woman, 29 February 2000
    assert r.valid and r.birth_date == dt.date(2000, 2, 29)


def test_not_in_the_future() -> None:
    r = nik.check("3273012006260003", AS_OF)  # 20 June 2026, after the as-of date
    assert codes(r) == (["future"], [])


def test_serial_not_zero() -> None:
    assert codes(nik.check("3273011505880000", AS_OF)) == (["serial"], [])


def test_age_at_least_fifteen_with_warning_under_seventeen() -> None:
    assert codes(nik.check("3273011601110003", AS_OF)) == (["age"], [])  # 14 on 15 Jan
    assert codes(nik.check("3273011501110003", AS_OF)) == ([], ["age_under_17"])  # 15 today
    assert codes(nik.check("3273015501100003", AS_OF)) == ([], ["age_under_17"])  # 16
    assert codes(nik.check("3273011501090003", AS_OF)) == ([], [])  # 17
    # The same NIK judged at an earlier as-of date is too young.
    assert codes(nik.check("3273011501090003", dt.date(2023, 1, 1))) == (["age"], [])


def test_every_error_is_reported() -> None:
    r = nik.check("1503993213880000", AS_OF)
    assert codes(r)[0] == ["region", "day", "month", "serial"]


def _cases() -> list[str]:
    book = codebook()
    rng = random.Random(9)
    kec = sorted(book.current_kecamatan)[:300] + sorted(book.legacy_kecamatan)
    kec += [k + "05" for k in book.legacy_kabkota_only] + ["150399", "999999"]
    out = []
    for _ in range(3000):
        dd = rng.choice([rng.randint(0, 75), rng.randint(1, 31), rng.randint(41, 71)])
        mm = rng.choice([rng.randint(0, 13), rng.randint(1, 12)])
        serial = rng.choice(["0000", f"{rng.randint(1, 9999):04d}"])
        out.append(f"{rng.choice(kec)}{dd:02d}{mm:02d}{rng.randint(0, 99):02d}{serial}")
    wide = "".join(chr(ord(c) + 0xFEE0) for c in out[0])  # fullwidth digits
    signed = ["+" + out[1][1:], "-" + out[2][1:], "0" * 16]
    return [*out, "32.73.01-550588-0003", "12345", "", "3273011505880003x", wide, *signed]


def test_vectorised_check_gives_the_same_answers() -> None:
    cases = _cases()
    frame = nik.check_frame(pl.LazyFrame({"nik": cases}), "nik", AS_OF).collect()
    assert frame["nik_valid"].sum() > 100 and (~frame["nik_valid"]).sum() > 100
    for raw, row in zip(cases, frame.iter_rows(named=True), strict=True):
        r = nik.check(raw, AS_OF)
        legacy = r.issued_in["legacy"] if r.issued_in else None
        got = (
            row["nik_valid"],
            row["nik_errors"],
            row["nik_warnings"],
            row["sex"],
            row["birth_date"],
            row["nik_legacy"],
        )
        assert got == (r.valid, *codes(r), r.sex, r.birth_date, legacy), raw


def test_hash_is_hmac_sha256_with_the_settings_key_and_vectorised() -> None:
    raw = "3273015505880003"
    expected = hmac.new(settings.NIK_KEY.encode(), raw.encode(), hashlib.sha256).hexdigest()
    assert nik.nik_hash(raw) == expected
    got = pl.DataFrame({"n": [raw, None]}).select(nik.nik_hash_expr(pl.col("n")))["n"].to_list()
    assert got == [expected, None]


def test_masked_form() -> None:
    assert nik.nik_masked("3273010105880001") == "3273**********01"
    frame = pl.DataFrame({"n": ["3273010105880001", "12345"]})
    assert frame.select(nik.nik_masked_expr(pl.col("n")))["n"].to_list() == [
        "3273**********01",
        "*****",
    ]


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    try:
        call_command("nik", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_cli_json_is_the_issue_contract() -> None:
    code, text = _run("check", "1503015505880003", "--as-of", "2026-01-15", "--json")
    assert code == 0
    assert json.loads(text) == {
        "valid": True,
        "errors": [],
        "warnings": [],
        "sex": "F",
        "birth_date": "1988-05-15",
        "issued_in": {
            "kecamatan": "15.03.01",
            "kabkota": "15.03",
            "province": "15",
            "legacy": False,
        },
    }
    code, text = _run("check", "1503011505880000", "--as-of", "2026-01-15", "--json")
    data = json.loads(text)
    assert code == 1 and data["valid"] is False
    assert data["errors"] == [nik.message("serial")]
    assert set(data["errors"][0]) == {"code", "message_id", "message_en"}


def test_cli_echoes_only_the_masked_form() -> None:
    code, text = _run("check", "1503015505880003", "--as-of", "2026-01-15")
    assert code == 0 and "1503**********03" in text and "1503015505880003" not in text


def test_without_a_region_master_the_cli_says_so() -> None:
    from ucj.regions.models import Region
    from ucj.registry import codebook as cb

    Region.objects.filter(level="district").update(valid_to=dt.date(2020, 1, 1))
    cb.reset()
    try:
        with pytest.raises(cb.MasterNotLoaded):
            cb.codebook()
        code, text = _run("check", "1503015505880003", "--json")
        assert code == 2 and "ucj init" in json.loads(text)["error"]
    finally:
        cb.reset()
