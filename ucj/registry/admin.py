"""Admin: list-level records only; person rows show the masked NIK, never a raw one."""

from __future__ import annotations

from django.contrib import admin

from ucj.registry.models import MembershipList, Reconciliation, Roster


@admin.register(Roster)
class RosterAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "group", "payer", "as_of", "is_sample", "created")
    list_filter = ("group", "payer", "is_sample")
    search_fields = ("name", "region__code", "region__name")


@admin.register(MembershipList)
class MembershipListAdmin(admin.ModelAdmin):
    list_display = ("region", "as_of", "source", "is_sample", "created")
    search_fields = ("region__code", "region__name", "source")


@admin.register(Reconciliation)
class ReconciliationAdmin(admin.ModelAdmin):
    list_display = ("region", "as_of", "membership_list", "members_in_no_roster", "created")
    readonly_fields = ("summary", "rosters")
