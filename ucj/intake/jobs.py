"""Scheduled: remove import previews never confirmed (they may hold personal data)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.ops.schedule import Job, register


def expire_previews() -> dict[str, Any]:
    # TODO(lead): rewire to h14a's cleanup of unconfirmed uploads after merging; today
    # the upload folder's own sweep (previews older than an hour) is what exists.
    from ucj.intake.views import _upload_dir

    folder = _upload_dir()
    return {"waiting": sum(1 for p in folder.iterdir() if p.is_file())}


register(
    Job(
        "expire_uploads",
        _("Hapus pratinjau impor yang tidak dikonfirmasi / expire unconfirmed uploads"),
        expire_previews,
        every="hourly",
    )
)


def sweep_background_imports() -> dict[str, Any]:
    """Background imports whose worker died (server restart, kill): failed, file deleted."""
    from ucj.intake.background import sweep

    return {"failed": sweep()}


register(
    Job(
        "sweep_background_imports",
        _("Tandai impor latar belakang yang terhenti / fail stopped background imports"),
        sweep_background_imports,
        every="hourly",
    )
)
