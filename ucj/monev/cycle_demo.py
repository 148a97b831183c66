"""Demo records of the monev cycle (issue 19), loaded by `monev.demo.load`.

The Sarolangun meeting is the one reported on 2 Oct 2024 (FACTS.md §9: the acting
regent met BPJS TK; about 112,000 workers, 43% covered; 65% through APBD Perubahan 2024,
JKK + JKM). The follow-up's office and due date are generated (data contoh). The data
request to Lampung Tengah's branch is a sample too. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ucj.monev import services
from ucj.monev.branches import BranchOffice
from ucj.monev.cycle_models import DataRequest, RequestWhat
from ucj.monev.demo_cycle import DEMO
from ucj.monev.letters import ensure_letterhead
from ucj.monev.models import Mode, MonevSession, Organiser
from ucj.monev.services import FollowUpInput, RecommendationInput, SessionInput
from ucj.regions.models import Region

SAROLANGUN = SessionInput(
    date=dt.date(2024, 10, 2),
    title="Pertemuan Pj. Bupati Sarolangun dengan BPJS Ketenagakerjaan",
    organiser=Organiser.BPJS_TK,
    mode=Mode.IN_PERSON,
    region_codes=["15.03"],
    location="Sarolangun",
    held=True,
    notes="jambi-independent.co.id (2 Okt 2024); tindak lanjut dan tenggat: data contoh.",
    agenda_notes={
        "evaluation": "Sekitar 112.000 pekerja, 43% terlindungi",
        "target": "65% melalui APBD Perubahan 2024",
        "strategy": "JKK + JKM untuk pekerja rentan",
    },
)


def load(stdout: Any) -> int:
    ensure_letterhead()
    made = 0
    if not MonevSession.objects.filter(date=SAROLANGUN.date, title=SAROLANGUN.title).exists():
        session = services.record_session(DEMO, SAROLANGUN)
        services.add_finding(
            DEMO,
            session,
            "15.03",
            "Cakupan sekitar 43% dari kurang lebih 112.000 pekerja; target 65%",
            [
                RecommendationInput(
                    "Lindungi pekerja rentan dengan JKK + JKM melalui APBD Perubahan 2024",
                    [FollowUpInput("Usulkan iuran JKK + JKM di APBD-P 2024 (contoh)",
                                   "Disnakertrans Kab. Sarolangun (contoh)",
                                   dt.date(2024, 12, 31))],
                )
            ],
            indicator="coverage_pct",
        )  # fmt: skip
        made += 1
    lamteng = Region.objects.filter(code="18.02").first()
    if lamteng and not DataRequest.objects.filter(regions=lamteng).exists():
        office, _new = BranchOffice.objects.get_or_create(
            name="BPJS TK Kantor Cabang untuk Lampung Tengah (contoh)",
            defaults={"source": "Monev UCJ Lampung Tengah 2025 (FACTS.md §9); nama contoh"},
        )
        office.regions.add(lamteng)
        request = DataRequest.objects.create(
            what=RequestWhat.PARTICIPANTS,
            detail="segmen PU dan BPU (contoh)",
            period=dt.date(2025, 9, 1),
            office=office,
            branch=office.name,
            due_date=dt.date(2025, 10, 15),
        )
        request.regions.set([lamteng])
    return made
