"""The kecamatan codes a NIK may start with, built once per process from the region master.

A NIK keeps the code of the kecamatan where it was first issued, so a NIK issued before a
pemekaran carries a code that is retired today. Three sets answer every NIK:
- current kecamatan codes;
- retired kecamatan codes with a known successor (the Papua Barat Daya renumbering, 92.xx.yy);
- retired kab/kota codes whose kecamatan are not in the master (the 2022 Papua regencies,
  91.xx): a NIK there is accepted as legacy, but its kecamatan cannot be verified.
Codes are kept without dots ("150301"), as they appear inside a NIK.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.regions.models import KABKOTA, Level, Region, RegionSuccession


@dataclass(frozen=True)
class Codebook:
    current_kecamatan: frozenset[str]
    legacy_kecamatan: dict[str, str]  # retired 6-digit code → successor code (dotted)
    legacy_kabkota_only: dict[str, str]  # retired 4-digit kab/kota → successor code (dotted)
    names: dict[str, str]  # 6-/4-/2-digit code → name (current and retired)

    @property
    def kecamatan(self) -> frozenset[str]:
        """Every 6-digit code a NIK may carry whose kecamatan is verifiable."""
        return self.current_kecamatan | frozenset(self.legacy_kecamatan)


class MasterNotLoaded(Exception):
    """The database has no region master yet (`ucj init` loads it)."""

    def __init__(self) -> None:
        super().__init__(
            pair(
                _("Master wilayah belum dimuat; jalankan %(command)s"),
                command="`ucj init`",  # a value: the catalogue names no command
            ).joined()
        )


_lock = threading.Lock()
_cached: Codebook | None = None


def _bare(code: str) -> str:
    return code.replace(".", "")


def build() -> Codebook:
    """Read the master in three queries; callers use `codebook()`, which caches this."""
    # The NIK's digits 1–6 name a kecamatan at most: desa/kelurahan are not read.
    rows = list(
        Region.objects.exclude(level=Level.VILLAGE).values_list("code", "name", "level", "valid_to")
    )
    names = {_bare(code): name for code, name, _l, _v in rows}
    current = frozenset(
        _bare(code)
        for code, _n, level, valid_to in rows
        if level == Level.DISTRICT and valid_to is None
    )
    succ: dict[str, str] = {}
    for old, new in RegionSuccession.objects.values_list("predecessor__code", "successor__code"):
        succ.setdefault(old, new)
    retired_kec = {
        _bare(code): succ.get(code, "")
        for code, _n, level, valid_to in rows
        if level == Level.DISTRICT and valid_to is not None
    }
    # A retired kab/kota is "kab/kota only" when the master knows none of its kecamatan.
    with_known_kec = {k[:4] for k in retired_kec}
    kab_only = {
        _bare(code): succ.get(code, "")
        for code, _n, level, valid_to in rows
        if level in KABKOTA and valid_to is not None and _bare(code) not in with_known_kec
    }
    return Codebook(current, retired_kec, kab_only, names)


def codebook() -> Codebook:
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                try:
                    built = build()
                except DatabaseError as exc:  # no tables yet
                    raise MasterNotLoaded() from exc
                # Every NIK would fail against an empty master: say so instead.
                if not built.current_kecamatan:
                    raise MasterNotLoaded()
                _cached = built
    return _cached


def reset() -> None:
    """Forget the cached codebook (after the region master is reloaded)."""
    global _cached
    _cached = None
