"""The operations app's own scheduled work: the nightly backup."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.lib.schedule import Job, register
from ucj.ops.backup import backup, prune


def nightly_backup() -> dict[str, Any]:
    made = backup()
    made["pruned"] = prune(settings.UCJ_BACKUP_KEEP)
    return made


register(Job("nightly_backup", _("Cadangan malam"), nightly_backup, hour=1))
