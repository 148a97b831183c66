"""Scheduled: remove import previews never confirmed (they may hold personal data)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.lib.schedule import Job, register


def expire_previews() -> dict[str, Any]:
    """Previews live 15 minutes (ucj.intake.previews.LIFETIME); run every five minutes,
    so none stays on disk much past that, and never an hour."""
    from ucj.intake.previews import purge_stale

    return {"deleted": purge_stale()}


register(
    Job(
        "expire_uploads",
        _("Hapus pratinjau impor yang tidak dikonfirmasi"),
        expire_previews,
        every="5min",
    )
)


def sweep_background_imports() -> dict[str, Any]:
    """Background imports whose worker died (server restart, kill): failed, file deleted."""
    from ucj.intake.background import sweep

    return {"failed": sweep()}


register(
    Job(
        "sweep_background_imports",
        _("Tandai impor latar belakang yang terhenti"),
        sweep_background_imports,
        every="hourly",
    )
)
