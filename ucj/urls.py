"""Top-level URL map: each app owns its own urls module."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ucj.ops.urls")),  # /healthz, /readyz
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", include("ucj.api.urls")),
    path("accounts/", include("ucj.accounts.urls")),
    path("accounts/", include("ucj.audit.urls")),
    path("impor/", include("ucj.intake.urls")),
    path("perencanaan/seleksi/", include("ucj.selection.urls")),
    path("perencanaan/", include("ucj.planning.urls")),
    path("monev/", include("ucj.monev.urls")),
    path("registri/", include("ucj.registry.urls")),
    path("pendataan/", include("ucj.campaigns.urls")),
    path("pesan/", include("ucj.notify.urls")),
    path("", include("ucj.web.urls")),
]

# Our pages for errors, in the active language (ucj.web.errors); JSON under /api/.
# 400 and 500 classify the error first (ucj.lib.edge): a busy database is a 503, not a 500.
handler400 = "ucj.web.errors.handler400"
handler403 = "ucj.web.errors.permission_denied"
handler404 = "ucj.web.errors.page_not_found"
handler500 = "ucj.web.errors.handler500"

__all__ = ["handler400", "handler403", "handler404", "handler500", "i18n_patterns", "urlpatterns"]
