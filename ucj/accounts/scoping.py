"""The one choke point for row-level access: `Model.objects.for_user(user, action)`.

Pages, API, exports, reports and the CLI's user-facing paths read scoped models only
through it. A model opts in by using ScopedQuerySet (or a subclass) as its manager and
naming, in `scope_path`, the lookup from the model to its Region.

Who sees what (issue 6); who WRITES a model is its `write_policy` (`policy.py`):
- admin and a system actor (the CLI, `SystemActor`): everything;
- national analyst: reads everything, writes where the model's policy names NATIONAL;
- province officer: reads its province and the kab/kota in it, writes them where the
  policy names REGION; kab/kota officer likewise for its own kab/kota (and kecamatan);
- BPJS TK branch officer: for its assigned regions, reads and writes models whose
  policy names BRANCH, and reads models that set `branch_reads`;
- public viewer, anonymous visitors and everyone else: rows of `public_view` models,
  with cells smaller than settings.UCJ_PUBLIC_MIN_CELL left out.
A missing user (None) is an anonymous visitor: never "everyone" (fail closed).
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from ucj.accounts import refusals
from ucj.accounts.policy import BRANCH, NATIONAL, REGION, policy_of
from ucj.accounts.refusals import RefusalLogging, scoped
from ucj.accounts.roles import Role

VIEW = "view"
CHANGE = "change"
ACTIONS = (VIEW, CHANGE)

_T = TypeVar("_T", bound=models.Model)

GLOBAL_ROLES = {Role.ADMIN, Role.NATIONAL}


@dataclass(frozen=True)
class SystemActor:
    """An explicit operator that is no account: the CLI, the demo loader, a test.

    It holds the admin role (writes everything, every region), is never signed in, and
    is recorded by name (`ImportBatch.system`): "CLI oleh root" / "CLI by root". Code
    that gets `None` instead refuses or shows public rows only: nothing is unscoped by
    accident."""

    via: str  # CLI, demo, …
    who: str  # the operating-system user, or what ran it

    is_authenticated = False
    is_active = True
    is_superuser = False
    pk = None

    @property
    def label(self) -> str:
        """Stored on batches: 'CLI:root' (shown in each language by `system_label`)."""
        return f"{self.via}:{self.who}"[:150]


def cli_actor() -> SystemActor:
    """The operator at the command line, named by the operating-system user."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        who = "?"
    return SystemActor("CLI", who)


def _check_action(action: str) -> None:
    # A typo such as "edit" must not silently fall through to a read scope.
    if action not in ACTIONS:
        raise ValueError(f"unknown scope action {action!r}; use one of {ACTIONS}")


def roles_of(user: Any) -> list[tuple[str, str | None, str | None]]:
    """(role, region code, region level) triples, cached on the user object.

    Inactive users hold no roles. A role on a retired region code is dropped: the
    assignment must be moved to the successor by an admin.
    """
    if isinstance(user, SystemActor):
        return [(Role.ADMIN, None, None)]
    if (
        user is None
        or not getattr(user, "is_authenticated", False)
        or not getattr(user, "is_active", False)
    ):
        return []
    cached = getattr(user, "_ucj_roles", None)
    if cached is None:
        cached = [
            (role, code, level)
            for role, code, level, valid_to in user.roles.values_list(
                "role", "region__code", "region__level", "region__valid_to"
            )
            if valid_to is None
        ]
        if user.is_superuser:
            cached.append((Role.ADMIN, None, None))
        user._ucj_roles = cached
    return cached


def forget_roles(user: Any) -> None:
    """Drop the per-request cache after roles changed."""
    if hasattr(user, "_ucj_roles"):
        del user._ucj_roles


def has_role(user: Any, *roles: str) -> bool:
    return any(role in roles for role, _c, _l in roles_of(user))


def is_admin(user: Any) -> bool:
    return has_role(user, Role.ADMIN)


def is_global(user: Any, action: str = VIEW) -> bool:
    """May this user do `action` on every region? National analysts only read globally."""
    _check_action(action)
    if action == VIEW:
        return has_role(user, *GLOBAL_ROLES)
    return is_admin(user)


def _codes_q(
    path: str,
    roles: list[tuple[str, str | None, str | None]],
    branch_ok: bool,
    region_ok: bool = True,
) -> Q:
    prefix = f"{path}__" if path else ""
    q = Q(pk__in=[])
    for role, code, _level in roles:
        if code is None:
            continue
        if role in (Role.PROVINCE, Role.KABKOTA) and not region_ok:
            continue
        if role == Role.PROVINCE:
            q |= Q(**{f"{prefix}province_code": code[:2]})
        elif role == Role.KABKOTA or (role == Role.BRANCH and branch_ok):
            q |= Q(**{f"{prefix}code": code}) | Q(**{f"{prefix}code__startswith": code + "."})
    return q


def region_q(
    user: Any,
    action: str,
    path: str,
    branch_ok: bool,
    public_ok: bool,
    national_ok: bool = False,
    region_ok: bool = True,
) -> Q | None:
    """A filter on `path` (a lookup to Region) for this user; None means no restriction.

    An empty Q() is never returned for 'nothing': `Q(pk__in=[])` is, so a mistake
    fails closed. `national_ok`: national analysts may write this model everywhere;
    `region_ok`: province and kab/kota officers may (write) their own regions.
    """
    _check_action(action)
    roles = roles_of(user)
    if is_admin(user):
        return None
    if has_role(user, Role.NATIONAL) and (action == VIEW or national_ok):
        return None
    if action == VIEW and public_ok:
        return None
    return _codes_q(path, roles, branch_ok, region_ok or action == VIEW)


class ScopedQuerySet(RefusalLogging, models.QuerySet[_T], Generic[_T]):
    """Subclass per model and set the class attributes below (how rows are READ and
    found); who may WRITE them is the model's own `write_policy` (`policy.py`)."""

    scope_path = "region"  # lookup from the model to ucj.regions.Region
    public_view = False  # aggregate figures any visitor may read
    branch_reads = False  # BPJS TK branch officers may read these rows of their regions
    # Fields holding a count; public rows below UCJ_PUBLIC_MIN_CELL are suppressed.
    public_cell_fields: tuple[str, ...] = ("count", "total")

    def for_user(self, user: Any, action: str = VIEW) -> ScopedQuerySet[_T]:
        _check_action(action)
        q = region_q(user, action, self.scope_path, *_rights(self, action))
        if q is None:
            return self
        if action == VIEW and self.public_view:
            public = self._public_q()
            if not public:  # no cell to suppress: every row is public
                return self
            q |= public
        return scoped(self.filter(q), user, action)  # a refused .get() is recorded

    def _public_q(self) -> Q:
        """Rows anyone may read: all of them, minus small cells that could identify people."""
        q = Q()
        for name in self.public_cell_fields:
            try:
                self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            q &= Q(**{f"{name}__gte": settings.UCJ_PUBLIC_MIN_CELL})
        return q


def _rights(qs: ScopedQuerySet[Any], action: str) -> tuple[bool, bool, bool, bool]:
    """(branch_ok, public_ok, national_ok, region_ok) of the model's declarations: a
    writer may read what it writes; `branch_reads` adds reading only."""
    policy = policy_of(qs.model)
    branch_ok = policy.allows(BRANCH) or (action == VIEW and qs.branch_reads)
    return branch_ok, False, policy.allows(NATIONAL), policy.allows(REGION)


def allowed_regions(user: Any, action: str = VIEW, model: Any = None) -> Any:
    """The current regions (any level) this user may read or write, as a RegionQuerySet.

    Used where code works on regions themselves (import rows, region pickers); models
    tied to a region use `Model.objects.for_user` instead. With `model` (a model whose
    manager is a ScopedQuerySet) the answer follows that model's `write_policy`: e.g.
    for CHANGE a national analyst gets every region only where it names NATIONAL, a
    branch officer its regions only where it names BRANCH.
    """
    from ucj.regions.models import Region

    _check_action(action)
    current = Region.objects.current()
    qs = model._default_manager.all() if model is not None else None
    if qs is not None and not isinstance(qs, ScopedQuerySet):
        raise TypeError(f"{model.__name__} is not a scoped model")
    if is_admin(user):
        return current
    branch_ok, _public, national_ok, region_ok = (
        _rights(qs, action) if qs is not None else (True, False, True, True)
    )
    if has_role(user, Role.NATIONAL) and (action == VIEW or national_ok):
        return current
    region_ok = region_ok or action == VIEW
    regions = current.filter(_codes_q("", roles_of(user), branch_ok, region_ok))
    return scoped(_as_refusal_logging(regions), user, action)


def _as_refusal_logging(regions: Any) -> Any:
    """The same RegionQuerySet, whose .get() records a refused region."""
    from ucj.regions.models import RegionQuerySet

    global _ScopedRegions
    if _ScopedRegions is None:
        _ScopedRegions = type("ScopedRegions", (RefusalLogging, RegionQuerySet), {"scope_path": ""})
    regions.__class__ = _ScopedRegions
    return regions


_ScopedRegions: Any = None


def may_access_region(user: Any, region: Any, action: str = VIEW, model: Any = None) -> bool:
    """Does `region` fall inside the user's scope (for actions on a region, not rows)?"""
    return allowed_regions(user, action, model).filter(pk=region.pk).exists()


def refuse_filter(
    user: Any, action: str, model: Any, code: str | None, name: str, obj: str = ""
) -> None:
    """A list filtered by a region (`code`, from the query parameter `name`) the caller
    may not read rows of `model` in (None: any scoped model, `obj` names the list): the
    list answers empty, the attempt is recorded. A code that is no region is an honest
    miss, not a refusal."""
    if not code or not getattr(user, "is_authenticated", False):
        return
    from ucj.regions.models import Region

    target = Region.objects.filter(code=code).values_list("pk", flat=True).first()
    if target is None:
        return
    # In scope if any region the caller may read is that region or lies within it (a
    # kab/kota officer filtering by their own province is no refusal).
    allowed = allowed_regions(user, action, model)
    if not allowed.filter(Q(code=code) | Q(code__startswith=f"{code}.")).exists():
        label = obj or model._meta.label_lower
        refusals.refuse(user, action, label, region_id=target, lookup=f"{name}={code}")
