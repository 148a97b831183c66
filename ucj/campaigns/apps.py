from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "ucj.campaigns"
    verbose_name = _("Pendataan")
    # The create/edit form writes campaigns: each change kept with its user (ucj.audit).
    audit_history = ("Campaign",)

    def ready(self) -> None:
        from ucj.campaigns.confirm import connect_membership_hook
        from ucj.campaigns.contest import campaign_measure
        from ucj.lib.contest import CAMPAIGN_MEASURE, register_measure
        from ucj.lib.nav import add

        connect_membership_hook()
        register_measure(
            CAMPAIGN_MEASURE,
            _("Kemajuan pendataan"),
            campaign_measure,
            _("terdaftar"),
            _("didata"),
        )
        add("campaigns:list", _("Pendataan"), order=46, login_required=True)
