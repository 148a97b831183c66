"""The `pendataan` import kind: bad rows named by file, row and field in both languages,
the NIK masked in every message, scope, idempotence and undo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ucj.campaigns.models import CampaignEntry
from ucj.campaigns.tests import world
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_xlsx
from ucj.intake.undo import undo_batch

pytestmark = pytest.mark.django_db


def _errors(outcome: Any) -> list[dict[str, Any]]:
    return outcome.as_json()["errors"]


def test_bad_rows_are_named_in_both_languages_and_the_nik_is_masked(
    tmp_path: Path, personas: Any
) -> None:
    campaign = world.make_campaign(personas.outsider)
    nik = world.P["a1"]
    rows = [
        world.HEADER,
        [999999, "18.02.01", "1802012001", nik, "Orang x", "", "terdata"],  # unknown campaign
        [campaign.pk, "18.02.01", "Desa Entah", nik, "Orang y", "", "terdata"],  # unknown desa
        [campaign.pk, "15.03", "1503012019", nik, "Orang z", "", "terdata"],  # another region
        [
            campaign.pk,
            "18.02.01",
            "1802012001",
            nik,
            "Orang w",
            "",
            "terdaftar",
        ],  # not a file status
    ]
    path = write_xlsx(tmp_path / "lapangan.xlsx", rows)
    outcome = run_import(path, "pendataan", user=system_actor())
    assert not outcome.ok and CampaignEntry.objects.count() == 0
    errors = {(e["row"], e["column"]): e for e in _errors(outcome)}
    assert "nomor pendataan tidak dikenal" in errors[(2, "kampanye")]["message_id"]
    assert "unknown campaign number" in errors[(2, "kampanye")]["message_en"]
    assert (
        "unknown desa/kelurahan 'Desa Entah' in region 18.02.01"
        in errors[(3, "desa")]["message_en"]
    )
    assert "outside the campaign's region" in errors[(4, "wilayah")]["message_en"]
    assert (5, "status") in errors
    text = str(outcome.as_json())
    assert nik not in text


def test_scope_idempotence_and_undo(tmp_path: Path, personas: Any) -> None:
    campaign = world.make_campaign(personas.outsider)
    refused = world.import_entries(tmp_path, campaign, personas.kabkota)  # Sarolangun officer
    assert not refused.ok
    assert "you may not change data of this region" in str(_errors(refused))
    done = world.import_entries(tmp_path, campaign, personas.outsider)
    assert done.ok and done.inserted == 10
    again = world.import_entries(tmp_path, campaign, personas.outsider)
    assert again.ok and (again.inserted, again.updated) == (0, 0)
    assert undo_batch(done.batch, personas.outsider).ok
    assert CampaignEntry.objects.count() == 0
