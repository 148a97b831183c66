from django.urls import path

app_name = "registry"

urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
