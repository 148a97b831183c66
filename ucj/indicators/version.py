"""The data version: one counter, bumped inside every transaction that writes what the
pages and the API show; their caches are keyed on it.

Why a counter and not a stamp of the data: a stamp built from counts, maximum ids and
sums missed an in-place edit that kept them (an admin correcting a count), and cost a
`COUNT(*)` over the participation table on every page view. The counter is one row read
by primary key, shared by every worker and server because it lives in the database.

Bumped inside the writing transaction, so the new number and the new figures commit (or
roll back) together: a reader never sees the new number with the old figures. Who bumps:
- every ORM save or delete of a model of `indicators` or `regions` (admin, API, forms,
  services), through the signals connected in `connect()`;
- bulk writes that send no per-row signal, through `ucj.regions.signals.data_changed`
  (regions and intake sit below this app): the region master and boundaries, the
  import pipeline once per stored batch, undo; demo data calls `bump()`.

Each bump also draws a fresh random token: a counter rolled back (a failed import, a
restored backup) reaches the same number again later with other data, and the cache key
(`stamp()`) must not match what was cached under the number the first time.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps as global_apps
from django.db import connection, models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ROW = 1
VERSION_HEADER = "X-UCJ-Data-Version"  # on dashboard pages: the version their figures are of
WATCHED_APPS = frozenset({"indicators", "regions"})


class DataVersion(models.Model):
    """The one row (id 1): how many writes the shown data has seen, and when the last was."""

    number = models.BigIntegerField(default=0)
    token = models.CharField(max_length=16, default="")
    changed = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("versi data")

    def __str__(self) -> str:
        return f"v{self.number}"


# What a write touched, for the stored coverage results (results.py, store.py):
# ("all", None) every month; ("since", month) that month and later; ("months", [months])
# those months and the months whose window (rank change, pace) holds them; ("none", None)
# nothing coverage shows (boundaries, a registry list).
Scope = tuple[str, Any]
EVERYTHING: Scope = ("all", None)
NOTHING: Scope = ("none", None)
WINDOW = 12  # coverage.WINDOW_MONTHS: a month's objects read the 11 data months before it
MANY_MONTHS = 24  # more touched months than this: marked as "since the first"
# Called after every bump with `inline`: refresh.py refreshes the stored results now
# (an import, inside its transaction) or once the transaction commits.
after_bump: list[Callable[[bool], None]] = []


def months(periods: Iterable[dt.date]) -> Scope:
    found = sorted({p.replace(day=1) for p in periods})
    if not found:
        return NOTHING
    return ("since", found[0]) if len(found) > MANY_MONTHS else ("months", found)


def since(period: dt.date) -> Scope:
    return ("since", period.replace(day=1))


def bump(scope: Scope = EVERYTHING, inline: bool = False) -> None:
    """Add one to the version, in the caller's transaction (one statement, no race: the
    row is created on first use on both databases), and mark the stored coverage months
    the write touched stale in the same transaction."""
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, number, token, changed) VALUES (%s, 1, %s, %s) "
            f"ON CONFLICT (id) DO UPDATE SET number = {table}.number + 1, "
            "token = excluded.token, changed = excluded.changed RETURNING number",
            [ROW, secrets.token_hex(8), timezone.now()],
        )
        number = cursor.fetchone()[0]
        if scope[0] != "none":
            _mark(cursor, scope, number)
    if scope[0] != "none":
        for hook in after_bump:
            hook(inline)


def _mark(cursor: Any, scope: Scope, number: int) -> None:
    """Stale marks on the stored months (set-based; a touched month not yet stored is
    added, so the refresh computes it)."""
    from ucj.indicators.results import CoverageMonth

    table = connection.ops.quote_name(CoverageMonth._meta.db_table)
    mark = f"UPDATE {table} SET stale = %s, marked = %s"
    kind, value = scope
    if kind == "all":
        cursor.execute(mark, [True, number])
    elif kind == "since":
        cursor.execute(f"{mark} WHERE period >= %s", [True, number, value])
    else:
        cursor.executemany(
            f"INSERT INTO {table} (period, version, marked, stale, settings) "
            "VALUES (%s, 0, %s, %s, '') "
            "ON CONFLICT (period) DO UPDATE SET stale = excluded.stale, marked = excluded.marked",
            [[p, number, True] for p in value],
        )
        for p in value:  # the later months whose window holds it
            cursor.execute(
                f"{mark} WHERE period IN (SELECT period FROM {table} WHERE period > %s "
                f"ORDER BY period LIMIT {WINDOW - 1})",
                [True, number, p],
            )
    _mark_trend(cursor, scope, number)


BEGINNING = dt.date(1, 1, 1)  # "every month": a rescan from before any data


def _mark_trend(cursor: Any, scope: Scope, number: int) -> None:
    """Stale marks on the stored trend months (points.py): a month's point reads only
    that month, so no window; "since"/"all" also leave a rescan mark, because months
    with figures not stored yet (a bulk load of history) must be found by the refresh."""
    from ucj.indicators.results import TrendMonth

    table = connection.ops.quote_name(TrendMonth._meta.db_table)
    kind, value = scope
    touched = list(value) if kind == "months" else [BEGINNING if kind == "all" else value]
    if kind != "months":
        cursor.execute(
            f"UPDATE {table} SET stale = %s, marked = %s WHERE period >= %s",
            [True, number, touched[0]],
        )
    cursor.executemany(
        f"INSERT INTO {table} (period, version, marked, stale, rescan, settings) "
        "VALUES (%s, 0, %s, %s, %s, '') ON CONFLICT (period) DO UPDATE SET "
        "stale = excluded.stale, marked = excluded.marked, "
        f"rescan = {table}.rescan OR excluded.rescan",
        [[p, number, True, kind != "months"] for p in touched],
    )


def read() -> tuple[int, str]:
    """(number, token) of the current version; (0, '') before the first write."""
    row = DataVersion.objects.filter(pk=ROW).values_list("number", "token").first()
    return row if row is not None else (0, "")


def current() -> int:
    """The version number shown as "data version" (what a page's figures are as of)."""
    return read()[0]


def stamp() -> str:
    """The cache key part for the current data: one primary-key read."""
    number, token = read()
    return f"{number}-{token}"


def number_of(stamp_text: str) -> int:
    """The version number inside a stamp (what pages show)."""
    return int(stamp_text.split("-", 1)[0] or 0)


def update_scope(qs: Any, kwargs: dict[str, Any]) -> Scope:
    """What a queryset `update()` touches: its rows' months (and a new one), from its
    first year on, or everything."""
    fields = {f.name for f in qs.model._meta.concrete_fields}
    if "period" in fields:
        touched = [*qs.order_by().values_list("period", flat=True).distinct()]
        return months([*touched, *([kwargs["period"]] if "period" in kwargs else [])])
    if "year" in fields:
        years = [*qs.order_by().values_list("year", flat=True).distinct()]
        first = min([*years, *([kwargs["year"]] if "year" in kwargs else [])], default=None)
        return since(dt.date(first, 1, 1)) if first else NOTHING
    return EVERYTHING


class BumpingQuerySet(models.QuerySet[Any]):
    """`update()` sends no per-row signal: this one bumps the version (marking the months
    it touches) in the same transaction. Every model of this app uses it (the figures
    through FigureQuerySet, which does the same)."""

    def update(self, **kwargs: Any) -> int:
        scope = update_scope(self, kwargs)
        changed = super().update(**kwargs)
        if changed:
            bump(scope)
        return changed


def _on_write(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or sender is DataVersion:
        return
    if meta.apps is not global_apps:  # a migration's historical model: the table may not exist yet
        return
    if meta.model_name in UNWATCHED_MODELS:
        return
    bump(scope_of(kwargs.get("instance")))


UNWATCHED_MODELS = frozenset({"coveragemonth", "coverageobject", "trendmonth", "trendpoint"})


def scope_of(instance: Any) -> Scope:
    """What one saved or deleted row touches: its month, from its year, or everything
    (a category band, a region, a segment mapping)."""
    period = getattr(instance, "period", None)
    if isinstance(period, dt.date):
        return months([period])
    year = getattr(instance, "year", None)
    if isinstance(year, int):
        return since(dt.date(year, 1, 1))
    return EVERYTHING


def _on_changed(sender: Any, **kwargs: Any) -> None:
    """A bulk write (regions sends it for intake and itself): `model`, and `months` or
    `since_year` of the rows it wrote when it knows them (intake/span.py)."""
    model = kwargs.get("model")
    meta = getattr(model, "_meta", None)
    scope: Scope = EVERYTHING
    if meta is not None and meta.app_label not in WATCHED_APPS:
        scope = NOTHING  # a registry list, a monev finding: not in coverage
    elif "months" in kwargs:
        scope = months(kwargs["months"])
    elif kwargs.get("since_year"):
        scope = since(dt.date(int(kwargs["since_year"]), 1, 1))
    elif getattr(sender, "__name__", "") == "Boundary":
        scope = NOTHING  # shapes are not figures
    bump(scope, inline=bool(kwargs.get("inline")))


def connect() -> None:
    """Wire the signals (IndicatorsConfig.ready)."""
    post_save.connect(_on_write, dispatch_uid="ucj-data-version-save")
    post_delete.connect(_on_write, dispatch_uid="ucj-data-version-delete")
    from ucj.regions.signals import data_changed

    data_changed.connect(_on_changed, dispatch_uid="ucj-data-version-changed")
