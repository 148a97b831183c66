from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ucj.indicators"
    verbose_name = _("Indikator cakupan")

    # History copies of these models are kept by ucj.audit (its models.py).
    audit_history = (
        "PotentialWorkers",
        "Participation",
        "ReportedCoverage",
        "Target",
        "NationalFigure",
        "NationalTarget",
        "CategoryScheme",
        "CategoryBand",
        "IssuerPriority",
    )

    def ready(self) -> None:
        from ucj.indicators import coverage_change, refresh, version
        from ucj.indicators.panels import register_panels
        from ucj.intake.extensions import add_coverage_preview

        register_panels()
        version.connect()
        refresh.connect()  # stored coverage results follow every write
        add_coverage_preview(coverage_change)  # intake's dry-run preview (intake sits below)
