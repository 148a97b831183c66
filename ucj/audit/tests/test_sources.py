"""Apps declare what the audit trail holds: history of the models named in their
AppConfig (`audit_history`), and sources of their own in `<app>/audit.py`."""

from __future__ import annotations

from django.apps import apps

from ucj.audit import sources
from ucj.audit.models import audited_models


def test_declared_models_keep_their_history_in_the_audit_app():
    declared = audited_models()
    labels = {m._meta.label for m in declared}
    assert {"indicators.Participation", "planning.Scenario", "monev.FollowUp"} <= labels
    for model in declared:
        historical = model.history.model
        assert historical._meta.app_label == "audit"
        assert historical._meta.db_table == f"audit_{model._meta.db_table}"
    # Only declared models (and accounts' own: users, roles, tokens, approvals) have history.
    undeclared = [
        m
        for m in apps.get_models()
        if hasattr(m, "history")
        and m not in declared
        and m._meta.app_label not in ("accounts", "auth")
    ]
    assert undeclared == []


def test_sources_come_from_the_apps_that_keep_them():
    assert sources.names() == ("history", "batch", "import", "access", "refused")
    batch = next(s for s in sources.registered() if s.name == "batch")
    assert batch.rows.__module__ == "ucj.intake.audit"  # declared by intake, not merged here
