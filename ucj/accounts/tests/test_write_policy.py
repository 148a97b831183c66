"""Every scoped model declares who writes it and what locks it, once, on the model; the
scope, the ORM, the API and the history read that declaration; nothing answers a
missing user with every row (issue 15, items 1 and 6)."""

from __future__ import annotations

import datetime as dt
import getpass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.utils import timezone, translation

from ucj.accounts.approval import LockedError
from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.policy import (
    BRANCH,
    NATIONAL,
    REGION,
    WritePolicy,
    locked_model,
    policy_of,
)
from ucj.accounts.scoping import CHANGE, ScopedQuerySet, SystemActor, allowed_regions
from ucj.accounts.testing import month, region
from ucj.accounts.tokens import create_token
from ucj.intake import history
from ucj.intake.models import ImportBatch
from ucj.intake.testing import run_import_cli, write_csv

pytestmark = pytest.mark.django_db

HOME = "15.03"
MARCH = month("2025-03")


def scoped_models() -> list[Any]:
    return [m for m in apps.get_models() if isinstance(m._default_manager.all(), ScopedQuerySet)]


def test_the_old_lists_are_gone() -> None:
    import ucj.accounts.scoping as scoping

    assert not hasattr(scoping, "NATIONAL_WRITE_MODELS")
    with pytest.raises(ModuleNotFoundError):
        __import__("ucj.accounts.locks")


def test_every_scoped_model_declares_one_write_policy() -> None:
    models = scoped_models()
    assert len(models) >= 20
    for model in models:
        assert isinstance(model.__dict__.get("write_policy"), WritePolicy), model._meta.label
        for attr in ("branch_writes", "national_writes"):  # no second place for the rule
            assert not hasattr(model._default_manager.all(), attr), (model, attr)


@pytest.mark.parametrize("persona", ["national", "province", "kabkota", "branch", "outsider"])
def test_write_scope_follows_the_declaration(personas: Any, persona: str) -> None:
    """For every scoped model: may this persona write Sarolangun? Exactly what the
    model's `writers` say, read through `allowed_regions` (imports, forms, API)."""
    user = getattr(personas, persona)
    role = {"national": NATIONAL, "province": REGION, "kabkota": REGION, "branch": BRANCH}
    for model in scoped_models():
        expected = persona in role and policy_of(model).allows(role[persona])
        may = allowed_regions(user, CHANGE, model).filter(code=HOME).exists()
        assert may is expected, (model._meta.label, persona)
        assert allowed_regions(personas.admin, CHANGE, model).filter(code=HOME).exists()


def _participation(period: dt.date) -> Any:
    from ucj.indicators.models import Participation

    return Participation(region=region(HOME), period=period, segment="PU", program="", count=5)


def _reported(period: dt.date) -> Any:
    from ucj.indicators.models import ReportedCoverage

    return ReportedCoverage(region=region(HOME), period=period, source="uji", pct=40)


# A row of every model that declares `locked_by`; a new locked model needs one here.
ROWS = {"indicators.participation": _participation, "indicators.reportedcoverage": _reported}


def test_every_locked_model_refuses_orm_writes_in_an_approved_month(personas: Any) -> None:
    locked = {m._meta.label_lower for m in scoped_models() if locked_model(m)}
    assert locked == set(ROWS), "add a row factory for each model that declares locked_by"
    for label, make in ROWS.items():
        april = make(month("2025-04"))
        april.save()
        row = make(MARCH)
        row.save()
        MonthApproval.objects.update_or_create(
            region=region(HOME),
            period=MARCH,
            defaults={
                "status": MonthStatus.APPROVED,
                "approved_by": personas.province,
                "approved_at": timezone.now(),
            },
        )
        # Each in a savepoint: delete() runs in an atomic block of its own.
        with pytest.raises(LockedError), transaction.atomic():
            row.save()  # an edit
        with pytest.raises(LockedError), transaction.atomic():
            row.delete()
        with pytest.raises(LockedError), transaction.atomic():
            make(MARCH).save()  # a new row
        april.period = MARCH
        with pytest.raises(LockedError), transaction.atomic():
            april.save()  # moved into the locked month
        MonthApproval.objects.all().delete()
        row.delete()  # reopened: allowed again
        april.refresh_from_db()
        april.delete()
        assert label


def test_api_write_outside_the_region_is_refused(client: Any, personas: Any) -> None:
    body = {"region": HOME, "year": 2025, "issuer": "rpjmd", "pct": "45.5"}
    for user, status in ((personas.outsider, 404), (personas.branch, 404), (personas.kabkota, 200)):
        auth = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'uji')[1]}"}
        response = client.put("/api/v1/targets/", body, content_type="application/json", **auth)
        assert response.status_code == status, (user, response.content)


def test_a_missing_user_sees_and_writes_nothing(personas: Any) -> None:
    from ucj.indicators.models import Participation
    from ucj.monev import services
    from ucj.monev.models import FollowUp
    from ucj.monev.tests.factories import finding_with_follow_up, session_input

    session = services.record_session(personas.national, session_input([HOME]))
    finding_with_follow_up(personas.national, session, HOME, dt.date(2025, 9, 30))
    _participation(MARCH).save()
    assert FollowUp.objects.exists()
    assert not services.scoped(FollowUp, None).exists()  # was: every row
    assert not FollowUp.objects.for_user(None, CHANGE).exists()
    assert not Participation.objects.for_user(None, CHANGE).exists()
    assert not allowed_regions(None, CHANGE, Participation).exists()
    with pytest.raises(Exception, match="may not change"):
        services.record_session(None, session_input([HOME]))
    operator = SystemActor("uji", "pytest")
    assert services.scoped(FollowUp, operator).count() == FollowUp.objects.count()
    ImportBatch.objects.create(kind="participants", file_name="a.csv", sha256="0")
    assert history.batches(None) == []
    assert len(history.batches(operator)) == 1


def test_the_cli_imports_as_a_named_system_actor(tmp_path: Any) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [["wilayah", "periode", "segmen", "peserta_aktif"], [HOME, "2025-03", "PU", "25.430"]],
    )
    code, data = run_import_cli(str(path), "--kind", "participants")
    assert code == 0, data
    batch = ImportBatch.objects.get(pk=data["batch"])
    who = getpass.getuser()
    assert batch.user is None and batch.system == f"CLI:{who}"
    assert batch.actor == f"CLI oleh {who}"
    with translation.override("en"):
        assert batch.actor == f"CLI by {who}"
    code, rows = run_import_cli("history")
    assert code == 0 and rows[0]["user"] == f"CLI oleh {who}"
