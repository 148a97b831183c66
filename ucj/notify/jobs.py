from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ucj.lib.schedule import Job, register
from ucj.notify.digest import weekly
from ucj.notify.events import daily

register(Job("daily_reminders", _("Pengingat harian"), daily, hour=7))
register(
    Job(
        "weekly_digest",
        _("Ringkasan mingguan / weekly digest"),
        weekly,
        every="weekly",
        hour=7,
        weekday=0,
    )
)
