"""Admin: list-level records only; person rows show the masked NIK, never a raw one."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from ucj.registry.models import MembershipList, PersonDataAccess, Reconciliation, Roster


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


@admin.register(PersonDataAccess)
class PersonDataAccessAdmin(admin.ModelAdmin):
    """The audit trail is read, never edited."""

    list_display = ("at", "user", "region", "action", "what", "rows")
    list_filter = ("action",)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
