"""Stored coverage results: every region's coverage object per month, computed on write.

Pages, the API and the CLI read these rows instead of running the engine (issue 17):
every worker and every server reads the same rows, because they live in the database.
`store.py` fills and refreshes them; `version.bump()` marks the months a write touches.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CoverageMonth(models.Model):
    """A month whose objects are stored. `stale`: a write touched it since they were
    computed; `marked`: the data version of that write (a refresh computed from an older
    snapshot does not clear a newer mark); `version`: the data version they are of."""

    period = models.DateField(unique=True)
    version = models.BigIntegerField(default=0)
    marked = models.BigIntegerField(default=0)
    stale = models.BooleanField(default=True)
    # The engine settings they were computed under (store.engine_settings): a server
    # restarted with another completeness or tolerance setting recomputes on read.
    settings = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = _("bulan hasil cakupan")

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} v{self.version}{' stale' if self.stale else ''}"


class CoverageObject(models.Model):
    """One region's `ucj coverage --json` object for one month, as JSON text (text, not
    a JSON column: PostgreSQL's jsonb would reorder the keys of a byte-identical contract)."""

    period = models.DateField()
    code = models.CharField(max_length=20)
    body = models.TextField()
    digest = models.CharField(max_length=32)  # of body: a refresh rewrites only changed rows
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("hasil cakupan")
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="coverage_object_month_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.period:%Y-%m}"


class TrendMonth(models.Model):
    """A month whose trend points are stored (every month with figures). Unlike
    CoverageMonth, never dropped: the trend charts read every month. `rescan`: a write
    touched "this month and every later one" (a year's potential, a category change),
    so the refresh finds the months with figures from here on (points.py)."""

    period = models.DateField(unique=True)
    version = models.BigIntegerField(default=0)
    marked = models.BigIntegerField(default=0)
    stale = models.BooleanField(default=True)
    rescan = models.BooleanField(default=False)
    settings = models.CharField(max_length=32, default="")

    class Meta:
        verbose_name = _("bulan tren cakupan")

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} v{self.version}{' stale' if self.stale else ''}"


class TrendPoint(models.Model):
    """One region's point of its trend chart in one month (`coverage.series`), as JSON
    text, with what picks the region's default month (completeness) beside it."""

    period = models.DateField()
    code = models.CharField(max_length=20)
    body = models.TextField()
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("titik tren cakupan")
        constraints = [
            models.UniqueConstraint(fields=["period", "code"], name="trend_point_month_code")
        ]
        # A region's trend: one index range, however many regions the months hold.
        indexes = [models.Index(fields=["code", "period"], name="trend_point_code_month")]

    def __str__(self) -> str:
        return f"{self.code} {self.period:%Y-%m}"
