from django.urls import path

from ucj.audit import views

app_name = "audit"

# Under /accounts/ (ucj/urls.py): the addresses predate this app and stay as they were.
urlpatterns = [
    path("audit/", views.audit_page, name="audit"),
    path("audit/ekspor.csv", views.audit_export, {"fmt": "csv"}, name="audit-csv"),
    path("audit/ekspor.xlsx", views.audit_export, {"fmt": "xlsx"}, name="audit-xlsx"),
]
