"""Stored text the product itself wrote, shown in the active language.

Some values are stored in Bahasa Indonesia by the product, not typed by users: the default
category names (sangat rendah … tinggi), the provisional scheme's name, the basis of a
potential (campuran, lainnya), the demo's source, the planning calculator's notes. They are
msgids of the message catalogue (marked with gettext_noop where they are written), so a
screen shows their English in English mode; anything a user typed has no entry and is
shown as typed. A few older notes carry both languages as "Indonesian / English": a screen
shows only the active language's side (the CLI's JSON keeps both).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext

BOTH = " / "


def shown(value: Any) -> str:
    """The value in the active language (see the module docstring)."""
    if value is None:
        return ""
    text = str(value)
    translated = gettext(text) if text else text
    if translated != text:
        return translated
    if BOTH in text:
        indonesian, english = text.split(BOTH, 1)
        return english if (get_language() or "id").startswith("en") else indonesian
    return text


def message(error: Any) -> str:
    """A bilingual error (`message_id`, `message_en`, as the CLI's JSON gives both) on a
    screen: only the active language's."""
    get = error.get if isinstance(error, dict) else lambda k: getattr(error, k, "")
    english = (get_language() or "id").startswith("en")
    return str((get("message_en") if english else get("message_id")) or get("message_id") or "")


def shown_all(values: Any) -> dict[str, str]:
    """{stored: shown} for a set of stored values, for scripts that draw them."""
    return {str(v): shown(v) for v in values if v}
