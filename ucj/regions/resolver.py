"""Turn what users write (a code, a name, an alias, a retired code) into one current region.

An ambiguous name is an error listing the candidates: we never guess which Jayapura.
The index is built once per process and reused, so an import of a million rows resolves
each distinct text once.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair
from ucj.regions import names
from ucj.regions.models import KABKOTA, Level, Region


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    level: str
    province_code: str


@dataclass(frozen=True)
class Resolution:
    code: str
    name: str
    level: str
    matched_by: str  # "code" | "name" | "alias" | "legacy"
    via: str | None = None  # the retired code when matched_by is "legacy"

    def as_dict(self) -> dict[str, str]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "matched_by": self.matched_by,
        }


class ResolutionError(Exception):
    def __init__(self, problem: Bilingual, candidates: list[Entry]):
        # As the joined msgids before: English alone on an English screen, else both.
        english = (get_language() or "id").startswith("en")
        message = problem.message_en if english else problem.joined()
        super().__init__(message)
        self.message_id, self.message_en = problem
        self.message = message
        self.candidates = candidates

    def as_dict(self) -> dict[str, object]:
        return {
            "error": self.message,
            "candidates": [{"code": c.code, "name": c.name} for c in self.candidates],
        }


@dataclass
class RegionIndex:
    by_code: dict[str, Entry] = field(default_factory=dict)
    retired: dict[str, list[str]] = field(default_factory=dict)
    by_exact: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_key: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_alias: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls) -> RegionIndex:
        index = cls()
        # Desa/kelurahan stay out: 84,000 names, many repeated across the country; a
        # desa is resolved inside its kab/kota (`villages.resolve_within`).
        masters = Region.objects.exclude(level=Level.VILLAGE)
        for code, name, level, prov, valid_to in masters.values_list(
            "code", "name", "level", "province_code", "valid_to"
        ):
            entry = Entry(code, name, level, prov)
            if valid_to is None:
                index.by_code[code] = entry
                if level != Level.DISTRICT:
                    index.by_exact[names.split_prefix(name)[1]].append(entry)
                    index.by_key[names.key(name)].append(entry)
            else:
                index.retired[code] = []
        for old, new in masters.filter(successions__isnull=False).values_list(
            "code", "successions__successor__code"
        ):
            index.retired.setdefault(old, []).append(new)
        for alias_key, code in Region.objects.filter(
            aliases__isnull=False, valid_to__isnull=True
        ).values_list("aliases__key", "code"):
            index.by_alias[alias_key].append(index.by_code[code])
        return index

    def resolve(
        self, text: str, province: str | None = None, levels: Iterable[str] | None = None
    ) -> Resolution:
        raw = (text or "").strip()
        if not raw:
            raise ResolutionError(pair(_("Wilayah kosong")), [])
        wanted = set(levels) if levels else None
        if names.looks_like_code(raw):
            return self._by_code(names.dotted_code(raw))
        hinted, exact = names.split_prefix(raw)
        k = names.key(raw)
        # Exact spelling first, then a listed alias, then the compact key (which forgives
        # spaces and punctuation: 'Pangkal Pinang' = 'Pangkalpinang').
        for matched_by, pool in (
            ("name", self.by_exact.get(exact, [])),
            ("alias", self.by_alias.get(k, [])),
            ("name", self.by_key.get(k, [])),
        ):
            found = [e for e in pool if self._fits(e, province, wanted, hinted)]
            if len(found) == 1:
                e = found[0]
                return Resolution(e.code, e.name, e.level, matched_by)
            if len(found) > 1:
                raise ResolutionError(
                    pair(_("Nama '%(text)s' cocok dengan beberapa wilayah"), text=raw),
                    sorted(found, key=lambda e: e.code),
                )
        raise ResolutionError(
            pair(_("Wilayah '%(text)s' tidak dikenal"), text=raw),
            self.nearest(raw, province, wanted),
        )

    def _by_code(self, code: str) -> Resolution:
        if code in self.by_code:
            e = self.by_code[code]
            return Resolution(e.code, e.name, e.level, "code")
        successors = self.retired.get(code)
        if successors and len(successors) == 1 and successors[0] in self.by_code:
            e = self.by_code[successors[0]]
            return Resolution(e.code, e.name, e.level, "legacy", via=code)
        if successors:
            raise ResolutionError(
                pair(_("Kode lama %(code)s dipecah menjadi beberapa wilayah"), code=code),
                [self.by_code[s] for s in successors if s in self.by_code],
            )
        raise ResolutionError(
            pair(_("Kode wilayah %(code)s tidak dikenal"), code=code),
            [e for c, e in self.by_code.items() if c.startswith(code[:5])][:5],
        )

    @staticmethod
    def _fits(e: Entry, province: str | None, wanted: set[str] | None, hinted: str | None) -> bool:
        if province and e.province_code != province:
            return False
        if wanted and e.level not in wanted:
            return False
        return not (hinted and e.level != hinted)

    def nearest(self, text: str, province: str | None, wanted: set[str] | None) -> list[Entry]:
        keys = [
            k
            for k, es in self.by_key.items()
            if any(self._fits(e, province, wanted, None) for e in es)
        ]
        close = difflib.get_close_matches(names.key(text), keys, n=5, cutoff=0.6)
        return [e for k in close for e in self.by_key[k] if self._fits(e, province, wanted, None)]


_index: RegionIndex | None = None


def index(refresh: bool = False) -> RegionIndex:
    """The process-wide index; `refresh` after the master changes (init, tests)."""
    global _index
    if _index is None or refresh:
        _index = RegionIndex.build()
    return _index


def resolve(
    text: str, province: str | None = None, levels: Iterable[str] | None = None
) -> Resolution:
    return index().resolve(text, province=province, levels=levels)


KABKOTA_LEVELS = tuple(str(level) for level in KABKOTA)
