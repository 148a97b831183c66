"""Demo figures for `ucj demo`: the published cases (real) and a generated monthly series.

The generated series (is_sample=True, source "data contoh (dibangkitkan)") covers every
kab/kota for 24 months up to 2025-10, all segments and programs. It is deterministic
(seeded by region code) and anchored on the published points, so a region that a source
put at 26% sits near 26% in that month. Months a source published are not generated:
the real figure stands there. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from ucj.indicators import published
from ucj.indicators.models import (
    NationalFigure,
    Participation,
    PotentialWorkers,
    ReportedCoverage,
    Target,
)
from ucj.lib.formats import number
from ucj.regions.models import Region

SAMPLE_SOURCE = "data contoh (dibangkitkan)"
LAST = dt.date(2025, 10, 1)
MONTHS = 24
YEARS = (2023, 2024, 2025)
# Programs each segment holds (FACTS.md §1.1): PU all five, BPU no JP, Jakon JKK+JKM.
HOLDS: dict[str, dict[str, float]] = {
    "PU": {"JKK": 1.0, "JKM": 1.0, "JHT": 0.86, "JP": 0.64, "JKP": 0.55},
    "BPU": {"JKK": 1.0, "JKM": 1.0, "JHT": 0.14},
    "JAKON": {"JKK": 1.0, "JKM": 1.0},
    "PMI": {"JKK": 1.0, "JKM": 1.0, "JHT": 0.08},
}
# Where the published points put provinces (month, %): the generated kab/kota sit around it.
PROVINCE_ANCHOR = {
    "11": ("2025-08", 25.46), "18": ("2024-09", 24.86), "51": ("2025-03", 49.90),
    "52": ("2025-06", 30.70), "71": ("2025-08", 60.06), "15": ("2024-12", 45.17),
    "75": ("2024-09", 54.61), "73": ("2025-06", 47.38), "61": ("2025-09", 31.0),
    "31": ("2025-10", 88.0),  # sample level: Jakarta counts commuters' employers' workers
}  # fmt: skip
# Kab/kota with a published point of their own.
KAB_ANCHOR = {
    "18.02": ("2024-09", 26.4), "18.71": ("2024-09", 32.8), "18.72": ("2024-09", 32.9),
    "18.13": ("2024-09", 1.9), "18.07": ("2024-09", 17.4), "18.08": ("2024-09", 19.3),
    "18.10": ("2024-09", 21.4), "18.12": ("2024-09", 22.6), "18.04": ("2024-09", 23.3),
    "18.11": ("2024-09", 23.3), "18.03": ("2024-09", 25.6), "18.01": ("2024-09", 26.5),
    "18.05": ("2024-09", 26.9), "18.06": ("2024-09", 29.4), "51.03": ("2025-03", 58.68),
    "51.06": ("2025-03", 35.52), "71.04": ("2025-10", 97.0), "71.11": ("2025-10", 92.5),
    "71.01": ("2025-10", 87.5), "71.07": ("2025-08", 80.06), "71.71": ("2025-10", 80.5),
    "71.08": ("2025-08", 28.11), "75.04": ("2025-10", 56.5), "13.71": ("2024-11", 44.0),
    "33.18": ("2025-03", 29.0), "33.12": ("2025-10", 31.99), "34.04": ("2025-10", 36.40),
    "53.04": ("2024-03", 45.76), "53.21": ("2025-05", 3.0), "73.71": ("2025-10", 63.47),
    "61.71": ("2025-10", 40.0), "64.08": ("2024-12", 112.1),
    # FACTS.md §9: Sarolangun ~43% of ~112,000 workers (Oct 2024); Pangkalpinang about
    # half of its workers (May 2025).
    "15.03": ("2024-10", 43.0), "19.71": ("2025-05", 50.0),
}  # fmt: skip
PROVINCE_POTENTIAL = {"18": 3_058_943, "11": 1_601_559, "51": 1_873_899, "52": 1_808_432,
                      "71": 854_203, "75": 466_368, "73": 2_801_936}  # fmt: skip
KAB_POTENTIAL = {"71.08": 23_610, "71.07": 33_754, "33.18": 599_061, "64.08": 130_777,
                 "13.71": 270_000, "15.03": 112_000}  # fmt: skip


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(f"{text}-01" if len(text) == 7 else text)


def _months() -> list[dt.date]:
    index = LAST.year * 12 + LAST.month - 1
    return [dt.date((index - k) // 12, (index - k) % 12 + 1, 1) for k in range(MONTHS - 1, -1, -1)]


def _month_no(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def load_published() -> int:
    """Upsert the published figures (is_sample False). Returns the number of rows."""
    regions = dict(Region.objects.values_list("code", "id"))
    n = 0
    for code, period, seg, count, source, url, as_of in published.PARTICIPATION:
        Participation.objects.update_or_create(
            region_id=regions[code], period=_date(period), segment=seg, program="",
            defaults={"count": count, "source": source, "source_url": url,
                      "as_of": _date(as_of), "is_sample": False},
        )  # fmt: skip
        n += 1
    for code, year, total, formal, informal, basis, source, url in published.POTENTIAL:
        PotentialWorkers.objects.update_or_create(
            region_id=regions[code], year=year,
            defaults={"total": total, "formal": formal, "informal": informal, "basis": basis,
                      "source": source, "source_url": url, "is_sample": False,
                      "as_of": _date(published.POTENTIAL_AS_OF[(code, year)])},
        )  # fmt: skip
        n += 1
    for code, period, pct, f_pct, i_pct, cat, note, source, url, as_of in published.REPORTED:
        ReportedCoverage.objects.update_or_create(
            region_id=regions[code], period=_date(period), source=source,
            defaults={"pct": pct and Decimal(pct), "formal_pct": f_pct and Decimal(f_pct),
                      "informal_pct": i_pct and Decimal(i_pct), "category_label": cat,
                      "note": note, "source_url": url, "as_of": _date(as_of), "is_sample": False},
        )  # fmt: skip
        n += 1
    for code, year, t_pct, workers, issuer, document, source, url in published.TARGETS:
        Target.objects.update_or_create(
            region_id=regions[code], year=year, issuer=issuer,
            defaults={"pct": t_pct and Decimal(t_pct), "workers": workers, "document": document,
                      "source": source, "source_url": url, "is_sample": False,
                      "as_of": _date(published.TARGET_AS_OF[(code, year)])},
        )  # fmt: skip
        n += 1
    return n + _load_national()


def _load_national() -> int:
    names = ("participants", "potential", "pct", "target_pct", "pu", "bpu", "jakon", "pmi", "note")
    for period, *values, source, as_of in published.NATIONAL:
        row: dict[str, Any] = dict(zip(names, values, strict=True))
        for pct in ("pct", "target_pct"):
            row[pct] = row[pct] and Decimal(str(row[pct]))
        NationalFigure.objects.update_or_create(
            period=_date(period), source=source,
            defaults={**row, "as_of": _date(as_of), "is_sample": False},
        )  # fmt: skip
    return len(published.NATIONAL)


PARTICIPATION_COLUMNS = (
    "region_id", "period", "segment", "program", "count", "source", "source_url", "as_of",
    "batch_id", "is_sample",
)  # fmt: skip


def insert_rows(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Plain inserts for a large generated set: COPY on PostgreSQL, executemany on SQLite.

    Model instances and per-row signals would make the demo (and the benchmark) too slow;
    these rows are new and carry no history of their own.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(c) for c in columns)
    with transaction.atomic(), connection.cursor() as cursor:  # one commit, not one per row
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3 cursor underneath Django's wrapper
            with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)


def _province_totals() -> dict[str, int]:
    """Published province potentials; else one that puts the generated Dec 2023 sum near the
    published Dec 2023 participants at the province's level then."""
    totals = dict(PROVINCE_POTENTIAL)
    dec = _month_no(dt.date(2023, 12, 1))
    for prov, active in published.DECEMBER_2023.items():
        if prov in totals:
            continue
        rng = random.Random(f"ucj-demo-prov-{prov}")
        month, pct = PROVINCE_ANCHOR.get(prov, ("2025-10", rng.uniform(24, 52)))
        level = max(5.0, pct - 0.2 * (_month_no(_date(month)) - dec))
        totals[prov] = int(active * 100 / level)
    return totals


def _kab_plan(kabs: list[tuple[int, str, str, str]]) -> dict[str, dict[str, Any]]:
    """Per kab/kota: potential (2025), formal share, anchor month and level, pace, split."""
    plan: dict[str, dict[str, Any]] = {}
    by_province: dict[str, list[str]] = {}
    for _, code, level, prov in kabs:
        rng = random.Random(f"ucj-demo-{code}")
        prov_rng = random.Random(f"ucj-demo-prov-{prov}")
        prov_month, prov_pct = PROVINCE_ANCHOR.get(prov, ("2025-10", prov_rng.uniform(24, 52)))
        month, pct = KAB_ANCHOR.get(code, (prov_month, max(2.0, prov_pct + rng.gauss(0, 6))))
        size = rng.lognormvariate(12.0, 0.6) * (0.7 if level == "city" else 1.0)
        pu = rng.uniform(0.50, 0.68)
        bpu = rng.uniform(0.15, 0.30)
        pmi = rng.uniform(0.01, 0.07)
        plan[code] = {
            "potential": KAB_POTENTIAL.get(code, int(size)),
            "fixed": code in KAB_POTENTIAL,
            "formal": rng.uniform(1.5, 2.2),  # formal % ÷ total %, turned into a share below
            "anchor": _month_no(_date(month)),
            "pct": pct,
            "pace": rng.uniform(0.05, 0.35),  # percentage points a month
            "split": {"PU": pu, "BPU": bpu, "PMI": pmi, "JAKON": max(0.04, 1 - pu - bpu - pmi)},
            "rng": rng,
        }
        # The formal part of the potential, so that formal % ≈ 1.5–2.2 × total % (as in
        # Aceh: 47% against 25%) and stays under 95% where the total allows.
        p = plan[code]
        peak = p["pct"] + p["pace"] * max(0, _month_no(LAST) - p["anchor"])
        formal_pct = min(95.0, peak * p["formal"])
        p["formal"] = min(0.9, (pu + p["split"]["JAKON"]) * peak / max(formal_pct, 1.0))
        by_province.setdefault(prov, []).append(code)
    for prov, total in _province_totals().items():  # province totals add up
        free = [c for c in by_province.get(prov, []) if not plan[c]["fixed"]]
        fixed = sum(plan[c]["potential"] for c in by_province.get(prov, []) if plan[c]["fixed"])
        scale = (total - fixed) / max(1, sum(plan[c]["potential"] for c in free))
        for c in free:
            plan[c]["potential"] = int(plan[c]["potential"] * scale)
    return plan


def _generate(batch: Any) -> tuple[int, int, int]:
    kabs = list(Region.objects.kabkota().values_list("id", "code", "level", "province_code"))
    plan = _kab_plan(kabs)
    real_months = {(c, _date(p)) for c, p, *_ in published.PARTICIPATION}
    real_pots = {(c, y) for c, y, *_ in published.POTENTIAL}
    real_targets = {(c, y) for c, y, *_ in published.TARGETS}
    common = {"source": SAMPLE_SOURCE, "is_sample": True, "batch": batch}
    parts: list[tuple[Any, ...]] = []
    pots: list[PotentialWorkers] = []
    targets: list[Target] = []
    months = _months()
    for region_id, code, _, _ in kabs:
        p = plan[code]
        rng = p["rng"]
        for year in YEARS:  # potentials grow ~1.5% a year
            total = int(p["potential"] * 1.015 ** (year - 2025))
            if (code, year) not in real_pots:
                formal = int(total * p["formal"])
                pots.append(PotentialWorkers(
                    region_id=region_id, year=year, total=total, formal=formal,
                    informal=total - formal, basis="potensi", as_of=dt.date(year, 8, 31),
                    **common,
                ))  # fmt: skip
        for year in (2024, 2025):
            if (code, year) not in real_targets:
                pct = round(min(99.0, p["pct"] + rng.uniform(6, 16) + 3 * (year - 2024)), 2)
                targets.append(Target(
                    region_id=region_id, year=year, pct=Decimal(str(pct)), issuer="lainnya",
                    document="target contoh (dibangkitkan)", **common,
                ))  # fmt: skip
        for period in months:
            if (code, period) in real_months:
                continue
            dip = -1.2 if period.year == 2025 and period.month <= 3 else 0.0  # early-2025 dip
            level = p["pct"] + p["pace"] * (_month_no(period) - p["anchor"]) + dip
            level = max(0.3, level + rng.gauss(0, 0.25))
            potential = int(p["potential"] * 1.015 ** (period.year - 2025))
            persons = int(potential * level / 100)
            as_of = (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            as_of -= dt.timedelta(days=1)
            for seg, share in p["split"].items():
                count = int(persons * share)
                rows = [("", count)] + [(prog, int(count * f)) for prog, f in HOLDS[seg].items()]
                parts.extend(
                    (region_id, period, seg, prog, n, SAMPLE_SOURCE, "", as_of, batch.pk, True)
                    for prog, n in rows
                )
    PotentialWorkers.objects.bulk_create(pots, batch_size=2000)
    Target.objects.bulk_create(targets, batch_size=2000)
    insert_rows(Participation, PARTICIPATION_COLUMNS, parts)
    return len(parts), len(pots), len(targets)


def load(stdout: Any) -> None:
    from ucj.intake.models import ImportBatch

    with transaction.atomic():
        n = load_published()
    stdout.write(f"indicators: {number(n)} angka terbit / published figures (dengan sumber)")
    if Participation.objects.filter(source=SAMPLE_SOURCE).exists():
        stdout.write("indicators: data contoh sudah ada / sample series already loaded")
        return
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            kind="demo", file_name="ucj demo: indicators", sha256="-", source=SAMPLE_SOURCE
        )
        parts, pots, targets = _generate(batch)
        batch.rows = batch.inserted = parts + pots + targets
        batch.save(update_fields=["rows", "inserted"])
    stdout.write(
        f"indicators: data contoh / sample series: {number(parts)} baris peserta, "
        f"{number(pots)} potensi, {number(targets)} target ({MONTHS} bulan s.d. {LAST:%Y-%m})"
    )
