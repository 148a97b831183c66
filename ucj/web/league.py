"""The national kab/kota league table on screen: all 514 rows, filtered by province and
category, sorted by any column, one page at a time.

Everything is carried in the URL (`kk_prov`, `kk_cat`, `kk_sort`, `kk_dir`, `kk_page`),
so the table works without JavaScript, a filtered view can be bookmarked, and the
page's fragment cache (keyed on the full path) stays correct. The rows are the ones the
national page already computed; this module only selects and orders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ucj.web.tables import Column

PAGE_SIZE = 50
NO_CATEGORY = "-"  # the kk_cat value for regions without a category (no data)
SORTABLE = (
    "rank_national",
    "name",
    "province_name",
    "coverage_pct",
    "category",
    "target_pct",
    "gap_workers",
    "active_participants",
    "potential_workers",
)
TEXT_KEYS = {"name", "province_name", "category"}


def columns() -> list[Column]:
    return [
        Column("rank_national", _("Peringkat"), "rank", True),  # "4 dari 514"
        Column("name", _("Kabupaten/kota"), "region"),
        Column("province_name", _("Provinsi")),
        # Shows the headline: computed, else reported (labelled with source and date);
        # sorts by the computed % (issue 13).
        Column("coverage_pct", _("Cakupan"), "headline", True),
        Column("category", _("Kategori"), "category"),
        Column("target_pct", _("Target"), "pct", True),
        Column("gap_workers", _("Kesenjangan (pekerja)"), "int", True),
        Column("active_participants", _("Peserta aktif"), "int", True),
        Column("potential_workers", _("Potensi"), "int", True),
    ]


def headers(query: LeagueQuery) -> list[dict[str, Any]]:
    """Each column's header: a link that sorts by it (again: the other direction)."""
    out = []
    for column in columns():
        current = column.key == query.sort
        descending = (
            not query.descending if current else column.numeric and column.key != ("rank_national")
        )
        aria = ("descending" if query.descending else "ascending") if current else None
        out.append(
            {
                "column": column,
                "dir": "desc" if descending else "asc",
                "aria_sort": aria,
            }
        )
    return out


@dataclass(frozen=True)
class LeagueQuery:
    province: str = ""
    category: str = ""
    sort: str = "rank_national"
    descending: bool = False
    page: int = 1

    @classmethod
    def from_get(cls, get: QueryDict) -> LeagueQuery:
        """Unknown values fall back to the defaults (never a 500)."""
        sort = get.get("kk_sort", "")
        try:
            page = max(1, int(get.get("kk_page", "1")))
        except ValueError:
            page = 1
        return cls(
            province=get.get("kk_prov", "").strip()[:2],
            category=get.get("kk_cat", "").strip()[:60],
            sort=sort if sort in SORTABLE else "rank_national",
            descending=get.get("kk_dir") == "desc",
            page=page,
        )

    @property
    def filtered(self) -> bool:
        return bool(self.province or self.category)


def _sort_key(key: str) -> Any:
    def value(row: dict[str, Any]) -> tuple[Any, ...]:
        v = row.get(key)
        # Regions without a figure go last in either direction (see `select`).
        if v is None or v == "":
            return (1, "")
        return (0, str(v).casefold() if key in TEXT_KEYS else float(v))

    return value


def select(
    rows: list[dict[str, Any]], provinces: list[dict[str, Any]], query: LeagueQuery
) -> dict[str, Any]:
    """The rows of the current page and what the template needs around them."""
    names = {p["code"]: p["name"] for p in provinces}
    chosen = [
        {**r, "province_name": names.get(r["code"].split(".")[0], "")}
        for r in rows
        if (not query.province or r["code"].split(".")[0] == query.province)
        and (not query.category or (r.get("category") or NO_CATEGORY) == query.category)
    ]
    key = _sort_key(query.sort)
    present = [r for r in chosen if key(r)[0] == 0]
    absent = [r for r in chosen if key(r)[0] == 1]
    present.sort(key=key, reverse=query.descending)
    ordered = present + absent
    pages = max(1, -(-len(ordered) // PAGE_SIZE))
    page = min(query.page, pages)
    start = (page - 1) * PAGE_SIZE
    return {
        "all_rows": ordered,
        "rows": ordered[start : start + PAGE_SIZE],
        "total": len(ordered),
        "first": start + 1 if ordered else 0,
        "last": min(start + PAGE_SIZE, len(ordered)),
        "page": page,
        "pages": list(range(1, pages + 1)),
        "page_count": pages,
        "query": query,
        "columns": columns(),
        "headers": headers(query),
        "no_category": NO_CATEGORY,
        "provinces": sorted(
            ({"code": p["code"], "name": p["name"]} for p in provinces), key=lambda p: p["code"]
        ),
    }
