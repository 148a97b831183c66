"""Stored rosters and membership lists: writing them set-based, reconciling a region.

The join key here is `nik_hash`: the raw NIK is hashed (HMAC-SHA256, settings.NIK_KEY)
in Polars before anything is written, and dropped.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ucj.intake.writer import insert_frame
from ucj.lib.bilingual import pair
from ucj.regions.models import Region
from ucj.registry import engines, files, nik, services
from ucj.registry.models import (
    PROGRAMS,
    MembershipEntry,
    MembershipList,
    PersonResult,
    Reconciliation,
    Roster,
    RosterEntry,
)
from ucj.registry.reconcile import Outcome

KEY = "nik_hash"


def with_occurrence(frame: pl.DataFrame) -> pl.DataFrame:
    """`occurrence`: 1 for a NIK's first row in the roster, 2 for its second… (file
    order), the last part of a roster entry's natural key."""
    return frame.with_columns((pl.int_range(pl.len()).over(KEY) + 1).alias("occurrence"))


class NotFound(Exception):
    pass


def hashed(frame: pl.LazyFrame | pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """Validate the `nik` column, add nik_hash / nik_masked / nik_valid / nik_error and
    drop the raw NIK and its birth date (birth_year and sex stay): what comes out may be
    stored."""
    return nik.stored_fields(frame, "nik", as_of).collect()


@transaction.atomic
def store_roster(
    entries: pl.DataFrame,
    *,
    name: str,
    region: Region,
    group: str,
    payer: str,
    as_of: dt.date | None = None,
    source: str = "",
    batch: Any = None,
    is_sample: bool = False,
) -> Roster:
    """`entries`: row, nik_hash, nik_masked, nik_valid, nik_error and any RosterEntry
    attnames (name, birth_year, sex, domicile_id, group, agency, payer)."""
    roster = Roster.objects.create(
        name=name[:200],
        region=region,
        group=group,
        payer=payer,
        as_of=as_of,
        source=source[:300],
        batch=batch,
        is_sample=is_sample,
    )
    add_roster_entries(roster, entries, batch)
    return roster


def add_roster_entries(roster: Roster, entries: pl.DataFrame, batch: Any = None) -> None:
    """More entries of a stored roster (an import written batch by batch)."""
    group, payer = roster.group, roster.payer
    frame = entries.with_columns(
        pl.lit(roster.pk).alias("roster_id"),
        pl.lit(batch.pk if batch else None, pl.Int64).alias("batch_id"),
    )
    if "occurrence" not in frame.columns:
        frame = with_occurrence(frame.sort("row") if "row" in frame.columns else frame)
    if "group" not in frame.columns:
        frame = frame.with_columns(pl.lit(group).alias("group"))
    if "payer" not in frame.columns:
        frame = frame.with_columns(pl.lit(payer).alias("payer"))
    frame = frame.with_columns(pl.col("group").fill_null(group), pl.col("payer").fill_null(payer))
    keep = {f.attname for f in RosterEntry._meta.concrete_fields} - {"id"}
    insert_frame(RosterEntry, frame.select([c for c in frame.columns if c in keep]))


@transaction.atomic
def store_membership(
    entries: pl.DataFrame,
    *,
    region: Region,
    as_of: dt.date,
    source: str = "",
    batch: Any = None,
    is_sample: bool = False,
) -> MembershipList:
    """`entries`: nik_hash, nik_masked and MembershipEntry attnames (kpj, segment, the
    program flags in lower case, status, last_paid, region_id)."""
    mlist = MembershipList.objects.create(
        region=region, as_of=as_of, source=source[:300], batch=batch, is_sample=is_sample
    )
    add_membership_entries(mlist, entries, batch)
    return mlist


def add_membership_entries(mlist: MembershipList, entries: pl.DataFrame, batch: Any = None) -> None:
    """More entries of a stored membership list (an import written batch by batch)."""
    frame = entries.with_columns(
        pl.lit(mlist.pk).alias("membership_list_id"),
        pl.lit(batch.pk if batch else None, pl.Int64).alias("batch_id"),
    )
    keep = {f.attname for f in MembershipEntry._meta.concrete_fields} - {"id"}
    insert_frame(MembershipEntry, frame.select([c for c in frame.columns if c in keep]))


def load_roster_file(
    path: Path,
    region: Region,
    group: str,
    payer: str,
    as_of: dt.date,
    name: str | None = None,
    is_sample: bool = False,
) -> Roster:
    """The small loader for files without the intake pipeline (tests, demo, scripts)."""
    frame, _present = files.scan(path, files.ROSTER_COLUMNS)
    data = hashed(frame.select("row", "nik", "nama", "instansi"), as_of)
    entries = data.select(
        "row",
        "nik_hash",
        "nik_masked",
        "nik_valid",
        "nik_error",
        pl.col("nama").fill_null("").str.slice(0, 200).alias("name"),
        pl.col("instansi").fill_null("").str.slice(0, 200).alias("agency"),
        pl.col("sex").fill_null(""),
        "birth_year",
    )
    return store_roster(
        entries,
        name=name or path.stem,
        region=region,
        group=group,
        payer=payer,
        as_of=as_of,
        is_sample=is_sample,
    )


def load_membership_file(
    path: Path, region: Region, as_of: dt.date, is_sample: bool = False
) -> MembershipList:
    frame, present = files.scan(path, files.MEMBERSHIP_COLUMNS)
    parsed = files.parse_membership(frame, present).collect()
    problems = files.problems(path, files.bad_rows(parsed))
    if problems:
        raise files.FileProblem(problems)
    data = hashed(parsed.lazy(), as_of)
    entries = data.select(
        "nik_hash",
        "nik_masked",
        pl.col("kpj").fill_null(""),
        pl.col("segmen").fill_null("").alias("segment"),
        *[pl.col(p).alias(p.lower()) for p in PROGRAMS],
        pl.when(pl.col("active"))
        .then(pl.lit("aktif"))
        .otherwise(pl.lit("non_aktif"))
        .alias("status"),
        "last_paid",
    )
    return store_membership(entries, region=region, as_of=as_of, is_sample=is_sample)


def roster_frame(region: Region) -> pl.DataFrame:
    """Every entry of the region's rosters; order = first stored roster, then row."""
    rows = list(
        RosterEntry.objects.filter(roster__region=region).values_list(
            "id",
            "roster_id",
            "roster__name",
            "row",
            "nik_hash",
            "nik_masked",
            "nik_valid",
            "nik_error",
            "name",
            "group",
            "agency",
        )
    )
    schema = {
        "entry_id": pl.Int64,
        "roster_id": pl.Int64,
        "roster": pl.String,
        "row": pl.Int64,
        KEY: pl.String,
        "nik_masked": pl.String,
        "nik_valid": pl.Boolean,
        "nik_error": pl.String,
        "nama": pl.String,
        "kelompok": pl.String,
        "instansi": pl.String,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.with_columns(
        (pl.col("roster_id") * 10_000_000 + pl.col("row")).alias("order"),
        pl.format("{} baris {}", pl.col("roster"), pl.col("row")).alias("label"),
        pl.col("nik_error").alias("nik_errors"),
    )


def _stored_rows(mlist: MembershipList, region: Region | None) -> pl.LazyFrame:
    """A list kept as Parquet (`list_store`), narrowed to `region` when the list is its
    province's and the reconciliation a kab/kota's."""
    from ucj.registry import list_store

    rows = list_store.scan(mlist)
    if region is not None and region.code != mlist.region.code:
        rows = rows.filter(
            (pl.col("region_code") == region.code)
            | pl.col("region_code").str.starts_with(region.code + ".")
        )
    return rows


def membership_frame(mlist: MembershipList, region: Region | None = None) -> pl.LazyFrame:
    if mlist.store:
        return (
            _stored_rows(mlist, region)
            .select(KEY, "status", *[pl.col(p.lower()).alias(p) for p in PROGRAMS], "last_paid")
            .with_columns((pl.col("status") == "aktif").alias("active"))
        )
    rows = list(
        MembershipEntry.objects.filter(membership_list=mlist).values_list(
            KEY, "status", "jkk", "jkm", "jht", "jp", "jkp", "last_paid"
        )
    )
    schema = {
        KEY: pl.String,
        "status": pl.String,
        **dict.fromkeys(PROGRAMS, pl.Boolean),
        "last_paid": pl.Date,
    }
    frame = pl.DataFrame(rows, schema=schema, orient="row")
    return frame.lazy().with_columns((pl.col("status") == "aktif").alias("active"))


def engine_rows(mlist: MembershipList, region: Region) -> engines.Members:
    """The list's rows for an engine: a stored list also by its Parquet folders."""
    from ucj.registry import list_store

    frame = membership_frame(mlist, region)
    if not mlist.store:
        return engines.Members(frame)
    narrow = region.code if region.code != mlist.region.code else None
    return engines.Members(frame, parquet=tuple(list_store.list_dirs(mlist)), region=narrow)


def latest_list(region: Region) -> MembershipList | None:
    """The region's latest list; else its province's latest stored list (a national
    file is stored per province), read for the region's rows only."""
    own = MembershipList.objects.filter(region=region).order_by("-as_of", "-id").first()
    if own is not None or region.code == region.province_code:
        return own
    return (
        MembershipList.objects.filter(region__code=region.province_code)
        .exclude(store="")
        .order_by("-as_of", "-id")
        .first()
    )


def reconcile_region(
    code: str,
    as_of: dt.date,
    membership_file: str | None = None,
    out_dir: Path | None = None,
    user: Any = None,
    engine: engines.Engine | None = None,
) -> Outcome:
    """The region's stored rosters against its latest stored membership list (or a file,
    hashed on the fly); the result is stored as a Reconciliation with person results."""
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise NotFound(pair(_("Kode wilayah tidak dikenal: %(code)s"), code=code).joined())
    roster = roster_frame(region)
    if roster.height == 0:
        raise NotFound(pair(_("Belum ada daftar pekerja untuk %(code)s"), code=code).joined())
    mlist = None
    if membership_file:
        path = Path(membership_file)
        if not path.exists():
            raise FileNotFoundError(path)
        frame, present = files.scan(path, files.MEMBERSHIP_COLUMNS)
        parsed = files.parse_membership(frame, present).collect()
        problems = files.problems(path, files.bad_rows(parsed))
        if problems:
            raise files.FileProblem(problems)
        membership = engines.Members(hashed(parsed.lazy(), as_of).lazy())
        list_name = path.name
    else:
        mlist = latest_list(region)
        if mlist is None:
            raise NotFound(
                pair(_("Belum ada daftar kepesertaan untuk %(code)s"), code=code).joined()
            )
        membership = engine_rows(mlist, region)
        list_name = f"{mlist.source or 'BPJS TK'} {mlist.as_of}"
    outcome, _rows = (engine or engines.get()).reconcile(roster, membership, KEY)
    if mlist is not None:
        save(outcome, region, mlist, as_of, user)
    if out_dir is not None:
        outside = None
        if mlist is not None:
            keys = outcome.persons.filter(pl.col("nik_valid")).select(KEY).lazy()
            outside = members_for_output(mlist, region).join(keys, on=KEY, how="anti").drop(KEY)
        services.write_outputs(outcome, out_dir, outside, list_name, as_of)
    return outcome


def members_for_output(mlist: MembershipList, region: Region | None = None) -> pl.LazyFrame:
    """The list's rows as the "members in no roster" file shows them (masked NIK)."""
    if mlist.store:
        return _stored_rows(mlist, region).select(
            KEY, "nik_masked", "kpj", pl.col("segment").alias("segmen"), "status",
            *[pl.col(p.lower()).alias(p) for p in PROGRAMS], "last_paid",
        )  # fmt: skip
    rows = list(
        MembershipEntry.objects.filter(membership_list=mlist).values_list(
            KEY,
            "nik_masked",
            "kpj",
            "segment",
            "status",
            "jkk",
            "jkm",
            "jht",
            "jp",
            "jkp",
            "last_paid",
        )
    )
    schema = {
        KEY: pl.String,
        "nik_masked": pl.String,
        "kpj": pl.String,
        "segmen": pl.String,
        "status": pl.String,
        **dict.fromkeys(PROGRAMS, pl.Boolean),
        "last_paid": pl.Date,
    }
    return pl.DataFrame(rows, schema=schema, orient="row").lazy()


@transaction.atomic
def save(
    outcome: Outcome, region: Region, mlist: MembershipList, as_of: dt.date, user: Any = None
) -> Reconciliation:
    rec = Reconciliation.objects.create(
        region=region,
        membership_list=mlist,
        as_of=as_of,
        summary=outcome.summary,
        rosters=outcome.rosters,
        members_in_no_roster=outcome.members_in_no_roster,
        user=user if getattr(user, "is_authenticated", False) else None,
        is_sample=mlist.is_sample,
    )
    persons = outcome.persons.select(
        pl.lit(rec.pk).alias("reconciliation_id"),
        "entry_id",
        "status",
        *[pl.col(p).fill_null(False).alias(p.lower()) for p in PROGRAMS],
    )
    insert_frame(PersonResult, persons)
    return rec
