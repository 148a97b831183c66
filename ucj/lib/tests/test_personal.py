"""The one masking rule and the redaction of NIK-like numbers in any text or log line."""

from __future__ import annotations

import logging

import polars as pl
import pytest

from ucj.lib.personal import RedactFilter, mask_nik, redact, redact_expr

NIK = "1503015505880003"


def test_mask_keeps_the_kabkota_and_two_serial_digits() -> None:
    assert mask_nik(NIK) == "1503**********03"
    assert mask_nik("12345") == "*****"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NIK, "1503**********03"),
        (f"kpj {NIK}, domisili", "kpj 1503**********03, domisili"),
        ("1503 0155 0588 0003", "1503**********03"),
        ("15.03.01.550588.0003", "1503**********03"),
        (f"NIK{NIK};{NIK}", "NIK1503**********03;1503**********03"),
        ("1234567890123456", "1234567890123456"),  # day 78: not NIK-shaped, kept
        (NIK + "9", NIK + "9"),  # 17 digits: not a NIK
        ("", ""),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_expr_matches_redact_on_every_cell() -> None:
    cells = [NIK, None, "abc", f"x {NIK} y", "2025-03-01"]
    got = pl.DataFrame({"c": cells}).select(redact_expr(pl.col("c")))["c"].to_list()
    assert got == [None if c is None else redact(c) for c in cells]


def test_log_records_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("ucj.test.redact")
    logger.addFilter(RedactFilter())
    try:
        with caplog.at_level(logging.WARNING):
            logger.warning("Not Found: /registri/%s/", NIK)
    finally:
        logger.filters.clear()
    assert NIK not in caplog.text and "1503**********03" in caplog.text


def test_every_handler_of_the_products_loggers_redacts() -> None:
    """Root, Django's request and server logs (a NIK in a URL): each handler a record
    can reach has the filter."""
    for name in ("", "django", "django.request", "django.server", "django.security", "ucj"):
        logger = logging.getLogger(name)
        reached = []
        while logger is not None:
            reached += logger.handlers
            logger = logger.parent if logger.propagate else None  # type: ignore[assignment]
        ours = [h for h in reached if not type(h).__module__.startswith("_pytest")]
        assert ours, name
        for handler in ours:
            assert any(isinstance(f, RedactFilter) for f in handler.filters), (name, handler)


def test_a_long_cell_masks_to_at_most_sixteen_stars() -> None:
    """A cell that is no NIK (here a 45-character note) must still fit the 32-character
    masked column (PostgreSQL refuses longer text; SQLite would not say)."""
    from ucj.lib.personal import mask_nik_expr

    cell = "327301******0001 (contoh tersamar / masked example)"
    assert mask_nik(cell) == "*" * 16
    shown = pl.DataFrame({"nik": [cell, "12"]}).select(mask_nik_expr(pl.col("nik")))
    assert shown.to_series().to_list() == ["*" * 16, "**"]
