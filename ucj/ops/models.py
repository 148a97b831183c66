"""Scheduled work and its proof of life, kept in the database every server shares.

A job run is claimed by inserting its row: the unique (job, slot) pair is the lock, so
two servers (or two workers of one server) never run the same scheduled slot twice,
on SQLite and PostgreSQL alike, with no broker.
"""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    job = models.CharField(max_length=60)
    # The scheduled time this run is for; empty for a run asked by hand (`ucj jobs run`).
    slot = models.DateTimeField(null=True, blank=True)
    started = models.DateTimeField()
    finished = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(null=True)
    result = models.JSONField(default=dict, blank=True)
    host = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="ops_jobrun_one_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot or 'manual'}"


class Heartbeat(models.Model):
    """The scheduler writes here on every pass; /readyz and `ucj status` read it."""

    name = models.CharField(max_length=40, primary_key=True)
    beat = models.DateTimeField()
    host = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.name} {self.beat:%Y-%m-%d %H:%M:%S}"
