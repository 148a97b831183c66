"""Safety net for edits: saving or deleting a figure of a locked month raises LockedError.

Imports check `approval.locked_cells` up front (set-based, before writing anything);
forms call `approval.ensure_unlocked` in `clean()` to show the message. This receiver
catches any other path (admin, shell scripts, a form that forgot).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import pre_delete, pre_save

from ucj.accounts.approval import ensure_unlocked

# Monthly kab/kota figures covered by approval (label → period field).
LOCKED_MODELS = {
    "indicators.participation": "period",
    "indicators.reportedcoverage": "period",
}


def _check(sender: Any, instance: Any, **kwargs: Any) -> None:
    field = LOCKED_MODELS.get(sender._meta.label_lower)
    if field is None or kwargs.get("raw"):
        return
    period = getattr(instance, field, None)
    if period is not None and instance.region_id is not None:
        pairs = [(instance.region_id, period.replace(day=1))]
        if instance.pk is not None:
            # Moving a figure out of a locked month is an edit of that month too.
            old = sender._default_manager.filter(pk=instance.pk).values("region_id", field).first()
            if old:
                pairs.append((old["region_id"], old[field].replace(day=1)))
        ensure_unlocked(pairs)


for label in LOCKED_MODELS:
    app_label, model_name = label.split(".")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        continue
    pre_save.connect(_check, sender=model, dispatch_uid=f"ucj-lock-save-{label}")
    pre_delete.connect(_check, sender=model, dispatch_uid=f"ucj-lock-delete-{label}")
