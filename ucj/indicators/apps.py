from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "ucj.indicators"
    verbose_name = _("Indikator cakupan")

    def ready(self) -> None:
        from ucj.indicators import version
        from ucj.indicators.panels import register_panels

        register_panels()
        version.connect()
