"""The four coverage kinds: potential, participants, targets, reported (issue 4).

They write the indicators app's figures; their extra checks are set-based joins against
what is already stored.
"""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.indicators.district_intake import (
    check_district,
    derive_district,
    district_column,
    warn_kabkota_stands,
)
from ucj.indicators.models import (
    Basis,
    Issuer,
    Participation,
    PotentialWorkers,
    Program,
    ReportedCoverage,
    Segment,
    Target,
)
from ucj.indicators.plausibility import warn_population
from ucj.indicators.target_checks import check_targets
from ucj.intake.checks import Checks
from ucj.intake.kinds import Column, Kind, register
from ucj.intake.writer import fetch_frame
from ucj.lib.bilingual import pair
from ucj.regions.models import Level

REGION_LEVELS = (Level.PROVINCE.value, Level.REGENCY.value, Level.CITY.value)


def region_column(kecamatan: bool = False) -> Column:
    """`kecamatan`: a kecamatan code is accepted too (kecamatan names only through the
    kind's `kecamatan` column, inside the kab/kota: `district_intake.py`)."""
    return Column(
        "wilayah",
        "region",
        "region",
        required=True,
        aliases=("region", "kode_wilayah", "kabupaten_kota", "kab_kota", "provinsi", "daerah"),
        levels=(*REGION_LEVELS, Level.DISTRICT.value) if kecamatan else REGION_LEVELS,
        help_id="kode Kemendagri atau nama wilayah"
        + (" (kab/kota, atau kode kecamatan)" if kecamatan else ""),
        help_en="Kemendagri code or region name"
        + (" (kab/kota, or a kecamatan code)" if kecamatan else ""),
        example="15.03",
    )


def rupiah_column(
    name: str,
    field: str,
    *aliases: str,
    required: bool = False,
    example: str = "",
    help_id: str = "",
    help_en: str = "",
) -> Column:
    """An amount of money in whole rupiah, as the files write it: 'Rp84.000.000',
    'Rp 84.000.000,00', '84.000.000' or '84000000'. One declaration for every kind that
    imports money (benefits paid, funding, the APBD budget line)."""
    return Column(name, field, "rupiah", required=required, aliases=aliases,
                  example=example, help_id=help_id, help_en=help_en)  # fmt: skip


def source_column() -> Column:
    return Column(
        "sumber", "source", "text", aliases=("source",), max_length=300,
        help_id="asal data", help_en="where the figure comes from",
        example="BPJS Ketenagakerjaan Kanwil Sumbagsel",
    )  # fmt: skip


SEGMENTS = {
    "pu": "PU", "penerima upah": "PU", "wage earners": "PU",
    "bpu": "BPU", "bukan penerima upah": "BPU", "informal": "BPU",
    "jakon": "JAKON", "jasa konstruksi": "JAKON", "construction": "JAKON",
    "pmi": "PMI", "pekerja migran indonesia": "PMI", "migrant workers": "PMI",
}  # fmt: skip
PROGRAMS = {p.value.lower(): p.value for p in Program}
ISSUERS = {
    "se bangda": "se_bangda", "se dirjen bina bangda": "se_bangda", "bangda": "se_bangda",
    "rpjmd": "rpjmd", "rkpd": "rkpd", "rpjmn": "rpjmn",
    "bpjs tk": "bpjs_tk", "bpjs ketenagakerjaan": "bpjs_tk", "bpjstk": "bpjs_tk",
    "lainnya": "lainnya", "other": "lainnya",
}  # fmt: skip
BASES = {
    "potensi": "potensi", "potensi pekerja": "potensi", "eligible": "potensi",
    "angkatan kerja": "angkatan_kerja", "labour force": "angkatan_kerja",
    "penduduk bekerja": "penduduk_bekerja", "employed": "penduduk_bekerja",
    "lainnya": "lainnya", "other": "lainnya",
}  # fmt: skip
if "ALL" in Segment.values:  # all segments together, when a source gives no breakdown
    SEGMENTS.update({"all": "ALL", "semua": "ALL", "semua segmen": "ALL", "total": "ALL"})
# Every stored choice stays reachable under its own value (choice_map adds those), and a
# spelling never points at a value the model does not know.
assert set(SEGMENTS.values()) <= set(Segment.values)
assert set(ISSUERS.values()) <= set(Issuer.values)
assert set(BASES.values()) <= set(Basis.values)


def check_potential(checks: Checks) -> None:
    check_district(checks)
    f = checks.frame
    parts = pl.col("formal").fill_null(0) + pl.col("informal").fill_null(0)
    checks.warn(
        f.filter(pl.col("formal").is_not_null() & pl.col("informal").is_not_null()).filter(
            parts != pl.col("potensi")
        ),
        "potensi",
        *pair(_("formal + informal tidak sama dengan potensi")),
    )
    checks.error(
        f.filter(parts > pl.col("potensi")),
        "potensi",
        *pair(_("potensi lebih kecil dari formal + informal")),
    )
    warn_population(checks)  # beside the population: a typo or another region's figure?


def _persons_by_region_month(f: pl.DataFrame) -> pl.DataFrame:
    return (
        f.filter(pl.col("program") == "")
        .group_by("region_id", "period")
        .agg(pl.col("count").sum().alias("_persons"))
        .with_columns(pl.col("period").dt.year().alias("_year"))
    )


def check_participants(checks: Checks) -> None:
    f = checks.frame
    if f.height == 0:
        return
    # Locked (approved) months are refused by the pipeline for every kind (guard.py).
    check_district(checks)
    regions = f.get_column("region_id").unique().to_list()
    _above_potential(checks, f, regions)
    _jumps(checks, f, regions)
    warn_kabkota_stands(checks)


def _above_potential(checks: Checks, f: pl.DataFrame, regions: list[int]) -> None:
    years = f.get_column("period").dt.year().unique().to_list()
    stored = list(
        PotentialWorkers.objects.filter(region_id__in=regions, year__in=years).values_list(
            "region_id", "year", "total"
        )
    )
    if not stored:
        return
    potential = pl.DataFrame(
        stored, schema={"region_id": pl.Int64, "_year": pl.Int32, "_potential": pl.Int64},
        orient="row",
    )  # fmt: skip
    over = _persons_by_region_month(f).join(potential, on=["region_id", "_year"])
    over = over.filter(pl.col("_persons") > pl.col("_potential"))
    rows = f.filter(pl.col("program") == "").join(over, on=["region_id", "period"])
    checks.warn(
        rows,
        "peserta_aktif",
        pl.format("peserta ({}) melebihi potensi ({})", pl.col("_persons"), pl.col("_potential")),
        pl.format(
            "participants ({}) above potential workers ({})",
            pl.col("_persons"),
            pl.col("_potential"),
        ),
    )


def _jumps(checks: Checks, f: pl.DataFrame, regions: list[int]) -> None:
    factor = float(settings.UCJ_JUMP_FACTOR)
    keys = ["region_id", "segment", "program"]
    months = sorted(f.get_column("period").unique().to_list())
    in_file = set(months)
    # A previous month that is in the file itself is compared with the file (it replaces
    # what is stored); only the others are read from the database.
    previous = sorted({_month_before(m) for m in months} - in_file)
    stored = fetch_frame(
        Participation,
        ["region_id", "period", "segment", "program", "count"],
        {"region_id": regions, "period": previous},
    )
    schema = {
        "region_id": pl.Int64,
        "period": pl.Date,
        "segment": pl.Utf8,
        "program": pl.Utf8,
        "count": pl.Int64,
    }
    mine = f.select("_row", *schema, "_raw.peserta_aktif")  # no copy: the same columns
    stored = stored.cast(schema).cast({k: mine.schema[k] for k in schema})  # type: ignore[arg-type]
    # Month by month: each month's rows joined with the month before. One join of every
    # row with every previous row held about 150 bytes a row (two million rows: three
    # times the file, issue 14's memory budget); a month at a time holds one month.
    jumps = []
    for month in months:
        before = _month_before(month)
        earlier = (mine if before in in_file else stored).filter(pl.col("period") == before)
        if earlier.height == 0:
            continue
        now = mine.filter(pl.col("period") == month)
        joined = now.join(earlier.select(*keys, pl.col("count").alias("_prev")), on=keys).filter(
            (pl.col("_prev") > 0)
            & (
                (pl.col("count") > pl.col("_prev") * factor)
                | (pl.col("count") * factor < pl.col("_prev"))
            )
        )
        if joined.height:
            jumps.append(joined)
    if not jumps:
        return
    checks.warn(
        # One block: the months' pieces, still in the pieces of the file's batches, made
        # Polars panic while formatting the warnings (`bench/import/run.py --small`).
        pl.concat(jumps).rechunk(),
        "peserta_aktif",
        pl.format("berubah lebih dari {}× dari bulan sebelumnya ({})", pl.lit(factor), "_prev"),
        pl.format("changed by more than {}× from the previous month ({})", pl.lit(factor), "_prev"),
    )


def _month_before(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


REPORTED_PCTS = ("capaian_persen", "capaian_formal_persen", "capaian_informal_persen")


def check_reported(checks: Checks) -> None:
    stated = [pl.col(c).is_null() for c in (*REPORTED_PCTS, "kategori")]
    checks.error(
        checks.frame.filter(pl.all_horizontal(stated)),
        "capaian_persen",
        *pair(
            _(
                "isi capaian_persen atau kategori (sumber yang hanya menyebut kategori), "
                "atau capaian_formal_persen / capaian_informal_persen"
            )
        ),
    )
    for column in REPORTED_PCTS:  # Kutai Timur reported informal 150%: kept, but said
        checks.warn(
            checks.frame.filter(pl.col(column) > 100),
            column,
            *pair(_("capaian lebih dari 100%")),
        )


def reported_period(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.col("data_per").dt.month_start().alias("period"))


POTENTIAL = register(
    Kind(
        name="potential",
        label=_("Potensi pekerja"),
        model=PotentialWorkers,
        columns=(
            region_column(kecamatan=True),
            Column("tahun", "year", "year", required=True, aliases=("year",), example="2025"),
            Column("potensi", "total", "int", required=True,
                   aliases=("potential", "potential_workers", "potensi_pekerja", "total"),
                   help_id="jumlah pekerja (penyebut)", help_en="workers (denominator)",
                   example="112.000"),
            Column("formal", "formal", "int", aliases=("pekerja_formal",), example="52.000"),
            Column("informal", "informal", "int", aliases=("pekerja_informal",),
                   example="60.000"),
            Column("dasar", "basis", "choice", aliases=("basis",), choices=BASES,
                   default="potensi", help_id="arti angka potensi",
                   help_en="what the figure counts", example="potensi"),
            source_column(),
            district_column(),  # last: templates and files made before stay valid
        ),
        key=("region", "year"),
        validate=check_potential,
        derive=derive_district,
        description_id="Potensi pekerja per wilayah dan tahun (penyebut cakupan).",
        description_en="Potential workers per region and year (coverage denominator).",
    )
)  # fmt: skip

PARTICIPANTS = register(
    Kind(
        name="participants",
        label=_("Peserta aktif"),
        model=Participation,
        columns=(
            region_column(kecamatan=True),
            Column("periode", "period", "period", required=True,
                   aliases=("period", "bulan", "month"), example="2025-03",
                   help_id="YYYY-MM, Sep 2024, 09/2024", help_en="YYYY-MM, Sep 2024, 09/2024"),
            Column("segmen", "segment", "choice", required=True, aliases=("segment",),
                   choices=SEGMENTS, example="PU", help_id="PU, BPU, JAKON, PMI",
                   help_en="PU, BPU, JAKON, PMI"),
            Column("program", "program", "choice", aliases=("programme",), choices=PROGRAMS,
                   default="", help_id="kosong = jumlah orang",
                   help_en="empty = persons", example=""),
            Column("peserta_aktif", "count", "int", required=True,
                   aliases=("active_participants", "participants", "peserta", "jumlah"),
                   example="25.430"),
            Column("data_per", None, "date", aliases=("as_of", "tanggal_data"),
                   example="31/03/2025"),
            source_column(),
            district_column(),  # last: templates and files made before stay valid
        ),
        key=("region", "period", "segment", "program"),
        validate=check_participants,
        derive=derive_district,
        # Files of a million rows: checked and stored in batches; the checks across
        # rows (locked months, above potential, jumps, kecamatan) need these columns only.
        whole_file=("region_id", "period", "segment", "program", "count",
                    "_raw.periode", "_raw.peserta_aktif", "kecamatan"),
        as_of_column="data_per",
        description_id="Peserta aktif BPJS Ketenagakerjaan per wilayah, bulan dan segmen.",
        description_en="Active BPJS Ketenagakerjaan participants per region, month, segment.",
    )
)  # fmt: skip

TARGETS = register(
    Kind(
        name="targets",
        label=_("Target cakupan"),
        model=Target,
        columns=(
            region_column(),
            Column("tahun", "year", "year", required=True, aliases=("year",), example="2025"),
            Column("target_persen", "pct", "pct", aliases=("target_pct", "target_percent",
                   "target"), example="45,5"),
            Column("target_pekerja", "workers", "int", aliases=("target_workers",),
                   example="50.000"),
            Column("penerbit", "issuer", "choice", required=True, aliases=("issuer",),
                   choices=ISSUERS, example="rpjmd"),
            Column("dokumen", "document", "text", aliases=("document",), max_length=300,
                   example="Perda 5/2021 tentang RPJMD"),
        ),
        key=("region", "year", "issuer"),
        validate=check_targets,
        source_column=None,
        description_id="Target cakupan per wilayah, tahun dan penerbit.",
        description_en="Coverage targets per region, year and issuer.",
    )
)  # fmt: skip

REPORTED = register(
    Kind(
        name="reported",
        label=_("Capaian dilaporkan"),
        model=ReportedCoverage,
        columns=(
            region_column(),
            Column("data_per", None, "date", required=True, aliases=("as_of", "tanggal"),
                   example="31/03/2025"),
            Column("capaian_persen", "pct", "pct",
                   aliases=("coverage_pct", "coverage", "capaian"), example="43,5"),
            Column("kategori", "category_label", "text", aliases=("category",), max_length=40,
                   example="sedang"),
            source_column(),
            # After the original columns: templates and files made before stay valid.
            Column("capaian_formal_persen", "formal_pct", "pct",
                   aliases=("formal_coverage_pct", "coverage_formal_pct", "capaian_formal"),
                   help_id="capaian pekerja formal yang dinyatakan sumber",
                   help_en="formal workers' coverage as the source stated it", example="87"),
            Column("capaian_informal_persen", "informal_pct", "pct",
                   aliases=("informal_coverage_pct", "coverage_informal_pct",
                            "capaian_informal"),
                   help_id="capaian pekerja informal yang dinyatakan sumber",
                   help_en="informal workers' coverage as the source stated it", example="150"),
        ),
        key=("region", "period", "source"),
        validate=check_reported,
        derive=reported_period,
        as_of_column="data_per",
        description_id="Capaian cakupan yang dinyatakan sumber (di samping hitungan sistem).",
        description_en="Coverage a source stated (beside the computed one).",
    )
)  # fmt: skip
