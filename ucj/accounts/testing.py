"""Plain factory functions and the named personas shared by every app's tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from ucj.accounts.models import Role, RoleAssignment
from ucj.lib import periods
from ucj.regions.models import Region

PASSWORD = "Sandi-uji-2026!"  # test-only


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def make_user(
    username: str, role: str | None = None, region_code: str | None = None, **extra: Any
) -> Any:
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if role:
        RoleAssignment.objects.create(
            user=user, role=role, region=region(region_code) if region_code else None
        )
    return user


@dataclass
class Personas:
    """Who is who in the access tests: Jambi (15) and its Sarolangun (15.03) are home."""

    national: Any
    province: Any  # Jambi
    kabkota: Any  # Kabupaten Sarolangun
    branch: Any  # BPJS TK branch serving Sarolangun
    outsider: Any  # kab/kota officer of Lampung Tengah (18.02)
    admin: Any

    HOME_PROVINCE = "15"
    HOME_KABKOTA = "15.03"
    NEIGHBOUR_KABKOTA = "15.04"  # same province, not Sarolangun
    OTHER_PROVINCE_KABKOTA = "18.02"


def make_personas() -> Personas:
    return Personas(
        national=make_user("analis", Role.NATIONAL),
        province=make_user("prov_jambi", Role.PROVINCE, "15"),
        kabkota=make_user("kab_sarolangun", Role.KABKOTA, "15.03"),
        branch=make_user("bpjs_sarolangun", Role.BRANCH, "15.03"),
        outsider=make_user("kab_lamteng", Role.KABKOTA, "18.02"),
        admin=make_user("admin", Role.ADMIN, is_staff=True, is_superuser=True),
    )


def month(text: str) -> dt.date:
    """'2025-03' → date(2025, 3, 1)."""
    return periods.parse_month(text)
