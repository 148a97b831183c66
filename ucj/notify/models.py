"""The in-app inbox and each user's choices of what reaches them and how."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    FOLLOW_UP_DUE = "follow_up_due", _("Tindak lanjut jatuh tempo 7 hari lagi")
    FOLLOW_UP_OVERDUE = "follow_up_overdue", _("Tindak lanjut terlambat")
    REPORT_MISSING = "report_missing", _("Angka kab/kota belum masuk")
    APPROVAL_WAITING = "approval_waiting", _("Persetujuan menunggu")
    SESSION_TOMORROW = "session_tomorrow", _("Sesi monev besok")
    LIST_STALE = "list_stale", _("Daftar kepesertaan BPJS TK sudah lama")
    WEEKLY_DIGEST = "weekly_digest", _("Ringkasan mingguan provinsi")


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mel dan kotak masuk")
    INBOX = "inbox", _("Kotak masuk saja")
    OFF = "off", _("Mati")


class Language(models.TextChoices):
    ID = "id", "Bahasa Indonesia"
    EN = "en", "English"


class Profile(models.Model):
    """The language of a user's messages (screens follow the ID/EN switch instead)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_profile"
    )
    language = models.CharField(
        _("bahasa pesan"), max_length=2, choices=Language.choices, default=Language.ID
    )

    def __str__(self) -> str:
        return f"{self.user} {self.language}"


class Preference(models.Model):
    """A user's channel for one kind; no row: e-mail and inbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_preferences"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    channel = models.CharField(max_length=5, choices=Channel.choices, default=Channel.EMAIL)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notify_one_pref_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}={self.channel}"


class Message(models.Model):
    """One reminder to one user. `key` names the event (e.g. follow-up 12 overdue), so
    a daily job that runs twice never sends the same reminder twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notify_messages"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=120)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    url = models.CharField(max_length=300)
    created = models.DateTimeField(auto_now_add=True)
    read = models.DateTimeField(null=True, blank=True)
    emailed = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notify_one_message_per_event")
        ]
        indexes = [models.Index(fields=["user", "read"])]

    def __str__(self) -> str:
        return f"{self.user} {self.subject}"
