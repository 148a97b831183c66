"""Import kind `desil`: DTSEN welfare deciles by NIK (issue 20, item 3).

Columns `nik`, `desil` (1–10), `data_per`, `sumber`; no region column. The NIK is
validated, hashed and masked in `derive` (`nik.stored_fields`, vectorised as for
rosters) and never reaches a model field; an invalid NIK is a row error (a decile of
nobody is useless), quoted masked. Every row belongs to the importing office
(`Kind.owner_region`, `intake/guard.owner_region`): `--region` / the upload page's
region field, else the officer's own province or kab/kota; a national analyst or the
CLI naming no region loads national rows (owner 0). Natural key: owner + hashed NIK, so
the same file again changes nothing and a newer file updates the decile (undo puts the
old one back).
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import VIEW, allowed_regions, is_global
from ucj.intake.checks import Checks
from ucj.intake.kinds import Column, Kind, register
from ucj.intake.writer import fetch_frame
from ucj.lib.bilingual import pair
from ucj.registry import nik
from ucj.registry.models import WelfareDecile


def derive_desil(frame: pl.DataFrame) -> pl.DataFrame:
    out = nik.stored_fields(frame, "nik", timezone.localdate()).collect()
    return out.with_columns(
        # An invalid NIK gets a key of its own row, so that it is reported once as
        # invalid and not also as a duplicate of every other invalid row.
        # A child's NIK (under the workers' minimum age) is a valid NIK: DTSEN lists
        # whole households, and the age is the selection's rule, not the file's.
        pl.when(pl.col("nik_valid") | (pl.col("nik_error") == "age"))
        .then(pl.col("nik_hash"))
        .otherwise(pl.format("!{}", pl.col("_row")))
        .alias("nik_hash"),
        pl.col("region_id").fill_null(0).cast(pl.Int64).alias("owner"),
    ).drop("birth_year", "sex")


def _validate(checks: Checks) -> None:
    frame = checks.frame
    checks.error(
        frame.filter(pl.col("nik_hash").str.starts_with("!")),
        "nik",
        *pair(_("NIK tidak sah (16 angka, tanggal lahir yang ada)")),
    )
    checks.error(
        frame.filter(~pl.col("decile").is_between(1, 10)),
        "desil",
        *pair(_("desil harus 1 sampai 10")),
    )


DESIL = register(Kind(
    name="desil",
    label=_("Desil kesejahteraan (DTSEN)"),
    model=WelfareDecile,
    columns=(
        Column("nik", None, "text", required=True, sensitive=True,
               aliases=("no_nik", "nomor_nik", "no_ktp", "national_id"),
               help_id="16 angka; disimpan hanya sebagai hash dan bentuk tersamar",
               help_en="16 digits; stored only hashed and masked",
               example="1503014107900001"),
        Column("desil", "decile", "int", required=True, aliases=("decile", "desil_dtsen"),
               help_id="1 (termiskin) sampai 10", help_en="1 (poorest) to 10", example="2"),
        Column("data_per", "as_of", "date", required=True, aliases=("as_of", "tanggal_data"),
               help_id="tanggal data DTSEN", help_en="DTSEN data date", example="2025-06-30"),
        Column("sumber", "source", "text", aliases=("source",), max_length=300,
               default="", example="DTSEN (Kemensos/BPS)"),
    ),
    key=("owner", "nik_hash"),
    derive=derive_desil,
    validate=_validate,
    source_column="sumber",
    owner_region=True,
    description_id="Desil kesejahteraan DTSEN per NIK; milik wilayah kantor yang mengimpor.",
    description_en="DTSEN welfare decile by NIK; owned by the importing office's region.",
))  # fmt: skip


def readable_owners(user: Any) -> list[int] | None:
    """Owners whose deciles `user` may join person by person: national rows (0) and the
    regions the user may read; None = every owner (global readers, the CLI)."""
    if is_global(user, VIEW):
        return None
    ids = allowed_regions(user, VIEW, WelfareDecile).values_list("id", flat=True)
    return [0, *ids]


def deciles_of(user: Any) -> pl.DataFrame:
    """nik_hash → decile (and its date) the user may join: where a person has rows of
    several owners, the newest as-of date wins (then the regional row over the national
    one). One query; the caller joins it to its own roster set-based."""
    owners = readable_owners(user)
    frame = fetch_frame(
        WelfareDecile,
        ["nik_hash", "decile", "as_of", "owner"],
        {} if owners is None else {"owner": owners},
    )
    return (
        frame.sort(["as_of", "owner"], descending=True)
        .unique("nik_hash", keep="first")
        .select("nik_hash", "decile", "as_of")
    )


def counts(hashes: pl.Series, user: Any) -> dict[str, int]:
    """People of `hashes` per decile ('1'…'10', 'unknown'): the aggregate that may be
    shown outside the owning region."""
    known = pl.DataFrame({"nik_hash": hashes}).join(deciles_of(user), on="nik_hash", how="left")
    grouped = known.group_by("decile").len()
    out = {str(d): 0 for d in range(1, 11)} | {"unknown": 0}
    for decile, n in grouped.iter_rows():
        out["unknown" if decile is None else str(decile)] += n
    return out
