"""The inbox's queries and the user's choices: what views and the header call."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from ucj.notify.models import Channel, Kind, Message, Preference, Profile


def unread_count(user: Any) -> int:
    return Message.objects.filter(user=user, read__isnull=True).count()


def messages_of(user: Any, limit: int = 200) -> list[Message]:
    return list(Message.objects.filter(user=user)[:limit])


def mark_read(user: Any, message_id: int | None = None) -> int:
    """One message (or all) of this user read; another user's id changes nothing."""
    rows = Message.objects.filter(user=user, read__isnull=True)
    if message_id is not None:
        rows = rows.filter(pk=message_id)
    return rows.update(read=timezone.now())


def choices_of(user: Any) -> dict[str, Any]:
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
    profile = Profile.objects.filter(user=user).first()
    return {
        "language": profile.language if profile else "id",
        "kinds": [
            {"kind": k, "label": label, "channel": chosen.get(k, Channel.EMAIL)}
            for k, label in Kind.choices
        ],
    }


@transaction.atomic
def save_choices(user: Any, language: str, channels: dict[str, str]) -> None:
    Profile.objects.update_or_create(user=user, defaults={"language": language})
    for kind, channel in channels.items():
        Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})
