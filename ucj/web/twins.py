"""The smaller tables of each page (category counts, movers, stale regions, the
segment × program matrix, sources, trend) as Table objects, so that they too have
JSON and CSV twins built from the rows the page shows."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.web.tables import Column, Table

# What a map needs besides the league columns (the national kab/kota map reads them).
MAP_COLUMNS = [
    Column("category_colour", _("Warna")),
    Column("url", _("Tautan")),
]


def counts(filters: dict[str, Any], **by_level: list[dict[str, Any]]) -> Table:
    rows = [
        {"level": level, "category": c.get("label"), "colour": c.get("colour"), "count": c["count"]}
        for level, items in by_level.items()
        for c in items
    ]
    columns = [
        Column("level", _("Tingkat")),
        Column("category", _("Kategori")),
        Column("colour", _("Warna")),
        Column("count", _("Jumlah"), "int", True),
    ]
    return Table("categories", _("Wilayah per kategori"), columns, rows, filters)


def movers(
    filters: dict[str, Any], risers: list[dict[str, Any]], fallers: list[dict[str, Any]]
) -> Table:
    rows = [
        {**r, "direction": direction}
        for direction, items in (("up", risers), ("down", fallers))
        for r in items
    ]
    columns = [
        Column("direction", _("Arah")),
        Column("code", _("Kode")),
        Column("name", _("Wilayah")),
        Column("coverage_pct", _("Cakupan"), "pct", True),
        Column("change_pp", _("Perubahan"), "pp", True),
        Column("category", _("Kategori")),
    ]
    return Table("movers", _("Naik dan turun paling banyak"), columns, rows, filters)


def stale(filters: dict[str, Any], rows: list[dict[str, Any]]) -> Table:
    columns = [
        Column("code", _("Kode")),
        Column("name", _("Wilayah")),
        Column("last_period", _("Bulan terakhir dengan data"), "period"),
    ]
    return Table("stale", _("Data lama"), columns, rows, filters)


def matrix(filters: dict[str, Any], cells: dict[tuple[str, str], int]) -> Table:
    rows = [
        {"segment": seg, "program": prog or None, "active_participants": count}
        for (seg, prog), count in sorted(cells.items())
    ]
    columns = [
        Column("segment", _("Segmen")),
        Column("program", _("Program")),
        Column("active_participants", _("Peserta aktif"), "int", True),
    ]
    return Table("matrix", _("Peserta aktif menurut segmen × program"), columns, rows, filters)


def sources(filters: dict[str, Any], items: list[dict[str, Any]]) -> Table:
    columns = [
        Column("kind", _("Jenis")),
        Column("source", _("Sumber")),
        Column("url", _("Tautan")),
        Column("as_of", _("Data per"), "date"),
        Column("is_sample", _("Data contoh"), "bool"),
    ]
    return Table("sources", _("Sumber data"), columns, items, filters)


def trend(filters: dict[str, Any], points: list[dict[str, Any]]) -> Table:
    columns = [
        Column("period", _("Periode"), "period"),
        Column("coverage_pct", _("Cakupan"), "pct", True),
        Column("target_pct", _("Target"), "pct", True),
        Column("reported_pct", _("Dilaporkan"), "pct", True),
        Column("category", _("Kategori")),
        Column("is_sample", _("Data contoh"), "bool"),
    ]
    return Table("trend", _("Tren cakupan"), columns, points, filters)


def published_national(filters: dict[str, Any], rows: list[dict[str, Any]]) -> Table:
    columns = [
        Column("period", _("Periode"), "period"),
        Column("active_participants", _("Peserta aktif (dipublikasikan)"), "int", True),
        Column("potential_workers", _("Potensi (dipublikasikan)"), "int", True),
        Column("coverage_pct", _("Cakupan (dipublikasikan)"), "pct", True),
        Column("target_pct", _("Target"), "pct", True),
        Column("note", _("Catatan")),
        Column("source", _("Sumber")),
        Column("source_url", _("Tautan")),
        Column("as_of", _("Data per"), "date"),
        Column("computed_active_participants", _("Peserta aktif (hitungan kami)"), "int", True),
        Column("computed_coverage_pct", _("Cakupan (hitungan kami)"), "pct", True),
        Column("computed_is_sample", _("Hitungan kami dari data contoh"), "bool"),
    ]
    return Table("published", _("Angka nasional yang dipublikasikan"), columns, rows, filters)
