"""The region switcher in the header: type a name, an alias or a code, land on the
region's page. The browser's own type-ahead (a datalist filled from `region_list`, one
small cached JSON) does the suggesting; `find` resolves what was submitted, so the form
also works without JavaScript."""

from __future__ import annotations

import re
from typing import Any

from django.urls import reverse

from ucj.regions import resolver
from ucj.regions.models import KABKOTA, Level, Region, RegionAlias

LEVELS = (Level.PROVINCE.value, *(str(level) for level in KABKOTA))
# What a picked suggestion reads like: "Kabupaten Sarolangun (15.03)".
PICKED = re.compile(r"\((\d{2}(?:\.\d{2})?)\)\s*$")


def page_url(code: str, level: str) -> str:
    view = "web:province" if level == Level.PROVINCE else "web:scorecard"
    return reverse(view, args=[code])


def region_list() -> list[dict[str, Any]]:
    """Every current province and kab/kota with its province's name and its aliases."""
    regions = list(
        Region.objects.current()
        .filter(level__in=LEVELS)
        .order_by("code")
        .values_list("code", "name", "level", "province_code")
    )
    provinces = {code: name for code, name, level, _p in regions if level == Level.PROVINCE}
    aliases: dict[str, list[str]] = {}
    for code, alias in RegionAlias.objects.filter(region__level__in=LEVELS).values_list(
        "region__code", "alias"
    ):
        aliases.setdefault(code, []).append(alias)
    return [
        {
            "code": code,
            "name": name,
            "province": "" if level == Level.PROVINCE else provinces.get(prov, ""),
            "aliases": aliases.get(code, []),
            "url": page_url(code, level),
        }
        for code, name, level, prov in regions
    ]


def find(text: str) -> tuple[str | None, list[dict[str, str]]]:
    """(the page to open, None) when the text names one region; else (None, candidates)."""
    text = (text or "").strip()[:120]
    if not text:
        return None, []
    picked = PICKED.search(text)
    try:
        found = resolver.resolve(picked.group(1) if picked else text, levels=LEVELS)
    except resolver.ResolutionError as exc:
        entries = [e for e in exc.candidates if e.level in LEVELS]
        return None, [
            {"code": e.code, "name": e.name, "url": page_url(e.code, e.level)} for e in entries
        ]
    if found.level not in LEVELS:
        return None, []
    return page_url(found.code, found.level), []
