"""What a user's roles say about their work: whether they work with the data at all,
and which region is their home (where the log-in lands)."""

from __future__ import annotations

from typing import Any

from ucj.accounts.roles import Role
from ucj.accounts.scoping import roles_of


def has_work_role(user: Any) -> bool:
    """Any role beyond the public viewer's: the user works with the data."""
    return any(role != Role.PUBLIC for role, _c, _l in roles_of(user))


def own_region(user: Any) -> str | None:
    """The region code of a scoped officer's home (their first region, province roles
    before kab/kota and branch ones); None for national, admin, public and anonymous."""
    roles = roles_of(user)
    if any(role in (Role.ADMIN, Role.NATIONAL) for role, _c, _l in roles):
        return None
    order: dict[str, int] = {Role.PROVINCE: 0, Role.KABKOTA: 1, Role.BRANCH: 2}
    scoped = sorted(
        (order[role], code) for role, code, _l in roles if role in order and code is not None
    )
    return scoped[0][1] if scoped else None
