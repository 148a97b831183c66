"""Production refuses demo data and demo accounts (issue 14)."""

from __future__ import annotations

import importlib
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from ucj.accounts import demo_guard
from ucj.accounts.demo import DEMO_PASSWORD
from ucj.accounts.demo_guard import DemoInProduction, refuse_demo_accounts
from ucj.accounts.models import Role, RoleAssignment

pytestmark = pytest.mark.django_db


def _call(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def test_demo_command_refused_in_production(settings) -> None:
    settings.DEBUG = False
    code, text = _call("demo", "--no-serve")
    assert code == 1
    assert "UCJ_DEBUG=0" in text and "produksi" in text and "production" in text
    assert not get_user_model().objects.filter(username="demo").exists()


def _demo_user(name: str = "demo", role: str = Role.NATIONAL):
    user = get_user_model().objects.create_user(username=name, password=DEMO_PASSWORD)
    RoleAssignment.objects.create(user=user, role=role)
    return user


def test_server_refuses_to_start_while_a_demo_password_works(settings) -> None:
    settings.DEBUG = False
    user = _demo_user()
    other = _demo_user("kepala_data", Role.NATIONAL)  # not a demo name: still checked
    with pytest.raises(DemoInProduction) as caught:
        refuse_demo_accounts()
    assert "demo, kepala_data" in str(caught.value) and "changepassword" in str(caught.value)
    code, text = _call("serve", "--port", "1")  # exits before binding anything
    assert code == 1 and "demo" in text and "kata sandi demo" in text
    for account in (user, other):
        account.set_password("Sandi-produksi-yang-kuat-2026!")
        account.save()
    refuse_demo_accounts()  # passes now
    inactive = _demo_user("demo_jambi", Role.PROVINCE)
    inactive.is_active = False
    inactive.save()
    refuse_demo_accounts()  # an inactive account cannot log in


def test_development_does_not_check(settings) -> None:
    settings.DEBUG = True
    _demo_user()
    refuse_demo_accounts()


def test_wsgi_start_up_refuses(settings) -> None:
    import ucj.wsgi

    settings.DEBUG = False
    _demo_user()
    with pytest.raises(DemoInProduction):
        importlib.reload(ucj.wsgi)
    settings.DEBUG = True
    importlib.reload(ucj.wsgi)
    assert demo_guard.demo_password_accounts() == ["demo"]
