"""Load the shipped region master into the database: set-based and safe to repeat."""

from __future__ import annotations

import csv
import datetime as dt
from importlib import resources

from django.db import transaction

from ucj.regions import names
from ucj.regions.models import Level, Region, RegionAlias, RegionSuccession
from ucj.regions.signals import data_changed

DECREE = "Kepmendagri 300.2.2-2138/2025"


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("ucj.regions").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@transaction.atomic
def load_master() -> dict[str, int]:
    """Insert or update every region, alias and succession; return counts."""
    current = _rows("regions.csv")
    legacy = _rows("legacy.csv")
    wanted: dict[str, tuple[str, str, str | None, dt.date | None]] = {}
    for r in current:
        wanted[r["code"]] = (r["name"], r["level"], r["parent_code"] or None, None)
    for r in legacy:
        old_parent = r["old_code"].rsplit(".", 1)[0]
        wanted[r["old_code"]] = (
            r["old_name"],
            r["level"],
            old_parent,
            dt.date.fromisoformat(r["effective_date"]),
        )

    # Desa/kelurahan are `villages.ensure_villages`'s: not read (84,000 rows) nor touched.
    masters = Region.objects.exclude(level=Level.VILLAGE)
    existing = {r.code: r for r in masters}
    to_create, to_update = [], []
    for code, (name, level, _parent, valid_to) in wanted.items():
        row = existing.get(code)
        if row is None:
            to_create.append(
                Region(code=code, name=name, level=level, province_code=code[:2], valid_to=valid_to)
            )
        elif (row.name, row.level, row.valid_to) != (name, level, valid_to):
            row.name, row.level, row.valid_to = name, level, valid_to
            to_update.append(row)
    Region.objects.bulk_create(to_create, batch_size=2000)
    Region.objects.bulk_update(to_update, ["name", "level", "valid_to"], batch_size=2000)

    ids = dict(masters.values_list("code", "id"))
    parents = dict(masters.values_list("code", "parent_id"))
    relink = []
    for code, (_n, _l, parent_code, _v) in wanted.items():
        parent_id = ids.get(parent_code) if parent_code else None
        if parents.get(code) != parent_id:
            relink.append(Region(id=ids[code], parent_id=parent_id))
    Region.objects.bulk_update(relink, ["parent"], batch_size=2000)

    successions = [
        RegionSuccession(
            predecessor_id=ids[r["old_code"]],
            successor_id=ids[r["new_code"]],
            event=r["event"],
            legal_basis=r["legal_basis"],
            effective_date=dt.date.fromisoformat(r["effective_date"]),
        )
        for r in legacy
    ]
    RegionSuccession.objects.bulk_create(
        successions,
        update_conflicts=True,
        unique_fields=["predecessor", "successor"],
        update_fields=["event", "legal_basis", "effective_date"],
    )
    aliases = [
        RegionAlias(
            region_id=ids[a["code"]], alias=a["alias"], key=names.key(a["alias"]), basis=a["basis"]
        )
        for a in _rows("aliases.csv")
    ]
    RegionAlias.objects.bulk_create(
        aliases,
        update_conflicts=True,
        unique_fields=["key", "region"],
        update_fields=["alias", "basis"],
    )
    from ucj.regions import resolver

    resolver.index(refresh=True)
    data_changed.send(sender=Region)  # aliases and successions are upserted unseen
    return {
        "created": len(to_create),
        "updated": len(to_update) + len(relink),
        "regions": len(wanted),
    }
