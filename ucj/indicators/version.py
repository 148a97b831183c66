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

import secrets
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


def bump() -> None:
    """Add one to the version, in the caller's transaction (one statement, no race: the
    row is created on first use on both databases)."""
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, number, token, changed) VALUES (%s, 1, %s, %s) "
            f"ON CONFLICT (id) DO UPDATE SET number = {table}.number + 1, "
            "token = excluded.token, changed = excluded.changed",
            [ROW, secrets.token_hex(8), timezone.now()],
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


def _on_write(sender: Any, **kwargs: Any) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in WATCHED_APPS or sender is DataVersion:
        return
    if meta.apps is not global_apps:  # a migration's historical model: the table may not exist yet
        return
    bump()


def _on_changed(sender: Any, **kwargs: Any) -> None:
    bump()


def connect() -> None:
    """Wire the signals (IndicatorsConfig.ready)."""
    post_save.connect(_on_write, dispatch_uid="ucj-data-version-save")
    post_delete.connect(_on_write, dispatch_uid="ucj-data-version-delete")
    from ucj.regions.signals import data_changed

    data_changed.connect(_on_changed, dispatch_uid="ucj-data-version-changed")
