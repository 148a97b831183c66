"""Admin: rate tables are data that officials correct when a regulation changes."""

from __future__ import annotations

from django.contrib import admin

from ucj.planning.models import (
    ContributionRate,
    FundingSource,
    JakonBand,
    PmiPackage,
    Relaxation,
    Scenario,
)

DATED = ("valid_from", "valid_to", "legal_basis", "verified")


@admin.register(ContributionRate)
class ContributionRateAdmin(admin.ModelAdmin):
    list_display = (
        "segment",
        "program",
        "risk_class",
        "base",
        "total_pct",
        "employer_pct",
        "worker_pct",
        "flat_amount",
        "base_max",
        *DATED,
    )
    list_filter = ("segment", "program", "verified")
    search_fields = ("legal_basis", "note")


@admin.register(JakonBand)
class JakonBandAdmin(admin.ModelAdmin):
    list_display = ("program", "lower", "upper", "rate_pct", "cumulative", *DATED)
    list_filter = ("program", "verified")


@admin.register(PmiPackage)
class PmiPackageAdmin(admin.ModelAdmin):
    list_display = ("phase", "contract_months", "amount", "amount_max", *DATED)


@admin.register(Relaxation)
class RelaxationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "segments", "programs", "payable_pct", *DATED)


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = (
        "region",
        "year",
        "source",
        "committed_amount",
        "realised_amount",
        "workers",
        "worker_group",
        "programs",
        "is_sample",
    )
    list_filter = ("year", "source", "worker_group", "is_sample")
    search_fields = ("region__code", "region__name", "document")
    raw_id_fields = ("region", "batch")


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ("region", "name", "updated", "created_by")
    search_fields = ("region__code", "name")
    raw_id_fields = ("region",)
