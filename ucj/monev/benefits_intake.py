"""Import kind `benefits`: benefits paid per region, month and program, as BPJS TK
branches report them (`ucj import FILE --kind benefits`), with an optional anonymised
story. A story is refused when it holds a NIK-like number or looks like it names a
person, and a file that fills a name or NIK column is refused: stories are for advocacy
and must not identify anyone (docs/SECURITY.md, "Person data")."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.indicators.intake import region_column, rupiah_column, source_column
from ucj.intake.kinds import Column, Kind, register
from ucj.lib.bilingual import pair
from ucj.monev.benefits import BenefitPaid

if TYPE_CHECKING:
    from ucj.intake.checks import Checks

PROGRAMS = {
    "jkk": "JKK", "jaminan kecelakaan kerja": "JKK", "jkm": "JKM", "jaminan kematian": "JKM",
    "jht": "JHT", "jaminan hari tua": "JHT", "jp": "JP", "jaminan pensiun": "JP",
    "jkp": "JKP", "jaminan kehilangan pekerjaan": "JKP",
}  # fmt: skip
# Sixteen digits, possibly grouped by spaces, dots or dashes: the shape of a NIK.
NIK_LIKE = r"\d(?:[\s.\-]?\d){15}"
# An honorific followed by a capitalised word is how Indonesian news names a person.
NAMED = (
    r"\b(?:Bapak|Bpk|Ibu|Sdr|Sdri|Saudara|Saudari|Almarhum|Almarhumah|Alm|Almh|Tn|Ny|Nn)"
    r"\.?\s+[A-Z][a-z]+"
)
PERSON_COLUMNS = ("nama", "nik")


def check_benefits(checks: Checks) -> None:
    frame = checks.frame
    for name in PERSON_COLUMNS:
        if name in frame.columns:
            checks.error(
                frame.filter(pl.col(name).is_not_null() & (pl.col(name) != "")),
                name,
                *pair(
                    _("data pribadi tidak boleh diimpor: kosongkan kolom ini (cerita harus anonim)")
                ),
            )
    if "cerita" in frame.columns:
        story = pl.col("cerita").fill_null("")
        checks.error(
            frame.filter(story.str.contains(NIK_LIKE)),
            "cerita",
            *pair(_("cerita memuat angka 16 digit seperti NIK; hapus")),
        )
        checks.error(
            frame.filter(story.str.contains(NAMED)),
            "cerita",
            *pair(_("cerita tampak menyebut nama orang (mis. 'Bapak …'); tulis tanpa nama")),
        )
    checks.error(
        frame.filter((pl.col("kasus") == 0) & (pl.col("nominal") > 0)),
        "kasus",
        *pair(_("nominal dibayar tanpa kasus")),
    )


BENEFITS = register(Kind(
    name="benefits",
    label=_("Manfaat dibayar BPJS TK"),
    model=BenefitPaid,
    columns=(
        region_column(),
        Column("periode", "period", "period", required=True, aliases=("period", "bulan"),
               example="2025-05", help_id="bulan pembayaran", help_en="month paid"),
        Column("program", "program", "choice", required=True, choices=PROGRAMS,
               example="JKM", help_id="JKK, JKM, JHT, JP, JKP"),
        Column("kasus", "cases", "int", required=True, aliases=("cases", "jumlah_kasus"),
               example="2", help_id="jumlah kasus/penerima", help_en="number of cases"),
        rupiah_column("nominal", "amount", "amount", "jumlah_rp", required=True,
                      example="Rp84.000.000", help_id="jumlah dibayar (Rp)",
                      help_en="amount paid"),
        source_column(),
        Column("cerita", "story", "text", aliases=("story",), max_length=2000, default="",
               sensitive=True, help_id="opsional, anonim: tanpa nama, tanpa NIK",
               help_en="optional, anonymous: no names, no NIK"),
        Column("nama", None, "text", aliases=("name", "nama_penerima", "ahli_waris"),
               sensitive=True, help_id="JANGAN diisi", help_en="do NOT fill"),
        Column("nik", None, "text", aliases=("nik_penerima",), sensitive=True,
               help_id="JANGAN diisi", help_en="do NOT fill"),
    ),
    key=("region", "period", "program", "source"),
    validate=check_benefits,
    description_id="Manfaat yang dibayar BPJS Ketenagakerjaan per wilayah, bulan dan "
    "program (kasus dan nominal), dengan cerita anonim opsional.",
    description_en="Benefits paid by BPJS Ketenagakerjaan per region, month and program "
    "(cases and amount), with an optional anonymous story.",
))  # fmt: skip
