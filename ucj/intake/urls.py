from django.urls import path

app_name = "intake"

urlpatterns: list = []

__all__ = ["path", "urlpatterns"]
