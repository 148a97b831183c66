"""A small hand-made campaign in Lampung Tengah (18.02) whose every funnel count is
worked out by hand in the tests (test_funnel.py says which person is which)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ucj.campaigns import services
from ucj.campaigns.models import Campaign
from ucj.intake.pipeline import run_import
from ucj.intake.testing import write_csv, write_xlsx
from ucj.regions.models import Level, Region
from ucj.regions.villages import ensure_villages
from ucj.registry import stored
from ucj.registry.tests.synth import make_nik

# Three desa in two kecamatan of Lampung Tengah (Kalirejo 18.02.01, Bangun Rejo 18.02.02).
DESA = {
    "A": ("18.02.01.2001", "Sri Way Langsep"),
    "B": ("18.02.01.2002", "Wayakrui"),
    "C": ("18.02.02.2001", "Purwodadi"),
}


def nik(kec: str, serial: int, woman: bool = False) -> str:
    return make_nik(kec, 10 + serial % 15, 1 + serial % 12, 80 + serial % 15, serial, woman)


P = {
    "a1": nik("180201", 1), "a2": nik("180201", 2), "a3": nik("180201", 3),
    "a4": "18020112", "a5": nik("180201", 5, woman=True),
    "b1": nik("180201", 6), "b2": nik("180201", 7), "b3": nik("180201", 8),
    "c1": nik("180202", 9),
}  # fmt: skip


def desa(letter: str) -> Region:
    ensure_villages(["18.02"])
    return Region.objects.get(code=DESA[letter][0], level=Level.VILLAGE)


def make_campaign(user: Any) -> Campaign:
    ensure_villages(["18.02"])
    return services.create(
        user,
        services.CampaignInput(
            name="Pendataan aparatur desa 2025",
            region_code="18.02",
            group="aparatur_desa",
            start=dt.date(2025, 6, 1),
            end=dt.date(2025, 12, 31),
            target_count=20,
            owner_office="Dinas PMD Kab. Lampung Tengah",
        ),
    )


ROWS = [
    # key, desa, status
    ("a1", "A", "diusulkan"), ("a2", "A", "diusulkan"), ("a3", "A", "terdata"),
    ("a4", "A", "terdata"), ("a5", "A", "diusulkan"),
    ("b1", "B", "terdata"), ("b2", "B", "diusulkan"), ("b3", "B", "terdata"),
    ("a5", "C", "terdata"), ("c1", "C", "diusulkan"),
]  # fmt: skip
HEADER = ["kampanye", "wilayah", "desa", "nik", "nama", "jabatan", "status"]


def entry_rows(campaign: Campaign, letters: str = "ABC") -> list[list[Any]]:
    return [
        # the desa by code, or by name within its kecamatan (both accepted)
        [
            campaign.pk,
            DESA[d][0][:8],
            DESA[d][1] if d == "B" else DESA[d][0].replace(".", ""),
            P[key],
            f"Orang {key}",
            "Kaur",
            status,
        ]
        for key, d, status in ROWS
        if d in letters
    ]


def import_entries(tmp_path: Path, campaign: Campaign, user: Any, letters: str = "ABC") -> Any:
    path = write_xlsx(
        tmp_path / f"pendataan_{letters}.xlsx", [HEADER, *entry_rows(campaign, letters)]
    )
    return run_import(path, "pendataan", user=user)


def import_population(tmp_path: Path, user: Any) -> Any:
    keys = ["a1", "a2", "a3", "a5", "b1", "b2", "c1"]  # not b3; a4 is no NIK
    rows = [["wilayah", "nik", "nama"], *[["18.02", P[k], f"Orang {k}"] for k in keys]]
    return run_import(write_csv(tmp_path / "penduduk.csv", rows), "penduduk", user=user)


def membership(tmp_path: Path, name: str, rows: list[tuple[str, str, str]], as_of: dt.date) -> Any:
    """rows: (person key, status, segment)."""
    path = write_csv(
        tmp_path / f"{name}.csv",
        [["nik", "status", "segmen", "jkk", "jkm"], *[[P[k], s, g, "Y", "Y"] for k, s, g in rows]],
    )
    return stored.load_membership_file(path, Region.objects.get(code="18.02"), as_of)


BEFORE = [("b1", "aktif", "BPU")]
LATER = [
    ("a1", "aktif", "BPU"),
    ("a2", "aktif", "PU"),
    ("b1", "aktif", "BPU"),
    ("b2", "non-aktif", "BPU"),
]
