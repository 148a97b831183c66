from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ucj.accounts"
    verbose_name = _("Akun dan akses")

    def ready(self) -> None:
        # Signal receivers: log-in lockout, and the edit lock on approved months of every
        # model whose write_policy names `locked_by`.
        from ucj.accounts import lockout  # noqa: F401
        from ucj.accounts.home import has_work_role
        from ucj.accounts.month_lock import connect_locks
        from ucj.lib.nav import add

        connect_locks()

        # Public viewers hold no month to approve and no audit trail to read.
        add("accounts:approvals", _("Persetujuan"), order=70, allowed=has_work_role)
        add("accounts:tokens", _("Token API"), order=90, login_required=True)
