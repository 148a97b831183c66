"""Import kinds of the monev app: regulations, plan alignment, Jakon projects, follow-ups.

`ucj import FILE --kind regulasi|perencanaan|jakon|tindak-lanjut`. The pipeline reads,
parses, resolves regions, scopes and writes; these kinds add their own checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.indicators.intake import region_column, rupiah_column, source_column
from ucj.intake.kinds import Column, Kind, register
from ucj.intake.parsers import parse_column
from ucj.intake.writer import WriteJob, WriteResult, attname, upsert
from ucj.lib.bilingual import pair
from ucj.monev.models import FollowUp, Recommendation, Status
from ucj.monev.records import (
    COVERAGE_FLAGS,
    JakonProjects,
    PlanAlignment,
    Regulation,
    RegulationKind,
    RegulationStatus,
)

if TYPE_CHECKING:
    from ucj.intake.checks import Checks

AS_OF = Column("data_per", None, "date", aliases=("as_of",), example="31/12/2024",
               help_id="tanggal data", help_en="as-of date")  # fmt: skip

KINDS = {
    **{k.value: k.value for k in RegulationKind},
    "peraturan daerah": "perda", "peraturan gubernur": "pergub", "peraturan bupati": "perbup",
    "peraturan walikota": "perwal", "peraturan wali kota": "perwal", "surat edaran": "se",
    "instruksi gubernur": "instruksi", "instruksi bupati": "instruksi",
    "instruksi walikota": "instruksi", "keputusan gubernur": "keputusan",
    "keputusan bupati": "keputusan", "keputusan walikota": "keputusan",
    "kepgub": "keputusan", "kepbup": "keputusan", "kepwal": "keputusan",
}  # fmt: skip
REG_STATUS = {
    "rancangan": "draft", "draf": "draft", "draft": "draft", "dalam proses": "in_process",
    "proses": "in_process", "in process": "in_process", "ditetapkan": "enacted",
    "berlaku": "enacted", "enacted": "enacted", "dicabut": "revoked", "revoked": "revoked",
}  # fmt: skip
FLAG_HEADERS = {
    "covers_non_asn": "non_asn", "covers_rt_rw": "rt_rw",
    "covers_village_staff": "aparatur_desa", "covers_vulnerable": "pekerja_rentan",
    "covers_permit": "syarat_perizinan", "covers_jakon_apbd": "jakon_apbd",
    "covers_budget": "penganggaran",
}  # fmt: skip

REGULATIONS = register(Kind(
    name="regulasi",
    label=_("Regulasi daerah pendukung UCJ"),
    model=Regulation,
    columns=(
        region_column(),
        Column("jenis", "kind", "choice", required=True, aliases=("kind", "jenis_regulasi"),
               choices=KINDS, example="Perbup",
               help_id="Perda, Pergub, Perbup, Perwal, SE, Instruksi, Keputusan"),
        Column("nomor", "number", "text", aliases=("number", "no"), max_length=60,
               default="", example="27"),
        Column("tahun", "year", "year", required=True, aliases=("year",), example="2024"),
        Column("judul", "title", "text", required=True, aliases=("title", "tentang"),
               max_length=400, example="Perlindungan Jaminan Sosial Ketenagakerjaan"),
        Column("status", "status", "choice", aliases=("state",), choices=REG_STATUS,
               default="enacted", example="ditetapkan",
               help_id="rancangan, dalam proses, ditetapkan, dicabut"),
        *(Column(header, field, "bool", aliases=(field,), default=False, example="ya",
                 help_id=f"mencakup {COVERAGE_FLAGS[field]}? ya/tidak")
          for field, header in FLAG_HEADERS.items()),
        Column("tautan", "source_url", "text", aliases=("url", "link"), max_length=500,
               default="", help_id="tautan JDIH", help_en="link to the legal database"),
        source_column(),
        AS_OF,
    ),
    key=("region", "kind", "number", "year"),
    as_of_column="data_per",
    description_id="Regulasi daerah (Perda, Perkada, SE, Instruksi, Keputusan) yang "
    "mendukung UCJ, dengan cakupannya.",
    description_en="Regional regulations supporting UCJ, with what they cover.",
))  # fmt: skip


def check_plan(checks: Checks) -> None:
    frame = checks.frame
    if "target_pct" in frame.columns:
        checks.error(
            frame.filter(pl.col("target_pct") > 100),
            "target_persen",
            *pair(_("target lebih dari 100%")),
        )


PLAN = register(Kind(
    name="perencanaan",
    label=_("Keselarasan RPJMD/RKPD/APBD"),
    model=PlanAlignment,
    columns=(
        region_column(),
        Column("tahun", "year", "year", required=True, aliases=("year",), example="2025"),
        Column("dalam_rpjmd", "in_rpjmd", "bool", aliases=("in_rpjmd", "rpjmd"),
               example="ya", help_id="kosong = belum diperiksa", help_en="empty = not checked"),
        Column("dalam_rkpd", "in_rkpd", "bool", aliases=("in_rkpd", "rkpd"), example="ya"),
        Column("mata_anggaran_apbd", "apbd_budget_line", "bool",
               aliases=("apbd_budget_line", "apbd"), example="tidak"),
        rupiah_column("pagu_anggaran", "budget_amount", "budget_amount", "pagu",
                      example="1.241.856.000"),
        Column("target_persen", "target_pct", "pct", aliases=("target_pct", "target"),
               example="65%"),
        Column("dokumen_target", "target_document", "text", aliases=("target_document",),
               max_length=300, default="", example="RKPD 2025"),
        Column("catatan", "note", "text", aliases=("note",), max_length=400, default=""),
        source_column(),
        AS_OF,
    ),
    key=("region", "year"),
    validate=check_plan,
    as_of_column="data_per",
    description_id="Apakah UCJ ada di RPJMD, RKPD dan APBD, dengan target tertulis.",
    description_en="Whether UCJ is in the RPJMD, RKPD and APBD, with the written target.",
))  # fmt: skip


def check_jakon(checks: Checks) -> None:
    frame = checks.frame
    checks.error(
        frame.filter(pl.col("registered") > pl.col("projects")),
        "proyek_terdaftar",
        *pair(_("lebih banyak dari jumlah proyek")),
    )


JAKON = register(Kind(
    name="jakon",
    label=_("Jakon pada proyek APBD"),
    model=JakonProjects,
    columns=(
        region_column(),
        Column("tahun", "year", "year", required=True, aliases=("year", "tahun_anggaran"),
               example="2025"),
        Column("jumlah_proyek", "projects", "int", required=True,
               aliases=("projects", "proyek_apbd"), example="2.947"),
        Column("proyek_terdaftar", "registered", "int", required=True,
               aliases=("registered", "terdaftar"), example="68"),
        Column("persen_dilaporkan", "reported_pct", "pct", aliases=("reported_pct",),
               example="2,31%"),
        source_column(),
        AS_OF,
    ),
    key=("region", "year"),
    validate=check_jakon,
    as_of_column="data_per",
    description_id="Proyek konstruksi APBD dan yang terdaftar di BPJS TK.",
    description_en="APBD construction projects and those registered with BPJS TK.",
))  # fmt: skip


FOLLOW_STATUS = {
    "terbuka": "open", "baru": "open", "open": "open", "sedang berjalan": "in_progress",
    "berjalan": "in_progress", "proses": "in_progress", "in progress": "in_progress",
    "selesai": "done", "done": "done", "dibatalkan": "cancelled", "batal": "cancelled",
    "cancelled": "cancelled",
    # Accepted as spellings only so that the row is refused with the reason below.
    "terlambat": "overdue", "overdue": "overdue",
}  # fmt: skip
DUE = Column("tenggat", "due_date", "date")


def parse_due(frame: Any) -> Any:
    """Due dates lie in the future, which the pipeline's date parser refuses for figures;
    the column is read as text and parsed here (errors are flagged in `check_follow_ups`)."""
    if "due_date" not in frame.columns:
        return frame
    parsed = parse_column(frame.get_column("due_date").cast(pl.Utf8).alias("raw"), DUE)
    return frame.with_columns(parsed.get_column("value").alias("due_date"))


def write_follow_ups(job: WriteJob) -> WriteResult:
    """The generic upsert, in two parts: new follow-ups get their timestamps (the
    set-based insert bypasses auto_now); existing ones are compared without them, so an
    unchanged row stays unchanged."""
    key = [attname(job.model, k) for k in job.kind.key]
    ids = job.frame.get_column("recommendation_id").unique().to_list()
    stored = pl.DataFrame(
        list(
            FollowUp.objects.filter(recommendation_id__in=ids).values_list(
                "recommendation_id", "action"
            )
        ),
        schema={"recommendation_id": pl.Int64, "action": pl.Utf8},
        orient="row",
    ).with_columns(pl.lit(True).alias("_stored"))
    frame = job.frame.join(stored, on=key, how="left", nulls_equal=True)
    now = timezone.now()
    new = (
        frame.filter(pl.col("_stored").is_null())
        .drop("_stored")
        .with_columns(pl.lit(now).alias("created"), pl.lit(now).alias("updated"))
    )
    old = frame.filter(pl.col("_stored").is_not_null()).drop("_stored")
    result = WriteResult()
    for part in (old, new):
        if part.height:
            done = upsert(WriteJob(job.kind, part, job.batch, job.progress))
            result.inserted += done.inserted
            result.updated += done.updated
            result.unchanged += done.unchanged
    # A follow-up marked done by the file gets its completion date, as on the page.
    FollowUp.objects.filter(batch=job.batch, status=Status.DONE, completed__isnull=True).update(
        completed=timezone.localdate()
    )
    return result


def check_follow_ups(checks: Checks) -> None:
    frame = checks.frame
    raw = frame.get_column("_raw.tenggat").alias("raw")
    parsed = pl.concat([frame.select("_row"), parse_column(raw, DUE)], how="horizontal")
    bad = parsed.filter(pl.col("err_id").is_not_null())
    checks.error(
        frame.filter(pl.col("_row").is_in(bad.get_column("_row").implode())),
        "tenggat",
        *pair(_("bukan tanggal (contoh: 30/09/2025)")),
    )
    checks.error(
        frame.filter(pl.col("status") == "overdue"),
        "status",
        *pair(_("'terlambat' dihitung dari tenggat; isi terbuka/sedang berjalan")),
    )
    # The recommendation must exist and belong to the row's region: one query.
    ids = frame.get_column("recommendation_id").drop_nulls().unique().to_list()
    owners = pl.DataFrame(
        list(Recommendation.objects.filter(pk__in=ids).values_list("pk", "finding__region_id")),
        schema={"recommendation_id": pl.Int64, "_owner": pl.Int64},
        orient="row",
    )
    joined = frame.join(owners, on="recommendation_id", how="left")
    checks.error(
        joined.filter(pl.col("_owner").is_null()),
        "rekomendasi_id",
        *pair(_("rekomendasi tidak ditemukan")),
    )
    checks.error(
        joined.filter(pl.col("_owner").is_not_null() & (pl.col("_owner") != pl.col("region_id"))),
        "wilayah",
        *pair(_("rekomendasi ini milik wilayah lain")),
    )


FOLLOW_UPS = register(Kind(
    name="tindak-lanjut",
    label=_("Tindak lanjut monev"),
    model=FollowUp,
    columns=(
        region_column(),
        Column("rekomendasi_id", "recommendation", "int", required=True,
               aliases=("recommendation_id", "rekomendasi"), example="12",
               help_id="nomor rekomendasi di halaman sesi",
               help_en="recommendation number on the session page"),
        Column("tindak_lanjut", "action", "text", required=True, aliases=("action",),
               max_length=2000, example="Usulkan iuran JKK+JKM di APBD-P"),
        Column("penanggung_jawab", "responsible_office", "text", required=True,
               aliases=("responsible_office", "pj"), max_length=200, example="Disnaker"),
        Column("tenggat", "due_date", "text", required=True, aliases=("due_date",),
               example="30/09/2025", help_id="tanggal tenggat", help_en="due date"),
        Column("status", "status", "choice", aliases=("state",), choices=FOLLOW_STATUS,
               default=Status.OPEN.value, example="terbuka",
               help_id="terbuka, sedang berjalan, selesai, dibatalkan"),
    ),
    key=("recommendation", "action"),
    validate=check_follow_ups,
    derive=parse_due,
    write=write_follow_ups,
    source_column=None,
    description_id="Tindak lanjut per rekomendasi: baru atau perubahan status/tenggat.",
    description_en="Follow-ups per recommendation: new ones or status/due-date changes.",
))  # fmt: skip

__all__ = ["FOLLOW_UPS", "JAKON", "PLAN", "REGULATIONS", "RegulationStatus"]

from ucj.monev import benefits_intake  # noqa: E402,F401  (registers the `benefits` kind)
