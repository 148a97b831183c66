"""The months that have participation data: all of them (month pickers, default months)
or the last n up to a month (a one-month page's window), without a whole-history scan."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from ucj.indicators.frame import month
from ucj.indicators.models import Participation


def distinct_periods(province: str | None = None, code: str | None = None) -> list[dt.date]:
    """Months with participation data, ascending (one query)."""
    qs = Participation.objects.all()
    if code:
        qs = qs.filter(region__code=code)
    elif province:
        qs = qs.filter(region__province_code=province)
    return sorted({month(p) for p in qs.values_list("period", flat=True).distinct()})


def periods_up_to(period: dt.date, n: int) -> list[dt.date]:
    """The last `n` months with participation data up to `period`, ascending.

    A loose index scan: `n` probes of `MAX(period) WHERE period < previous` on the
    (period, region) index, so a one-month page reads n index entries, not the whole
    history (issue 17). `SELECT DISTINCT period … ORDER BY period DESC LIMIT n` read
    every row up to the month on PostgreSQL (no skip scan), as slow as no bound at all.
    """
    table = connection.ops.quote_name(Participation._meta.db_table)
    sql = (
        f"WITH RECURSIVE w(p, k) AS ("
        f" SELECT (SELECT MAX(period) FROM {table} WHERE period <= %s), 1"
        f" UNION ALL"
        f" SELECT (SELECT MAX(period) FROM {table} WHERE period < w.p), k + 1"
        f" FROM w WHERE w.p IS NOT NULL AND k < %s"
        f") SELECT p FROM w WHERE p IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [period, n])
        found = [row[0] for row in cursor.fetchall()]
    # SQLite hands a date column's MAX() back as text.
    return sorted(month(p if isinstance(p, dt.date) else dt.date.fromisoformat(p)) for p in found)
