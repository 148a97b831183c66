"""Import kinds `pendataan` (a field team's list of one or more desa of a campaign) and
`penduduk` (a Dukcapil-style population list, by hashed NIK).

The NIK is read by `derive` only (`registry.nik.stored_fields`): the raw value never
reaches a model field and every message shows it masked (`sensitive=True`). An invalid
NIK is stored as such (hashed): it is the funnel's "NIK valid" step, not an import error.
The natural key is campaign + desa + hashed NIK, so the same file again changes nothing
and the same person in two desa stays two entries (shown as a duplicate across desa).
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.campaigns import desa
from ucj.campaigns.models import Campaign, CampaignEntry, EntryStatus, PopulationEntry
from ucj.intake.checks import Checks
from ucj.intake.kinds import Column, Kind, register
from ucj.intake.writer import WriteJob, WriteResult, upsert
from ucj.lib.bilingual import pair
from ucj.regions.models import Level
from ucj.registry import nik
from ucj.registry.intake import GROUPS, nik_column

# What a field team may say of a person; the rest is the confirmation's to say.
FILE_STATUSES = {
    "terdata": EntryStatus.LISTED.value,
    "listed": EntryStatus.LISTED.value,
    "didata": EntryStatus.LISTED.value,
    "diusulkan": EntryStatus.PROPOSED.value,
    "usul": EntryStatus.PROPOSED.value,
    "proposed": EntryStatus.PROPOSED.value,
}
KEPT = (
    EntryStatus.REGISTERED.value,
    EntryStatus.REGISTERED_OTHER.value,
    EntryStatus.NOT_REGISTERED.value,
)


def _stored_nik(frame: pl.DataFrame) -> pl.DataFrame:
    out = nik.stored_fields(frame, "nik", timezone.localdate()).collect()
    return out.drop([c for c in ("birth_year", "sex") if c in out.columns])


def derive_entries(frame: pl.DataFrame) -> pl.DataFrame:
    """Hashed NIK; an empty group is the campaign's; the row number for the pages."""
    out = _stored_nik(frame)
    ids = [int(i) for i in out["campaign_id"].drop_nulls().unique().to_list()]
    groups = pl.DataFrame(
        list(Campaign.objects.filter(pk__in=ids).values_list("pk", "group")),
        schema={"campaign_id": pl.Int64, "_campaign_group": pl.String},
        orient="row",
    )
    out = out.with_columns(pl.col("campaign_id").cast(pl.Int64)).join(
        groups, on="campaign_id", how="left"
    )
    return out.with_columns(
        pl.coalesce("group", "_campaign_group", pl.lit("lainnya")).alias("group"),
        pl.col("_row").alias("row"),
        # `wilayah` (its code) is the pipeline's region column (it scopes by it); the
        # desa lies in it.
        desa.resolve(frame)["desa_id"].alias("desa_id"),
    ).drop("_campaign_group")


def _validate_entries(checks: Checks) -> None:
    """The campaign must exist, the row's wilayah lie in its region and the desa in the
    wilayah."""
    frame = checks.frame
    if frame.height == 0:
        return
    found = pl.concat(
        [frame, desa.resolve(frame).select("err_id", "err_en", "warn_id", "warn_en")],
        how="horizontal",
    )
    checks.error(
        found.filter(pl.col("err_id").is_not_null()), "desa", pl.col("err_id"), pl.col("err_en")
    )
    # A retired desa code or name read as its successor: old → new and the basis.
    checks.warn(
        found.filter(pl.col("warn_id").is_not_null()), "desa", pl.col("warn_id"), pl.col("warn_en")
    )
    ids = [int(i) for i in frame["campaign_id"].drop_nulls().unique().to_list()]
    campaigns = pl.DataFrame(
        list(Campaign.objects.filter(pk__in=ids).values_list("pk", "region__code")),
        schema={"campaign_id": pl.Int64, "_campaign_code": pl.String},
        orient="row",
    )
    joined = frame.with_columns(
        pl.col("campaign_id").cast(pl.Int64), pl.col("wilayah").cast(pl.String).alias("_area_code")
    ).join(campaigns, on="campaign_id", how="left")
    unknown = joined.filter(pl.col("_campaign_code").is_null())
    checks.error(unknown, "kampanye", *pair(_("nomor pendataan tidak dikenal")))
    code, area = pl.col("_campaign_code"), pl.col("_area_code")
    outside = joined.filter(
        code.is_not_null() & area.is_not_null() & (area != code) & ~area.str.starts_with(code + ".")
    )
    checks.error(outside, "wilayah", *pair(_("wilayah ini di luar wilayah pendataan")))


def write_entries(job: WriteJob) -> WriteResult:
    """Upsert by (campaign, desa, hashed NIK). A status the confirmation set (registered,
    another scheme, not registered) is kept when the file says 'listed' or 'proposed'
    again: a field list never undoes what a membership list showed. Then the listed
    entries of the campaigns touched are reconciled with the latest membership list."""
    from ucj.campaigns.funnel import reconcile_listed

    frame = job.frame
    ids = [int(i) for i in frame["campaign_id"].unique().to_list()]
    hashes = frame["nik_hash"].unique().to_list()
    existing = pl.DataFrame(
        list(
            CampaignEntry.objects.filter(
                campaign_id__in=ids, nik_hash__in=hashes, status__in=KEPT
            ).values_list("campaign_id", "desa_id", "nik_hash", "status")
        ),
        schema={
            "campaign_id": pl.Int64,
            "desa_id": pl.Int64,
            "nik_hash": pl.String,
            "_kept": pl.String,
        },
        orient="row",
    )
    rows = (
        frame.with_columns(pl.col("campaign_id").cast(pl.Int64), pl.col("desa_id").cast(pl.Int64))
        .join(existing, on=["campaign_id", "desa_id", "nik_hash"], how="left")
        .with_columns(pl.coalesce("_kept", "status").alias("status"))
        .drop("_kept")
    )
    result = upsert(replace(job, frame=rows))
    for campaign in Campaign.objects.filter(pk__in=ids):
        reconcile_listed(campaign)
    return result


ENTRIES = register(Kind(
    name="pendataan",
    label=_("Pendataan per desa (NIK)"),
    model=CampaignEntry,
    columns=(
        # The campaign first: the duplicate-key message quotes the first column, and a
        # message must never quote a NIK.
        Column("kampanye", "campaign", "int", required=True,
               aliases=("campaign", "pendataan", "no_pendataan", "campaign_id"),
               help_id="nomor pendataan (lihat halaman Pendataan atau `ucj campaign list`)",
               help_en="campaign number (see the Pendataan page or `ucj campaign list`)",
               example="1"),
        Column("wilayah", "desa", "region", required=True,
               aliases=("region", "kabupaten_kota", "kecamatan", "kode_wilayah"),
               levels=(Level.REGENCY.value, Level.CITY.value, Level.DISTRICT.value),
               help_id="kab/kota atau kecamatan tempat desa itu", help_en="the desa's "
               "kab/kota or kecamatan", example="15.03"),
        Column("desa", None, "text", required=True, max_length=120,
               aliases=("kelurahan", "desa_kelurahan", "village", "kode_desa"),
               help_id="kode desa/kelurahan (10 angka) atau namanya di wilayah itu",
               help_en="desa/kelurahan code (10 digits) or its name within the wilayah",
               example="1503012019"),
        nik_column(),
        Column("nama", "name", "text", aliases=("name", "nama_lengkap"), max_length=200,
               default="", example="Siti Aminah"),
        Column("kelompok", "group", "choice", aliases=("group", "worker_group"),
               choices=GROUPS, help_id="kosong: kelompok sasaran pendataan",
               help_en="empty: the campaign's target group", example="aparatur_desa"),
        Column("jabatan", "position", "text", aliases=("position", "jabatan_desa"),
               max_length=100, default="", example="Sekretaris desa"),
        Column("status", "status", "choice", aliases=("tahap",), choices=FILE_STATUSES,
               default=EntryStatus.LISTED.value,
               help_id="terdata atau diusulkan", help_en="listed or proposed",
               example="terdata"),
    ),
    key=("campaign", "desa", "nik_hash"),
    derive=derive_entries,
    validate=_validate_entries,
    write=write_entries,
    source_column=None,
    description_id="Daftar hasil pendataan satu atau beberapa desa; NIK disimpan sebagai hash.",
    description_en="A field team's list for one or more desa; the NIK is stored hashed.",
))  # fmt: skip


def derive_population(frame: pl.DataFrame) -> pl.DataFrame:
    out = _stored_nik(frame)
    return out.drop([c for c in ("nik_valid", "nik_error") if c in out.columns])


POPULATION = register(Kind(
    name="penduduk",
    label=_("Daftar penduduk (Dukcapil, NIK)"),
    model=PopulationEntry,
    columns=(
        Column("wilayah", "region", "region", required=True,
               aliases=("region", "kode_wilayah"),
               levels=(Level.REGENCY.value, Level.CITY.value, Level.DISTRICT.value),
               example="15.03"),
        nik_column(),
        Column("nama", "name", "text", aliases=("name",), max_length=200, default="",
               example="Siti Aminah"),
        Column("data_per", "as_of", "date", aliases=("as_of",), example="2025-10-01"),
        Column("sumber", "source", "text", aliases=("source",), max_length=300, default="",
               example="Disdukcapil"),
    ),
    key=("region", "nik_hash"),
    derive=derive_population,
    source_column="sumber",
    description_id="Daftar penduduk untuk mencocokkan pendataan; NIK disimpan sebagai hash.",
    description_en="A population list to match campaigns against; the NIK is stored hashed.",
))  # fmt: skip
