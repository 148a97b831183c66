from django.urls import path

app_name = "monev"

urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
