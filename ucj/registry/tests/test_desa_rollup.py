"""Rosters that name a desa: the column, its errors, the roll-up desa → kecamatan →
kab/kota and the contest league, each count computed by hand below."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from ucj.accounts.scoping import cli_actor
from ucj.intake.testing import run_import_cli, write_csv
from ucj.regions.models import Level, Region
from ucj.registry import areas, contest, stored
from ucj.registry.models import RosterEntry
from ucj.registry.tests.synth import make_nik

pytestmark = pytest.mark.django_db
N = [make_nik("150301", d, 3, 80, d) for d in range(1, 7)]

# Sarolangun (15.03): Batang Asai 15.03.01 (Kasiro 2019, Kasiro Hilir 2020), Limun 15.03.02.
#   row  person  domicile  desa              membership
#   2    N0      15.03     1503012019        active, JKK+JKM
#   3    N1      15.03     Desa Kasiro       inactive
#   4    N2      15.03     15.03.01.2020     active, JKK
#   5    N3      15.03.02  (none)            not on the list
#   6    N4      15.03     (none)            active        → not placed below kab/kota
#   7    N5      15.03     Kasiro (again N0's NIK? no: N5) not on the list
# Batang Asai: persons 4 (N0, N1, N2, N5), covered 2 → 50%; Limun 1, covered 0 → 0%;
# not placed 1 (covered 1); kab/kota 6 persons, 3 covered → 50%.
# Kasiro: N0, N1, N5 → 3 persons, 1 covered → 33.33%; Kasiro Hilir 1/1 → 100%.
ROSTER = [
    ["nik", "nama", "domisili", "kode_desa", "kelompok"],
    [N[0], "A", "15.03", "1503012019", "rt_rw"],
    [N[1], "B", "15.03", "Desa Kasiro", "rt_rw"],
    [N[2], "C", "15.03", "15.03.01.2020", "rt_rw"],
    [N[3], "D", "15.03.02", "", "rt_rw"],
    [N[4], "E", "15.03", "", "rt_rw"],
    [N[5], "F", "15.03", "KASIRO", "aparatur_desa"],
]
MEMBERS = [
    ["nik", "status", "jkk", "jkm", "wilayah"],
    [N[0], "aktif", "ya", "ya", "15.03"],
    [N[1], "non-aktif", "ya", "ya", "15.03"],
    [N[2], "aktif", "ya", "tidak", "15.03"],
    [N[4], "aktif", "tidak", "tidak", "15.03"],
]


@pytest.fixture
def reconciled(tmp_path: Path) -> None:
    load_reconciled(tmp_path)


def load_reconciled(tmp_path: Path) -> None:
    """Import ROSTER and MEMBERS for Sarolangun and reconcile them (also for page tests)."""
    code, data = run_import_cli(str(write_csv(tmp_path / "rt.csv", ROSTER)), "--kind", "roster")
    assert code == 0, data
    code, data = run_import_cli(str(write_csv(tmp_path / "m.csv", MEMBERS)), "--kind", "membership")
    assert code == 0, data
    stored.reconcile_region("15.03", dt.date(2026, 1, 15))


def test_desa_column_sets_the_domicile(reconciled: None) -> None:
    got = dict(RosterEntry.objects.values_list("row", "domicile__code"))
    assert got == {
        2: "15.03.01.2019",
        3: "15.03.01.2019",
        4: "15.03.01.2020",
        5: "15.03.02",
        6: "15.03",
        7: "15.03.01.2019",
    }
    # Only Sarolangun's villages were loaded to find them.
    assert (
        not Region.objects.filter(level=Level.VILLAGE).exclude(code__startswith="15.03.").exists()
    )


def test_unknown_and_out_of_region_desa_name_file_row_field(tmp_path: Path) -> None:
    rows = [
        ["nik", "domisili", "desa"],
        [N[0], "15.03", "Desa Entah Berantah"],
        [N[1], "15.03", "18.02.01.2001"],
        [N[2], "15.03.02", "Kasiro"],  # Kasiro is in Batang Asai, not Limun
        [N[3], "15.03", "1503012019"],
    ]
    code, data = run_import_cli(str(write_csv(tmp_path / "salah.csv", rows)), "--kind", "roster")
    assert code == 1 and RosterEntry.objects.count() == 0
    errors = {e["row"]: e for e in data["errors"]}
    assert set(errors) == {2, 3, 4}
    assert all(e["column"] == "desa" for e in errors.values())
    assert "tidak dikenal di wilayah 15.03" in errors[2]["message_id"]
    assert "unknown desa/kelurahan" in errors[2]["message_en"]
    assert "di luar wilayah 15.03" in errors[3]["message_id"]
    assert "outside region 15.03" in errors[3]["message_en"]
    assert "15.03.02" in errors[4]["message_id"]
    assert errors[2]["message_id"].startswith("Baris 2, kolom 'desa'")
    assert errors[2]["message_en"].startswith("Row 2, column 'desa'")


def test_rollup_kabkota_to_kecamatan(reconciled: None) -> None:
    data = areas.rollup("15.03")
    rows = {r["code"]: r for r in data["rows"]}
    assert (rows["15.03.01"]["persons"], rows["15.03.01"]["covered"]) == (4, 2)
    assert rows["15.03.01"]["share_pct"] == 50.0
    assert rows["15.03.01"]["by_program"] == {"JKK": 2, "JKM": 1, "JHT": 0, "JP": 0, "JKP": 0}
    assert (rows["15.03.02"]["persons"], rows["15.03.02"]["covered"]) == (1, 0)
    assert rows["15.03.02"]["share_pct"] == 0.0
    assert rows["15.03.03"]["persons"] == 0 and rows["15.03.03"]["share_pct"] is None
    assert data["not_placed"] == {"persons": 1, "covered": 1, "share_pct": 100.0}
    assert data["total"] == {"persons": 6, "covered": 3, "share_pct": 50.0}
    # The kab/kota total is the reconciliation's own.
    assert data["placed_below"] == 5


def test_rollup_kecamatan_to_desa_and_group(reconciled: None) -> None:
    data = areas.rollup("15.03.01")
    rows = {r["code"]: r for r in data["rows"]}
    assert len(rows) == 23 and data["child_level"] == "village"
    assert (rows["15.03.01.2019"]["persons"], rows["15.03.01.2019"]["covered"]) == (3, 1)
    assert rows["15.03.01.2019"]["share_pct"] == 33.33
    assert (rows["15.03.01.2020"]["persons"], rows["15.03.01.2020"]["covered"]) == (1, 1)
    assert data["total"] == {"persons": 4, "covered": 2, "share_pct": 50.0}
    rt = areas.rollup("15.03.01", group="rt_rw")
    assert {r["code"]: r["persons"] for r in rt["rows"] if r["persons"]} == {
        "15.03.01.2019": 2,
        "15.03.01.2020": 1,
    }


def test_league_ranks_and_suppresses_for_the_public(reconciled: None, personas) -> None:
    full = contest.league("15.03.01", personas.kabkota)
    ranked = [(r["rank"], r["code"], r["share_pct"]) for r in full["rows"] if r["rank"]]
    assert ranked == [(1, "15.03.01.2020", 100.0), (2, "15.03.01.2019", 33.33)]
    assert full["rows"][2]["rank"] is None and full["suppressed"] is False
    assert full["total"] == {"numerator": 2, "denominator": 4}
    public = contest.league("15.03.01", AnonymousUser())
    assert public["suppressed"] is True
    shown = {r["code"]: r for r in public["rows"]}
    assert shown["15.03.01.2019"]["denominator"] is None
    assert shown["15.03.01.2019"]["denominator_shown"] == "<10"
    assert shown["15.03.01.2019"]["share_pct"] is None and shown["15.03.01.2019"]["rank"] is None
    assert public["total"] == {"numerator": None, "denominator": None}
    other = contest.league("15.03", personas.outsider)
    assert other["suppressed"] is True


def test_league_complementary_suppression() -> None:
    rows = [
        {"code": c, "numerator": n, "denominator": d, "share_pct": 1.0, "suppressed": False}
        for c, n, d in (("a", 3, 5), ("b", 20, 40), ("c", 30, 50), ("d", 0, 0))
    ]
    contest._suppress(rows, 10)
    # a is small; b (the next smallest visible denominator) goes with it; c stays.
    assert [r["suppressed"] for r in rows] == [True, True, False, False]
    assert rows[1]["denominator_shown"] == "…" and rows[0]["numerator_shown"] == "<10"


def test_contest_cli_json(reconciled: None) -> None:
    out = io.StringIO()
    call_command("contest", "15.03", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["measure"] == "roster" and data["child_level"] == "district"
    assert [(r["rank"], r["code"]) for r in data["rows"][:2]] == [(1, "15.03.01"), (2, "15.03.02")]
    assert data["rows"][0]["numerator"] == 2 and data["rows"][0]["denominator"] == 4


def test_contest_cli_refuses_a_province(capsys) -> None:
    with pytest.raises(SystemExit) as exc:
        call_command("contest", "15", "--json")
    assert exc.value.code == 2
    assert "bukan kab/kota" in json.loads(capsys.readouterr().out)["message_id"]


def test_demo_sarolangun_rt_rw_heads_carry_their_desa() -> None:
    from ucj.registry import demo

    demo.load(io.StringIO())
    # 240 persons, person i in kecamatan i mod 6 (15.03.01–06), the first 180 on the list.
    kec = areas.rollup("15.03")
    placed = {r["code"]: (r["covered"], r["persons"]) for r in kec["rows"] if r["persons"]}
    assert placed == {f"15.03.0{k}": (30, 40) for k in range(1, 7)}
    # Batang Asai's 40 (i = 0, 6, …, 234) over its first 4 desa by (i // 6) mod 4: 10 each;
    # listed are i < 180, i.e. i // 6 < 30: desa 1 and 2 get 8, desa 3 and 4 get 7.
    desa = contest.league("15.03.01", AnonymousUser())
    assert desa["suppressed"] is True  # the public: 10 is not under 10, 7 and 8 are
    own = contest.league("15.03.01", cli_actor())
    ranked = [(r["rank"], r["code"][-4:], r["numerator"], r["denominator"]) for r in own["rows"]]
    assert ranked[:4] == [
        (1, "2001", 8, 10),
        (1, "2002", 8, 10),
        (3, "2003", 7, 10),
        (3, "2004", 7, 10),
    ]
