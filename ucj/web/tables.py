"""Tables shown on pages, and their JSON and CSV twins built from the same rows.

A page builds its tables once (one query path); `?format=json` or `?format=csv`
(with `&table=NAME` when a page has several) returns the same rows as data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from ucj.lib import sheets
from ucj.lib.bilingual import pair

FORMATS = ("json", "csv")


@dataclass(frozen=True)
class Column:
    key: str
    label: Any
    kind: str = "text"  # text, int, pct, pp, rank_change, category, period, date, region,
    # headline (the % with its "reported" label), rank ("4 dari 11"), reporting ("9/11")
    numeric: bool = False
    screen: bool = True  # False: only in the JSON/CSV twin (raw values a screen cell shows)


@dataclass
class Table:
    name: str
    title: Any
    columns: list[Column]
    rows: list[dict[str, Any]]
    filters: dict[str, Any] = field(default_factory=dict)
    empty: Any = ""

    def data(self) -> dict[str, Any]:
        keys = [c.key for c in self.columns]
        return {
            "table": self.name,
            "filters": self.filters,
            "columns": [{"key": c.key, "label": str(c.label)} for c in self.columns],
            "rows": [{k: _plain(row.get(k)) for k in keys} for row in self.rows],
        }


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def wanted_format(request: HttpRequest) -> str | None:
    fmt = request.GET.get("format", "")
    return fmt if fmt in FORMATS else None


def twin(request: HttpRequest, tables: list[Table], filename: str) -> HttpResponse | None:
    """The JSON/CSV twin of one of the page's tables, or None to render the page."""
    fmt = wanted_format(request)
    if fmt is None or not tables:
        return None
    name = request.GET.get("table") or tables[0].name
    table = next((t for t in tables if t.name == name), None)
    if table is None:
        return JsonResponse(
            {
                "error": pair(_("tabel tidak dikenal: %(name)s"), name=name).joined(),
                "tables": [t.name for t in tables],
            },
            status=404,
        )
    data = table.data()
    if fmt == "json":
        return JsonResponse(
            data, encoder=DjangoJSONEncoder, json_dumps_params={"ensure_ascii": False}
        )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{table.name}.csv"'
    sheets.write_csv(
        response, [c["key"] for c in data["columns"]], (r.values() for r in data["rows"])
    )
    return response
