"""Accounts: the login throttle's view of the client address, and the password pages.

Login, logout, password change and password reset are Django's own auth views with the
desk's templates (templates/registration/); django-axes throttles the login.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest
from django.urls import path, reverse_lazy


def client_ip(request: HttpRequest) -> str | None:
    """The address a login attempt came from, for django-axes.

    Behind REVIEW_PROXY_COUNT proxies that each append to X-Forwarded-For, the client is the
    entry that many places from the right (anything further left the client could forge);
    with no proxy, the socket's address. Written here rather than adding django-ipware: this
    is all of it that the desk needs.
    """
    proxies = settings.REVIEW_PROXY_COUNT
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the link built on REVIEW_SITE_URL: the request's Host header is the
    client's to choose, the public address is not."""

    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.REVIEW_SITE_URL}
        return super().form_valid(form)


urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "account/password/reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "account/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
