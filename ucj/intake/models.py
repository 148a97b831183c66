"""Import batches: every figure points at the batch that brought it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BatchStatus(models.TextChoices):
    COMMITTED = "committed", _("tersimpan")
    UNDONE = "undone", _("dibatalkan")


class ImportBatch(models.Model):
    """One committed file (or one demo load): what, from whom, with what result."""

    kind = models.CharField(_("jenis"), max_length=30)
    file_name = models.CharField(_("nama berkas"), max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    source = models.CharField(_("sumber"), max_length=300, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_batches",
    )
    # An import by a system actor instead of an account: 'CLI:<os user>' (never both).
    system = models.CharField(_("sistem"), max_length=150, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=BatchStatus.choices, default=BatchStatus.COMMITTED
    )
    rows = models.PositiveIntegerField(default=0)
    inserted = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = _("batch impor")
        verbose_name_plural = _("batch impor")

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.file_name}"

    @property
    def actor(self) -> str:
        """Who imported it, as the history shows it: the account, or 'CLI oleh root' /
        'CLI by root' (in the active language) for a system import."""
        if self.user_id is not None and self.user is not None:
            return str(self.user.get_username())
        if self.system:
            via, _sep, who = self.system.partition(":")
            return str(_("%(via)s oleh %(who)s") % {"via": via, "who": who or "?"})
        # Rows from before system imports were named: no account meant the CLI, as the
        # history then said.
        return str(_("sistem"))


class JobState(models.TextChoices):
    QUEUED = "queued", _("menunggu")
    RUNNING = "running", _("berjalan")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")


class ImportJob(models.Model):
    """A web import that runs outside the request (ucj/intake/background.py): the page polls
    this row, so no broker is needed and it works the same on SQLite and PostgreSQL."""

    kind = models.CharField(_("jenis"), max_length=30)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("nama berkas"), max_length=255)
    path = models.CharField(max_length=500)  # the stored upload, deleted when done with
    source = models.CharField(max_length=300, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    dry_run = models.BooleanField(default=True)
    # a membership list added to the current one rather than replacing it (list store)
    add_to_list = models.BooleanField(default=False)
    state = models.CharField(max_length=10, choices=JobState.choices, default=JobState.QUEUED)
    stage = models.CharField(max_length=40, blank=True)
    done = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    result = models.JSONField(null=True, blank=True)  # Outcome.as_json(), capped
    pid = models.IntegerField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    heartbeat = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name} ({self.state})"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def active(self) -> bool:
        return self.state in (JobState.QUEUED, JobState.RUNNING)
