from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "ucj.registry"
    verbose_name = _("Registri pekerja")

    def ready(self) -> None:
        from ucj.registry.pages import register_panel

        register_panel()
        from ucj.lib.contest import ROSTER_MEASURE, register_measure
        from ucj.registry.areas import roster_measure

        register_measure(
            ROSTER_MEASURE,
            _("Cakupan kelompok pekerja (daftar NIK)"),
            roster_measure,
            _("peserta aktif"),
            _("orang di daftar"),
        )
        # the undo of a stored list's batch (intake calls it; intake cannot import us)
        import ucj.registry.list_store
        import ucj.registry.uploads  # noqa: F401  (web and API membership uploads → the store)
        from ucj.lib.nav import add

        add("registry:overview", _("Registri"), order=45, login_required=True)
