from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "ucj.intake"
    verbose_name = _("Impor data")

    def ready(self) -> None:
        from ucj.accounts.home import has_work_role
        from ucj.lib.nav import add

        # A public viewer may upload no kind of file.
        add("intake:index", _("Impor"), order=60, allowed=has_work_role)
