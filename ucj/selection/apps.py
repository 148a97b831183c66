from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelectionConfig(AppConfig):
    name = "ucj.selection"
    verbose_name = _("Seleksi peserta")

    # History copies of these models are kept by ucj.audit (its models.py).
    audit_history = ("EligibilityScheme", "EligibilityRule")

    def ready(self) -> None:
        from ucj.planning.extensions import add_scenario_confirmation
        from ucj.selection.confirm import connect_membership_hook, scenario_confirmation

        connect_membership_hook()
        add_scenario_confirmation(scenario_confirmation)
