"""Admin screens: roles (the user's scopes), tokens (revoke only), monthly approvals."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ucj.accounts.models import ApiToken, LoginLock, MonthApproval, RoleAssignment


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ("user", "role", "region", "created")
    list_filter = ("role",)
    search_fields = ("user__username", "region__code", "region__name")
    autocomplete_fields = ("user",)
    raw_id_fields = ("region",)


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ("user", "name", "prefix", "created", "expires", "revoked", "last_used")
    search_fields = ("user__username", "name", "prefix")
    readonly_fields = ("user", "name", "prefix", "digest", "created", "last_used")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # tokens are made by their owner, shown once


@admin.register(MonthApproval)
class MonthApprovalAdmin(SimpleHistoryAdmin):
    list_display = ("region", "period", "status", "approved_by", "approved_at")
    list_filter = ("status", "period")
    search_fields = ("region__code", "region__name")
    readonly_fields = [f.name for f in MonthApproval._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the workflow (pages, API) changes approvals, with history

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LoginLock)
class LoginLockAdmin(admin.ModelAdmin):
    list_display = ("username", "failures", "last_failure", "locked_until")
    search_fields = ("username",)
