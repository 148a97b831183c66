from django.urls import path

from ucj.registry import views

app_name = "registry"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("hasil/<int:pk>/", views.persons, name="persons"),
    path("hasil/<int:pk>/unduh.csv", views.export, name="export"),
    path("wilayah/<str:code>/", views.areas_page, name="areas"),
    path("kontes/<str:code>/", views.contest_page, name="contest"),
]
