"""No new literal bilingual pairs: a domain message names both languages through one
catalogue entry (`lib.bilingual.pair`), never as an Indonesian literal next to an English
one, which drift apart (issue 15, item 7).

An AST scan over the product's code (tests and migrations aside) finds
- two adjacent string literals (plain or f-strings) in a call, tuple or list, the first
  Indonesian and the second English: `Error("berkas kosong", "empty file")`;
- `message_en` given as a literal, as a keyword or a dict key;
- one literal "Indonesian / English" where an error is made: raised, passed to an
  error's constructor or `fail`/`error`, or the value of an "error"/"detail"/"reason" key.
Which side is which language is told by common words of each (a message names at least
one). What stays literal is listed in ALLOWED with the reason.
"""

from __future__ import annotations

import ast
import re
from itertools import pairwise
from pathlib import Path

import ucj

ROOT = Path(ucj.__file__).parent
# fmt: off
INDONESIAN = {
    "tidak", "bukan", "harus", "belum", "sudah", "ada", "dan", "atau", "yang", "untuk", "dari",
    "wajib", "dikenal", "isi", "pilih", "sebutkan", "berikan", "kosong", "salah", "terlalu",
    "dengan", "pada", "ini", "itu", "gagal", "berkas", "kolom", "baris", "wilayah", "tanggal",
    "lembar", "masih", "akun", "kata", "sandi", "periksa", "perlu", "tahun", "bulan",
    "jalankan", "atur", "dijalankan", "terkunci", "tersimpan", "ditemukan", "dibaca", "diisi",
    "lain", "lebih", "kurang", "boleh"
}
ENGLISH = {
    "the", "not", "is", "must", "no", "unknown", "cannot", "of", "file", "column", "row",
    "found", "give", "required", "failed", "missing", "use", "only", "could", "invalid",
    "empty", "wrong", "too", "refused", "does", "be", "are", "has", "have", "this", "for",
    "than", "more", "was", "write", "split", "already", "yet", "needs", "run", "set", "locked",
    "stored", "read", "filled", "other"
}
# fmt: on
ERROR_CALLS = re.compile(r"(Error|Exception|Problem|Refused|NotFound|Denied|Http404|fail|error)$")
ERROR_KEYS = {"error", "detail", "reason", "message", "message_id", "message_en"}

# (path under ucj/, the start of the Indonesian text) → why it stays a literal pair.
ALLOWED: dict[tuple[str, str], str] = {
    ("registry/rotation.py", "kunci lama sama dengan UCJ_NIK_KEY"): (
        "operator-only (`ucj nik rotate-key`) and names a setting: kept out of the "
        "screens' catalogue (web test_no_command_line_hints_on_screens)"
    ),
    ("ops/server.py", "Server produksi tidak dijalankan: atur"): (
        "operator-only (`ucj serve`), names the settings UCJ_SECRET_KEY / UCJ_NIK_KEY"
    ),
    ("ops/server.py", "Basis data belum diperbarui, jalankan `ucj init`"): (
        "operator-only (`ucj serve`), names the command `ucj init`"
    ),
    ("accounts/demo_guard.py", "Server produksi tidak dijalankan: akun"): (
        "operator-only (`ucj serve`), names the command `ucj manage changepassword`"
    ),
    ("accounts/demo_guard.py", "`ucj demo` tidak dijalankan"): (
        "operator-only (`ucj demo` on a production server), names UCJ_DEBUG"
    ),
    ("intake/management/commands/import_data.py", "BATCH harus angka"): (
        "command line only, names the command `ucj import undo BATCH`"
    ),
    ("cli.py", "Konfigurasi salah"): (
        "printed before Django is set up: the catalogue cannot be read yet"
    ),
    ("accounts/refusals.py", "di luar wilayah atau hak"): (
        "recorded text of an audit row (shown through web.language.shown), not a message"
    ),
    ("monev/dimensions.py", "*"): (
        "obstacle types: seed rows with name and name_en columns (data, not messages)"
    ),
    ("monev/exports.py", "*"): "column headers of a bilingual export file",
}


def _text(node: ast.AST) -> str | None:
    """A literal's text (an f-string's values as {}), or None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        left, right = _text(node.left), _text(node.right)
        if left is not None or right is not None:
            return (left or "{}") + (right if isinstance(node.op, ast.Add) and right else "")
    return None


def _language(text: str | None) -> str:
    if text is None:
        return ""
    # Words only: a web address ("read.id") or a dotted name says nothing of the language.
    words = set(re.findall(r"[a-z]+", re.sub(r"\S+\.\w\S*", " ", text.lower())))
    own, other = len(words & INDONESIAN), len(words & ENGLISH)
    return "id" if own > other else "en" if other > own else ""


def _joined(text: str | None) -> bool:
    """'Indonesian / English' in one literal."""
    if not text or " / " not in text:
        return False
    left, _sep, right = text.partition(" / ")
    return _language(left) == "id" and _language(right) == "en"


def _name(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")


def literal_pairs(path: Path, relative: str) -> list[tuple[int, str]]:
    """(line, Indonesian text) of each literal pair in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []

    def adjacent(nodes: list[ast.expr]) -> None:
        for first, second in pairwise(nodes):
            a, b = _text(first), _text(second)
            if _language(a) == "id" and _language(b) == "en":
                found.append((first.lineno, a or ""))

    def joined(node: ast.expr) -> None:
        if _joined(text := _text(node)):
            found.append((node.lineno, text or ""))

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            adjacent(node.args)
            for kw in node.keywords:
                if kw.arg == "message_en" and _text(kw.value) is not None:
                    found.append((node.lineno, _text(kw.value) or ""))
            if ERROR_CALLS.search(_name(node.func)):
                for arg in node.args:
                    joined(arg)
        elif isinstance(node, ast.Tuple | ast.List):
            adjacent(node.elts)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                name = _text(key) if key is not None else None
                if name == "message_en" and _text(value) is not None:
                    found.append((node.lineno, _text(value) or ""))
                elif name in ERROR_KEYS:
                    joined(value)
        elif isinstance(node, ast.Raise) and node.exc is not None:
            joined(node.exc)
    return sorted(
        (line, text)
        for line, text in set(found)
        if (relative, "*") not in ALLOWED
        and not any(p == relative and text.startswith(s) for p, s in ALLOWED)
    )


def scan(root: Path) -> list[str]:
    out = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if {"tests", "migrations"} & set(path.parts):
            continue
        out += [
            f"ucj/{relative}:{line}: {text[:70]!r}" for line, text in literal_pairs(path, relative)
        ]
    return out


def test_no_literal_bilingual_pairs_outside_the_allow_list():
    found = scan(ROOT)
    assert found == [], (
        "literal Indonesian/English pairs: give the message one msgid, "
        "pair(_('…%(value)s…'), value=…), and its English in ucj/locale/en (append to "
        "django.po), or list it in ALLOWED with the reason:\n" + "\n".join(found)
    )


def test_every_allowed_pair_still_exists():
    """An allow-list entry whose message went away is removed, not left to excuse a
    new one."""
    texts: dict[str, str] = {}
    for (relative, start), _reason in ALLOWED.items():
        if start == "*":
            assert (ROOT / relative).exists(), relative
            continue
        texts.setdefault(relative, (ROOT / relative).read_text(encoding="utf-8"))
        assert start in texts[relative], (relative, start)


def test_the_scan_finds_each_shape_of_pair(tmp_path):
    """A planted pair of every shape is found (the scan can fail)."""
    planted = tmp_path / "planted.py"
    planted.write_text(
        "def f(code, p):\n"
        "    raise ValueError(f'kode {code} tidak dikenal', f'unknown code {code}')\n"
        "def g():\n"
        "    return ('berkas kosong atau tidak ada', 'the file is empty or missing')\n"
        "def h(p):\n"
        "    return {'message_id': 'x', 'message_en': f'row {p} is wrong'}\n"
        "def i(code):\n"
        "    raise LookupError(f'Wilayah tidak dikenal / unknown region: {code}')\n"
        "def j(self, code):\n"
        "    self.fail({'error': 'Berikan berkas / give a file'})\n"
        "def k(code):\n"
        "    return Problem(code, message_en='a literal English side')\n",
        encoding="utf-8",
    )
    lines = [line for line, _text in literal_pairs(planted, "planted.py")]
    assert lines == [2, 4, 6, 8, 10, 12]
    # The catalogue way is not a pair; neither is code with two unrelated strings.
    planted.write_text(
        "from django.utils.translation import gettext_lazy as _\n"
        "from ucj.lib.bilingual import pair\n"
        "def f(code):\n"
        "    raise ValueError(*pair(_('kode %(code)s tidak dikenal'), code=code))\n"
        "def g(x):\n"
        "    return x.replace('tidak ada', 'kosong'), ('id', 'en'), ('Status', 'Target')\n",
        encoding="utf-8",
    )
    assert literal_pairs(planted, "planted.py") == []
