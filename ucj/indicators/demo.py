"""Demo figures for `ucj demo`: the published cases (real) and a generated monthly series.

The generated series (is_sample=True, source "data contoh (dibangkitkan)") covers every
kab/kota for 24 months up to 2025-10, all segments and programs. How it stays honest
beside the published figures (potentials from the 2025 population, levels through every
published percentage) is in demo_plan.py. Months a source published are not generated:
the real figure stands there. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection, transaction

from ucj.indicators import demo_plan, published, version
from ucj.indicators.models import (
    NationalFigure,
    NationalTarget,
    Participation,
    PotentialWorkers,
    ReportedCoverage,
    Target,
)
from ucj.lib.formats import number
from ucj.lib.periods import parse_day
from ucj.regions.models import Region

SAMPLE_SOURCE = "data contoh (dibangkitkan)"
LAST, MONTHS, YEARS = demo_plan.LAST, demo_plan.MONTHS, demo_plan.YEARS
# Programs each segment holds: PU all five, BPU no JP, Jakon JKK+JKM (databoks, Feb 2025).
HOLDS: dict[str, dict[str, float]] = {
    "PU": {"JKK": 1.0, "JKM": 1.0, "JHT": 0.86, "JP": 0.64, "JKP": 0.55},
    "BPU": {"JKK": 1.0, "JKM": 1.0, "JHT": 0.14},
    "JAKON": {"JKK": 1.0, "JKM": 1.0},
    "PMI": {"JKK": 1.0, "JKM": 1.0, "JHT": 0.08},
}


_date = parse_day  # published dates: '2025-03' (a month) or '2025-03-31'


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
    return n + _load_national() + _load_national_targets()


def _load_national_targets() -> int:
    for (
        series,
        year,
        pct,
        workers,
        program,
        document,
        note,
        source,
        as_of,
    ) in published.NATIONAL_TARGETS:
        NationalTarget.objects.update_or_create(
            series=series, year=year, program=program, source=source,
            defaults={"pct": pct and Decimal(pct), "workers": workers, "document": document,
                      "note": note, "as_of": _date(as_of), "is_sample": False},
        )  # fmt: skip
    return len(published.NATIONAL_TARGETS)


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
        version.bump()


def _split(persons: int, shares: dict[str, float]) -> dict[str, int]:
    """Persons into segments that add up exactly (the largest takes the rounding, so a
    segment a source gave as empty stays empty)."""
    out = {seg: int(persons * share) for seg, share in shares.items()}
    largest = max(shares, key=lambda seg: shares[seg])
    out[largest] += persons - sum(out.values())
    return out


def _generate(batch: Any) -> tuple[int, int, int]:
    kabs = list(Region.objects.kabkota().values_list("id", "code", "level", "province_code"))
    provinces = list(Region.objects.provinces().values_list("code", flat=True))
    made = demo_plan.plan([(c, lv, p) for _, c, lv, p in kabs], provinces)
    idx = demo_plan.index()
    common = {"source": SAMPLE_SOURCE, "is_sample": True, "batch": batch}
    parts: list[tuple[Any, ...]] = []
    pots: list[PotentialWorkers] = []
    targets: list[Target] = []
    for region_id, code, _, _ in kabs:
        k = made["kabs"][code]
        if not k.fixed_potential:  # a published potential stands alone
            for year in YEARS:
                total = k.potential(year)
                formal = int(total * k.formal)
                pots.append(PotentialWorkers(
                    region_id=region_id, year=year, total=total, formal=formal,
                    informal=total - formal, basis="potensi", as_of=dt.date(year, 8, 31),
                    **common,
                ))  # fmt: skip
        if code not in idx.targeted:  # no sample target beside a published one
            last = made["persons"][code].get(demo_plan.month_no(LAST))
            level = 100 * last / max(1, k.potential(2025)) if last else 35.0
            for year in (2024, 2025) if level < 90 else ():  # none below the level reached
                pct = round(
                    min(99.0, max(level, 5.0) + k.rng.uniform(6, 16) + 3 * (year - 2025)), 2
                )
                targets.append(Target(
                    region_id=region_id, year=year, pct=Decimal(str(pct)), issuer="lainnya",
                    document="target contoh (dibangkitkan)", **common,
                ))  # fmt: skip
        for m, persons in made["persons"][code].items():
            period = demo_plan.of_no(m)
            as_of = (period.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            as_of -= dt.timedelta(days=1)
            for seg, count in _split(persons, k.split).items():
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
            kind="demo",
            file_name="ucj demo: indicators",
            sha256="-",
            source=SAMPLE_SOURCE,
            system="demo:ucj demo",  # history: "demo oleh ucj demo", a system actor's batch
        )
        parts, pots, targets = _generate(batch)
        batch.rows = batch.inserted = parts + pots + targets
        batch.save(update_fields=["rows", "inserted"])
    stdout.write(
        f"indicators: data contoh / sample series: {number(parts)} baris peserta, "
        f"{number(pots)} potensi, {number(targets)} target ({MONTHS} bulan s.d. {LAST:%Y-%m})"
    )
