"""A real SMTP server on loopback (aiosmtpd) that keeps every e-mail it receives."""

from __future__ import annotations

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller

from ucj.ops.tests.server import free_port


class MailSink:
    def __init__(self) -> None:
        self.mails: list[tuple[list[str], email.message.EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.mails.append((list(envelope.rcpt_tos), parsed))
        return "250 OK"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for rcpt, m in self.mails if address in rcpt]


@pytest.fixture
def mail_sink(settings):
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.UCJ_BASE_URL = "https://ucj.example.go.id"
    yield sink
    controller.stop()
