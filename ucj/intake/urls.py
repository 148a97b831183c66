from django.urls import path

from ucj.intake import views

app_name = "intake"

urlpatterns = [
    path("", views.index, name="index"),
    path("riwayat/", views.history_page, name="history"),
    path("riwayat/<int:batch_id>/batal/", views.undo, name="undo"),
    path("pekerjaan/<int:job_id>/", views.job_page, name="job"),
    path("pekerjaan/<int:job_id>/simpan/", views.job_confirm, name="job-confirm"),
    path("<slug:name>/", views.upload, name="upload"),
    path("<slug:name>/templat.<str:fmt>", views.template_file, name="template"),
]
