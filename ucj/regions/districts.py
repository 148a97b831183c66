"""Kecamatan named inside a kab/kota: by code (15.03.01, 150301) or by name, as a desa is
resolved inside its kab/kota (`villages.resolve_within`). The resolver's national index
does not hold kecamatan names (7,285 of them, many repeated across the country), so a
kecamatan name is only ever looked for inside the kab/kota the row gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.regions import villages
from ucj.regions.models import Level, Region
from ucj.regions.villages import Found

DISTRICT_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})$")
_PREFIX = re.compile(r"^(kecamatan|kec)(\.\s*|\s+)")


def district_code(text: str) -> str | None:
    """'150301' or '15.03.01' → '15.03.01'; None when not a kecamatan code."""
    return villages.dotted_code(DISTRICT_CODE, text)


def name_key(text: str) -> str:
    """'Kecamatan Batang Asai' = 'BATANG ASAI' = 'batangasai'."""
    return villages.name_key(text, _PREFIX)


def resolve_within(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Found]:
    """Each (text, kab/kota code) → the current kecamatan the text names inside that
    kab/kota, or why not (both languages). One query for all the kab/kota involved."""
    pairs = set(pairs)
    kabkota = {area for _t, area in pairs if len(area) == 5}
    rows = list(
        Region.objects.current()
        .filter(level=Level.DISTRICT, province_code__in={c[:2] for c in kabkota})
        .values_list("id", "code", "name")
    )
    by_code = {code: pk for pk, code, _n in rows if code[:5] in kabkota}
    by_key: dict[tuple[str, str], list[tuple[int, str]]] = {}
    for pk, code, name in rows:
        by_key.setdefault((code[:5], name_key(name)), []).append((pk, code))
    return {(text, area): _one(text, area, by_code, by_key) for text, area in pairs}


def _one(
    text: str,
    area: str,
    by_code: dict[str, int],
    by_key: dict[tuple[str, str], list[tuple[int, str]]],
) -> Found:
    if len(area) != 5:
        return Found(
            None,
            None,
            *pair(
                _("kecamatan '%(text)s' perlu kab/kota di kolom wilayah (bukan %(area)s)"),
                text=text,
                area=area or pair(_("kosong")),
            ),
        )
    code = district_code(text)
    if code is not None:
        if code[:5] != area:
            return Found(
                None,
                None,
                *pair(_("kecamatan %(code)s di luar kab/kota %(area)s"), code=code, area=area),
            )
        if code not in by_code:
            return Found(
                None,
                None,
                *pair(_("kode kecamatan %(code)s tidak dikenal di %(area)s"), code=code, area=area),
            )
        return Found(by_code[code], code)
    found = by_key.get((area, name_key(text)), [])
    if len(found) == 1:
        return Found(found[0][0], found[0][1])
    if found:  # two kecamatan of one kab/kota with one name: the code decides
        listed = "; ".join(c for _p, c in found)
        return Found(
            None,
            None,
            *pair(
                _(
                    "nama kecamatan '%(text)s' ada lebih dari satu di %(area)s, tulis kodenya: "
                    "%(codes)s"
                ),
                text=text,
                area=area,
                codes=listed,
            ),
        )
    return Found(
        None,
        None,
        *pair(_("kecamatan '%(text)s' tidak dikenal di kab/kota %(area)s"), text=text, area=area),
    )
