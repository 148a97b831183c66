"""Normalising region names so that 'KAB. SAROLANGUN' and 'Kabupaten Sarolangun' meet.

Officers write names the way letters and spreadsheets do: 'Kab.'/'Kab'/'Kabupaten',
'Kota'/'Kota.', 'Kep.' for Kepulauan, 'Tanjab' for Tanjung Jabung. These forms are
expanded here, before any lookup, so that they meet the decree's spelling; former names
of renamed regions are aliases (data/aliases.csv, each with its basis).
"""

from __future__ import annotations

import re

# A prefix is followed by a space or a dot ('Kab.Sarolangun'); 'Kotabaru' and
# 'Kotamobagu' are names, not 'Kota' + name.
_PREFIXES = [
    (r"^(kabupaten|kab)(\.\s*|\s+)((administrasi|adm\.?)\s+)?", "regency"),
    (r"^(kota\s+administrasi|kota\s+adm\.?|kota)(\.\s*|\s+)", "city"),
    (r"^(provinsi|prov|propinsi)(\.\s*|\s+)", "province"),
]
# Abbreviations inside a name, as whole words (with or without the dot).
ABBREVIATIONS = [
    (re.compile(r"\bkep\b\.?\s*"), "kepulauan "),
    (re.compile(r"\btanjab\b\.?\s*"), "tanjung jabung "),
]
_CODE = re.compile(r"^\d{2}(\.?\d{2}){0,2}$")


def expand(value: str) -> str:
    """'kep. seribu' → 'kepulauan seribu', 'tanjab barat' → 'tanjung jabung barat'."""
    for pattern, full in ABBREVIATIONS:
        value = pattern.sub(full, value)
    return re.sub(r"\s+", " ", value).strip()


def split_prefix(text: str) -> tuple[str | None, str]:
    """('regency', 'sarolangun') for 'KAB. SAROLANGUN'; (None, text) when no prefix."""
    value = re.sub(r"\s+", " ", text.strip().lower())
    for pattern, level in _PREFIXES:
        match = re.match(pattern, value)
        if match:
            return level, expand(value[match.end() :])
    return None, expand(value)


def key(text: str) -> str:
    """Compact key: no prefix, no spaces or punctuation ('Pangkal Pinang' = 'Pangkalpinang')."""
    return re.sub(r"[^a-z0-9]", "", split_prefix(text)[1])


def looks_like_code(text: str) -> bool:
    return bool(_CODE.match(text.strip()))


def dotted_code(text: str) -> str:
    digits = text.strip().replace(".", "")
    return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
