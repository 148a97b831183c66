"""The not-ASN rule: checked where the roster carries `status_asn` (ya/tidak), with
`left_out.asn`; said to be uncheckable where it does not (the wording kept since the
rule shipped, and `rules_not_checked`). Counts by hand below."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ucj.intake.pipeline import run_import
from ucj.intake.testing import write_csv, write_xlsx
from ucj.registry.models import Roster, RosterEntry
from ucj.registry.tests.synth import make_nik
from ucj.selection.services import SelectRequest, select

pytestmark = pytest.mark.django_db
NOT_CHECKABLE = "the not-ASN rule cannot be checked: rosters carry no ASN status"
N = [make_nik("150301", d, 5, 85, 900 + d) for d in range(1, 7)]
# person  status_asn   decile  → outcome (all born 1985, domiciled in Sarolangun)
# N0      ya           1       left out: asn
# N1      YA           2       left out: asn
# N2      tidak        1       selected
# N3      0 (= tidak)  3       selected
# N4      (empty)      1       selected: unknown status is not held against anyone
# N5      (empty)      5       left out: decile (decile comes before asn in the scheme)
ROSTER = [
    ["nik", "domisili", "kelompok", "asn"],  # `asn`: an alias of status_asn
    [N[0], "15.03", "non_asn", "ya"],
    [N[1], "15.03", "non_asn", "YA"],
    [N[2], "15.03", "non_asn", "tidak"],
    [N[3], "15.03", "non_asn", "0"],
    [N[4], "15.03", "non_asn", ""],
    [N[5], "15.03", "non_asn", ""],
]
DECILES = [1, 2, 1, 3, 1, 5]


def _load(tmp_path: Path, user: Any) -> int:
    done = run_import(write_xlsx(tmp_path / "honorer_asn.xlsx", ROSTER), "roster", user=user)
    assert done.ok, done.as_json()
    rows = [["nik", "desil", "data_per", "sumber"]]
    rows += [[n, d, "2025-09-01", "DTSEN uji"] for n, d in zip(N, DECILES, strict=True)]
    assert run_import(write_csv(tmp_path / "desil.csv", rows), "desil", user=user).ok
    return Roster.objects.get(name="honorer_asn").pk


def test_status_asn_column_is_read(sarolangun: Any, tmp_path: Path, personas: Any) -> None:
    roster = _load(tmp_path, personas.kabkota)
    got = dict(RosterEntry.objects.filter(roster_id=roster).values_list("row", "is_asn"))
    assert got == {2: True, 3: True, 4: False, 5: False, 6: None, 7: None}


def test_rule_applied_where_the_roster_says(sarolangun: Any, tmp_path: Path, personas: Any) -> None:
    roster = _load(tmp_path, personas.kabkota)
    answer, chosen = select(
        SelectRequest(code="15.03", budget=1_000_000_000, roster=roster), personas.kabkota
    )
    assert answer["candidates"] == 6 and answer["selected"] == 3
    assert answer["left_out"] == {"decile": 1, "member": 0, "age": 0, "budget": 0, "asn": 2}
    assert sorted(chosen.get_column("row").to_list()) == [4, 5, 6]
    assert answer["rules_not_checked"] == []
    assert not any(NOT_CHECKABLE in n for n in answer["notes"])
    # N4 and N5 carry no status: said in both languages.
    (note,) = [n for n in answer["notes"] if "ASN" in n]
    assert "untuk 2 orang tanpa status ASN" in note and "for 2 people without an ASN" in note
    asn = next(r for r in answer["rules"] if r["kind"] == "asn")
    assert "status ASN" in asn["basis"]  # the rule's basis travels with the answer


def test_rule_not_checkable_without_the_column(sarolangun: Any) -> None:
    # The demo roster carries no ASN status: nobody is left out by the rule, and the
    # answer says the rule could not be checked (the shipped wording, kept).
    answer, _chosen = select(SelectRequest(code="15.03", budget=1_000_000_000), None or _cli())
    assert "asn" not in answer["left_out"]
    assert answer["rules_not_checked"] == ["asn"]
    assert any(NOT_CHECKABLE in n for n in answer["notes"])


def _cli() -> Any:
    from ucj.accounts.scoping import cli_actor

    return cli_actor()
