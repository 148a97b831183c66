"""Import kind `funding`: commitments and realisations per region, year and source.

`ucj import FILE --kind funding`. A Dana Desa row is refused with its legal reason
(Permendagri 15/2023); programs are normalised to 'JKK,JKM' form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.indicators.intake import rupiah_column
from ucj.intake.kinds import Column, Kind, register
from ucj.lib.bilingual import pair
from ucj.planning.models import (
    DANA_DESA_REASON,
    PROGRAM_CODES,
    FundingSource,
    FundingSourceKind,
    WorkerGroup,
)

if TYPE_CHECKING:
    from ucj.intake.checks import Checks

FUND_SOURCES = {
    "apbd": "apbd", "apbd murni": "apbd", "apbd-p": "apbd_p", "apbdp": "apbd_p",
    "apbd p": "apbd_p", "apbd perubahan": "apbd_p", "dbhcht": "dbhcht", "dbh cht": "dbhcht",
    "add": "add", "alokasi dana desa": "add", "pades": "pades", "pad desa": "pades",
    "pendapatan asli desa": "pades", "csr": "csr_tjsl", "tjsl": "csr_tjsl",
    "csr/tjsl": "csr_tjsl", "baznas": "baznas_zakat", "zakat": "baznas_zakat",
    "baznas/zakat": "baznas_zakat", "lainnya": "other", "other": "other",
    # Accepted as spellings only so that the row is refused with its reason below.
    "dana desa": "dana_desa", "dd": "dana_desa", "dana-desa": "dana_desa",
    "village fund": "dana_desa",
}  # fmt: skip

GROUPS = {
    **{str(g.label).lower(): g.value for g in WorkerGroup},
    "non asn": "non_asn", "honorer": "non_asn", "rt rw": "rt_rw", "rt/rw": "rt_rw",
    "perangkat desa": "aparatur_desa", "aparatur desa": "aparatur_desa",
    "rentan": "pekerja_rentan", "pekerja rentan": "pekerja_rentan",
    "guru ngaji": "guru_ngaji_marbot", "marbot": "guru_ngaji_marbot",
    "pemilu": "penyelenggara_pemilu", "penyelenggara pemilu": "penyelenggara_pemilu",
    "gtk": "gtk", "lainnya": "other",
}  # fmt: skip

COLUMNS = (
    Column("wilayah", "region", "region", required=True,
           aliases=("region", "kode_wilayah", "kabupaten_kota", "provinsi"),
           levels=("province", "regency", "city"), example="15.03",
           help_id="kode Kemendagri atau nama wilayah", help_en="Kemendagri code or name"),
    Column("tahun", "year", "year", required=True, aliases=("year",), example="2024"),
    Column("sumber_dana", "source", "choice", required=True,
           aliases=("funding_source", "fund_source", "sumber_anggaran"), choices=FUND_SOURCES,
           example="APBD-P", help_id="APBD, APBD-P, DBHCHT, ADD, PADes, CSR/TJSL, Baznas/zakat, "
           "lainnya (bukan Dana Desa)", help_en="… (not Dana Desa)"),
    rupiah_column("anggaran", "committed_amount", "committed_amount", "committed", "pagu",
                  required=True, example="1.241.856.000"),
    rupiah_column("realisasi", "realised_amount", "realised_amount", "realized",
                  example="900.000.000"),
    Column("pekerja", "workers", "int", aliases=("workers", "jumlah_pekerja"), example="24.640"),
    Column("pekerja_terealisasi", "realised_workers", "int", aliases=("realised_workers",),
           example="20.000"),
    Column("kelompok_pekerja", "worker_group", "choice", required=True,
           aliases=("worker_group", "kelompok"), choices=GROUPS, example="pekerja rentan"),
    Column("program", "programs", "text", aliases=("programs",), max_length=20,
           default="JKK,JKM", example="JKK,JKM", help_id="dipisah koma",
           help_en="comma-separated"),
    Column("dokumen", "document", "text", aliases=("document",), max_length=300, default="",
           example="DPA APBD-P 2024"),
    Column("catatan", "note", "text", aliases=("note",), max_length=300, default=""),
    Column("data_per", None, "date", aliases=("as_of",), example="31/12/2024"),
)  # fmt: skip


def normalise_programs(frame: Any) -> Any:
    """'jkk, jkm' → 'JKK,JKM' before the checks and the write."""
    if "programs" not in frame.columns:
        return frame
    return frame.with_columns(
        pl.col("programs")
        .str.to_uppercase()
        .str.replace_all(r"[\s;/+]+", ",")
        .str.replace_all(",+", ",")
        .str.strip_chars(",")
        .alias("programs")
    )


def check_funding(checks: Checks) -> None:
    frame = checks.frame
    checks.error(
        frame.filter(pl.col("source") == FundingSourceKind.DANA_DESA),
        "sumber_dana",
        *pair(DANA_DESA_REASON),
    )
    if "programs" in frame.columns:
        bad = frame.filter(
            pl.col("programs")
            .str.split(",")
            .list.eval(~pl.element().is_in(PROGRAM_CODES))
            .list.any()
        )
        checks.error(
            bad,
            "program",
            *pair(_("program tidak dikenal (pakai %(codes)s)"), codes=",".join(PROGRAM_CODES)),
        )
    if "realised_amount" in frame.columns:
        checks.warn(
            frame.filter(pl.col("realised_amount") > pl.col("committed_amount")),
            "realisasi",
            *pair(_("realisasi melebihi anggaran")),
        )


FUNDING = register(
    Kind(
        name="funding",
        label=_("Sumber pendanaan iuran"),
        model=FundingSource,
        columns=COLUMNS,
        key=("region", "year", "source", "worker_group"),
        validate=check_funding,
        derive=normalise_programs,
        as_of_column="data_per",
        source_column=None,
        description_id="Anggaran dan realisasi iuran per wilayah, tahun dan sumber dana "
        "(Dana Desa tidak diperbolehkan, Permendagri 15/2023).",
        description_en="Committed and realised contribution funding per region, year and "
        "source (Dana Desa is not allowed, Permendagri 15/2023).",
    )
)
