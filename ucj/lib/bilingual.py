"""Messages in both languages from one catalogue entry.

Bahasa Indonesia is the source language: the msgid *is* the Indonesian message, and
its English is the translation in `ucj/locale/en/LC_MESSAGES/django.po`. A domain error
that names both (`message_id`, `message_en`) is made here from one msgid, so the two
can never drift apart the way hand-written literal pairs did; adding a message means
adding its English to the .po (and `python -m ucj.manage compilemessages`).

    from django.utils.translation import gettext_lazy as _
    problem = pair(_("batch %(batch)s tidak ditemukan"), batch=7)
    problem.message_id, problem.message_en   # or: message_id, message_en = problem

Placeholders are gettext's `%(name)s` (the .po marks them python-format), filled after
translation so a value is never translated. Usable at import time as a constant only
as the lazy msgid; call `pair` when the message is needed.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.utils import translation
from django.utils.functional import Promise


class Bilingual(NamedTuple):
    message_id: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {"message_id": self.message_id, "message_en": self.message_en}

    def joined(self) -> str:
        """Both on one line, as CLI errors and flash messages show them."""
        return f"{self.message_id} / {self.message_en}"

    def shown(self) -> str:
        """The side of the active language, for a message set inside a page's text."""
        english = (translation.get_language() or "id").startswith("en")
        return self.message_en if english else self.message_id


def _in(language: str, msgid: str | Promise) -> str:
    with translation.override(language):
        return str(msgid) if isinstance(msgid, Promise) else translation.gettext(msgid)


def pair(msgid: str | Promise, **params: Any) -> Bilingual:
    """The Indonesian message and its English translation, with `params` filled in; a
    param that is itself a `Bilingual` fills each language with its own side."""
    indonesian, english = _in("id", msgid), _in("en", msgid)
    if params:
        indonesian %= {
            k: v.message_id if isinstance(v, Bilingual) else v for k, v in params.items()
        }
        english %= {k: v.message_en if isinstance(v, Bilingual) else v for k, v in params.items()}
    return Bilingual(indonesian, english)
