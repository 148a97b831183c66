"""The demo log-ins: one per scoped role, idempotent, scoped as their role says."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate

from ucj.accounts import demo
from ucj.accounts.models import RoleAssignment
from ucj.accounts.scoping import CHANGE, allowed_regions

pytestmark = pytest.mark.django_db


def test_demo_logins():
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert RoleAssignment.objects.filter(user__username__startswith="demo_").count() == 3
    officer = authenticate(username="demo_sarolangun", password=demo.DEMO_PASSWORD)
    assert officer is not None
    codes = set(allowed_regions(officer, CHANGE).values_list("code", flat=True))
    assert "15.03" in codes and "15.04" not in codes
    assert "demo_bpjs" in out.getvalue()
