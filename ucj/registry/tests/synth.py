"""Real-looking synthetic NIKs and small roster / membership files for the tests."""

from __future__ import annotations

import csv
from pathlib import Path


def make_nik(kec: str, day: int, month: int, yy: int, serial: int, woman: bool = False) -> str:
    """kec like '197101'; the day gets 40 added for a woman."""
    return f"{kec}{day + (40 if woman else 0):02d}{month:02d}{yy:02d}{serial:04d}"


def write_csv(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# Kota Pangkal Pinang (19.71): kecamatan Bukit Intan 19.71.01 and Taman Sari 19.71.02.
PANGKAL_NON_ASN = [
    make_nik("197101", 12, 3, 85, 1),
    make_nik("197101", 23, 7, 90, 2, woman=True),
    make_nik("197102", 5, 11, 79, 3),
    make_nik("197102", 30, 1, 95, 4, woman=True),
]


def _texts(path: Path) -> list[bytes]:
    """A file's bytes, and for XLSX (a zip) the bytes of every member."""
    import zipfile

    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return [archive.read(name) for name in archive.namelist()]
    return [path.read_bytes()]


def assert_no_raw_nik(where: Path, niks: list[str]) -> None:
    """No file under `where` (or `where` itself) holds any of the raw NIKs."""
    paths = [where] if where.is_file() else [p for p in where.rglob("*") if p.is_file()]
    assert paths, f"nothing to search under {where}"
    for path in paths:
        for blob in _texts(path):
            for raw in niks:
                assert raw.encode() not in blob, f"raw NIK found in {path.name}"
