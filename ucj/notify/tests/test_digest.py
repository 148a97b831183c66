"""The weekly digest per province through a real SMTP sink: the kab/kota that moved
category, overdue follow-ups and missing reports, one message to each officer of the
province in their language, nothing to other provinces or an opted-out officer, once
per week however often the job runs."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from ucj.accounts.roles import Role
from ucj.accounts.testing import make_personas, make_user
from ucj.indicators.tests.helpers import pot, put
from ucj.lib.schedule import get
from ucj.monev import services
from ucj.monev.tests.factories import finding_with_follow_up, session_input
from ucj.notify.models import Channel, Kind, Message, Preference, Profile

MONDAY = dt.date(2025, 7, 14)  # June's figures were due on 10 July


@pytest.mark.django_db
def test_weekly_digest_per_province(mail_sink):
    p = make_personas()
    p.province.email = "prov@jambi.go.id"
    p.province.save()
    p.kabkota.email = "kab@sarolangun.go.id"
    p.kabkota.save()
    english = make_user("prov_jambi_en", Role.PROVINCE, "15", email="en@jambi.go.id")
    Profile.objects.create(user=english, language="en")
    quiet = make_user("prov_jambi_off", Role.PROVINCE, "15", email="off@jambi.go.id")
    Preference.objects.create(user=quiet, kind=Kind.WEEKLY_DIGEST, channel=Channel.OFF)
    make_user("prov_lampung", Role.PROVINCE, "18", email="prov@lampung.go.id")
    for code in ("15.03", "15.04", "18.02"):
        pot(code, 2025, 100_000)
    put("15.03", "2025-05", 40_000)  # 40%: rendah
    put("15.03", "2025-06", 50_000)  # 50%: sedang
    put("15.04", "2025-05", 20_000)  # sangat rendah both months
    put("15.04", "2025-06", 21_000)
    put("18.02", "2025-05", 40_000)  # Lampung Tengah moves too, but is not Jambi's
    put("18.02", "2025-06", 50_000)
    session = services.record_session(p.kabkota, session_input(["15.03"]))
    finding_with_follow_up(p.kabkota, session, "15.03", MONDAY - dt.timedelta(days=3))

    job = get("weekly_digest")
    assert job is not None and job.every == "weekly"
    result = job.run(MONDAY)
    assert result["provinces"] == 2 and result["period"] == "2025-06"

    jambi = mail_sink.to("prov@jambi.go.id")
    assert [m["Subject"] for m in jambi] == ["[UCJ Monev] Ringkasan mingguan: Jambi"]
    body = jambi[0].get_content().replace("\r\n", "\n")
    assert "berpindah kategori (05-2025 → 06-2025): 1" in body  # 15.04 stayed
    assert "- Kabupaten Sarolangun: rendah → sedang" in body
    assert "Tindak lanjut terlambat: 1\n- Kabupaten Sarolangun" in body
    assert "Kab/kota tanpa angka 06-2025: 9" in body  # 11 in Jambi, 2 reported
    assert "Lampung" not in body

    en = mail_sink.to("en@jambi.go.id")
    assert [m["Subject"] for m in en] == ["[UCJ Monev] Weekly digest: Jambi"]
    assert "moved category (05-2025 → 06-2025): 1" in en[0].get_content()
    lampung = mail_sink.to("prov@lampung.go.id")
    assert len(lampung) == 1 and "Lampung Tengah: rendah → sedang" in lampung[0].get_content()
    assert "Sarolangun" not in lampung[0].get_content()
    # Kab/kota officers get no digest; the opted-out officer nothing at all.
    assert mail_sink.to("kab@sarolangun.go.id") == [] and mail_sink.to("off@jambi.go.id") == []
    assert not Message.objects.filter(user=quiet).exists()
    assert not any(re.search(r"\d{16}", m.get_content()) for _r, m in mail_sink.mails)

    before = len(mail_sink.mails)
    job.run(MONDAY + dt.timedelta(days=2))  # same week: nothing new
    assert len(mail_sink.mails) == before
