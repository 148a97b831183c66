"""Which months or years a batch's rows touch, sent with `data_changed` so the apps above
refresh only what a write touched (the stored coverage results: indicators/store.py).
Set-based: one `DISTINCT` or `MIN` over the rows, never a row loop."""

from __future__ import annotations

from typing import Any

from django.db.models import Min


def of(model: Any, rows: Any) -> dict[str, Any]:
    """`model`, plus `months` (a model with a month `period`) or `since_year` (a model
    by `year`); only `model` when its rows have neither (the receiver assumes all)."""
    fields = {f.name for f in model._meta.concrete_fields}
    out: dict[str, Any] = {"model": model}
    if "period" in fields:
        out["months"] = list(rows.order_by().values_list("period", flat=True).distinct())
    elif "year" in fields:
        year = rows.aggregate(first=Min("year"))["first"]
        if year is not None:
            out["since_year"] = year
        else:
            out["months"] = []
    return out
