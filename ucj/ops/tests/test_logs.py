"""The production log formatter masks a NIK with the product's one rule and mask."""

from __future__ import annotations

import json
import logging

from ucj.lib.personal import mask_nik
from ucj.ops.logs import JsonFormatter, scrub

NIK = "3273014105880001"  # a woman born 1 May 1988 (day + 40)


def test_a_nik_in_a_log_line_is_masked_as_everywhere_else():
    line = scrub(f"gagal: {NIK} token ucj_abcdef Bearer xyz")
    assert NIK not in line and mask_nik(NIK) in line  # '3273**********01'
    assert "410588" not in line  # the birth date digits never reach a log
    assert "ucj_abcdef" not in line and "xyz" not in line
    record = logging.LogRecord("ucj", logging.ERROR, __file__, 1, "nik %s", (NIK,), None)
    assert mask_nik(NIK) in json.loads(JsonFormatter().format(record))["message"]
