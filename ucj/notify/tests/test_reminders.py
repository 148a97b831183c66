"""Reminder e-mails through a real SMTP server on loopback (aiosmtpd): an overdue
follow-up and a missing report reach the right users only, in each user's language,
and not a user who opted out; the daily job run twice sends nothing twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ucj.accounts.roles import Role
from ucj.accounts.testing import make_personas, make_user
from ucj.monev import services
from ucj.monev.tests.factories import finding_with_follow_up, session_input
from ucj.notify.events import daily
from ucj.notify.models import Channel, Kind, Message, Preference, Profile

TODAY = dt.date(2025, 7, 20)  # June's figures were due on 10 July


@pytest.mark.django_db
def test_overdue_follow_up_and_missing_report(mail_sink, settings):
    settings.UCJ_ESCALATE_DAYS = 30
    p = make_personas()
    for user, address in (
        (p.kabkota, "kab@sarolangun.go.id"),
        (p.province, "prov@jambi.go.id"),
        (p.outsider, "kab@lamteng.go.id"),
        (p.national, "analis@kemendagri.go.id"),
    ):
        user.email = address
        user.save()
    Profile.objects.create(user=p.outsider, language="en")
    quiet = make_user("kab_sarolangun_2", Role.KABKOTA, "15.03", email="diam@sarolangun.go.id")
    Preference.objects.create(user=quiet, kind=Kind.FOLLOW_UP_OVERDUE, channel=Channel.OFF)
    Preference.objects.create(user=quiet, kind=Kind.REPORT_MISSING, channel=Channel.INBOX)

    session = services.record_session(p.kabkota, session_input(["15.03"]))
    finding_with_follow_up(p.kabkota, session, "15.03", TODAY - dt.timedelta(days=3))

    result = daily(TODAY)
    assert result["follow_ups"]["overdue"] == 1  # the Sarolangun officer; `quiet` is off
    assert result["follow_ups"]["escalated"] == 0  # 3 days late < UCJ_ESCALATE_DAYS

    mine = mail_sink.to("kab@sarolangun.go.id")
    subjects = sorted(m["Subject"] for m in mine)
    assert len(mine) == 2, subjects
    assert any("Tindak lanjut terlambat: " in s and "Sarolangun" in s for s in subjects)
    assert any("Angka 06-2025 belum masuk" in s for s in subjects)
    late = next(m for m in mine if "terlambat" in m["Subject"])
    body = late.get_content()
    assert "melewati tenggat 17-07-2025" in body and "https://ucj.example.go.id/monev/" in body

    # English for the user who chose it; their own region only.
    lamteng = mail_sink.to("kab@lamteng.go.id")
    assert len(lamteng) == 1
    assert lamteng[0]["Subject"] == "[UCJ Monev] 06-2025 figures missing: Kabupaten Lampung Tengah"
    assert "have not been uploaded" in lamteng[0].get_content()
    assert "Sarolangun" not in lamteng[0].get_content()

    # Province and national users: nothing yet; the opted-out user: no e-mail at all,
    # and the missing report only in the inbox.
    assert mail_sink.to("prov@jambi.go.id") == [] and mail_sink.to("analis@kemendagri.go.id") == []
    assert mail_sink.to("diam@sarolangun.go.id") == []
    assert list(Message.objects.filter(user=quiet).values_list("kind", flat=True)) == [
        Kind.REPORT_MISSING
    ]
    # No NIK-shaped number in any message.
    assert not any(re.search(r"\d{16}", m.get_content()) for _r, m in mail_sink.mails)

    # Run again: nothing new. Later, past the escalation limit, the province hears.
    before = len(mail_sink.mails)
    daily(TODAY)
    assert len(mail_sink.mails) == before
    daily(TODAY + dt.timedelta(days=40))
    prov = mail_sink.to("prov@jambi.go.id")
    assert len(prov) == 1 and "terlambat" in prov[0]["Subject"]
