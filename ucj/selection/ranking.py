"""The selection itself, on frames: rules → reason left out, ranking, the budget cut.

Pure Polars (no database): `ucj select` feeds it what `sources.py` reads, and
bench/select measures it against a bare Polars join of the same frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ucj.registry.models import WorkerGroup

REASONS = ("nik", "duplicate", "decile", "member", "age", "asn", "domicile", "other_scheme")
GROUP_ORDER = {g.value: i for i, g in enumerate(WorkerGroup)}


@dataclass
class Rules:
    """The scheme's rules as bounds (None = the rule is not in the scheme)."""

    decile_max: int | None = None
    member: bool = False
    age: tuple[int, int] | None = None
    asn: bool = False
    domicile: bool = False
    other_scheme: bool = False
    order: list[str] = field(default_factory=list)  # rule kinds in the scheme's order


def asn_checkable(candidates: pl.DataFrame, rules: Rules) -> bool:
    """The not-ASN rule is applied when the scheme has it and at least one candidate's
    roster says whether they are ASN (column `status_asn`)."""
    return (
        rules.asn
        and "is_asn" in candidates.columns
        and candidates.height > candidates.get_column("is_asn").null_count()
    )


def rank(
    candidates: pl.DataFrame,
    deciles: pl.DataFrame,
    members: pl.DataFrame,
    rules: Rules,
    *,
    start_year: int,
    fit: int,
    priority: tuple[str, ...] = ("decile",),
    domiciles: pl.Series | None = None,
    other: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, dict[str, int]]:
    """(the chosen, ranked; left-out counts by reason). `candidates`: entry_id,
    roster_id, row, nik_hash, nik_valid, birth_year, domicile_id, group (is_asn when the
    rosters carry it); `deciles`:
    nik_hash, decile; `members`: nik_hash of active members of the chosen programs;
    `domiciles`: region ids inside the region; `other`: nik_hash chosen by another
    scheme. A person is counted under the first rule they fail, in the scheme's order."""
    # `members` holds each hash once (the SQL reads DISTINCT); a repeated person is
    # marked before the joins, in the candidates' (roster, row) order.
    frame = (
        candidates.lazy()
        .with_columns((~pl.col("nik_hash").is_first_distinct()).alias("_dup"))
        .join(deciles.lazy().select("nik_hash", "decile"), on="nik_hash", how="left")
        .join(
            members.lazy().select("nik_hash").with_columns(pl.lit(True).alias("_member")),
            on="nik_hash",
            how="left",
        )
        .with_columns(pl.col("_member").fill_null(False))
    )
    if other is not None and other.height:
        frame = frame.with_columns(
            pl.col("nik_hash").is_in(other.get_column("nik_hash").implode()).alias("_other")
        )
    else:
        frame = frame.with_columns(pl.lit(False).alias("_other"))
    tests: dict[str, pl.Expr] = {}
    if rules.decile_max is not None:
        tests["decile"] = pl.col("decile").is_null() | (pl.col("decile") > rules.decile_max)
    if rules.member:
        tests["member"] = pl.col("_member")
    if rules.age is not None:
        age = start_year - pl.col("birth_year")
        tests["age"] = pl.col("birth_year").is_null() | ~age.is_between(*rules.age)
    checked_asn = asn_checkable(candidates, rules)
    if checked_asn:
        # Only a person the roster calls ASN fails; unknown status is not held against them.
        tests["asn"] = pl.col("is_asn").fill_null(False)
    if rules.domicile and domiciles is not None:
        tests["domicile"] = pl.col("domicile_id").is_not_null() & ~pl.col("domicile_id").is_in(
            domiciles.implode()
        )
    if rules.other_scheme:
        tests["other_scheme"] = pl.col("_other")
    reason: Any = pl.when(~pl.col("nik_valid")).then(pl.lit("nik"))
    reason = reason.when(pl.col("_dup")).then(pl.lit("duplicate"))
    for kind in rules.order:
        if kind in tests:
            reason = reason.when(tests[kind]).then(pl.lit(kind))
    # Joined and judged once; the ranking and the counts then read the result.
    judged = frame.with_columns(reason.otherwise(None).alias("reason")).collect()
    sort = [
        pl.col("decile") if p == "decile" else pl.col("group").replace_strict(
            GROUP_ORDER, default=len(GROUP_ORDER), return_dtype=pl.Int32
        )
        for p in priority
        if p in ("decile", "group")
    ]  # fmt: skip
    eligible = judged.filter(pl.col("reason").is_null())
    chosen = (
        eligible.lazy()
        .sort([*sort, pl.col("roster_id"), pl.col("row")])
        .head(fit)  # a top-k, not a sort of everyone eligible
        .with_row_index("rank", offset=1)
        .collect()
    )
    by_reason = judged.group_by("reason").len()
    left = dict.fromkeys(("decile", "member", "age", "budget"), 0)
    if checked_asn:
        left["asn"] = 0  # applied: counted even when nobody was left out by it
    for r, n in by_reason.iter_rows():
        if r is not None:
            left[r] = left.get(r, 0) + n
    left["budget"] = max(0, eligible.height - chosen.height)
    return chosen.drop("_member", "_dup", "_other", "reason"), left
