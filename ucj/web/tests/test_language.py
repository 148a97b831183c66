"""One language per screen: every string the code marks for translation has its English in
the catalogue; stored product text and bilingual errors are shown in the active language
only; the walk's language check (catalogue.py) tells the two languages apart."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.utils.translation import override
from django.utils.translation.template import templatize

from ucj.web.language import message, shown
from ucj.web.tests.catalogue import languages
from ucj.web.tests.catalogue import translations as catalogue

ROOT = Path(__file__).resolve().parents[2]
GETTEXT = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
LITERAL = r"u?'(?:[^'\\]|\\.)*'"
TEMPLATE_CALL = re.compile(rf"\b(?:n|p|np)?gettext\({LITERAL}(?:\s*,\s*(?:{LITERAL}|[\w.]+))*\)")


def _calls(source: str) -> list[str]:
    """The msgids of gettext calls with a literal first argument (msgctxt\\x04msgid)."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        args = [a.value if isinstance(a, ast.Constant) else None for a in node.args[:2]]
        if name in GETTEXT and isinstance(args[0], str):
            out.append(args[0])
        elif name in CONTEXT and len(args) == 2 and all(isinstance(a, str) for a in args):
            out.append(f"{args[0]}\x04{args[1]}")
    return out


def marked_strings() -> dict[str, str]:
    """msgid → where it is marked, over the product's Python files and templates (what
    makemessages would collect)."""
    found: dict[str, str] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations"} & set(path.parts):
            continue
        for msgid in _calls(path.read_text(encoding="utf-8")):
            found.setdefault(msgid, str(path.relative_to(ROOT)))
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        if "tests" in path.parts:
            continue
        code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
        # The rest of templatize's output is X/B/F filler for xgettext; only the calls parse.
        for call in TEMPLATE_CALL.finditer(code):
            for msgid in _calls(call.group(0)):
                found.setdefault(msgid, str(path.relative_to(ROOT)))
    return found


def test_every_marked_string_has_its_english():
    english = catalogue()
    found = marked_strings()
    assert len(found) > 400  # the scan reads the templates and the code
    missing = sorted(
        f"{where}: {msgid!r}" for msgid, where in found.items() if not english.get(msgid)
    )
    assert missing == [], "no English in ucj/locale/en (append to django.po):\n" + "\n".join(
        missing
    )


def test_no_command_line_hints_on_screens():
    """Officers and the public read screens: no `ucj …` command, setting name or
    development file in any string the screens translate."""
    hint = re.compile(r"\bucj [a-z]|\bUCJ_[A-Z]|FACTS\.md|\bmanage\.py\b")
    found = marked_strings()
    assert [m for m in found if hint.search(m)] == []


def test_stored_text_and_errors_in_the_active_language():
    with override("en"):
        assert shown("sangat rendah") == "very low"
        assert shown("Skema sementara UCJ Monev") == "UCJ Monev provisional scheme"
        assert shown("Kategori saya") == "Kategori saya"  # typed by a user: as typed
        assert shown("Penghasilan tidak diisi / no income given") == "no income given"
        assert message({"message_id": "baris kosong", "message_en": "empty row"}) == "empty row"
    with override("id"):
        assert shown("sangat rendah") == "sangat rendah"
        assert shown("Penghasilan tidak diisi / no income given") == "Penghasilan tidak diisi"
        assert message({"message_id": "baris kosong", "message_en": "empty row"}) == "baris kosong"


def test_the_walk_tells_the_languages_apart():
    english, indonesian = languages()["en"], languages()["id"]
    assert english.foreign("sangat rendah*") == "sangat rendah"
    assert english.foreign("45,3% — sangat rendah") == "sangat rendah"
    assert english.foreign("Regional law (Perda)") is None  # English quoting a term
    assert english.foreign("funding source: APBD (regional budget)") is None
    assert english.foreign("Kabupaten Sarolangun") is None  # a name
    assert english.foreign("very low") is None
    assert indonesian.foreign("Log out") == "Log out"
    assert indonesian.foreign("Keluar") is None
    assert indonesian.foreign("Status") is None  # the same word in both languages
