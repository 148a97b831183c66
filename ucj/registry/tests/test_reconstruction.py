"""The reconstruction attack of issue 14 on a dump of the whole database.

Someone with a copy of the database (or a backup) but not UCJ_NIK_KEY reads every table
and, for each stored person, merges every clear field of every row with the same
nik_hash (roster rows and membership rows): the masked NIK, birth year or date, sex,
and the domicile kecamatan, which we hand the attacker as the kecamatan of issue (the
worst case for us). The attack counts the NIKs consistent with all of it. It must not
rebuild any planted NIK, and no planted NIK may be narrowed below 1,000 candidates.
The same attack on a row as it was stored before issue 14 (6+4 mask and the full birth
date) rebuilds the NIK: the attack is real, so this test can fail.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor
from ucj.regions.models import Region
from ucj.registry import stored
from ucj.registry.tests.synth import make_nik, write_csv

pytestmark = pytest.mark.django_db

MIN_CANDIDATES = 1000


def dump() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as raw SQL returns it (what a backup holds)."""
    out: dict[str, list[dict[str, Any]]] = {}
    with connection.cursor() as cur:
        for table in connection.introspection.table_names(cur):
            cur.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            cols = [d[0] for d in cur.description]
            out[table] = [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    return out


def _merge_masks(masks: list[str]) -> str:
    """Each digit any row reveals, '*' where none does."""
    merged = ["*"] * 16
    for mask in (m for m in masks if len(m) == 16):
        merged = [c if c != "*" else m for m, c in zip(mask, merged, strict=True)]
    return "".join(merged)


def candidates(person: dict[str, Any]) -> tuple[int, set[str] | None]:
    """How many NIKs fit what the attacker knows; and the set itself when small."""
    mask, kec = person["mask"], person.get("kecamatan")
    if "*" in mask[:6]:
        assert kec and kec.startswith(mask[:4].replace("*", "")[:4]), "attacker's guess"
        prefix = kec
    else:
        prefix = mask[:6]
    if person.get("birth_date"):
        dates = [person["birth_date"]]
    else:
        years = [person["birth_year"]] if person.get("birth_year") else range(1930, 2011)
        dates = [
            dt.date(y, m, d)
            for y in years
            for m in range(1, 13)
            for d in range(1, calendar.monthrange(y, m)[1] + 1)
        ]
    sexes = [person["sex"]] if person.get("sex") in ("M", "F") else ["M", "F"]
    total, found = 0, set()
    for born in dates:
        for sex in sexes:
            day = born.day + (40 if sex == "F" else 0)
            middle = f"{day:02d}{born.month:02d}{born.year % 100:02d}"
            if any(m != "*" and m != c for m, c in zip(mask[6:12], middle, strict=True)):
                continue
            tail = mask[12:]
            free = tail.count("*")
            serials = 10**free - (1 if all(c in "0*" for c in tail) else 0)  # 0000 unused
            total += serials
            if total <= 10 and free == 0:
                found.add(prefix + middle + tail)
    return total, (found if total <= 10 else None)


def people_from(tables: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    """Every stored person (by nik_hash) with every clear field of every row merged."""
    codes = {r["id"]: r["code"] for r in tables["regions_region"]}
    people: dict[str, dict[str, Any]] = {}
    for table in ("registry_rosterentry", "registry_membershipentry"):
        for row in tables[table]:
            person = people.setdefault(row["nik_hash"], {"masks": []})
            person["masks"].append(row["nik_masked"])
            for field in ("birth_year", "birth_date", "sex"):
                if row.get(field):
                    person[field] = row[field]
            region = codes.get(row.get("domicile_id") or row.get("region_id"))
            if region and region.count(".") == 2:  # a kecamatan: take it as the issuer
                person["kecamatan"] = region.replace(".", "")
    for person in people.values():
        person["mask"] = _merge_masks(person["masks"])
        if isinstance(person.get("birth_date"), str):
            person["birth_date"] = dt.date.fromisoformat(person["birth_date"])
    return people


def _planted(kecamatan: list[str]) -> list[str]:
    niks = []
    for i in range(60):
        kec = kecamatan[i % len(kecamatan)].replace(".", "")
        serial = 100 * (i + 1) if i % 5 == 0 else 1000 + 37 * i  # some end in 00
        niks.append(make_nik(kec, i % 28 + 1, i % 12 + 1, 70 + i % 30, serial, woman=i % 2 == 1))
    return niks


def test_no_nik_can_be_rebuilt_from_a_database_dump(tmp_path: Path) -> None:
    kecamatan = list(
        Region.objects.filter(code__startswith="15.03.")
        .order_by("code")
        .values_list("code", flat=True)[:6]
    )
    niks = _planted(kecamatan)
    born = {
        n: dt.date(1900 + int(n[10:12]), int(n[8:10]), int(n[6:8]) % 40).isoformat() for n in niks
    }

    def sex(n: str) -> str:
        return "P" if int(n[6:8]) > 40 else "L"

    roster = write_csv(
        tmp_path / "honorer_sarolangun.csv",
        ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "domisili", "kelompok", "pembayar"],
        [
            [n, f"Pegawai {i}", born[n], sex(n), kecamatan[i % 6], "non_asn", "APBD"]
            for i, n in enumerate(niks)
        ],
    )
    members = write_csv(
        tmp_path / "bpjs_1503.csv",
        ["kpj", "nik", "segmen", "jkk", "jkm", "status", "bulan_iuran_terakhir", "wilayah"],
        [
            [f"2501{i:06d}", n, "BPU", "Y", "Y", "aktif", "2025-04", kecamatan[i % 6]]
            for i, n in enumerate(niks[:40])
        ],
    )
    assert run_import(roster, "roster", user=system_actor()).ok
    assert run_import(members, "membership", user=system_actor()).ok
    stored.reconcile_region("15.03", timezone.localdate())

    tables = dump()
    text = repr(tables)
    assert settings.NIK_KEY not in text  # the key lives in the environment only
    for n in niks:  # not in the clear, not the hidden part either
        assert n not in text and n[:12] not in text
    people = people_from(tables)
    assert len(people) == len(niks)
    counts = []
    for person in people.values():
        total, rebuilt = candidates(person)
        assert rebuilt is None, "a NIK was rebuilt from the dump"
        counts.append(total)
    assert min(counts) >= MIN_CANDIDATES
    # The arithmetic of docs/SECURITY.md: kecamatan guessed, birth year and sex known,
    # 365 days × 100 serial prefixes, less the unused serial 0000 when it ends in 00.
    assert min(counts) == 365 * 99


def test_the_attack_rebuilds_a_nik_stored_the_old_way() -> None:
    nik = "1503015505880003"
    old_row = {
        "mask": nik[:6] + "******" + nik[12:],
        "birth_date": dt.date(1988, 5, 15),
        "sex": "F",
    }
    assert candidates(old_row) == (1, {nik})
    # The new mask with a full birth date would still be too much: birth YEAR only.
    new_mask_full_date = {**old_row, "mask": nik[:4] + "*" * 10 + nik[14:], "kecamatan": nik[:6]}
    assert candidates(new_mask_full_date)[0] == 100 < MIN_CANDIDATES
