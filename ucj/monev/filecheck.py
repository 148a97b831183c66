"""Checks every evidence file passes before it is stored: its type read from its content
(not its name), its size, no active content, and the site's virus scanner.

A refusal is a `ValidationError` whose message names the file, in Bahasa Indonesia and
English. Nothing here writes anything.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import tempfile
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair

# type → (content type, extensions that may carry it)
TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "png": ("image/png", (".png",)),
    "jpeg": ("image/jpeg", (".jpg", ".jpeg")),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
}

# Names in a PDF that run something when the file is opened or clicked.
PDF_ACTIVE = (b"/JavaScript", b"/JS", b"/OpenAction", b"/Launch", b"/AA", b"/EmbeddedFile")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n(.*?)\r?\n?endstream", re.S)
_EXTERNAL = re.compile(rb'TargetMode\s*=\s*"External"', re.I)


@dataclass
class Checked:
    type: str
    content_type: str
    size: int


def _refuse(name: str, message_id: str, message_en: str) -> ValidationError:
    problem = Bilingual(message_id, message_en)
    return ValidationError(
        pair(_("Berkas '%(file)s': %(problem)s"), file=name, problem=problem).joined()
    )


def sniff(path: Path) -> str | None:
    """The file's type from its first bytes (and, for a ZIP, its parts)."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return "docx"
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return "xlsx"
    return None


def _pdf_names(data: bytes) -> Iterable[bytes]:
    """The PDF's bytes and each of its streams inflated (object streams can hide names),
    with '#4A'-style escapes in names decoded."""
    yield data
    for match in _PDF_STREAM.finditer(data):
        try:
            # A decompressor object tolerates bytes after the end of the compressed data.
            yield zlib.decompressobj().decompress(match.group(1), 50 * 1024 * 1024)
        except zlib.error:
            continue


def _pdf_active(path: Path) -> str | None:
    for chunk in _pdf_names(path.read_bytes()):
        plain = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), chunk)
        for name in PDF_ACTIVE:
            # '/JS' must not match '/JSON...': the next byte ends the name.
            if re.search(re.escape(name) + rb"(?=[\s/<>\[\]()]|$)", plain):
                return name.decode()[1:]
    return None


def _office_active(path: Path) -> str | None:
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            lower = info.filename.lower()
            if "vbaproject" in lower or lower.endswith(".bin") or "activex" in lower:
                return "makro/ActiveX (macro)"
            if lower == "[content_types].xml" and b"macroEnabled" in zf.read(info):
                return "makro (macro)"
            if lower.endswith(".rels") and _EXTERNAL.search(zf.read(info)):
                return "tautan eksternal (external link)"
            if "externallink" in lower:
                return "tautan eksternal (external link)"
    return None


def _scan(path: Path, name: str) -> None:
    command = settings.UCJ_SCAN_COMMAND
    if not command:
        return
    args = shlex.split(command)
    if "{path}" in command:
        args = [a.replace("{path}", str(path)) for a in args]
    else:
        args.append(str(path))
    try:
        done = subprocess.run(args, capture_output=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise _refuse(
            name,
            *pair(_("pemindai virus tidak dapat dijalankan (%(error)s)"), error=type(exc).__name__),
        ) from exc
    if done.returncode != 0:
        raise _refuse(
            name,
            *pair(_("ditolak oleh pemindai virus (kode %(code)s)"), code=done.returncode),
        )


def check_file(path: Path, name: str, allowed: Iterable[str]) -> Checked:
    """Check a stored temporary file; return its type or raise ValidationError."""
    allowed = tuple(allowed)
    size = path.stat().st_size
    limit = settings.UCJ_EVIDENCE_MAX_MB
    if size > limit * 1024 * 1024:
        raise _refuse(name, *pair(_("lebih besar dari %(limit)s MB"), limit=limit))
    if size == 0:
        raise _refuse(name, *pair(_("kosong")))
    kind = sniff(path)
    wanted = ", ".join(e for t in allowed for e in TYPES[t][1])
    if kind is None or kind not in allowed:
        raise _refuse(
            name,
            *pair(_("isinya bukan jenis yang diterima (%(wanted)s)"), wanted=wanted),
        )
    if Path(name).suffix.lower() not in TYPES[kind][1]:
        raise _refuse(
            name,
            *pair(_("nama berakhiran lain dari isinya (%(kind)s)"), kind=kind),
        )
    active = (
        _pdf_active(path) if kind == "pdf" else _office_active(path)
        if kind in ("docx", "xlsx") else None
    )  # fmt: skip
    if active:
        raise _refuse(
            name,
            *pair(_("berisi konten aktif (%(active)s); simpan ulang tanpa itu"), active=active),
        )
    _scan(path, name)
    return Checked(kind, TYPES[kind][0], size)


def check_upload(upload: object, allowed: Iterable[str]) -> tuple[Path, Checked]:
    """Spool a Django upload (or any object with `chunks()` and `name`) to a temporary
    file and check it. The caller deletes the returned path."""
    name = str(getattr(upload, "name", "") or "berkas")
    tmp = tempfile.NamedTemporaryFile(delete=False, suffix=Path(name).suffix.lower()[:10])  # noqa: SIM115
    with tmp:
        for chunk in upload.chunks():  # type: ignore[attr-defined]
            tmp.write(chunk)
    path = Path(tmp.name)
    try:
        return path, check_file(path, name, allowed)
    except ValidationError:
        path.unlink(missing_ok=True)
        raise
