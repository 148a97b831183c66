"""Every registered import kind × every persona: a row may only be imported into a region
where the persona may write the kind's MODEL (issue 14: the roster import ignored the
per-model rules). Kinds added later are covered without editing this test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ucj.accounts.policy import policy_of
from ucj.accounts.scoping import CHANGE, allowed_regions
from ucj.accounts.tokens import create_token
from ucj.intake import kinds
from ucj.intake.kinds import Column, Kind
from ucj.intake.pipeline import run_import
from ucj.intake.testing import write_csv
from ucj.registry.models import RosterEntry

pytestmark = pytest.mark.django_db

REFUSED = "you may not change data of this region"
# Home (Sarolangun / Jambi) and away (West Java: Kab. Bandung / Jawa Barat).
PLACES = {"home": ("15.03", "15"), "away": ("32.04", "32")}
PERSONAS = ("national", "province", "kabkota", "branch", "outsider", "admin")
SAMPLE = {
    "int": "1", "signed_int": "1", "decimal": "1", "pct": "1", "year": "2025",
    "date": "2025-01-31", "period": "2025-01", "bool": "ya", "text": "x",
}  # fmt: skip


def _cell(col: Column) -> str:
    if col.parser == "choice":
        return next(iter(col.choices))
    return SAMPLE.get(col.parser, "1")


def _region_code(col: Column, place: str) -> str:
    kab, province = PLACES[place]
    return kab if not col.levels or "regency" in col.levels else province


def _file(tmp_path: Path, kind: Kind, place: str) -> tuple[Path, str]:
    region_col = kind.region_column
    if kind.owner_region:  # no region column: the owning region is named on import
        row = [_cell(c) for c in kind.columns]
        header = [c.name for c in kind.columns]
        return write_csv(tmp_path / f"{kind.name}-{place}.csv", [header, row]), PLACES[place][0]
    assert region_col is not None, f"kind {kind.name} has no region column: scope it"
    code = _region_code(region_col, place)
    row = [code if c is region_col else _cell(c) for c in kind.columns]
    path = write_csv(tmp_path / f"{kind.name}-{place}.csv", [[c.name for c in kind.columns], row])
    return path, code


def _refused(outcome: Any, kind: Kind) -> bool:
    # An owner-region kind is refused for the whole file (no column named).
    column = kind.region_column.name if kind.region_column else None
    return any(
        e["column"] == column and REFUSED in e["message_en"] for e in outcome.as_json()["errors"]
    )


@pytest.mark.parametrize("place", sorted(PLACES))
def test_every_kind_follows_its_models_write_rules(tmp_path: Path, personas, place: str) -> None:
    checked = 0
    for kind in kinds.all_kinds():
        policy_of(kind.model)  # every kind writes a model that declares its write policy
        path, code = _file(tmp_path, kind, place)
        for name in PERSONAS:
            user = getattr(personas, name)
            may = allowed_regions(user, CHANGE, kind.model).filter(code=code).exists()
            region = code if kind.owner_region else None
            outcome = run_import(path, kind.name, user=user, dry_run=True, region=region)
            assert _refused(outcome, kind) is not may, (kind.name, name, code)
            checked += 1
    assert checked == len(kinds.all_kinds()) * len(PERSONAS)


def test_the_rules_the_issue_names(tmp_path: Path, personas) -> None:
    """Spelled out, so a change in the scope rules cannot hide behind the loop above."""
    roster = kinds.get("roster")
    membership = kinds.get("membership")
    assert roster and membership
    home, _ = _file(tmp_path, roster, "home")
    away, _ = _file(tmp_path, roster, "away")
    assert _refused(run_import(away, "roster", user=personas.national, dry_run=True), roster)
    assert _refused(run_import(home, "roster", user=personas.national, dry_run=True), roster)
    assert _refused(run_import(home, "roster", user=personas.branch, dry_run=True), roster)
    assert not _refused(run_import(home, "roster", user=personas.kabkota, dry_run=True), roster)
    assert _refused(run_import(home, "roster", user=personas.outsider, dry_run=True), roster)
    members, _ = _file(tmp_path, membership, "home")
    assert not _refused(
        run_import(members, "membership", user=personas.branch, dry_run=True), membership
    )
    assert _refused(
        run_import(members, "membership", user=personas.national, dry_run=True), membership
    )


def test_api_roster_import_by_a_national_token_is_refused(client, personas) -> None:
    body = "nik,nama,domisili\n3204010101900001,Siti,32.04\n"
    upload = SimpleUploadedFile("daftar.csv", body.encode(), "text/csv")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(personas.national, 'uji')[1]}"}
    response = client.post("/api/v1/imports/", {"kind": "roster", "file": upload}, **auth)
    assert response.status_code == 422 and response.json()["inserted"] == 0
    assert not RosterEntry.objects.exists()
    assert "3204010101900001" not in response.content.decode()


def test_web_upload_page_of_a_kind_needs_its_write_right(client, personas) -> None:
    client.force_login(personas.national)
    assert client.get("/impor/roster/").status_code == 403
    assert client.get("/impor/targets/").status_code == 200
    client.force_login(personas.branch)
    assert client.get("/impor/roster/").status_code == 403
    assert client.get("/impor/membership/").status_code == 200
