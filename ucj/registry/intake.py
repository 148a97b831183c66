"""Import kinds `roster` and `membership` for the intake pipeline (issue 9).

The NIK column is read by `derive` only: it is validated, hashed and masked there and the
raw value never reaches a model field. Invalid NIKs are stored as such (hashed) and
reported by the reconciliation; they are not import errors, so no message quotes them.
A file is one roster (named after the file, its region the smallest region holding every
domicile) or one membership list (its region likewise, dated the day of import).
"""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.intake.checks import Checks
from ucj.intake.kinds import Column, Kind, register
from ucj.intake.writer import WriteJob, WriteResult, upsert
from ucj.lib.bilingual import pair
from ucj.regions.models import Level, Region
from ucj.registry import desa, nik
from ucj.registry.models import (
    MembershipEntry,
    MembershipList,
    Payer,
    Roster,
    RosterEntry,
    WorkerGroup,
)

GROUPS = {
    "non asn": "non_asn", "non-asn": "non_asn", "honorer": "non_asn",
    "tenaga kontrak": "non_asn", "pegawai tidak tetap": "non_asn", "ptt": "non_asn",
    "rt/rw": "rt_rw", "rt rw": "rt_rw", "rt": "rt_rw", "rw": "rt_rw",
    "ketua rt/rw": "rt_rw", "aparatur desa": "aparatur_desa", "perangkat desa": "aparatur_desa",
    "bpd": "aparatur_desa", "village officials": "aparatur_desa",
    "guru ngaji": "guru_ngaji_marbot", "marbot": "guru_ngaji_marbot",
    "imam": "guru_ngaji_marbot", "religious workers": "guru_ngaji_marbot",
    "pekerja rentan": "pekerja_rentan", "rentan": "pekerja_rentan",
    "vulnerable workers": "pekerja_rentan",
    "penyelenggara pemilu": "penyelenggara_pemilu", "kpps": "penyelenggara_pemilu",
    "pps": "penyelenggara_pemilu", "ppk": "penyelenggara_pemilu",
    "election organisers": "penyelenggara_pemilu",
    "gtk": "gtk", "guru": "gtk", "teachers": "gtk",
    "lainnya": "lainnya", "lain-lain": "lainnya", "other": "lainnya",
}  # fmt: skip
PAYERS = {
    "apbd": "APBD", "apbd provinsi": "APBD", "apbd kabupaten": "APBD", "apbd kota": "APBD",
    "add": "ADD", "alokasi dana desa": "ADD", "apbdes": "APBDes", "pades": "APBDes",
    "dbhcht": "DBHCHT", "csr": "CSR", "tjsl": "CSR", "baznas": "Baznas", "zakat": "Baznas",
    "mandiri": "mandiri", "self": "mandiri", "lainnya": "lainnya", "other": "lainnya",
}  # fmt: skip
SEXES = {"l": "M", "laki-laki": "M", "laki laki": "M", "pria": "M", "m": "M", "male": "M",
         "p": "F", "perempuan": "F", "wanita": "F", "f": "F", "female": "F"}  # fmt: skip
STATUSES = {
    "aktif": "aktif", "active": "aktif", "a": "aktif",
    "non-aktif": "non_aktif", "non aktif": "non_aktif", "nonaktif": "non_aktif",
    "tidak aktif": "non_aktif", "inactive": "non_aktif", "na": "non_aktif",
}  # fmt: skip
DOMICILE_LEVELS = (
    Level.PROVINCE.value,
    Level.REGENCY.value,
    Level.CITY.value,
    Level.DISTRICT.value,
)


def nik_column() -> Column:
    return Column(
        "nik", None, "text", required=True, sensitive=True,
        aliases=("no_nik", "nomor_nik", "no_ktp", "nomor_induk_kependudukan", "national_id"),
        help_id="16 angka; spasi, titik dan tanda hubung diabaikan; disimpan hanya sebagai "
        "hash dan bentuk tersamar",
        help_en="16 digits; spaces, dots and dashes ignored; stored only hashed and masked",
        example="327301******0001 (contoh tersamar / masked example)",
    )  # fmt: skip


def _nik_fields(frame: pl.DataFrame) -> pl.DataFrame:
    """The stored form of the NIK (`nik.stored_fields`). `_raw.nik` stays for masked
    messages; the pipeline never writes `_` columns."""
    out = nik.stored_fields(frame, "nik", timezone.localdate())
    return out.with_columns(pl.col("_row").alias("row")).collect()


def derive_roster(frame: pl.DataFrame) -> pl.DataFrame:
    from ucj.registry.stored import with_occurrence

    out = with_occurrence(_nik_fields(frame))
    # A valid NIK's birth year, or the file's; never a full date (docs/SECURITY.md).
    valid = pl.col("nik_valid")
    return out.with_columns(
        pl.when(valid)
        .then(pl.coalesce(pl.col("tanggal_lahir").dt.year().cast(pl.Int32), "birth_year"))
        .alias("birth_year"),
        pl.coalesce("jenis_kelamin", "sex").fill_null("").alias("sex"),
        pl.lit(0, pl.Int64).alias("roster_id"),  # set by `write_roster`
        # The pipeline fills region_id for a region column (and scopes web users by it);
        # a row's desa, when given, is its more precise domicile (`registry.desa`).
        pl.coalesce(pl.lit(desa.resolved(out)["desa_id"]), pl.col("region_id")).alias(
            "domicile_id"
        ),
    )


def derive_membership(frame: pl.DataFrame) -> pl.DataFrame:
    out = _nik_fields(frame).drop("birth_year", "sex")
    return out.with_columns(pl.lit(0, pl.Int64).alias("membership_list_id"))


def _common_region(region_ids: pl.Series) -> Region | None:
    """The smallest region that holds every region in the file (kecamatan → kab/kota)."""
    ids = [int(i) for i in region_ids.drop_nulls().unique().to_list()]
    codes = list(Region.objects.filter(id__in=ids).values_list("code", flat=True))
    if not codes:
        return None
    parts = [c.split(".") for c in codes]
    common: list[str] = []
    for level in zip(*parts, strict=False):
        if len(set(level)) != 1:
            break
        common.append(level[0])
    common = common[:2]  # rosters belong to a province or a kab/kota
    return Region.objects.filter(code=".".join(common)).first() if common else None


def check_region(checks: Checks, column: str) -> None:
    ids = checks.frame.get_column("domicile_id" if column == "domisili" else "region_id")
    given = "region_id" in checks.frame.columns and checks.frame["region_id"].null_count() == 0
    if given and _common_region(checks.frame["region_id"]) is None and checks.frame.height:
        # Rows of several provinces: one roster or list belongs to one province (or less).
        checks.error(
            checks.frame.head(1), column,
            *pair(_("baris berkas ini dari beberapa provinsi: pisahkan per provinsi (daftar "
                    "kepesertaan sebesar apa pun dan dari provinsi mana pun: %(command)s)"),
                  command="`ucj lists import`"),  # a value: the catalogue names no command
        )  # fmt: skip
        return
    if given:
        return
    if _common_region(ids) is None and checks.frame.height:
        checks.error(
            checks.frame.head(1), column,
            *pair(
                _(
                    "isi wilayah (kode atau nama), atau sebut wilayah seluruh berkas saat "
                    "impor (--region)"
                )
            ),
        )  # fmt: skip


def _mode(series: pl.Series, default: str) -> str:
    values = series.drop_nulls()
    return str(values.mode().sort()[0]) if values.len() else default


def write_roster(job: WriteJob) -> WriteResult:
    """The file's roster is the region's roster of the same name (the file's), found or
    made with the first batch (group and payer from the whole file, `job.whole`); every
    batch's entries are upserted by the natural key (roster, hashed NIK, occurrence), so
    the same file again changes nothing and a corrected file updates what it changed."""
    frame = job.frame
    roster = job.state.get("roster")
    if roster is None:
        whole = job.whole if job.whole is not None else frame
        region = _common_region(whole["domicile_id"])
        assert region is not None  # validate refused the file otherwise
        name = job.batch.file_name.rsplit(".", 1)[0][:200]
        roster = Roster.objects.filter(region=region, name=name).order_by("-id").first()
        if roster is None:
            roster = Roster.objects.create(
                name=name, region=region, group=_mode(whole["group"], WorkerGroup.OTHER),
                payer=_mode(whole["payer"], Payer.OTHER), as_of=timezone.localdate(),
                source=job.batch.source[:300], batch=job.batch,
            )  # fmt: skip
        job.state["roster"] = roster
    rows = frame.with_columns(pl.lit(roster.pk, pl.Int64).alias("roster_id"))
    return upsert(replace(job, frame=rows))


def write_membership(job: WriteJob) -> WriteResult:
    """The region's list of the day (found or made with the first batch), every batch's
    entries upserted by the natural key (list, hashed NIK, KPJ): one person may hold two
    KPJ, and the KPJ column is optional, so the NIK stays part of the key."""
    frame = job.frame
    mlist = job.state.get("list")
    if mlist is None:
        whole = job.whole if job.whole is not None else frame
        region = _common_region(whole["region_id"])
        assert region is not None
        today = timezone.localdate()
        mlist = MembershipList.objects.filter(region=region, as_of=today).order_by("-id").first()
        if mlist is None:
            mlist = MembershipList.objects.create(
                region=region, as_of=today, source=job.batch.source[:300], batch=job.batch
            )
        job.state["list"] = mlist
    rows = frame.with_columns(pl.lit(mlist.pk, pl.Int64).alias("membership_list_id"))
    return upsert(replace(job, frame=rows))


def _flag(name: str) -> Column:
    return Column(
        name,
        name,
        "bool",
        aliases=(f"program_{name}",),
        default=False,
        help_id="ya/tidak, Y/N atau 1/0",
        help_en="yes/no, Y/N or 1/0",
        example="ya",
    )


def _validate_roster(checks: Checks) -> None:
    # Who may write rosters where is the pipeline's check (RosterEntry's own rules).
    check_region(checks, "domisili")


def _check_roster_batch(checks: Checks) -> None:
    """A desa that is not found in its row's domicile: checked batch by batch, so the
    desa texts are not kept for the whole file (issue 14: memory ≤ 3× the file)."""
    if desa.COLUMN in checks.frame.columns:
        frame = checks.frame.select(
            "_row", desa.COLUMN, *[c for c in ("region_id", "domicile_id") if c in checks.frame]
        )
        found = pl.concat([frame, desa.resolved(frame)], how="horizontal")
        bad = found.filter(pl.col("err_id").is_not_null())
        checks.error(bad, desa.COLUMN, pl.col("err_id"), pl.col("err_en"))
        # A retired desa code or name read as its successor: old → new and the basis.
        moved = found.filter(pl.col("warn_id").is_not_null())
        checks.warn(moved, desa.COLUMN, pl.col("warn_id"), pl.col("warn_en"))


def _validate_membership(checks: Checks) -> None:
    check_region(checks, "wilayah")


ROSTER = register(Kind(
    name="roster",
    label=_("Daftar pekerja (NIK)"),
    model=RosterEntry,
    columns=(
        nik_column(),
        Column("nama", "name", "text", aliases=("name", "nama_lengkap", "full_name"),
               max_length=200, default="", example="Siti Aminah"),
        Column("tanggal_lahir", None, "date", aliases=("birth_date", "tgl_lahir", "dob")),
        Column("jenis_kelamin", None, "choice", aliases=("sex", "jk", "gender"),
               choices=SEXES),
        Column("domisili", "domicile", "region", aliases=("domicile", "kode_wilayah"),
               levels=DOMICILE_LEVELS, example="19.71"),
        Column("desa", None, "text", aliases=("kode_desa", "desa_kelurahan", "village",
               "village_code", "kelurahan"), max_length=120,
               help_id="opsional: kode desa/kelurahan (10 angka) atau namanya di kab/kota "
               "domisili", help_en="optional: desa/kelurahan code (10 digits) or its name "
               "within the domicile's kab/kota", example="1503012019"),
        Column("kelompok", "group", "choice", aliases=("group", "worker_group"),
               choices=GROUPS, default=WorkerGroup.OTHER.value, example="non_asn"),
        Column("instansi", "agency", "text", aliases=("agency", "opd", "unit_kerja"),
               max_length=200, default="", example="Dinas Lingkungan Hidup"),
        Column("pembayar", "payer", "choice", aliases=("payer", "sumber_dana"),
               choices=PAYERS, default=Payer.OTHER.value, example="APBD"),
        Column("status_asn", "is_asn", "bool", aliases=("asn", "is_asn", "asn_status",
               "civil_servant"), help_id="opsional: ya bila ASN (PNS/PPPK), tidak bila bukan; "
               "kosong = tidak diketahui (aturan bukan-ASN tidak dapat diperiksa)",
               help_en="optional: yes for a civil servant (PNS/PPPK), no otherwise; empty = "
               "unknown (the not-ASN rule cannot be checked)", example="tidak"),
    ),
    # List + hashed NIK (a repeated NIK: its occurrence); never the row number, which
    # moves when a file is sorted.
    key=("roster", "nik_hash", "occurrence"),
    derive=derive_roster,
    validate=_validate_roster,
    check_batch=_check_roster_batch,
    write=write_roster,
    whole_file=("region_id", "domicile_id", "group", "payer"),
    source_column=None,
    description_id="Daftar pekerja yang dilindungi Pemda; NIK disimpan sebagai hash.",
    description_en="Workers a Pemda protects; the NIK is stored hashed.",
))  # fmt: skip

MEMBERSHIP = register(Kind(
    name="membership",
    label=_("Daftar kepesertaan BPJS TK"),
    model=MembershipEntry,
    columns=(
        # KPJ first: the pipeline's duplicate-key message quotes the first column, and a
        # message must never quote a NIK.
        Column("kpj", "kpj", "text", aliases=("no_kpj", "participant_number"), max_length=30,
               default=""),
        nik_column(),
        Column("segmen", "segment", "choice", aliases=("segment",), default="",
               choices={"pu": "PU", "bpu": "BPU", "jakon": "JAKON", "pmi": "PMI",
                        "penerima upah": "PU", "bukan penerima upah": "BPU"}),
        *(_flag(p) for p in ("jkk", "jkm", "jht", "jp", "jkp")),
        Column("status", "status", "choice", aliases=("status_kepesertaan",), required=True,
               choices=STATUSES, example="aktif"),
        Column("bulan_iuran_terakhir", "last_paid", "period",
               aliases=("last_paid_month", "iuran_terakhir"), example="2025-12"),
        Column("wilayah", "region", "region", aliases=("region", "kode_wilayah"),
               levels=DOMICILE_LEVELS, example="19.71"),
    ),
    key=("membership_list", "nik_hash", "kpj"),
    derive=derive_membership,
    validate=_validate_membership,
    write=write_membership,
    whole_file=("region_id",),
    source_column=None,
))  # fmt: skip

from ucj.registry import deciles as _deciles  # noqa: E402,F401  (registers kind `desil`)
