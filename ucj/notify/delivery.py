"""Deliver one reminder to users: the inbox row (once per event) and, when the user's
choice for the kind says so, an e-mail in the user's language. Texts never hold a NIK:
reminders speak of regions, follow-ups and months only."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from ucj.notify.models import Channel, Message, Preference, Profile

# (subject, body) in the language active when called.
Texts = Callable[[], tuple[str, str]]


def _channels(users: list[Any], kind: str) -> dict[int, str]:
    chosen = dict(
        Preference.objects.filter(user__in=users, kind=kind).values_list("user_id", "channel")
    )
    return {u.pk: chosen.get(u.pk, Channel.EMAIL) for u in users}


def _languages(users: list[Any]) -> dict[int, str]:
    chosen = dict(Profile.objects.filter(user__in=users).values_list("user_id", "language"))
    return {u.pk: chosen.get(u.pk, settings.LANGUAGE_CODE) for u in users}


def deliver(users: Iterable[Any], kind: str, key: str, texts: Texts, path: str) -> dict[str, int]:
    """Inbox message and e-mail to each active user not opted out; counts of each."""
    people = [u for u in users if u.is_active]
    channels = _channels(people, kind)
    languages = _languages(people)
    url = settings.UCJ_BASE_URL.rstrip("/") + path
    made = emailed = 0
    for user in people:
        channel = channels[user.pk]
        if channel == Channel.OFF:
            continue
        with translation.override(languages[user.pk]):
            subject, body = texts()
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    user=user, kind=kind, key=key, subject=subject, body=body, url=path
                )
        except IntegrityError:
            continue  # reminded of this event already
        made += 1
        if channel == Channel.EMAIL and user.email:
            send_mail(
                f"[UCJ Monev] {subject}",
                f"{body}\n\n{url}\n",
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
            message.emailed = True
            message.save(update_fields=["emailed"])
            emailed += 1
    return {"inbox": made, "email": emailed}
