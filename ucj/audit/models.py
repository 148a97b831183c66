"""Every audit store: the history copies of audited models (simple-history), the import
change log, and the record of person-data views and exports.

The stores keep the tables they had before this app existed (`db_table`; the move was
state-only, see migrations/0001), so no row was copied.

History: each app names the models it wants audited in its AppConfig, the way it
registers panels::

    class IndicatorsConfig(AppConfig):
        audit_history = ("PotentialWorkers", "Participation", ...)

This app is the last in INSTALLED_APPS, so every declared model exists when this module loads;
registering here (simple_history's documented `register`) keeps the audited models'
own classes untouched. The historical tables (`audit_<table>`) are this app's. A model
that adds `history = HistoricalRecords()` itself (users and roles in `accounts`) is
skipped (simple_history registers each table once).
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import registered_models

from ucj.accounts.policy import REGION, WritePolicy
from ucj.accounts.scoping import ScopedQuerySet


def audited_models() -> list[type[models.Model]]:
    """The models the apps declare in `audit_history`, in app order."""
    out = []
    for config in apps.get_app_configs():
        for name in getattr(config, "audit_history", ()):
            out.append(config.get_model(name, require_ready=False))
    return out


def _register_audited() -> None:
    for model in audited_models():
        if model._meta.db_table in registered_models:
            continue
        register(model, app="ucj.audit", table_name=f"audit_{model._meta.db_table}")


_register_audited()


class ChangeRecord(models.Model):
    """One value a batch changed: before and after, for the audit page and for undo.

    Inserted rows are not listed one by one (a million-row import would double its
    writes): they are the target rows whose `batch` is this batch and that have no
    ChangeRecord of it. `before_batch` is the batch that had written the old value, so
    that an undo gives the row back to it.
    """

    batch = models.ForeignKey(
        "intake.ImportBatch", on_delete=models.CASCADE, related_name="changes"
    )
    model = models.CharField(max_length=100)  # app_label.ModelName
    object_id = models.BigIntegerField()
    key = models.CharField(_("kunci"), max_length=300)  # natural key as a user reads it
    field = models.CharField(_("kolom"), max_length=100)
    before = models.TextField(_("sebelum"), null=True, blank=True)
    after = models.TextField(_("sesudah"), null=True, blank=True)
    before_batch = models.ForeignKey(
        "intake.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "intake_changerecord"
        indexes = [models.Index(fields=["model", "object_id", "field"])]
        verbose_name = _("perubahan nilai")
        verbose_name_plural = _("perubahan nilai")

    def __str__(self) -> str:
        return f"#{self.batch_id} {self.key} {self.field}: {self.before} → {self.after}"


class AccessQuerySet(ScopedQuerySet["PersonDataAccess"]):
    scope_path = "region"


class PersonDataAccess(models.Model):
    """Audit of person-level views and exports (UU 27/2022): who saw which list when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10)  # view / export
    what = models.CharField(max_length=200)
    rows = models.PositiveIntegerField(default=0)
    at = models.DateTimeField(auto_now_add=True)

    # written by the views that show person data
    write_policy = WritePolicy(writers=(REGION,))
    objects = AccessQuerySet.as_manager()

    class Meta:
        db_table = "registry_persondataaccess"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.what}"
