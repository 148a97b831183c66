"""Approvals waiting, a monev session tomorrow and an old BPJS TK list, through a real
SMTP sink: the right users only, each in their language, not a user who opted out, and
each event once however often the daily job runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from django.utils import timezone

from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.roles import Role
from ucj.accounts.testing import make_personas, make_user, region
from ucj.monev import services
from ucj.monev.tests.factories import session_input
from ucj.notify.events import daily
from ucj.notify.models import Channel, Kind, Message, Preference, Profile
from ucj.registry.models import MembershipList

TODAY = dt.date(2025, 7, 3)  # before June's due day: no missing-report reminders


def _people():
    p = make_personas()
    for user, address in (
        (p.kabkota, "kab@sarolangun.go.id"),
        (p.province, "prov@jambi.go.id"),
        (p.branch, "cabang@bpjs.go.id"),
        (p.outsider, "kab@lamteng.go.id"),
        (p.national, "analis@kemendagri.go.id"),
    ):
        user.email = address
        user.save()
    return p


def _quiet(name: str, role: str, code: str, kind: str):
    user = make_user(name, role, code, email=f"{name}@diam.go.id")
    Preference.objects.create(user=user, kind=kind, channel=Channel.OFF)
    return user


def _no_nik(sink) -> None:
    assert not any(re.search(r"\d{16}", m.get_content()) for _r, m in sink.mails)


def _submitted(code: str, month: dt.date, days_ago: int) -> MonthApproval:
    at = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(9)))
    return MonthApproval.objects.create(
        region=region(code), period=month, status=MonthStatus.SUBMITTED, submitted_at=at
    )


@pytest.mark.django_db
def test_approval_waiting_reaches_the_province_approvers(mail_sink, settings):
    settings.UCJ_APPROVAL_WAIT_DAYS = 5
    _people()
    lampung = make_user("prov_lampung", Role.PROVINCE, "18", email="prov@lampung.go.id")
    Profile.objects.create(user=lampung, language="en")
    quiet = _quiet("prov_jambi_2", Role.PROVINCE, "15", Kind.APPROVAL_WAITING)
    _submitted("15.03", dt.date(2025, 5, 1), days_ago=8)
    _submitted("15.01", dt.date(2025, 5, 1), days_ago=2)  # not waiting long enough
    _submitted("18.02", dt.date(2025, 5, 1), days_ago=6)
    MonthApproval.objects.create(
        region=region("15.04"), period=dt.date(2025, 4, 1), status=MonthStatus.APPROVED
    )

    result = daily(TODAY)
    assert result["approvals"] == {"waiting": 2, "inbox": 2}
    jambi = mail_sink.to("prov@jambi.go.id")
    assert [m["Subject"] for m in jambi] == [
        "[UCJ Monev] Menunggu persetujuan: Kabupaten Sarolangun 05-2025"
    ]
    assert "diajukan pada 25-06-2025" in jambi[0].get_content()
    assert "https://ucj.example.go.id/accounts/persetujuan/" in jambi[0].get_content()
    english = mail_sink.to("prov@lampung.go.id")
    assert [m["Subject"] for m in english] == [
        "[UCJ Monev] Waiting for approval: Kabupaten Lampung Tengah 05-2025"
    ]
    # Kab/kota officers submit, they do not approve; the opted-out approver hears nothing.
    assert len(mail_sink.mails) == 2
    assert not Message.objects.filter(user=quiet).exists()
    _no_nik(mail_sink)

    daily(TODAY + dt.timedelta(days=1))
    assert len(mail_sink.mails) == 2  # reminded once


@pytest.mark.django_db
def test_session_tomorrow_reaches_its_regions_users(mail_sink):
    p = _people()
    Profile.objects.create(user=p.branch, language="en")
    quiet = _quiet("kab_sarolangun_2", Role.KABKOTA, "15.03", Kind.SESSION_TOMORROW)
    tomorrow = dataclasses.replace(
        session_input(["15.03"]), date=TODAY + dt.timedelta(days=1), location="Aula Bappeda"
    )
    services.record_session(p.province, tomorrow)
    later = dataclasses.replace(session_input(["18.02"]), date=TODAY + dt.timedelta(days=2))
    services.record_session(p.national, later)

    assert daily(TODAY)["sessions"]["sessions"] == 1
    kab = mail_sink.to("kab@sarolangun.go.id")
    assert [m["Subject"] for m in kab] == ["[UCJ Monev] Sesi monev besok: Monev UCJ 2025"]
    assert "besok, 04-07-2025. Tempat / tautan: Aula Bappeda" in kab[0].get_content()
    branch = mail_sink.to("cabang@bpjs.go.id")
    assert [m["Subject"] for m in branch] == ["[UCJ Monev] Monev session tomorrow: Monev UCJ 2025"]
    assert len(mail_sink.to("prov@jambi.go.id")) == 1  # it recorded (organises) the session
    assert mail_sink.to("kab@lamteng.go.id") == [] and mail_sink.to("analis@kemendagri.go.id") == []
    assert not Message.objects.filter(user=quiet).exists()
    _no_nik(mail_sink)

    daily(TODAY)
    assert len(mail_sink.mails) == 3


@pytest.mark.django_db
def test_old_membership_list_reaches_officers_and_branch(mail_sink, settings):
    settings.UCJ_LIST_STALE_MONTHS = 3
    p = _people()
    Profile.objects.create(user=p.kabkota, language="en")
    quiet = _quiet("bpjs_sarolangun_2", Role.BRANCH, "15.03", Kind.LIST_STALE)
    MembershipList.objects.create(region=region("15.03"), as_of=dt.date(2025, 1, 31))
    MembershipList.objects.create(region=region("15.03"), as_of=dt.date(2025, 3, 31))
    MembershipList.objects.create(region=region("18.02"), as_of=dt.date(2025, 5, 31))
    MembershipList.objects.create(
        region=region("15.01"), as_of=dt.date(2024, 1, 31), is_sample=True
    )

    assert daily(TODAY)["lists"] == {"regions": 1, "inbox": 2}
    branch = mail_sink.to("cabang@bpjs.go.id")
    assert [m["Subject"] for m in branch] == [
        "[UCJ Monev] Daftar kepesertaan BPJS TK sudah lama: Kabupaten Sarolangun"
    ]
    assert "adalah per 31-03-2025" in branch[0].get_content()
    kab = mail_sink.to("kab@sarolangun.go.id")
    assert [m["Subject"] for m in kab] == [
        "[UCJ Monev] BPJS TK membership list out of date: Kabupaten Sarolangun"
    ]
    assert len(mail_sink.mails) == 2  # not Lampung Tengah (recent), nor the province
    assert not Message.objects.filter(user=quiet).exists()
    _no_nik(mail_sink)

    daily(TODAY + dt.timedelta(days=5))
    assert len(mail_sink.mails) == 2
    MembershipList.objects.create(region=region("15.03"), as_of=dt.date(2025, 3, 31))
    daily(TODAY + dt.timedelta(days=6))  # still before the 10th
    assert len(mail_sink.mails) == 2  # the same list again is the same event
