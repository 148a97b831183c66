from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ucj.accounts"
    verbose_name = _("Akun dan akses")
