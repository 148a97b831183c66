"""NIK: validation (one NIK and vectorised for millions), keyed hash and masked form.

Layout PP KK CC DD MM YY NNNN (FACTS §8): issuing kecamatan, birth date with 40 added to
the day for women, serial. The region digits say where the NIK was first issued, never
where the person lives: domicile comes from the roster or BPJS data, not from here.

The year has two digits. YY up to the as-of year's last two digits is read as 20YY, above
it as 19YY (a worker born in 1915 or 2090 does not exist), so a date later in the as-of
year is "in the future" and a child born in 20YY fails the age rule.

The raw NIK stays in memory: `stored_fields` is the one function that turns it into what
may be written anywhere (`nik_hash`, HMAC-SHA256 keyed by settings.NIK_KEY; `nik_masked`;
validity; birth YEAR and sex). Messages never quote the NIK.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import polars as pl
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ucj.lib import personal
from ucj.lib.bilingual import pair
from ucj.registry.codebook import Codebook, codebook

MIN_AGE = 15
WARN_AGE = 17
# Separators people and spreadsheets put in a NIK (a leading apostrophe keeps Excel from
# turning it into a number). Literal characters: a plain replace is several times faster
# than a regular expression on ten million rows.
SEPARATORS = (" ", "\t", "\u00a0", ".", "-", "/", "_", "'")
_SEP_TABLE = str.maketrans(dict.fromkeys(SEPARATORS, None))

# code → msgid (its English in the catalogue); messages take %(code)s / %(min_age)s / %(warn_age)s.
MESSAGES: dict[str, Promise] = {
    "format": _("NIK harus 16 angka."),
    "region": _(
        "Kode kecamatan %(code)s tidak ada dalam master wilayah (sekarang atau sebelum pemekaran)."
    ),
    "day": _("Tanggal lahir harus 01–31, atau 41–71 untuk perempuan."),
    "month": _("Bulan lahir harus 01–12."),
    "date": _("Tanggal lahir tidak ada di kalender."),
    "future": _("Tanggal lahir sesudah tanggal acuan."),
    "serial": _("Nomor urut 0000 tidak dipakai."),
    "age": _("Umur kurang dari %(min_age)s tahun pada tanggal acuan."),
    "age_under_17": _("Umur di bawah %(warn_age)s tahun pada tanggal acuan."),
    "legacy_unverified": _(
        "Kode kab/kota %(code)s sudah tidak berlaku (pemekaran) dan kecamatannya tidak dapat "
        "diperiksa."
    ),
}
ERROR_ORDER = ("format", "region", "day", "month", "date", "future", "serial", "age")
WARNING_ORDER = ("legacy_unverified", "age_under_17")


def message(key: str, **params: Any) -> dict[str, str]:
    params = {"min_age": MIN_AGE, "warn_age": WARN_AGE, **params}
    return {"code": key, **pair(MESSAGES[key], **params).as_dict()}


def normalize(raw: object) -> str:
    """Separators (spaces, dots, dashes, slashes, apostrophes) stripped."""
    return str(raw if raw is not None else "").translate(_SEP_TABLE)


def dotted(code: str) -> str:
    return ".".join(code[i : i + 2] for i in range(0, len(code), 2))


def _century_year(yy: int, as_of: dt.date) -> int:
    return 2000 + yy if yy <= as_of.year % 100 else 1900 + yy


def _age(born: dt.date, as_of: dt.date) -> int:
    return as_of.year - born.year - ((as_of.month, as_of.day) < (born.month, born.day))


@dataclass
class NikCheck:
    valid: bool
    errors: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    sex: str | None = None
    birth_date: dt.date | None = None
    issued_in: dict[str, Any] | None = None

    def as_dict(self) -> dict[str, Any]:
        """The JSON of `ucj nik check` (issue 9), key for key."""
        return {
            "valid": self.valid,
            "errors": self.errors,
            "warnings": self.warnings,
            "sex": self.sex,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None,
            "issued_in": self.issued_in,
        }


def check(raw: object, as_of: dt.date | None = None, book: Codebook | None = None) -> NikCheck:
    """Every rule of issue 9 for one NIK; all errors are reported, not just the first."""
    as_of = as_of or dt.date.today()
    book = book or codebook()
    nik = normalize(raw)
    if not re.fullmatch(r"[0-9]{16}", nik):  # ASCII digits only: a fullwidth "３" is no NIK
        return NikCheck(False, [message("format")])
    errors: list[dict[str, str]] = []
    warnings: list[dict[str, str]] = []
    kec, kab = nik[:6], nik[:4]
    issued_in = None
    if kec in book.current_kecamatan or kec in book.legacy_kecamatan:
        issued_in = {
            "kecamatan": dotted(kec),
            "kabkota": dotted(kab),
            "province": kec[:2],
            "legacy": kec not in book.current_kecamatan,
        }
    elif kab in book.legacy_kabkota_only:
        issued_in = {
            "kecamatan": dotted(kec),
            "kabkota": dotted(kab),
            "province": kec[:2],
            "legacy": True,
        }
        warnings.append(message("legacy_unverified", code=dotted(kab)))
    else:
        errors.append(message("region", code=dotted(kec)))
    dd, mm, yy = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = None
    if 1 <= dd <= 31 or 41 <= dd <= 71:
        sex = "F" if dd > 40 else "M"
    else:
        errors.append(message("day"))
    if not 1 <= mm <= 12:
        errors.append(message("month"))
    born = None
    if sex and 1 <= mm <= 12:
        try:
            born = dt.date(_century_year(yy, as_of), mm, dd % 40)
        except ValueError:
            errors.append(message("date"))
    if born and born > as_of:
        errors.append(message("future"))
    if nik[12:] == "0000":
        errors.append(message("serial"))
    if born and born <= as_of:
        age = _age(born, as_of)
        if age < MIN_AGE:
            errors.append(message("age"))
        elif age < WARN_AGE:
            warnings.append(message("age_under_17"))
    return NikCheck(not errors, errors, warnings, sex, born, issued_in)


# --- vectorised -------------------------------------------------------------------------


def clean_expr(col: pl.Expr) -> pl.Expr:
    text = col.cast(pl.String)
    # Only a cell with a separator is rewritten: a third of the time at 10M clean NIKs.
    separator = "[" + "".join(SEPARATORS).replace("-", "") + "-]"  # "-" last: no range
    cleaned = text.str.replace_all(separator, "")
    return pl.when(text.str.contains(separator)).then(cleaned).otherwise(text).fill_null("")


def _code_lists(order: tuple[str, ...]) -> dict[int, list[str]]:
    """Every bitmask of `order` → its codes in order (at most 2**8 entries)."""
    return {
        mask: [code for bit, code in enumerate(order) if mask >> bit & 1]
        for mask in range(1 << len(order))
    }


def check_frame(
    frame: pl.LazyFrame, column: str, as_of: dt.date, book: Codebook | None = None
) -> pl.LazyFrame:
    """Normalise `column` and add nik_valid, nik_errors / nik_warnings (codes in the order
    of `check`), sex, birth_date and nik_legacy: the same answers as `check`.

    Computed in stages of plain columns (then dropped) so that no sub-expression is
    evaluated twice, and the error lists come from a bitmask looked up once per row.
    """
    book = book or codebook()
    nik = pl.col(column)
    frame = frame.with_columns(clean_expr(nik).alias(column))
    frame = frame.with_columns(nik.str.contains(r"^[0-9]{16}$").alias("_fmt"))
    # Every rule reads a well-formed NIK only, so its parts are read from the NIK as a
    # number (null unless it is sixteen ASCII digits: a rule's answer is then False, as
    # it was from slices of the text): a third of the CPU of slicing text at 10M rows.
    frame = frame.with_columns(pl.when("_fmt").then(nik.cast(pl.Int64, strict=False)).alias("_n"))
    number = pl.col("_n")

    def part(first: int, width: int) -> pl.Expr:  # digits first..first+width-1 (from 0)
        return (number // 10 ** (16 - first - width) % 10**width).cast(pl.Int32)

    def listed(width: int, codes: Iterable[str]) -> pl.Expr:
        numbers = [int(c) for c in codes if c.isascii() and c.isdigit()]
        return part(0, width).is_in(numbers).fill_null(False)

    frame = frame.with_columns(
        listed(6, book.current_kecamatan).alias("_cur"),
        listed(6, book.legacy_kecamatan).alias("_lkec"),
        listed(4, book.legacy_kabkota_only).alias("_lkab"),
        part(6, 2).alias("_dd"),
        part(8, 2).alias("_mm"),
        part(10, 2).alias("_yy"),
        (part(12, 4) == 0).fill_null(False).alias("_serial0"),
    )
    fmt, dd, mm, yy = pl.col("_fmt"), pl.col("_dd"), pl.col("_mm"), pl.col("_yy")
    year = pl.when(yy <= as_of.year % 100).then(yy + 2000).otherwise(yy + 1900)
    frame = frame.with_columns(
        (~pl.col("_cur") & ~pl.col("_lkec") & pl.col("_lkab")).alias("_kab_only"),
        (dd.is_between(1, 31) | dd.is_between(41, 71)).alias("_day_ok"),
        mm.is_between(1, 12).alias("_month_ok"),
        (dd % 40).alias("_day"),
        year.alias("_year"),
    )
    day, year = pl.col("_day"), pl.col("_year")
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    month_days = (
        pl.when(mm == 2)
        .then(pl.when(leap).then(29).otherwise(28))
        .when(mm.is_in([4, 6, 9, 11]))
        .then(30)
        .otherwise(31)
    )
    region_ok = pl.col("_cur") | pl.col("_lkec") | pl.col("_kab_only")
    frame = frame.with_columns(
        (fmt & pl.col("_day_ok") & pl.col("_month_ok") & (day <= month_days)).alias("_real"),
        region_ok.alias("_region_ok"),
    )
    real = pl.col("_real")
    as_of_ymd = as_of.year * 10000 + as_of.month * 100 + as_of.day
    future = real & ((year * 10000 + mm * 100 + day) > as_of_ymd)
    # Full years: the as-of MMDD before the birth MMDD takes one year off.
    age = as_of.year - year - ((as_of.month * 100 + as_of.day) < (mm * 100 + day)).cast(pl.Int32)
    frame = frame.with_columns(future.alias("_future"), age.alias("_age"))
    past = real & ~pl.col("_future")
    age = pl.col("_age")
    checks = {
        "format": ~fmt,
        "region": fmt & ~pl.col("_region_ok"),
        "day": fmt & ~pl.col("_day_ok"),
        "month": fmt & ~pl.col("_month_ok"),
        "date": fmt & pl.col("_day_ok") & pl.col("_month_ok") & ~real,
        "future": pl.col("_future"),
        "serial": fmt & pl.col("_serial0"),
        "age": past & (age < MIN_AGE),
    }
    warn = {
        "legacy_unverified": fmt & pl.col("_kab_only"),
        "age_under_17": past & (age >= MIN_AGE) & (age < WARN_AGE),
    }
    assert tuple(checks) == ERROR_ORDER and tuple(warn) == WARNING_ORDER

    def mask(conds: dict[str, pl.Expr]) -> pl.Expr:
        bits = [c.fill_null(False).cast(pl.UInt16) * (1 << i) for i, c in enumerate(conds.values())]
        return pl.sum_horizontal(bits)

    frame = frame.with_columns(mask(checks).alias("_err"), mask(warn).alias("_warn"))
    codes_type = pl.List(pl.String)
    # Null components where the date is not real: pl.date raises on 30 February.
    birth = pl.date(pl.when(real).then(year), pl.when(real).then(mm), pl.when(real).then(day))
    frame = frame.with_columns(
        (pl.col("_err") == 0).alias("nik_valid"),
        pl.col("_err")
        .replace_strict(_code_lists(ERROR_ORDER), return_dtype=codes_type)
        .alias("nik_errors"),
        pl.col("_warn")
        .replace_strict(_code_lists(WARNING_ORDER), return_dtype=codes_type)
        .alias("nik_warnings"),
        pl.when(fmt & pl.col("_day_ok"))
        .then(pl.when(dd > 40).then(pl.lit("F")).otherwise(pl.lit("M")))
        .alias("sex"),
        birth.alias("birth_date"),
        pl.when(fmt & pl.col("_region_ok")).then(~pl.col("_cur")).alias("nik_legacy"),
    )
    temps = [
        "_fmt",
        "_n",
        "_cur",
        "_lkec",
        "_lkab",
        "_dd",
        "_mm",
        "_yy",
        "_serial0",
        "_kab_only",
        "_day_ok",
        "_month_ok",
        "_day",
        "_year",
        "_real",
        "_region_ok",
        "_future",
        "_age",
        "_err",
        "_warn",
    ]
    return frame.drop(temps)


# --- privacy ----------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _hmac_states(key: str) -> tuple[Any, Any]:
    """HMAC-SHA256's inner and outer states for this key (RFC 2104), computed once."""
    raw = key.encode("utf-8")
    if len(raw) > 64:
        raw = hashlib.sha256(raw).digest()
    raw = raw.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in raw))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in raw))
    return inner, outer


def _hash_one(value: str, inner: Any, outer: Any) -> str:
    i = inner.copy()
    i.update(value.encode("ascii", "replace"))
    o = outer.copy()
    o.update(i.digest())
    return str(o.hexdigest())


def nik_hash(raw: object, key: str | None = None) -> str:
    """HMAC-SHA256 of the normalised NIK, hex, keyed by settings.NIK_KEY (or `key`, for
    key rotation)."""
    inner, outer = _hmac_states(key or settings.NIK_KEY)
    return _hash_one(normalize(raw), inner, outer)


def nik_hash_expr(nik: pl.Expr, key: str | None = None) -> pl.Expr:
    """`nik_hash` for a column of normalised NIKs (same digest; nulls stay null),
    computed in Rust by the polars-hash plugin: no Python per row, so it runs inside the
    streaming engine at the speed of the CSV read. `nik_hash` encodes a value as ASCII with
    '?' for any other character; the same replacement comes first here."""
    import polars_hash  # noqa: F401  (registers the `chash` namespace)

    ascii_only = nik.str.replace_all(r"[^\x00-\x7F]", "?")
    return ascii_only.chash.hmac_sha256(key=key or settings.NIK_KEY)  # type: ignore[attr-defined, no-any-return]


def nik_masked(raw: object) -> str:
    """'3273**********01': kab/kota of issue and the last two serial digits stay
    (`ucj.lib.personal`, the one masking rule; why these digits: docs/SECURITY.md)."""
    return personal.mask_nik(normalize(raw))


def nik_masked_expr(nik: pl.Expr) -> pl.Expr:
    """`nik_masked` for a column of normalised NIKs."""
    return personal.mask_nik_expr(nik)


def stored_fields(
    frame: pl.LazyFrame | pl.DataFrame, column: str, as_of: dt.date, key: str | None = None
) -> pl.LazyFrame:
    """THE one place a NIK becomes what may be stored: validates `column`, adds nik_hash,
    nik_masked, nik_valid, nik_error, and from a valid NIK only its birth_year and sex,
    and drops the raw NIK and its full birth date (digits 7–12 must never be stored).

    Callers may prefer a birth year and sex given in the file, never a full date."""
    lazy = frame.lazy() if isinstance(frame, pl.DataFrame) else frame
    valid = pl.col("nik_valid")
    return (
        check_frame(lazy, column, as_of)
        .with_columns(
            nik_hash_expr(pl.col(column), key).alias("nik_hash"),
            nik_masked_expr(pl.col(column)).alias("nik_masked"),
            pl.col("nik_errors").list.first().fill_null("").alias("nik_error"),
            pl.when(valid).then(pl.col("birth_date").dt.year()).cast(pl.Int32).alias("birth_year"),
            pl.when(valid).then(pl.col("sex")).alias("sex"),
        )
        .drop(column, "nik_errors", "nik_warnings", "nik_legacy", "birth_date")
    )
