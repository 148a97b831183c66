"""Retired desa/kelurahan codes and names → the desa that carries them on.

The region master keeps a retired desa as a row with `valid_to` and a `RegionSuccession`
to its successor (Papua Barat Daya's 1,002 desa: 92.xx → 96.xx, UU 29/2022, Kepmendagri
300.2.2-2138/2025). A roster or campaign list written with the old code (or, where a desa
was renamed, its old name) is read as the successor with a row warning naming old → new
and the basis of the succession; a code split into several desa is a row error listing
them, since only the writer knows which one was meant. `villages.resolve_within` asks
this module before the current resolver.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair
from ucj.regions.models import Level, RegionSuccession


def retired_kabkota() -> dict[str, str]:
    """Retired kab/kota code → its one successor (92.01 → 96.01), so that a retired desa
    code loads the villages of the kab/kota that carries it on."""
    rows = RegionSuccession.objects.filter(
        predecessor__level__in=(Level.REGENCY, Level.CITY), predecessor__valid_to__isnull=False
    ).values_list("predecessor__code", "successor__code")
    out: dict[str, list[str]] = {}
    for old, new in rows:
        out.setdefault(old, []).append(new)
    return {old: new[0] for old, new in out.items() if len(new) == 1}


@dataclass(frozen=True)
class Succession:
    old_code: str
    old_name: str
    new_id: int
    new_code: str
    new_name: str
    event: str
    basis: str
    date: dt.date


def successions(provinces: set[str]) -> dict[str, list[Succession]]:
    """Retired desa code → the current desa carrying it on, for successors in these
    provinces (one query; 1,002 rows for all of Papua Barat Daya)."""
    rows = RegionSuccession.objects.filter(
        predecessor__level=Level.VILLAGE,
        successor__level=Level.VILLAGE,
        successor__valid_to__isnull=True,
        successor__province_code__in=provinces,
    ).values_list(
        "predecessor__code", "predecessor__name", "successor_id", "successor__code",
        "successor__name", "event", "legal_basis", "effective_date",
    )  # fmt: skip
    out: dict[str, list[Succession]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(Succession(*row))
    for found in out.values():
        found.sort(key=lambda s: s.new_code)
    return out


Judged = tuple[int | None, str | None, Bilingual | None, Bilingual | None]


def judge(
    code: str | None,
    key: str | None,
    area: str,
    retired: dict[str, list[Succession]],
    name_key: Callable[[str], str],
) -> Judged | None:
    """(successor id, successor code, error, warning) for a retired desa `code` (dotted)
    or name `key` inside `area`; None when it names no retired desa. A name the current
    master still gives its successor is no retired name (no warning)."""
    if code is not None:
        found = retired.get(code, [])
    elif key and len(area) >= 5:
        found = [
            s for group in retired.values() for s in group
            if name_key(s.old_name) == key and s.new_code.startswith(area + ".")
        ]  # fmt: skip
        if any(name_key(s.new_name) == key for s in found):
            return None
    else:
        return None
    if not found:
        return None
    old = found[0].old_code
    if len({s.new_code for s in found}) > 1:
        listed = "; ".join(f"{s.new_code} {s.new_name}" for s in found)
        problem = pair(
            _(
                "kode desa lama %(old)s dipecah menjadi beberapa desa/kelurahan (%(basis)s): "
                "%(listed)s; tulis kode desa yang dimaksud"
            ),
            old=old, basis=found[0].basis, listed=listed,
        )  # fmt: skip
        return None, None, problem, None
    s = found[0]
    if len(area) >= 5 and not s.new_code.startswith(area + "."):
        problem = pair(
            _("desa/kelurahan %(old)s kini %(new)s, di luar wilayah %(area)s"),
            old=old, new=s.new_code, area=area,
        )  # fmt: skip
        return None, None, problem, None
    warning = pair(
        _(
            "desa/kelurahan %(old)s (%(old_name)s) kini %(new)s (%(new_name)s): %(event)s; "
            "dasar %(basis)s, berlaku %(date)s"
        ),
        old=old, old_name=s.old_name, new=s.new_code, new_name=s.new_name, event=s.event,
        basis=s.basis, date=s.date.isoformat(),
    )  # fmt: skip
    return s.new_id, s.new_code, None, warning
