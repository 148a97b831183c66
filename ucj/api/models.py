"""Audit trail registrations for models other apps own.

This app is the last in INSTALLED_APPS, so every model exists when this module loads;
registering here (simple_history's documented `register`) keeps one list of audited
models in one place without touching other apps' model classes. The historical tables
live in this app's migrations. A model whose app adds `history = HistoricalRecords()`
itself is skipped (simple_history registers each table once).
"""

from __future__ import annotations

from django.apps import apps
from simple_history import register
from simple_history.models import registered_models

# Figures, targets, schemes, regulations, follow-ups (issue 6); users and roles are
# registered in ucj.accounts.models.
AUDITED = (
    "indicators.PotentialWorkers",
    "indicators.Participation",
    "indicators.ReportedCoverage",
    "indicators.Target",
    "indicators.NationalFigure",
    "indicators.NationalTarget",
    "indicators.CategoryScheme",
    "indicators.CategoryBand",
    "indicators.IssuerPriority",
    "planning.FundingSource",
    "planning.Scenario",
    "planning.ContributionRate",
    "monev.Finding",
    "monev.Recommendation",
    "monev.FollowUp",
    "monev.Regulation",
    "monev.BenefitPaid",
)


def _register_audited() -> None:
    for label in AUDITED:
        try:
            model = apps.get_model(label, require_ready=False)
        except LookupError:
            continue
        if model._meta.db_table in registered_models:
            continue
        register(model, app="ucj.api", table_name=f"audit_{model._meta.db_table}")


_register_audited()
