"""Admin for the figures and the editable knobs (category schemes, issuer priority)."""

from __future__ import annotations

from typing import ClassVar

from django.contrib import admin

from ucj.indicators import models


class FigureAdmin(admin.ModelAdmin):
    list_filter: ClassVar[tuple[str, ...]] = ("is_sample",)
    search_fields = ("region__code", "region__name", "source")
    raw_id_fields = ("region", "batch")


@admin.register(models.PotentialWorkers)
class PotentialWorkersAdmin(FigureAdmin):
    list_display = ("region", "year", "total", "formal", "informal", "basis", "as_of", "is_sample")
    list_filter: ClassVar[tuple[str, ...]] = ("year", "basis", "is_sample")


@admin.register(models.Participation)
class ParticipationAdmin(FigureAdmin):
    list_display = ("region", "period", "segment", "program", "count", "as_of", "is_sample")
    list_filter: ClassVar[tuple[str, ...]] = ("segment", "program", "is_sample")
    date_hierarchy = "period"


@admin.register(models.ReportedCoverage)
class ReportedCoverageAdmin(FigureAdmin):
    list_display = ("region", "period", "pct", "formal_pct", "informal_pct", "category_label")


@admin.register(models.Target)
class TargetAdmin(FigureAdmin):
    list_display = ("region", "year", "pct", "workers", "issuer", "document")
    list_filter: ClassVar[tuple[str, ...]] = ("year", "issuer", "is_sample")


@admin.register(models.IssuerPriority)
class IssuerPriorityAdmin(admin.ModelAdmin):
    list_display = ("rank", "issuer")
    list_editable = ("issuer",)
    list_display_links = ("rank",)


class CategoryBandInline(admin.TabularInline):
    model = models.CategoryBand
    extra = 0


@admin.register(models.CategoryScheme)
class CategorySchemeAdmin(admin.ModelAdmin):
    list_display = ("name", "basis", "effective", "provisional")
    inlines = [CategoryBandInline]


@admin.register(models.SegmentMapping)
class SegmentMappingAdmin(admin.ModelAdmin):
    list_display = ("segment", "group")
    list_editable = ("group",)


@admin.register(models.NationalFigure)
class NationalFigureAdmin(admin.ModelAdmin):
    list_display = ("period", "participants", "pct", "target_pct", "source", "as_of")
    search_fields = ("source", "note")
    raw_id_fields = ("batch",)


@admin.register(models.NationalTarget)
class NationalTargetAdmin(admin.ModelAdmin):
    list_display = ("series", "year", "pct", "workers", "program", "document", "source")
    list_filter = ("series",)
