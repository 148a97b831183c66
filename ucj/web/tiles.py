"""The tile grid map: one equal square per province, placed to follow the archipelago.

It needs no boundary file, so the national page always has a map. Positions are
(row, column) on a 15 × 8 grid, west to east and north to south.
"""

from __future__ import annotations

from typing import Any

COLUMNS = 15

# code: (row, column, short name as used in Indonesian government documents)
TILES: dict[str, tuple[int, int, str]] = {
    "11": (1, 1, "Aceh"),
    "12": (2, 2, "Sumut"),
    "21": (2, 4, "Kepri"),
    "13": (3, 2, "Sumbar"),
    "14": (3, 3, "Riau"),
    "17": (4, 3, "Bengkulu"),
    "15": (4, 4, "Jambi"),
    "19": (4, 5, "Babel"),
    "16": (5, 4, "Sumsel"),
    "18": (6, 4, "Lampung"),
    "36": (7, 5, "Banten"),
    "31": (7, 6, "DKI Jakarta"),
    "32": (7, 7, "Jabar"),
    "33": (7, 8, "Jateng"),
    "34": (8, 8, "DIY"),
    "35": (7, 9, "Jatim"),
    "51": (7, 10, "Bali"),
    "52": (7, 11, "NTB"),
    "53": (7, 12, "NTT"),
    "65": (2, 8, "Kaltara"),
    "61": (3, 7, "Kalbar"),
    "64": (3, 8, "Kaltim"),
    "62": (4, 7, "Kalteng"),
    "63": (5, 8, "Kalsel"),
    "75": (2, 10, "Gorontalo"),
    "71": (2, 11, "Sulut"),
    "72": (3, 10, "Sulteng"),
    "76": (4, 9, "Sulbar"),
    "73": (5, 9, "Sulsel"),
    "74": (5, 10, "Sultra"),
    "82": (3, 12, "Malut"),
    "81": (5, 12, "Maluku"),
    "96": (3, 13, "PBD"),
    "92": (4, 13, "Pabar"),
    "91": (3, 15, "Papua"),
    "94": (4, 14, "Papteng"),
    "95": (4, 15, "Papeg"),
    "93": (5, 15, "Papsel"),
}


def short_name(code: str, fallback: str = "") -> str:
    return TILES[code][2] if code in TILES else fallback


def _dark(colour: str) -> bool:
    """White text where it contrasts more with the fill than black does (WCAG relative
    luminance: white wins below ≈ 0.18). The bands' greens and oranges are mid-tones where
    a brightness rule of thumb picked white at 3.7:1; this picks black at 5.7:1."""
    try:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    except (ValueError, IndexError):
        return False
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05


def tiles(rows: list[dict[str, Any]], value_key: str = "headline_pct") -> list[dict[str, Any]]:
    """One tile per province row that has a grid position (unknown codes are skipped)."""
    out = []
    for row in rows:
        code = row.get("code", "")
        if code not in TILES:
            continue
        r, c, short = TILES[code]
        colour = row.get("category_colour") or "#dddddd"
        out.append(
            {
                **row,
                "row": r,
                "col": c,
                "short": short,
                "value": row.get(value_key),
                "colour": colour,
                "dark": _dark(colour),
            }
        )
    return out
