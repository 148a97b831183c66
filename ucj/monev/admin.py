"""Admin for monev records (corrections by admins; officers use the monev pages)."""

from __future__ import annotations

from django.contrib import admin

from ucj.monev.benefits import BenefitPaid
from ucj.monev.branches import BranchOffice
from ucj.monev.dimensions import ObstacleType
from ucj.monev.models import (
    AgendaItem,
    Attendee,
    Evidence,
    Finding,
    FollowUp,
    MonevSession,
    ProgressNote,
    Recommendation,
)
from ucj.monev.packs import Pack
from ucj.monev.records import JakonProjects, PlanAlignment, Regulation


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0


class AgendaInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(MonevSession)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("date", "title", "organiser", "mode", "held")
    list_filter = ("organiser", "mode", "held")
    search_fields = ("title",)
    filter_horizontal = ("regions",)
    inlines = [AgendaInline, AttendeeInline]


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("region", "session", "dimension", "obstacle", "text")
    list_filter = ("dimension", "obstacle")
    raw_id_fields = ("region", "session")


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("finding", "text")
    raw_id_fields = ("finding",)


class NoteInline(admin.TabularInline):
    model = ProgressNote
    extra = 0


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("region", "action", "responsible_office", "due_date", "status")
    list_filter = ("status",)
    raw_id_fields = ("region", "recommendation", "batch")
    inlines = [NoteInline, EvidenceInline]


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("region", "kind", "number", "year", "title", "status", "is_sample")
    list_filter = ("kind", "status", "is_sample")
    search_fields = ("title", "number", "region__name")
    raw_id_fields = ("region", "batch")


@admin.register(PlanAlignment)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "in_rpjmd", "in_rkpd", "apbd_budget_line", "target_pct")
    list_filter = ("year",)
    raw_id_fields = ("region", "batch")


@admin.register(JakonProjects)
class JakonAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "projects", "registered", "reported_pct", "as_of")
    raw_id_fields = ("region", "batch")


@admin.register(ObstacleType)
class ObstacleTypeAdmin(admin.ModelAdmin):
    """The configurable list of obstacle types findings are filed under (issue 19)."""

    list_display = ("label", "code", "dimension", "active", "order")
    list_filter = ("dimension", "active")
    list_editable = ("active", "order")


@admin.register(BenefitPaid)
class BenefitPaidAdmin(admin.ModelAdmin):
    list_display = ("region", "period", "program", "cases", "amount", "source", "is_sample")
    list_filter = ("program", "is_sample")
    search_fields = ("region__code", "region__name", "source")
    raw_id_fields = ("region", "batch")


@admin.register(Pack)
class PackAdmin(admin.ModelAdmin):
    list_display = ("code", "period", "status", "submitted_at", "accepted_at")
    list_filter = ("status", "period")
    readonly_fields = ("figures", "pdf", "xlsx")


@admin.register(BranchOffice)
class BranchOfficeAdmin(admin.ModelAdmin):
    """Administrators enter the BPJS TK branch offices and the regions each serves."""

    list_display = ("name", "active", "source")
    list_filter = ("active",)
    search_fields = ("name",)
    filter_horizontal = ("regions",)
