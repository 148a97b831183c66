from django.urls import path

from ucj.planning import views

app_name = "planning"

urlpatterns = [
    path("", views.index, name="index"),
    path("skenario/<int:pk>/", views.scenario_detail, name="scenario"),
    path("<str:code>/", views.region_plan, name="region"),
    path("<str:code>/pendanaan/baru/", views.funding_new, name="funding-new"),
    path("<str:code>/pendanaan/<int:pk>/", views.funding_new, name="funding-edit"),
    path("<str:code>/ruang-kerja/", views.workspace, name="workspace"),
    path("<str:code>/ruang-kerja/impor/", views.import_scenarios, name="import"),
    path("<str:code>/ruang-kerja/ekspor.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("<str:code>/ruang-kerja/ekspor.pdf", views.export, {"fmt": "pdf"}, name="export-pdf"),
]
