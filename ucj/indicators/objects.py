"""The `ucj coverage --json` object: one row of the coverage frame, shaped for output.

Keys are a contract (issue 3); keys may be added, never renamed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import override

from ucj.indicators import completeness, projection, sources
from ucj.indicators.frame import NATIONAL, PROGRAMS
from ucj.indicators.models import PERSON_SEGMENTS, Basis, Issuer
from ucj.indicators.plausibility import potential_plausible
from ucj.regions.models import KABKOTA, Level


def ym(value: dt.date | None) -> str | None:
    return value.strftime("%Y-%m") if value else None


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def blank(
    code: str, name: str, level: str, period: dt.date | None, expected: int | None = None
) -> dict[str, Any]:
    """The object of a region without figures for the month: every value unknown.
    `expected`: how many units it has (its kab/kota, the nation's provinces), if known."""
    return {
        "code": code,
        "name": name,
        "level": level,
        "period": ym(period),
        "as_of": None,
        "potential_workers": None,
        "potential_basis": None,
        "potential_basis_label": None,
        "potential_year": None,
        "potential_plausible": True,
        "active_participants": None,
        "by_segment": dict.fromkeys(PERSON_SEGMENTS),
        "by_program": dict.fromkeys(PROGRAMS),
        "by_program_pct": dict.fromkeys(PROGRAMS),
        "coverage_pct": None,
        "headline_pct": None,
        "headline_basis": None,
        "headline_source": None,
        "headline_as_of": None,
        "completeness": completeness.blank(level, expected),
        "formal_pct": None,
        "informal_pct": None,
        "segment_mapping": None,
        "reported_pct": None,
        "reported_formal_pct": None,
        "reported_informal_pct": None,
        "reported_category": None,
        "discrepancy_pp": None,
        "discrepancy_flag": False,
        "over_100_flag": False,
        "category": None,
        "category_colour": None,
        "category_order": None,
        "category_provisional": None,
        "category_basis": None,
        "target_pct": None,
        "target_workers": None,
        "target_issuer": None,
        "target_issuer_label": None,
        "target_year": None,
        "target_document": None,
        "gap_workers": None,
        "rank_in_province": None,
        "rank_in_province_of": None,
        "rank_national": None,
        "rank_national_of": None,
        "rank_change": None,
        "rank_previous": None,
        "rank_previous_period": None,
        "rank_change_national": None,
        "projection": {
            "reach_period": None,
            "monthly_needed": None,
            "status": "no_target",
            "pace_per_month": None,
            "points": 0,
            "deadline": None,
        },
        "rollup_check": None,
        "is_sample": False,
        "sources": [],
    }


def _label(choices: Any, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        # In Bahasa Indonesia whatever the request's language: objects are cached for
        # every viewer; screens show it in theirs (web.language.shown).
        with override("id"):
            return str(choices(value).label)
    except ValueError:
        return value


def shape(
    row: dict[str, Any],
    groups: dict[str, list[str]],
    part_src: dict[str, list[sources.Source]],
    pot_src: dict[str, sources.Source],
    codes_below: list[str],
) -> dict[str, Any]:
    obj = blank(row["code"], row["name"], row["level"], row["period"])
    code = row["code"]
    if row["direct"]:
        src = list(part_src.get(code, []))
    else:  # a sum: the sources of what was added up
        src = [s for c in codes_below for s in part_src.get(c, [])]
    if code in pot_src:
        src.append(pot_src[code])
    else:
        src += [pot_src[c] for c in codes_below if c in pot_src]
    src += [s for s in (sources.target_source(row), sources.reported_source(row)) if s]
    merged = sources.merge(src)
    obj.update(
        as_of=iso(row["as_of"]),
        potential_workers=row["potential"],
        potential_basis=row["basis"],
        potential_basis_label=_label(Basis, row["basis"]),
        potential_year=row["potential_year"],
        active_participants=row["persons"],
        by_segment={s: row[s] for s in PERSON_SEGMENTS},
        by_program={p: row[p] for p in PROGRAMS},
        by_program_pct={p: row[f"pct_{p}"] for p in PROGRAMS},
        segment_mapping=groups,
        **{
            k: row[k]
            for k in (
                "coverage_pct",
                "formal_pct",
                "informal_pct",
                "reported_pct",
                "reported_formal_pct",
                "reported_informal_pct",
                "discrepancy_pp",
                "category",
                "category_colour",
                "category_order",
                "category_provisional",
                "category_basis",
                "target_pct",
                "target_workers",
                "target_issuer",
                "target_year",
                "target_document",
                "gap_workers",
            )
        },
        reported_category=row["reported_category"] or None,
        discrepancy_flag=bool(row["discrepancy_flag"]),
        over_100_flag=bool(row["over_100_flag"]),
        target_issuer_label=_label(Issuer, row["target_issuer"]),
        rank_in_province=row.get("rank_in_province"),
        rank_in_province_of=row.get("rank_in_province_of"),
        rank_national=row.get("rank_national"),
        rank_national_of=row.get("rank_national_of"),
        completeness=completeness.as_dict(row),
        headline_pct=row.get("headline_pct"),
        headline_basis=row.get("headline_basis"),
        # A reported headline names its source and date; a computed one its data date.
        headline_source=row["rep_source"] if row.get("headline_basis") == "reported" else None,
        headline_as_of=iso(
            row["rep_as_of"] if row.get("headline_basis") == "reported" else row["as_of"]
        ),
        rank_change=row.get("rank_change"),
        rank_previous=row.get("rank_previous"),
        rank_previous_period=ym(row.get("rank_previous_period")),
        rank_change_national=row.get("rank_change_national"),
        projection=projection.project(
            row["period"],
            row["persons"],
            row["target_workers"],
            row["target_year"],
            row.get("points"),
            row.get("pace_per_month"),
        ),
        is_sample=bool(row["sample"]) or any(s["is_sample"] for s in merged),
        sources=merged,
    )
    obj["potential_plausible"] = potential_plausible(obj)  # against the 2025 population
    if row["level"] == Level.PROVINCE and row["rollup_persons"] is not None:
        diff = row["rollup_difference"]
        obj["rollup_check"] = {
            "basis": "direct" if row["direct"] else "sum_of_kabkota",
            "kabkota_with_data": row["parts"],
            "kabkota_total": row["parts_total"],
            "kabkota_without_potential": row["skipped"],
            "kabkota_active": row["rollup_persons"],
            "kabkota_potential": row["rollup_potential"],
            "difference": diff,
            "flag": bool(diff),
        }
    elif row["level"] in KABKOTA and row.get("kec_reporting") is not None:
        obj["rollup_check"] = kecamatan_check(row)
    elif row["level"] == NATIONAL:
        obj["rollup_check"] = {
            "basis": "sum_of_provinces",
            "provinces_with_data": row["parts"],
            "provinces_total": row["parts_total"],
            "provinces_without_potential": row["skipped"],
        }
    return obj


def kecamatan_check(row: dict[str, Any]) -> dict[str, Any]:
    """A kab/kota whose kecamatan have figures this month: whether its figure is its own
    row (`direct`: the own rows stood in every cell), the sum of its kecamatan
    (`sum_of_kecamatan`: no persons row of its own), or its own persons with cells the
    kecamatan filled (`direct_and_kecamatan`); and its own persons against theirs."""
    own, kec = row["own_persons"], row["kec_persons"]
    cells = row["kec_cells"] or 0
    if cells == 0:
        basis = "direct"
    elif own is None:
        basis = "sum_of_kecamatan"
    else:
        basis = "direct_and_kecamatan"
    diff = own - kec if own is not None and kec is not None else None
    return {
        "basis": basis,
        "kecamatan_with_data": row["kec_reporting"],
        "kecamatan_total": row["kec_total"],
        "kecamatan_active": kec,
        "kecamatan_cells_used": cells,
        "difference": diff,
        "flag": bool(diff),
    }
