from django.urls import path

from ucj.monev import pack_views, views, views_cycle, views_requests

app_name = "monev"

urlpatterns = [
    path("", views.session_list, name="home"),
    path("sesi/baru/", views.session_create, name="session_create"),
    path("sesi/<int:pk>/", views.session_detail, name="session"),
    path("sesi/<int:pk>/temuan/", views.finding_add, name="finding_add"),
    path("sesi/<int:pk>/laksanakan/", views.session_hold, name="session_hold"),
    path("tindak-lanjut/", views.follow_ups, name="follow_ups"),
    path("tindak-lanjut/<int:pk>/", views.follow_up_update, name="follow_up"),
    path("tindak-lanjut/<int:pk>/bukti/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path("regulasi/", views.regulations, name="regulations"),
    path("regulasi/<int:pk>/dokumen/", views.regulation_document, name="regulation_document"),
    path("regulasi/baru/", views.regulation_create, name="regulation_create"),
    path("matriks/regulasi/", views.regulation_matrix, name="matrix_regulations"),
    path("matriks/perencanaan/", views.plan_matrix, name="matrix_plan"),
    path("wilayah/<str:code>/ringkasan.pdf", views.brief_pdf, name="brief"),
    path("nasional.pdf", views.national_pdf, name="national_pdf"),
    path("ekspor/<str:what>.xlsx", views.export_xlsx, name="export"),
    # The monev cycle (issue 19): letters, recommendation to the Minister, evidence,
    # data requests, Paritrana readiness.
    path("sesi/<int:pk>/surat/", views_cycle.letter_draft, name="letter_draft"),
    path("surat/<int:pk>/", views_cycle.letter_detail, name="letter"),
    path("surat/<int:pk>/terbitkan/", views_cycle.letter_issue, name="letter_issue"),
    path("surat/<int:pk>/surat.<str:fmt>", views_cycle.letter_file, name="letter_file"),
    path("rekomendasi-menteri/", views_cycle.minister_list, name="minister_list"),
    path("rekomendasi-menteri/<int:pk>/", views_cycle.minister_detail, name="minister"),
    path(
        "rekomendasi-menteri/<int:pk>/terbitkan/",
        views_cycle.minister_issue,
        name="minister_issue",
    ),
    path(
        "rekomendasi-menteri/<int:pk>/dokumen.<str:fmt>",
        views_cycle.minister_file,
        name="minister_file",
    ),
    path("lampiran/<str:parent>/<int:pk>/", views_cycle.attachment_upload, name="attachment_add"),
    path("lampiran/<int:pk>/", views_cycle.attachment_file, name="attachment"),
    path("permintaan-data/", views_requests.request_list, name="data_requests"),
    path("permintaan-data/<int:pk>/", views_requests.request_detail, name="data_request"),
    path("permintaan-data/<int:pk>/terkirim/", views_requests.request_sent, name="request_sent"),
    path("wilayah/<str:code>/paritrana/", views_requests.paritrana, name="paritrana"),
    path("paket/", pack_views.packs, name="packs"),
    path("paket/<str:code>/<str:period>.<str:fmt>", pack_views.pack_file, name="pack_file"),
    path("paket/<str:code>/<str:period>/<str:action>/", pack_views.pack_action, name="pack_action"),
    path("kendala/", pack_views.obstacles, name="obstacles"),
    path("kendala/<str:dimension>/<str:obstacle>/", pack_views.obstacle_cell, name="obstacle_cell"),
]
