from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonevConfig(AppConfig):
    name = "ucj.monev"
    verbose_name = _("Monev")

    # History copies of these models are kept by ucj.audit (its models.py).
    audit_history = ("Finding", "Recommendation", "FollowUp", "Regulation", "BenefitPaid")

    def ready(self) -> None:
        from ucj.monev.panels import register_panels

        register_panels()

        from ucj.monev.cycle_panels import register_cycle_panels

        register_cycle_panels()

        from ucj.monev.gaps import selection_gaps
        from ucj.selection.confirm import add_gap_writer

        add_gap_writer(selection_gaps)
