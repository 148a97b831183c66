from django.urls import path
from django.views.generic import RedirectView

from ucj.api.router import api

urlpatterns = [
    path("v1/", api.urls),
    # The issue promises the OpenAPI pages at /api/docs; ninja serves them under v1/.
    path("docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("docs/", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs-slash"),
    path(
        "openapi.json",
        RedirectView.as_view(url="/api/v1/openapi.json", permanent=False),
        name="api-openapi",
    ),
]
