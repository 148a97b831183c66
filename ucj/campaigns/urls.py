from django.urls import path

from ucj.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("baru/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.edit, name="edit"),
    path("<int:pk>/konfirmasi/", views.confirm_view, name="confirm"),
    path("<int:pk>/desa/<str:code>/", views.field, name="field"),
    path("<int:pk>/desa/<str:code>/<int:entry_id>/", views.field_entry, name="field_entry"),
]
