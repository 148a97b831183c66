from django.urls import path

from ucj.web import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("saya/", views.mine, name="mine"),
    path("cari-wilayah/", views.region_search, name="region-search"),
    path("wilayah.json", views.region_list, name="region-list"),
    path("provinsi/<str:code>/", views.province, name="province"),
    path("wilayah/<str:code>/", views.scorecard, name="scorecard"),
    path("peta/<str:layer>.geojson", views.boundaries, name="boundaries"),
    # Browsers and PDF viewers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon, name="favicon"),
]
