"""An XLSX file's zip directory checked before anything is unpacked (issue 14, item 6):
a zip bomb is refused from the sizes the zip declares, which are what the parser would
have to hold; `zipfile` refuses to unpack a member past its declared size, so the
declaration cannot lie."""

from __future__ import annotations

import zipfile
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from ucj.lib import budget
from ucj.lib.bilingual import Bilingual, pair

MAX_MEMBERS = 10_000  # a spreadsheet has a few dozen parts; thousands mean an attack


def _members(path: Path) -> list[zipfile.ZipInfo] | None:
    """The zip's directory, or None when the file is no zip."""
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def unpacked(path: Path) -> int:
    """Bytes the sheets and shared strings unpack to, as the zip declares them (0 when
    the file is no zip: `problem` has refused it by then)."""
    parts = ("xl/worksheets/", "xl/sharedStrings")
    return sum(i.file_size for i in _members(path) or [] if i.filename.startswith(parts))


def problem(path: Path) -> tuple[str, str] | None:
    """(Indonesian, English) reason to refuse the file unread, or None."""
    infos = _members(path)
    if infos is None:
        return pair(_("berkas XLSX rusak"))
    unpacked = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    top = budget.xlsx_unpacked_bytes()
    if len(infos) > MAX_MEMBERS or unpacked > top or ratio > budget.MAX_ZIP_RATIO:
        return pair(
            _(
                "berkas XLSX ditolak tanpa dibaca: isinya membengkak menjadi %(size)s MB "
                "(maks. %(top)s MB, %(setting)s) atau %(ratio)s× (maks. %(max_ratio)s×); zip bomb?"
            ),
            size=budget.mb_pair(unpacked),
            top=budget.mb_pair(top),
            setting="UCJ_IMPORT_XLSX_UNPACKED_MB",  # a value: the catalogue names no setting
            ratio=Bilingual(f"{ratio:.0f}", f"{ratio:,.0f}"),
            max_ratio=budget.MAX_ZIP_RATIO,
        )
    if not any(i.filename.startswith("xl/worksheets/") for i in infos):
        return pair(_("berkas XLSX tidak berisi lembar kerja"))
    return budget.memory_problem(unpacked, budget.XLSX_FACTOR, " XLSX")
