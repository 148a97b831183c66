"""Admin: the audit stores are read, never edited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from ucj.audit.models import PersonDataAccess


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
