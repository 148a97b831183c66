"""The Lampung Tengah demo campaign, counted by hand from demo.py's rules.

12 desa × 8 people + 1 person listed again in a second desa = 97 listed. Invalid NIKs:
person 8 (i = 7) of desa 1, 5 and 9 = 3 → 94 valid. Not on the population list: person
7 (i = 6) of each desa = 12 → 82 matched. Members before: the head (i = 0) of the
even-numbered desa (0, 2, …, 10) = 6 → 76 not yet members when listed. Proposed: i < 5
in every desa = 60, less those 6 members = 54. The later list: i = 0, 1, 2 active BPU
(36 registered, of whom 6 were members before: 30 in the funnel), i = 3 of desa 0, 3, 6,
9 active PU (4 under another scheme), the rest of the 60 (i = 3 of 8 desa, i = 4 of 12)
= 20 not registered, in all 12 desa → 12 follow-ups. After the confirmation the listed
duplicate (person i = 1 of desa 0, registered through desa 0) is a member: 75."""

from __future__ import annotations

import io
from typing import Any

import pytest

from ucj.campaigns import demo
from ucj.campaigns.funnel import STEPS, funnel
from ucj.campaigns.models import Campaign, Confirmation
from ucj.monev.models import FollowUp

pytestmark = pytest.mark.django_db


def test_demo_funnel_and_confirmation_by_hand(personas: Any) -> None:
    out = io.StringIO()
    demo.load(out)
    campaign = Campaign.objects.get(name=demo.NAME)
    assert campaign.is_sample
    data = funnel(campaign)
    assert tuple(data["totals"][s] for s in STEPS) == (97, 94, 82, 75, 54, 30)
    assert data["totals"]["status_registered"] == 36
    assert data["totals"]["status_other_scheme"] == 4
    assert data["totals"]["status_not_registered"] == 20
    assert data["totals"]["duplicates"] == 2 and len(data["rows"]) == 12
    counts = Confirmation.objects.get(campaign=campaign).counts
    assert (counts["checked"], counts["registered"], counts["registered_other_scheme"]) == (
        60,
        36,
        4,
    )
    assert (counts["not_registered"], counts["follow_ups"]) == (20, 12)
    assert FollowUp.objects.filter(responsible_office=campaign.owner_office).count() == 12
    kec = {r["code"]: r["listed"] for r in funnel(campaign, "kecamatan")["rows"]}
    assert kec == {"18.02.04": 33, "18.02.07": 32, "18.02.23": 32}
    demo.load(out)  # twice: nothing added
    assert Campaign.objects.count() == 1 and FollowUp.objects.count() == 12
