from django.urls import path

app_name = "planning"

urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
