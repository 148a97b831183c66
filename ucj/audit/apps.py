from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ucj.audit"
    verbose_name = _("Jejak audit")

    def ready(self) -> None:
        from ucj.accounts.home import has_work_role
        from ucj.lib.nav import add

        # Public viewers have no audit trail to read.
        add("audit:audit", _("Audit"), order=80, allowed=has_work_role)
