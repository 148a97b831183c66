"""The one choke point for row-level access: `Model.objects.for_user(user, action)`.

Pages, API, exports, reports and the CLI's user-facing paths read scoped models only
through it. A model opts in by using ScopedQuerySet (or a subclass) as its manager and
naming, in `scope_path`, the lookup from the model to its Region.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db import models
from django.db.models import Q

from ucj.accounts.models import Role

VIEW = "view"
CHANGE = "change"

_T = TypeVar("_T", bound=models.Model)

GLOBAL_ROLES = {Role.ADMIN, Role.NATIONAL}


def roles_of(user: Any) -> list[tuple[str, str | None, str | None]]:
    """(role, region code, region level) triples, cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_ucj_roles", None)
    if cached is None:
        cached = list(user.roles.values_list("role", "region__code", "region__level"))
        if user.is_superuser:
            cached.append((Role.ADMIN, None, None))
        user._ucj_roles = cached
    return cached


def is_global(user: Any, action: str = VIEW) -> bool:
    return any(role in GLOBAL_ROLES for role, _c, _l in roles_of(user))


def region_q(user: Any, action: str, path: str, branch_ok: bool, public_ok: bool) -> Q | None:
    """A filter on `path` (a lookup to Region) for this user; None means no restriction.

    An empty Q() is never returned for 'nothing': `Q(pk__in=[])` is, so a mistake
    fails closed.
    """
    roles = roles_of(user)
    if any(role in GLOBAL_ROLES for role, _c, _l in roles):
        return None
    q = Q(pk__in=[])
    for role, code, _level in roles:
        if code is None:
            continue
        if role == Role.PROVINCE:
            q |= Q(**{f"{path}__province_code": code[:2]})
        elif role == Role.KABKOTA or (role == Role.BRANCH and branch_ok):
            q |= Q(**{f"{path}__code": code}) | Q(**{f"{path}__code__startswith": code + "."})
    if action == VIEW and public_ok:
        return None
    return q


class ScopedQuerySet(models.QuerySet[_T], Generic[_T]):
    """Subclass per model and set the class attributes below."""

    scope_path = "region"  # lookup from the model to ucj.regions.Region
    public_view = False  # aggregate figures any visitor may read
    branch_writes = False  # BPJS TK branch officers may write these rows

    def for_user(self, user: Any, action: str = VIEW) -> ScopedQuerySet[_T]:
        public_ok = self.public_view and action == VIEW
        q = region_q(user, action, self.scope_path, self.branch_writes or action == VIEW, public_ok)
        return self if q is None else self.filter(q)


def allowed_regions(user: Any, action: str = VIEW) -> Any:
    """The current regions (any level) this user may read or write, as a RegionQuerySet.

    Used where code works on regions themselves (import rows, region pickers); models
    tied to a region use `Model.objects.for_user` instead.
    """
    from ucj.regions.models import Region

    roles = roles_of(user)
    if any(role in GLOBAL_ROLES for role, _c, _l in roles):
        return Region.objects.current()
    q = Q(pk__in=[])
    for role, code, _level in roles:
        if code is None:
            continue
        if role == Role.PROVINCE:
            q |= Q(province_code=code[:2])
        elif role in (Role.KABKOTA, Role.BRANCH):
            q |= Q(code=code) | Q(code__startswith=code + ".")
    return Region.objects.current().filter(q)
