"""Normalising region names so that 'KAB. SAROLANGUN' and 'Kabupaten Sarolangun' meet."""

from __future__ import annotations

import re

_PREFIXES = [
    (r"^(kabupaten|kab\.?|kab)\s+(administrasi\s+|adm\.?\s+)?", "regency"),
    (r"^(kota\s+administrasi|kota\s+adm\.?|kota)\s+", "city"),
    (r"^(provinsi|prov\.?|propinsi)\s+", "province"),
]
_CODE = re.compile(r"^\d{2}(\.?\d{2}){0,2}$")


def split_prefix(text: str) -> tuple[str | None, str]:
    """('regency', 'sarolangun') for 'KAB. SAROLANGUN'; (None, text) when no prefix."""
    value = re.sub(r"\s+", " ", text.strip().lower())
    for pattern, level in _PREFIXES:
        match = re.match(pattern, value)
        if match:
            return level, value[match.end() :].strip()
    return None, value


def key(text: str) -> str:
    """Compact key: no prefix, no spaces or punctuation ('Pangkal Pinang' = 'Pangkalpinang')."""
    return re.sub(r"[^a-z0-9]", "", split_prefix(text)[1])


def looks_like_code(text: str) -> bool:
    return bool(_CODE.match(text.strip()))


def dotted_code(text: str) -> str:
    digits = text.strip().replace(".", "")
    return ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))
