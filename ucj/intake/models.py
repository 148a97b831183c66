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


class ChangeRecord(models.Model):
    """One value a batch changed: before and after, for the audit page and for undo.

    Inserted rows are not listed one by one (a million-row import would double its
    writes): they are the target rows whose `batch` is this batch and that have no
    ChangeRecord of it. `before_batch` is the batch that had written the old value, so
    that an undo gives the row back to it.
    """

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="changes")
    model = models.CharField(max_length=100)  # app_label.ModelName
    object_id = models.BigIntegerField()
    key = models.CharField(_("kunci"), max_length=300)  # natural key as a user reads it
    field = models.CharField(_("kolom"), max_length=100)
    before = models.TextField(_("sebelum"), null=True, blank=True)
    after = models.TextField(_("sesudah"), null=True, blank=True)
    before_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["model", "object_id", "field"])]
        verbose_name = _("perubahan nilai")
        verbose_name_plural = _("perubahan nilai")

    def __str__(self) -> str:
        return f"#{self.batch_id} {self.key} {self.field}: {self.before} → {self.after}"
