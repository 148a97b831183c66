from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "ucj.planning"
    verbose_name = _("Perencanaan")

    # History copies of these models are kept by ucj.audit (its models.py).
    audit_history = ("FundingSource", "Scenario", "ContributionRate")

    def ready(self) -> None:
        from ucj.planning.panels import register_panel

        register_panel()
