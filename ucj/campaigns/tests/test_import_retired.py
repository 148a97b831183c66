"""A field team's list written with Papua Barat Daya's retired desa codes (92.xx): read as
the successor desa (96.xx) with a row warning naming old → new and the basis; a code
split into several desa (planted: the shipped master has none) is a row error."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ucj.campaigns import services
from ucj.campaigns.models import CampaignEntry
from ucj.campaigns.tests.world import HEADER
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_xlsx
from ucj.regions.models import Region, RegionSuccession
from ucj.regions.villages import ensure_villages
from ucj.registry.tests.synth import make_nik

pytestmark = pytest.mark.django_db
N = [make_nik("960101", d, 4, 85, d) for d in range(1, 4)]


def _campaign() -> int:
    return services.create(
        system_actor(),
        services.CampaignInput(
            name="Pendataan aparatur desa Sorong", region_code="96.01", group="aparatur_desa",
            start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30), target_count=30,
            owner_office="Dinas PMK Kab. Sorong",
        ),
    ).pk  # fmt: skip


def test_retired_desa_codes_in_a_field_list(tmp_path: Path) -> None:
    pk = _campaign()
    rows = [
        HEADER,
        [pk, "96.01.01", "9201012002", N[0], "Orang a", "", "terdata"],
        [pk, "92.01", "92.01.01.2004", N[1], "Orang b", "", "terdata"],  # old kab/kota too
        [pk, "96.01", "Makbon", N[2], "Orang c", "", "terdata"],  # a current name
    ]
    outcome = run_import(
        write_xlsx(tmp_path / "sorong.xlsx", rows), "pendataan", user=system_actor()
    )
    assert outcome.ok, outcome.as_json()
    got = dict(CampaignEntry.objects.values_list("row", "desa__code"))
    assert got == {2: "96.01.01.2002", 3: "96.01.01.2003", 4: "96.01.01.1001"}
    warned = {w["row"]: w for w in outcome.as_json()["warnings"] if w["column"] == "desa"}
    assert set(warned) == {2, 3}
    assert warned[2]["message_id"].startswith("Baris 2, kolom 'desa', nilai '9201012002'")
    assert "92.01.01.2002 (Asbaken) kini 96.01.01.2002" in warned[2]["message_id"]
    assert "dasar UU 29/2022; Kepmendagri 300.2.2-2138/2025" in warned[2]["message_id"]
    assert warned[3]["message_en"].startswith("Row 3, column 'desa', value '92.01.01.2004'")
    assert "92.01.01.2004 (Malaumkarta) is now 96.01.01.2003" in warned[3]["message_en"]


def test_split_code_in_a_field_list_is_a_row_error(tmp_path: Path) -> None:
    pk = _campaign()
    ensure_villages(["96.01"])
    old = Region.objects.get(code="92.01.01.2002")
    first = RegionSuccession.objects.get(predecessor=old)
    RegionSuccession.objects.create(
        predecessor=old, successor=Region.objects.get(code="96.01.01.2003"),
        event=first.event, legal_basis=first.legal_basis, effective_date=first.effective_date,
    )  # fmt: skip
    rows = [HEADER, [pk, "96.01.01", "9201012002", N[0], "Orang a", "", "terdata"]]
    outcome = run_import(
        write_xlsx(tmp_path / "pecah.xlsx", rows), "pendataan", user=system_actor()
    )
    assert not outcome.ok and CampaignEntry.objects.count() == 0
    (error,) = [e for e in outcome.as_json()["errors"] if e["column"] == "desa"]
    assert error["row"] == 2
    assert "dipecah menjadi beberapa desa/kelurahan" in error["message_id"]
    assert "was split into several desa/kelurahan" in error["message_en"]
    assert "96.01.01.2002 Asbaken; 96.01.01.2003 Malaumkarta" in error["message_en"]
