from django.urls import path

from ucj.api.router import api

urlpatterns = [path("v1/", api.urls)]
