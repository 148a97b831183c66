from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ucj.accounts"
    verbose_name = _("Akun dan akses")

    def ready(self) -> None:
        # Signal receivers: log-in lockout and the edit lock on approved months.
        from ucj.accounts import lockout, locks  # noqa: F401
