from django.urls import path

from ucj.selection import views

app_name = "selection"

urlpatterns = [
    path("<str:code>/", views.run, name="run"),
    path("<str:code>/daftar.xlsx", views.export, name="export"),
    path("<str:code>/simpan/", views.save, name="save"),
    path("<str:code>/<int:pk>/konfirmasi.xlsx", views.confirmed, name="confirmed"),
]
