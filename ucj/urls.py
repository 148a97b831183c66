"""Top-level URL map: each app owns its own urls module."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("ucj.api.urls")),
    path("accounts/", include("ucj.accounts.urls")),
    path("impor/", include("ucj.intake.urls")),
    path("perencanaan/", include("ucj.planning.urls")),
    path("monev/", include("ucj.monev.urls")),
    path("registri/", include("ucj.registry.urls")),
    path("", include("ucj.web.urls")),
]

# Under /api/ every error is JSON, whatever DEBUG says (ucj/lib/edge.py).
handler400 = "ucj.lib.edge.handler400"
handler403 = "ucj.lib.edge.handler403"
handler404 = "ucj.lib.edge.handler404"
handler500 = "ucj.lib.edge.handler500"

__all__ = ["handler400", "handler403", "handler404", "handler500", "i18n_patterns", "urlpatterns"]
