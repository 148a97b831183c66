from django.contrib import admin

from ucj.selection.models import EligibilityRule, EligibilityScheme


class RuleInline(admin.TabularInline):
    model = EligibilityRule
    extra = 0


@admin.register(EligibilityScheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ("name", "label", "priority")
    inlines = [RuleInline]
