"""The message catalogue as a language check: which visible strings belong to the other
language.

Bahasa Indonesia is the source language (msgid), English the translation (msgstr). In
English mode a screen must not show an Indonesian msgid whose English differs; in
Indonesian mode it must not show an English msgstr. A string that is both (a msgid
translated to itself, or an English msgstr that is also an Indonesian msgid, e.g. "Status",
"Target") belongs to both languages and is never reported.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"
# Placeholders of gettext (python-format and brace-format) match any text on the screen.
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdfi]|%[sdfi]|\{[a-z_0-9]*\}")
# Where a sentence is cut into the pieces compared with the catalogue: labels, list items,
# values after a colon, parts between brackets, the halves of "A / B" and "A · B".
SEPARATORS = re.compile(r"\s*(?:[:·|•()\[\]/—–,;!?\"“”‘’*…›»«]|\s-\s|\.\s)\s*")
PARTS = re.compile(r"\s*(?:[:·|•—–;!?…›»«]|\s-\s)\s*")
# Fewer letters than this: too short to tell languages apart reliably ("di", "per").
MIN_LETTERS = 3


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .:*–-")


@dataclass
class Language:
    """The strings of the catalogue that must not appear on a screen in one language."""

    code: str
    own: set[str] = field(default_factory=set)  # every string of this language
    exact: set[str] = field(default_factory=set)
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)

    def foreign(self, text: str) -> str | None:
        """The catalogue entry this visible text shows in the other language, if any."""
        whole = _clean(text)
        if not whole or whole in self.own:
            return None  # e.g. "Regional law (Perda)": English that quotes the Indonesian term
        # "label: value" first, then the brackets and lists inside each part; a part that
        # is a whole string of this language ("APBD (regional budget)") is not cut further.
        pieces = [whole]
        for part in map(_clean, PARTS.split(whole)):
            if part and part not in self.own:
                pieces += [part, *(_clean(p) for p in SEPARATORS.split(part))]
        for piece in pieces:
            if piece in self.exact:
                return piece
        for source, pattern in self.patterns:
            if any(pattern.fullmatch(piece) for piece in pieces):
                return source
        return None


def _pattern(message: str) -> re.Pattern[str] | None:
    """A msgid with placeholders as a regular expression; None when too little of it is
    fixed text to recognise it (e.g. "%(a)s: %(b)s")."""
    parts = PLACEHOLDER.split(_clean(message))
    if len(re.findall(r"[^\W\d_]", "".join(parts))) < 8:
        return None
    return re.compile(".+?".join(re.escape(p) for p in parts))


@cache
def translations() -> dict[str, str]:
    """msgid (with "msgctxt\\x04" before it when it has one) → English, from the compiled
    catalogue; plural entries by their singular."""
    with open(LOCALE / "en" / "LC_MESSAGES" / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog  # type: ignore[attr-defined]
    out: dict[str, str] = {}
    for key, english in catalog.items():
        source = key[0] if isinstance(key, tuple) else key
        if source and english:  # not the header entry, not left untranslated
            out.setdefault(source, english)
    return out


@cache
def languages() -> dict[str, Language]:
    """{"en": what English screens must not show, "id": what Indonesian screens must not}."""
    pairs = [(source.split("\x04", 1)[-1], english) for source, english in translations().items()]
    indonesian = {_clean(s) for s, _e in pairs}
    english_all = {_clean(e) for _s, e in pairs}
    out = {"en": Language("en", own=english_all), "id": Language("id", own=indonesian)}
    for source, english in pairs:
        if _clean(source) == _clean(english):
            continue
        for code, text, other_side in (
            ("en", source, english_all),
            ("id", english, indonesian),
        ):
            cleaned = _clean(text)
            if cleaned in other_side or len(re.findall(r"[^\W\d_]", cleaned)) < MIN_LETTERS:
                continue
            if PLACEHOLDER.search(text):
                pattern = _pattern(text)
                if pattern is not None:
                    out[code].patterns.append((cleaned, pattern))
            else:
                out[code].exact.add(cleaned)
    return out
