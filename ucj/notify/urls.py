from django.urls import path

from ucj.notify import views

app_name = "notify"

urlpatterns = [
    path("", views.index, name="inbox"),
    path("baca/", views.read, name="read"),
    path("pengaturan/", views.preferences, name="preferences"),
]
