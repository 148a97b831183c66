from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "ucj.campaigns"
    verbose_name = _("Pendataan")

    def ready(self) -> None:
        from ucj.campaigns.confirm import connect_membership_hook
        from ucj.lib.nav import add

        connect_membership_hook()
        add("campaigns:list", _("Pendataan"), order=46, login_required=True)
