"""The contest view ranks kecamatan on pendataan progress (registered ÷ listed), from the
Lampung Tengah demo campaign (counts by hand in test_demo.py's docstring)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from ucj.campaigns import demo
from ucj.campaigns.funnel import funnel
from ucj.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_kecamatan_league_on_campaign_progress(personas: Any) -> None:
    demo.load(io.StringIO())
    campaign = Campaign.objects.get(name=demo.NAME)
    out = io.StringIO()
    call_command("contest", "18.02", "--measure", "campaign", "--json", stdout=out)
    league = json.loads(out.getvalue())
    counted = {
        r["code"]: (r["numerator"], r["denominator"]) for r in league["rows"] if r["denominator"]
    }
    # Listed per kecamatan by hand: 4 desa × 8 people, the one person listed twice in 18.02.04.
    assert {c: d for c, (_n, d) in counted.items()} == {
        "18.02.04": 33,
        "18.02.07": 32,
        "18.02.23": 32,
    }
    # Registered in all: 3 per desa (i = 0, 1, 2) less the 6 heads who were members before = 30.
    assert sum(n for n, _d in counted.values()) == 30
    by_kec = {r["code"]: r["registered"] for r in funnel(campaign, "kecamatan")["rows"]}
    assert {c: n for c, (n, _d) in counted.items()} == by_kec
    ranked = [r for r in league["rows"] if r["rank"]]
    assert ranked and ranked[0]["share_pct"] == max(r["share_pct"] for r in ranked)
