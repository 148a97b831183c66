"""Building blocks for the monev tests: a session with findings and follow-ups."""

from __future__ import annotations

import datetime as dt

from ucj.monev import services
from ucj.monev.models import Mode, Organiser
from ucj.monev.services import FollowUpInput, RecommendationInput, SessionInput

TODAY = dt.date(2025, 6, 1)


def session_input(codes, held=False, period=None, **extra):
    return SessionInput(
        date=dt.date(2025, 5, 19),
        title="Monev UCJ 2025",
        organiser=Organiser.BPJS_TK,
        mode=Mode.IN_PERSON,
        region_codes=list(codes),
        held=held,
        period=period,
        attendees=[("Budi", "Disnaker", "Kepala Bidang"), ("Sari", "BPJS TK Cabang", "Kepala")],
        agenda_notes={"target": "Target 2025 disampaikan"},
        **extra,
    )


def finding_with_follow_up(user, session, code, due, office="Disnaker"):
    return services.add_finding(
        user,
        session,
        code,
        "Cakupan pekerja informal rendah",
        [
            RecommendationInput(
                "Anggarkan iuran JKK+JKM pekerja rentan di APBD-P",
                [FollowUpInput("Usulkan anggaran di APBD-P", office, due)],
            )
        ],
        indicator="coverage_pct",
    )
