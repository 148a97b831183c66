"""Desa/kelurahan in the region master, loaded on demand (set-based, safe to repeat).

About 84,000 villages would slow every fresh database (each test database included), so
`load_master` leaves them out; `ensure_villages` loads those of the kab/kota asked for (or
all), from the shipped `data/villages.csv.gz` (idn-area-data 4.0.1, Kepmendagri
300.2.2-2138/2025). The 2022 codes of Papua Barat Daya's desa (92.xx) stay as retired rows
with a succession to their 96.xx code, as for kab/kota and kecamatan.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.regions.models import Level, Region, RegionSuccession
from ucj.regions.retired_villages import Succession, judge, retired_kabkota, successions
from ucj.regions.signals import data_changed

Progress = Callable[[int, int], None]
BATCH = 5000


def _gz_rows(name: str) -> list[dict[str, str]]:
    raw = resources.files("ucj.regions").joinpath("data", name).read_bytes()
    return list(csv.DictReader(io.StringIO(gzip.decompress(raw).decode("utf-8"))))


def shipped(kabkota_codes: Iterable[str] | None = None) -> list[dict[str, str]]:
    """The shipped current villages, of the given kab/kota (PP.KK) or all."""
    rows = _gz_rows("villages.csv.gz")
    if kabkota_codes is None:
        return rows
    wanted = set(kabkota_codes)
    return [r for r in rows if r["code"][:5] in wanted]


def _legacy(kabkota_codes: set[str] | None) -> list[dict[str, str]]:
    rows = _gz_rows("villages_legacy.csv.gz")
    if kabkota_codes is None:
        return rows
    # A retired desa belongs to the load of its successor's kab/kota.
    return [r for r in rows if r["new_code"][:5] in kabkota_codes]


def _normalise(codes: Iterable[str]) -> set[str]:
    from ucj.regions import names

    out = set()
    for code in codes:
        dotted = names.dotted_code(code.strip())
        if len(dotted) != 5:
            raise ValueError(
                pair(_("Bukan kode kab/kota: %(code)s (PP.KK, mis. 18.02)"), code=code).joined()
            )
        out.add(dotted)
    unknown = out - set(
        Region.objects.filter(code__in=out, level__in=("regency", "city")).values_list(
            "code", flat=True
        )
    )
    if unknown:
        codes = ", ".join(sorted(unknown))
        raise ValueError(pair(_("Kode kab/kota tidak dikenal: %(codes)s"), codes=codes).joined())
    return out


def ensure_villages(
    kabkota_codes: list[str] | None = None, progress: Progress | None = None
) -> int:
    """Make sure the villages of these kab/kota (None = all) are in the master.

    Returns the number of village rows created (0 when they were all there already).
    Names changed in the shipped file are updated; nothing is deleted. One transaction.
    """
    wanted = None if kabkota_codes is None else _normalise(kabkota_codes)
    current = shipped(wanted)
    legacy = _legacy(wanted)
    created = 0
    with transaction.atomic():
        created += _upsert(
            [(r["code"], r["name"], r["parent_code"], None) for r in current], progress
        )
        if legacy:
            created += _upsert_legacy(legacy)
        if created:
            data_changed.send(sender=Region)
    return created


def _upsert(
    rows: list[tuple[str, str, str, dt.date | None]], progress: Progress | None = None
) -> int:
    """Create missing villages, rename changed ones; parents looked up in one query."""
    if not rows:
        return 0
    prefixes = {code[:5] for code, *_ in rows}
    existing: dict[str, tuple[int, str]] = {}
    parent_ids: dict[str, int] = {}
    # Per kab/kota prefix keeps each query on the (level, province_code) index small
    # enough for SQLite's parameter limit and does not read all 84,000 when asked for one.
    for chunk_list in _chunks(sorted(prefixes), 200):
        chunk = set(chunk_list)
        for code, pk, name, level in Region.objects.filter(
            province_code__in={p[:2] for p in chunk},
            level__in=(Level.DISTRICT, Level.VILLAGE),
        ).values_list("code", "id", "name", "level"):
            if code[:5] not in chunk:
                continue
            if level == Level.VILLAGE:
                existing[code] = (pk, name)
            else:
                parent_ids[code] = pk
    to_create, to_rename = [], []
    for code, name, parent_code, valid_to in rows:
        have = existing.get(code)
        if have is None:
            to_create.append(
                Region(
                    code=code,
                    name=name,
                    level=Level.VILLAGE,
                    parent_id=parent_ids[parent_code],
                    province_code=code[:2],
                    valid_to=valid_to,
                )
            )
        elif have[1] != name:
            to_rename.append(Region(id=have[0], name=name))
    total = len(to_create)
    for i, batch in enumerate(_chunks(to_create, BATCH)):
        Region.objects.bulk_create(batch)
        if progress:
            progress(min((i + 1) * BATCH, total), total)
    Region.objects.bulk_update(to_rename, ["name"], batch_size=BATCH)
    return total


def _upsert_legacy(rows: list[dict[str, str]]) -> int:
    from ucj.regions.loader import _rows

    # The kecamatan's event, basis and date carry over to its desa.
    events = {
        r["old_code"]: (r["event"], r["legal_basis"], dt.date.fromisoformat(r["effective_date"]))
        for r in _rows("legacy.csv")
        if r["level"] == Level.DISTRICT
    }
    created = _upsert(
        [
            (r["old_code"], r["old_name"], r["old_parent_code"], events[r["old_parent_code"]][2])
            for r in rows
        ]
    )
    codes = {r["old_code"] for r in rows} | {r["new_code"] for r in rows}
    ids = dict(Region.objects.filter(code__in=codes).values_list("code", "id"))
    RegionSuccession.objects.bulk_create(
        [
            RegionSuccession(
                predecessor_id=ids[r["old_code"]],
                successor_id=ids[r["new_code"]],
                event=events[r["old_parent_code"]][0],
                legal_basis=events[r["old_parent_code"]][1],
                effective_date=events[r["old_parent_code"]][2],
            )
            for r in rows
        ],
        update_conflicts=True,
        unique_fields=["predecessor", "successor"],
        update_fields=["event", "legal_basis", "effective_date"],
        batch_size=BATCH,
    )
    return created


def _chunks(items: list, size: int) -> Iterable[list]:  # type: ignore[type-arg]
    for i in range(0, len(items), size):
        yield items[i : i + size]


def loaded_counts() -> dict[str, int]:
    """Villages in the database: current, retired."""
    qs = Region.objects.filter(level=Level.VILLAGE)
    return {
        "current": qs.filter(valid_to__isnull=True).count(),
        "retired": qs.filter(valid_to__isnull=False).count(),
    }


VILLAGE_CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")
_PREFIX = re.compile(r"^(desa|kelurahan|kel|ds)(\.\s*|\s+)")


def dotted_code(pattern: re.Pattern[str], text: str) -> str | None:
    """The code `pattern` reads in `text`, with its dots ('150301' → '15.03.01'), or None."""
    match = pattern.match(text.strip())
    return ".".join(match.groups()) if match else None


def village_code(text: str) -> str | None:
    """'1503012019' or '15.03.01.2019' → '15.03.01.2019'; None when not a village code."""
    return dotted_code(VILLAGE_CODE, text)


def name_key(text: str, prefix: re.Pattern[str] = _PREFIX) -> str:
    """'Desa Kasiro' = 'KASIRO' = 'kasiro'; prefix (desa/kelurahan, or the one given),
    spaces and punctuation dropped."""
    value = prefix.sub("", re.sub(r"\s+", " ", text.strip().lower()))
    return re.sub(r"[^a-z0-9]", "", value)


@dataclass(frozen=True)
class Found:
    """A desa text resolved inside a region: region_id, or why not (both languages)."""

    region_id: int | None
    code: str | None = None
    error_id: str | None = None
    error_en: str | None = None
    # A retired code or name mapped to its successor: old → new and the basis.
    warning_id: str | None = None
    warning_en: str | None = None


def resolve_within(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Found]:
    """Each (text, area code) → the current desa/kelurahan the text names inside that area
    (a kab/kota or kecamatan; a province takes codes only). The villages of the kab/kota
    involved are loaded first (`ensure_villages`), so a roster may name any desa. Reads
    the villages of those kab/kota once, whatever the number of pairs."""
    pairs = set(pairs)
    kabkota = {area[:5] for _t, area in pairs if len(area) >= 5}
    renamed = retired_kabkota()
    for _t, area in pairs:
        code = village_code(_t)
        if code and len(area) == 2:
            kabkota.add(code[:5])
        if code and code[:5] in renamed:  # a retired desa code: its successor's kab/kota
            kabkota.add(renamed[code[:5]])
    known = set(
        Region.objects.filter(code__in=kabkota, level__in=("regency", "city")).values_list(
            "code", flat=True
        )
    )
    if known:
        ensure_villages(sorted(known))
    rows = list(
        Region.objects.current()
        .filter(level=Level.VILLAGE, province_code__in={c[:2] for c in known})
        .values_list("id", "code", "name")
    )
    by_code = {code: (pk, name) for pk, code, name in rows}
    by_key: dict[str, list[tuple[int, str, str]]] = {}
    for pk, code, name in rows:
        by_key.setdefault(name_key(name), []).append((pk, code, name))
    retired = successions({c[:2] for c in known})
    return {
        (text, area): _retired(text, area, retired) or _one(text, area, by_code, by_key)
        for text, area in pairs
    }


def _retired(text: str, area: str, retired: dict[str, list[Succession]]) -> Found | None:
    """A retired desa code or name → its successor (`retired_villages.judge`); None when
    the text names no retired desa (the current resolver answers)."""
    code = village_code(text)
    judged = judge(code, None if code else name_key(text), area, retired, name_key)
    if judged is None:
        return None
    region_id, new_code, problem, warning = judged
    if problem is not None:
        return Found(None, None, problem.message_id, problem.message_en)
    assert warning is not None
    return Found(region_id, new_code, warning_id=warning.message_id, warning_en=warning.message_en)


def _one(
    text: str,
    area: str,
    by_code: dict[str, tuple[int, str]],
    by_key: dict[str, list[tuple[int, str, str]]],
) -> Found:
    code = village_code(text)
    if code is not None:
        if not code.startswith(area + "."):
            return Found(
                None,
                None,
                *pair(_("desa/kelurahan %(code)s di luar wilayah %(area)s"), code=code, area=area),
            )
        if code not in by_code:
            return Found(
                None,
                None,
                *pair(_("kode desa/kelurahan %(code)s tidak dikenal"), code=code),
            )
        return Found(by_code[code][0], code)
    if len(area) < 5:
        return Found(
            None,
            None,
            *pair(
                _("tulis kode desa (10 angka) atau isi domisili kab/kota untuk nama '%(text)s'"),
                text=text,
            ),
        )
    found = [e for e in by_key.get(name_key(text), []) if e[1].startswith(area + ".")]
    if len(found) == 1:
        return Found(found[0][0], found[0][1])
    if found:
        listed = "; ".join(f"{c} {n}" for _p, c, n in found[:5])
        return Found(
            None,
            None,
            *pair(
                _(
                    "nama desa '%(text)s' ada lebih dari satu di %(area)s, "
                    "tulis kodenya: %(listed)s"
                ),
                text=text,
                area=area,
                listed=listed,
            ),
        )
    return Found(
        None,
        None,
        *pair(
            _("desa/kelurahan '%(text)s' tidak dikenal di wilayah %(area)s"), text=text, area=area
        ),
    )
