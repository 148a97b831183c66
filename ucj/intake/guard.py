"""The target model's write policy applied to a file's rows, set-based, for every kind.

Nothing here names a model: who may write rows of `kind.model`, and which month locks
them, is the model's own `write_policy` (`ucj/accounts/policy.py`). A kind cannot opt out.
"""

from __future__ import annotations

from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.accounts.month_lock import locked_pairs
from ucj.accounts.policy import NATIONAL, locked_model, policy_of
from ucj.accounts.roles import Role
from ucj.accounts.scoping import CHANGE, SystemActor, allowed_regions, has_role, is_admin, roles_of
from ucj.intake.checks import Checks
from ucj.intake.kinds import Kind
from ucj.intake.regions import allowed_ids
from ucj.lib.bilingual import pair


def refuse_outside_scope(parsed: pl.DataFrame, kind: Kind, user: Any, checks: Checks) -> None:
    """Every row's region (the kind's region column, whatever model field it fills, e.g. a
    roster's domicile) must be one the user may write rows of the kind's MODEL to: a
    national analyst writes targets everywhere but no roster; a branch officer writes
    membership lists of its regions but no roster. A system actor (the CLI) may write
    everywhere; a missing user may write nowhere."""
    policy_of(kind.model)  # a kind's model without a declaration is refused loudly
    column = kind.region_column
    if kind.owner_region:
        return  # one region for the whole file, checked once by `owner_region`
    if column is None or "region_id" not in parsed.columns:
        if not isinstance(user, SystemActor) and parsed.height:
            checks.error(
                parsed.head(1),
                kind.columns[0].name,
                *pair(_("jenis ini tanpa kolom wilayah hanya dapat diimpor lewat CLI")),
            )
        return
    allowed = pl.Series(sorted(allowed_ids(user, kind.model)), dtype=pl.Int64)
    checks.error(
        parsed.filter(
            pl.col("region_id").is_not_null() & ~pl.col("region_id").is_in(allowed.implode())
        ),
        column.name,
        *pair(_("Anda tidak berwenang mengubah data wilayah ini")),
    )


def refuse_outside(
    parsed: pl.DataFrame, kind: Kind, within: dict[int, str], checks: Checks
) -> None:
    """Rows whose region is not one of `within` (id → code) are refused, naming the
    regions that are accepted: a file answering a data request holds only the regions
    the request asked for, whatever else its sender may write."""
    column = kind.region_column
    if column is None or "region_id" not in parsed.columns:
        return
    accepted = pl.Series(sorted(within), dtype=pl.Int64)
    problem = pair(
        _("wilayah ini di luar permintaan data (yang diminta: %(codes)s)"),
        codes=", ".join(sorted(within.values())),
    )
    checks.error(
        parsed.filter(
            pl.col("region_id").is_not_null() & ~pl.col("region_id").is_in(accepted.implode())
        ),
        column.name,
        problem.message_id,
        problem.message_en,
    )


def refuse_locked(clean: pl.DataFrame, kind: Kind, checks: Checks) -> None:
    """Rows in a month the model's policy locks (approved, not reopened) are refused,
    naming who approved and when: one query for the file's distinct (region, month)."""
    field = locked_model(kind.model)
    if field is None or clean.height == 0:
        return
    month = clean.get_column(field) if field in clean.columns else None
    if month is None or "region_id" not in clean.columns:
        return
    cells = locked_pairs(kind.model, clean.select("region_id", field).unique().rows())
    if not cells:
        return
    table = pl.DataFrame(
        {
            "region_id": [c.region_id for c in cells],
            field: [c.period for c in cells],
            "_by": [f"{c.approved_by} ({c.approved_at:%Y-%m-%d})" for c in cells],
        },
        schema={"region_id": pl.Int64, field: pl.Date, "_by": pl.Utf8},
    )
    hit = clean.with_columns(pl.col(field).dt.month_start()).join(table, on=["region_id", field])
    checks.error(
        hit,
        _month_column(kind, field),
        pl.format("data bulan ini sudah disetujui dan dikunci oleh {}", pl.col("_by")),
        pl.format("this month's figures are approved and locked by {}", pl.col("_by")),
    )


def _month_column(kind: Kind, field: str) -> str:
    """The column a user fixes: the one filling the month, else the date it comes from."""
    for col in kind.columns:
        if col.field == field:
            return col.name
    return kind.as_of_column or kind.columns[0].name


OWNER_LEVELS = ("province", "regency", "city")


def owner_region(
    kind: Kind, user: Any, region: str | None
) -> tuple[int | None, tuple[str, str] | None]:
    """(region id, problem) for a kind whose rows belong to the importing office
    (`Kind.owner_region`): the region named (`--region`, the upload's region field) if
    the user may write the model there; else the user's one province or kab/kota; else
    None = national, only for who may write the model everywhere (admin, the CLI, a
    national analyst where the policy names NATIONAL). Anyone else must name one."""
    from ucj.regions import resolver

    allowed = allowed_regions(user, CHANGE, kind.model)
    if region:
        try:
            found = resolver.index().resolve(region, levels=OWNER_LEVELS)
        except resolver.ResolutionError:
            return None, pair(_("wilayah '%(region)s' tidak dikenal"), region=region)
        target = allowed.filter(code=found.code).values_list("id", flat=True).first()
        if target is None:
            return None, pair(_("Anda tidak berwenang mengubah data wilayah ini"))
        return int(target), None
    everywhere = (
        isinstance(user, SystemActor)
        or is_admin(user)
        or (has_role(user, Role.NATIONAL) and policy_of(kind.model).allows(NATIONAL))
    )
    if everywhere:
        return None, None
    homes = {
        code for role, code, _lv in roles_of(user) if code and role in (Role.PROVINCE, Role.KABKOTA)
    }
    ids = list(allowed.filter(code__in=homes).values_list("id", flat=True))
    if len(ids) == 1:
        return int(ids[0]), None
    return None, pair(_("sebut wilayah pemilik data (--region / kolom wilayah di halaman unggah)"))
