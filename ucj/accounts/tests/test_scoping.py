"""The choke point: who reads and writes which rows."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.test import override_settings

from ucj.accounts.models import MonthApproval, Role, RoleAssignment
from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions, roles_of
from ucj.accounts.testing import make_user, month, region
from ucj.indicators.models import Participation, Target

pytestmark = pytest.mark.django_db


def _participation(code: str, count: int) -> Participation:
    return Participation.objects.create(
        region=region(code), period=month("2025-03"), segment="PU", count=count
    )


def _codes(qs) -> set[str]:
    return set(qs.values_list("region__code", flat=True))


@pytest.fixture
def figures():
    for code, count in [("15.03", 500), ("15.04", 400), ("18.02", 300), ("18.71", 3)]:
        _participation(code, count)
    for code in ["15.03", "15.04", "18.02"]:
        Target.objects.create(region=region(code), year=2025, pct=50, issuer="rpjmd")


def test_change_scope_per_role(personas, figures):
    p = personas
    assert _codes(Participation.objects.for_user(p.kabkota, CHANGE)) == {"15.03"}
    assert _codes(Participation.objects.for_user(p.province, CHANGE)) == {"15.03", "15.04"}
    assert _codes(Participation.objects.for_user(p.branch, CHANGE)) == {"15.03"}
    assert _codes(Participation.objects.for_user(p.outsider, CHANGE)) == {"18.02"}
    # National analysts read everything but write only targets, schemes, master data.
    assert _codes(Participation.objects.for_user(p.national, CHANGE)) == set()
    assert _codes(Participation.objects.for_user(p.admin, CHANGE)) == {
        "15.03",
        "15.04",
        "18.02",
        "18.71",
    }
    # Branch officers do not write targets (no branch_writes on Target).
    assert _codes(Target.objects.for_user(p.branch, CHANGE)) == set()


def test_public_rows_hide_small_cells(personas, figures):
    everyone = {"15.03", "15.04", "18.02"}
    assert _codes(Participation.objects.for_user(AnonymousUser(), VIEW)) == everyone
    assert _codes(Participation.objects.for_user(make_user("pub", Role.PUBLIC), VIEW)) == everyone
    # Inside their own scope officers see small cells; elsewhere they are suppressed.
    assert "18.71" not in _codes(Participation.objects.for_user(personas.kabkota, VIEW))
    officer = make_user("kota_bdl", Role.KABKOTA, "18.71")
    assert "18.71" in _codes(Participation.objects.for_user(officer, VIEW))
    assert "18.71" in _codes(Participation.objects.for_user(personas.national, VIEW))
    with override_settings(UCJ_PUBLIC_MIN_CELL=450):
        assert _codes(Participation.objects.for_user(AnonymousUser(), VIEW)) == {"15.03"}


def test_non_public_model_is_scoped_for_reads(personas):
    MonthApproval.objects.create(region=region("15.03"), period=month("2025-03"))
    MonthApproval.objects.create(region=region("18.02"), period=month("2025-03"))
    qs = MonthApproval.objects
    assert _codes(qs.for_user(AnonymousUser(), VIEW)) == set()
    assert _codes(qs.for_user(personas.kabkota, VIEW)) == {"15.03"}
    assert _codes(qs.for_user(personas.branch, VIEW)) == {"15.03"}
    assert _codes(qs.for_user(personas.outsider, VIEW)) == {"18.02"}
    assert _codes(qs.for_user(personas.national, VIEW)) == {"15.03", "18.02"}


def test_several_roles_add_up(personas, figures):
    RoleAssignment.objects.create(user=personas.kabkota, role=Role.KABKOTA, region=region("18.02"))
    assert _codes(Participation.objects.for_user(personas.kabkota, CHANGE)) == {"15.03", "18.02"}


def test_unknown_action_and_inactive_user_fail_closed(personas, figures):
    with pytest.raises(ValueError):
        Participation.objects.for_user(personas.admin, "edit")
    personas.province.is_active = False
    assert roles_of(personas.province) == []
    assert not allowed_regions(personas.province, CHANGE).exists()


def test_allowed_regions_follow_the_model(personas):
    assert allowed_regions(personas.national, CHANGE, Target).filter(code="18.02").exists()
    assert not allowed_regions(personas.national, CHANGE, Participation).exists()
    assert set(
        allowed_regions(personas.branch, CHANGE, Participation).values_list("code", flat=True)
    ) >= {"15.03"}
    assert not allowed_regions(personas.branch, CHANGE, Target).exists()
    codes = set(allowed_regions(personas.province, CHANGE).values_list("code", flat=True))
    assert "15.03" in codes and "15" in codes and "18.02" not in codes


def test_role_needs_a_region_of_the_right_level(personas):
    wrong = RoleAssignment(user=personas.kabkota, role=Role.KABKOTA, region=region("15"))
    with pytest.raises(ValidationError):
        wrong.full_clean()
    with pytest.raises(ValidationError):
        RoleAssignment(user=personas.kabkota, role=Role.NATIONAL, region=region("15")).full_clean()
    RoleAssignment(user=personas.kabkota, role=Role.PROVINCE, region=region("15")).full_clean()
