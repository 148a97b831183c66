"""Roster × membership reconciliation, set-based in Polars, for files or stored lists.

The engine works on a join key: the normalised NIK as an integer when both sides are files
(fast, and it never leaves memory), or `nik_hash` for stored rosters and lists.

Counting (the JSON of `ucj reconcile`):
  roster_rows = valid + invalid_nik
  valid − duplicates = matched_active + matched_inactive + not_member  (unique persons)
  by_program[P] = persons with an *active* membership that has P ÷ unique persons × 100.
A person with several membership rows (PU and BPU, two KPJ) is active when any row is
active, and covered for P when any active row has P.

Duplicate rule: the first record wins. Within a list that is the earliest row; across the
lists of a region, the list stored first (lowest id), then its earliest row. A later list
never changes an earlier one's figures: its repeated persons are reported as duplicates,
each pointing at the record that survived (`duplicate_of`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import polars as pl

from ucj.registry.models import PROGRAMS, PersonStatus

PERSON = "_person"  # the position of the roster row whose membership counts for a row
SHORT = "_k"  # `short_key` of the digest


@dataclass
class Outcome:
    summary: dict[str, Any]
    persons: pl.DataFrame  # one row per roster row, in order
    rosters: list[dict[str, Any]]  # per roster: counts and per-program shares
    members_in_no_roster: int
    problems: list[dict[str, Any]]
    # Columns only the output files show (name, agency, masked NIK, NIK errors), read
    # from the roster again by `row` when they are written (`services.person_rows`):
    # ten million rows of them are not held while reconciling.
    detail: pl.LazyFrame | None = None


def pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 0.0


def mark_duplicates(roster: pl.DataFrame, key: str) -> pl.DataFrame:
    """Sort by order; add `duplicate`, `duplicate_of` (the surviving record's label) by
    the first-wins rule, and `_person`: the position of the row whose membership counts
    for this one (its own for a survivor, its survivor's for a duplicate, null for an
    invalid NIK). `roster` has key, nik_valid and order; its label (else its order)
    names a survivor."""
    if not roster["order"].is_sorted():
        roster = roster.sort("order")
    n = roster.height
    # Only rows whose key's 64-bit hash repeats can be a duplicate or the survivor of one:
    # those few are compared as text (exact: two keys sharing a hash stay two persons),
    # the rest is settled without comparing a digest (10M rows: 3.1 s → 0.5 s).
    hashed = roster.select(short_key(pl.col(key))).to_series()
    ordered = hashed.sort()  # a sort finds repeats five times faster than is_duplicated
    repeated = ordered.filter(ordered == ordered.shift(1)).unique()
    where = hashed.is_in(repeated.implode()).arg_true()
    label = pl.col("label") if "label" in roster.columns else pl.col("order")
    few = (
        roster.select(key, "nik_valid", label.cast(pl.String).alias("_label"))
        .gather(where)
        .with_columns(where.alias("_i"))
        .with_columns((pl.col("nik_valid") & ~pl.col(key).is_first_distinct()).alias("duplicate"))
    )
    survivors = few.filter(pl.col("nik_valid") & ~pl.col("duplicate")).select(
        key, pl.col("_label").alias("_survivor"), pl.col("_i").alias("_of")
    )
    dups = few.filter("duplicate").join(survivors, on=key, how="left", maintain_order="left")
    position = pl.int_range(n, dtype=pl.Int64, eager=True)
    # Made in Rust, not from a Python list of ten million Nones (a second at 10M rows).
    return roster.with_columns(
        pl.repeat(False, n, eager=True).scatter(few["_i"], few["duplicate"]).alias("duplicate"),
        pl.repeat(None, n, dtype=pl.String, eager=True)
        .scatter(dups["_i"], dups["_survivor"])
        .alias("duplicate_of"),
        position.set(~roster["nik_valid"], None)
        .scatter(dups["_i"], dups["_of"].cast(pl.Int64))
        .alias(PERSON),
    )


def short_key(key: pl.Expr) -> pl.Expr:
    """A 64-bit stand-in for a 64-character digest (`SHORT`), so the big join that narrows
    forty million stored rows to a roster's persons hashes and compares eight bytes, not
    sixty-four. Two digests can share it: `exact` compares the digests of what was kept.
    Polars' hash is the same within a process, not across versions: it is never stored."""
    return key.hash()


Frame = TypeVar("Frame", pl.DataFrame, pl.LazyFrame)


def owned(rows: Frame, roster: pl.DataFrame, key: str, in_order: bool = True) -> Frame:
    """The membership rows of roster persons, each with its person (`_person`: the
    surviving roster row's position), eager or lazy. Rows that carry the short key are
    joined by it, which a different digest can share: `exact` drops those. Only eight
    bytes a person are held for the join (with the digest, a national join's peak was
    a gigabyte higher). `in_order=False`: in any order (half the join's time)."""
    on = SHORT if SHORT in rows.collect_schema().names() and SHORT in roster.columns else key
    survivors = roster.lazy().filter(pl.col("nik_valid") & ~pl.col("duplicate")).select(on, PERSON)
    joined = rows.lazy().join(
        survivors, on=on, how="inner", maintain_order="left" if in_order else "none"
    )
    return joined if isinstance(rows, pl.LazyFrame) else joined.collect()  # type: ignore[return-value]


def exact(rows: pl.DataFrame, roster: pl.DataFrame, key: str) -> pl.DataFrame:
    """`owned` rows whose digest is their person's: a row joined by a short key it
    shares with a roster person, but not that person's digest, is dropped."""
    if SHORT not in rows.columns:
        return rows
    own = roster[key].gather(rows[PERSON])
    return rows.filter(rows[key] == own).drop(SHORT)


def membership_by_person(membership: pl.LazyFrame, key: str) -> pl.LazyFrame:
    """One row per person: active, and each program covered by an active row."""
    active = pl.col("active").fill_null(False)
    return membership.group_by(key).agg(
        active.any().alias("active"),
        *[(pl.col(p) & active).any().alias(p) for p in PROGRAMS],
        pl.col("last_paid").max().alias("last_paid"),
    )


def by_row(by_person: pl.DataFrame, person: pl.Series) -> list[pl.Series]:
    """`by_person`'s columns (and `member`) for each roster row, from its person's row
    (`person`: a position in the roster, null for none). Put in place by position: a
    survivor is its own person, so only the duplicates' values are fetched (a gather of
    every row took a second at 10M rows)."""
    n, at = person.len(), by_person[PERSON]
    moved = (person != pl.int_range(n, dtype=pl.Int64, eager=True)).fill_null(False).arg_true()
    source = person.gather(moved)

    def placed(column: pl.Series, empty: bool | None) -> pl.Series:
        full = pl.repeat(empty, n, dtype=column.dtype, eager=True).scatter(at, column)
        return full.scatter(moved, full.gather(source)) if moved.len() else full

    member = placed(pl.repeat(True, by_person.height, eager=True), False).alias("member")
    return [
        member,
        *[placed(by_person[c], None).alias(c) for c in by_person.columns if c != PERSON],
    ]


def run(
    roster: pl.DataFrame | pl.LazyFrame,
    membership: pl.LazyFrame,
    key: str,
    parse: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None,
    fallback: pl.LazyFrame | None = None,
    narrowed: bool = False,
) -> tuple[Outcome, pl.DataFrame]:
    """Reconcile. `roster` (in memory: a million rows is small) needs key, nik_valid, order,
    label and roster. `membership` (lazy, ten million rows) needs the key; `parse` turns
    its rows into active, the programs and last_paid, and is applied only to the rows of
    persons on the roster, so the bulk of a big list is read for its key alone.
    `fallback` is read instead when `membership` left a key null (a cell it could not read).
    `narrowed`: the caller marked the roster's duplicates (`mark_duplicates`) and
    `membership` holds only the rows of its persons, each with its `_person` (`owned`,
    joined as the stored lists are read); no `parse`; the members in no roster are the
    caller's to count.
    Returns the outcome and the parsed membership rows of roster persons."""
    # One read of each file, side by side, of the columns needed (categories for the flags
    # keep ten million rows near a gigabyte); the set of roster keys is built once.
    if isinstance(roster, pl.LazyFrame):
        roster, everyone = pl.collect_all([roster, membership])
    elif narrowed:  # rows already in memory: the in-memory engine does not copy them
        everyone = membership.collect()
    else:
        everyone = membership.collect(engine="streaming")
    if fallback is not None and everyone[key].null_count():
        everyone = fallback.collect(engine="streaming")
    if narrowed:
        rows, outside_n = everyone, 0
    else:
        roster = mark_duplicates(roster, key)
        unique = roster.filter(pl.col("nik_valid") & ~pl.col("duplicate"))[key]
        on_roster = everyone[key].is_in(unique.implode())
        rows = everyone.filter(on_roster)
        outside_n = everyone.filter(~on_roster)[key].drop_nulls().n_unique()
        if parse is not None:
            rows = parse(rows.lazy()).collect()
        rows = owned(rows, roster, key)  # joined by the key itself: exact already
    del everyone
    # Grouped by the person's position in the roster and put back by position: no join.
    by_person = membership_by_person(rows.lazy(), PERSON).collect()
    persons = roster.with_columns(by_row(by_person, roster[PERSON]))
    status = (
        pl.when(~pl.col("nik_valid"))
        .then(pl.lit(PersonStatus.INVALID.value))
        .when(pl.col("duplicate"))
        .then(pl.lit(PersonStatus.DUPLICATE.value))
        .when(pl.col("active").fill_null(False))
        .then(pl.lit(PersonStatus.ACTIVE.value))
        .when(pl.col("member").fill_null(False))
        .then(pl.lit(PersonStatus.INACTIVE.value))
        .otherwise(pl.lit(PersonStatus.NOT_MEMBER.value))
    )
    counted = pl.col("nik_valid") & ~pl.col("duplicate")
    persons = persons.with_columns(
        status.alias("status"),
        *[pl.when(counted).then(pl.col(p).fill_null(False)).alias(p) for p in PROGRAMS],
    ).drop("member", "active", PERSON, SHORT, strict=False)
    outcome = Outcome(summarise(persons), persons, per_roster(persons), outside_n, [])
    return outcome, rows


def summarise(persons: pl.DataFrame) -> dict[str, Any]:
    """The JSON of `ucj reconcile`, key for key (issue 9)."""
    counts = dict(persons.group_by("status").len().iter_rows())
    valid = int(persons["nik_valid"].sum())
    unique = valid - counts.get(PersonStatus.DUPLICATE.value, 0)
    covered = persons.select([pl.col(p).sum() for p in PROGRAMS]).row(0)
    return {
        "roster_rows": persons.height,
        "valid": valid,
        "invalid_nik": counts.get(PersonStatus.INVALID.value, 0),
        "duplicates": counts.get(PersonStatus.DUPLICATE.value, 0),
        "matched_active": counts.get(PersonStatus.ACTIVE.value, 0),
        "matched_inactive": counts.get(PersonStatus.INACTIVE.value, 0),
        "not_member": counts.get(PersonStatus.NOT_MEMBER.value, 0),
        "by_program": {p: pct(int(c or 0), unique) for p, c in zip(PROGRAMS, covered, strict=True)},
    }


def per_roster(persons: pl.DataFrame) -> list[dict[str, Any]]:
    """For each roster (or group in a file): persons, statuses and per-program shares,
    counted in one pass (a frame per roster copied ten million rows)."""
    if not persons["order"].is_sorted():  # already in order: no sort of every column
        persons = persons.sort("order")
    statuses = [s.value for s in PersonStatus]
    counts = persons.group_by("roster", maintain_order=True).agg(
        pl.col("nik_valid").sum().alias("_valid"),
        *[(pl.col("status") == s).sum().alias(s) for s in statuses],
        *[pl.col(p).sum().alias(p) for p in PROGRAMS],
    )
    out = []
    for row in counts.iter_rows(named=True):
        unique = row["_valid"] - row[PersonStatus.DUPLICATE.value]
        covered = {p: int(row[p] or 0) for p in PROGRAMS}
        out.append(
            {
                "roster": row["roster"],
                "persons": unique,
                "matched_active": row[PersonStatus.ACTIVE.value],
                "matched_inactive": row[PersonStatus.INACTIVE.value],
                "not_member": row[PersonStatus.NOT_MEMBER.value],
                "invalid_nik": row[PersonStatus.INVALID.value],
                "duplicates": row[PersonStatus.DUPLICATE.value],
                "covered": covered,
                "by_program": {p: pct(c, unique) for p, c in covered.items()},
            }
        )
    return out
