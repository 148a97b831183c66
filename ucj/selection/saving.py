"""A selection kept: the planning scenario that prices it (linked to its funding
source; Dana Desa refused as everywhere), the selection and its people; and the XLSX for
registration with BPJS TK (masked NIK and the Pemda's own row ids, never a raw NIK)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.intake.writer import insert_frame
from ucj.lib.bilingual import pair
from ucj.lib.sheets import Sheets
from ucj.planning import scenarios
from ucj.planning.models import (
    DANA_DESA_REASON,
    FundingSource,
    FundingSourceKind,
    Scenario,
)
from ucj.planning.rates import PlanError
from ucj.regions.models import Region
from ucj.selection.models import EligibilityScheme, Selected, Selection


def _funding(region: Region, funding: str, user: Any) -> tuple[str, FundingSource | None]:
    """(funding kind, the FundingSource row when an id was given)."""
    text = (funding or "").strip().lower()
    row = None
    if text.isdigit():
        row = FundingSource.objects.for_user(user, VIEW).filter(pk=int(text), region=region).first()
        if row is None:
            raise PlanError(
                *pair(_("Sumber pendanaan #%(id)s tidak ada untuk %(code)s"), id=text,
                      code=region.code), "funding",
            )  # fmt: skip
        text = row.source
    if text.replace(" ", "_").replace("-", "_") in ("dana_desa", "dd"):
        raise PlanError(*pair(DANA_DESA_REASON), "funding")
    if text not in FundingSourceKind.values:
        raise PlanError(
            *pair(_("Sumber pendanaan tidak dikenal: %(funding)s (%(known)s)"), funding=funding,
                  known=", ".join(FundingSourceKind.values)), "funding",
        )  # fmt: skip
    return text, row


def save(
    answer: dict[str, Any], chosen: pl.DataFrame, params: dict[str, Any], user: Any, name: str,
    funding: str, office: str = "",
) -> Selection:  # fmt: skip
    region = Region.objects.get(code=answer["code"], valid_to__isnull=True)
    if not allowed_regions(user, CHANGE, Selection).filter(pk=region.pk).exists():
        raise PlanError(
            *pair(_("Anda tidak berwenang menyimpan seleksi wilayah ini")), "code",
        )  # fmt: skip
    kind, row = _funding(region, funding, user)
    scheme = EligibilityScheme.objects.get(name=answer["scheme"])
    with transaction.atomic():
        scenario = scenarios.save(
            region, name, {
                "kind": "workers", "workers": answer["selected"], "segment": answer["segment"],
                "programs": answer["programs"], "months": answer["months"],
                "start": answer["start"], "income": params.get("income"),
                "wage": answer.get("wage"), "risk_class": answer.get("risk_class"),
            }, user,
        )  # fmt: skip
        summary = {k: v for k, v in answer.items() if k != "people"} | {"funding": kind}
        selection = Selection.objects.create(
            region=region, scheme=scheme, scenario=scenario, funding=row,
            params={**params, "funding": kind, "name": name}, summary=summary,
            owner_office=office.strip()[:200],
            user=user if getattr(user, "pk", None) else None,
        )  # fmt: skip
        if chosen.height:
            insert_frame(
                Selected,
                chosen.select(
                    pl.lit(selection.pk).alias("selection_id"),
                    pl.col("entry_id"), pl.col("rank").cast(pl.Int64), pl.col("decile"),
                ),
            )  # fmt: skip
    assert isinstance(scenario, Scenario)
    return selection


HEADER = ["peringkat", "nik_tersamar", "daftar", "baris_daftar", "kelompok", "desil"]


def export_xlsx(answer: dict[str, Any], chosen: pl.DataFrame, path: Path) -> int:
    """The list for registration: rank, masked NIK, the Pemda's roster and row (to join
    its own list back), group, decile; a second sheet with the rules and their basis."""
    rows = chosen.select("rank", "nik_masked", "roster", "row", "group", "decile").rows()
    with Sheets(path) as book:  # every text cell through the one formula guard
        book.add("daftar", HEADER, rows)
        summary = [
            ["wilayah / region", f"{answer['code']} {answer['name']}"],
            ["skema / scheme", answer["scheme"]],
            ["program", ",".join(answer["programs"])],
            ["terpilih / selected", answer["selected"]],
            ["biaya / cost (Rp)", answer["cost_total"]],
            ["data contoh / sample data", "ya / yes" if answer["is_sample"] else ""],
            *[[f"aturan / rule {r['kind']}", r["basis"]] for r in answer["rules"]],
        ]
        book.add("ringkasan", ["butir / item", "nilai / value"], summary)
    return len(rows)
