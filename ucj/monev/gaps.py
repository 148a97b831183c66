"""Gaps a confirmation found, as monev follow-ups (issue 20, item 5): written for
`selection.confirm` (registered there as its gap writer: selection sits below monev).
One session (not held: written by the system), one finding on the region, one
recommendation with a follow-up per region with gaps. Counts only, never a person."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from ucj.accounts.scoping import SystemActor
from ucj.monev.models import Mode, Organiser
from ucj.monev.services import (
    FollowUpInput,
    RecommendationInput,
    SessionInput,
    add_finding,
    record_session,
)
from ucj.regions.models import Level, Region

ACTOR = SystemActor("seleksi", "konfirmasi")
FOLLOW_UP_DAYS = 30  # the owner office's time to register the gaps (as campaigns')


def selection_gaps(
    code: str, title: str, text: str, recommendation: str, actions: list[tuple[str, str]]
) -> int:
    """The finding's id."""
    today = timezone.localdate()
    due = today + dt.timedelta(days=FOLLOW_UP_DAYS)
    province = Region.objects.filter(code=code, level=Level.PROVINCE).exists()
    session = record_session(
        ACTOR,
        SessionInput(
            date=today,
            title=title,
            organiser=Organiser.PEMPROV if province else Organiser.PEMKAB_PEMKOT,
            mode=Mode.ONLINE,
            region_codes=[code],
            held=False,
            notes="Dibuat otomatis dari konfirmasi seleksi terhadap daftar kepesertaan.",
        ),
    )
    follow_ups = [FollowUpInput(action, office, due) for action, office in actions]
    finding = add_finding(
        ACTOR, session, code, text, [RecommendationInput(recommendation, follow_ups)]
    )
    return finding.pk
