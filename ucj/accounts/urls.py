from django.contrib.auth import views as auth_views
from django.urls import path

from ucj.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("mfa/", views.mfa_setup, name="mfa-setup"),
    path("mfa/verifikasi/", views.mfa_verify, name="mfa-verify"),
    path("token/", views.token_list, name="tokens"),
    path("token/<int:token_id>/cabut/", views.token_revoke, name="token-revoke"),
    path("persetujuan/", views.approvals, name="approvals"),
    path("persetujuan/<str:code>/<str:action>/", views.approval_action, name="approval-action"),
]
