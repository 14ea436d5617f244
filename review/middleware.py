"""Middleware the desk adds around Django's: a Permissions-Policy header, sessions that end
after a working day idle without a write per request, refusing bodies that are too big
before anything reads them, and errors of htmx requests answered as fragments.

The outage answer (503 when the database is down) lives in review/outage.py.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions import middleware as session_middleware
from django.contrib.sessions.exceptions import SessionInterrupted
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponse

from review.outage import is_outage, outage_response

REFRESHED_KEY = "_idle_refreshed"


class PermissionsPolicyMiddleware:
    """Every answer says which browser features the desk never uses (Django has no setting)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.value = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.REVIEW_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.value and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.value
        return response


class SessionIdleMiddleware:
    """Keep a signed-in session alive while it is used, ending it after
    `SESSION_COOKIE_AGE` seconds (REVIEW_SESSION_IDLE_SECONDS) without a request.

    `SESSION_SAVE_EVERY_REQUEST` would do the same with one database write per request, and
    on SQLite a write is the one lock every editor shares; here the session's expiry moves
    forward at most once per `REVIEW_SESSION_REFRESH_SECONDS`, so a read stays a read."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or response.status_code >= 500 or not session.session_key:
            return response
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= settings.REVIEW_SESSION_REFRESH_SECONDS:
            request._session_refresh_only = not session.modified
            session[REFRESHED_KEY] = now  # marks the session modified: saved with a new expiry
        return response


class SessionMiddleware(session_middleware.SessionMiddleware):
    """Django's, answering a database failure while saving the session as an outage.

    Django turns a failed session update into SessionInterrupted, a bare 400. When all that
    was being saved is the idle refresh, the page the view made is still good: it goes out
    and the refresh waits for the next request (so a read-only database still serves reads).
    Otherwise the answer is the 503 page."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except Exception as exc:
            cause = exc.__context__ if isinstance(exc, SessionInterrupted) else exc
            cause = getattr(cause, "__context__", None) or cause
            if not (is_outage(cause) or is_outage(exc)):
                raise
            if getattr(request, "_session_refresh_only", False):
                return response
            return outage_response()


@receiver(user_logged_in)
def _stamp_session_at_login(sender, request, user, **kwargs) -> None:
    # The login already saves the session; stamping it here spares the next page a write.
    if request is not None and hasattr(request, "session"):
        request.session[REFRESHED_KEY] = int(time.time())


class RequestSizeMiddleware:
    """Answer a POST bigger than DATA_UPLOAD_MAX_MEMORY_SIZE before CSRF or a form reads it.

    Django would raise RequestDataTooBig when the body is first read (the CSRF check, which
    runs with the views, after every middleware's request phase, reads it first) and answer
    a bare "Bad Request (400)". Here the body is drained and the import or
    revise form comes back with the size message; any other page gets a plain 413 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if request.method != "POST" or limit is None or length <= limit:
            return self.get_response(request)
        _drain(request, length)
        from review.views.too_large import too_large

        return too_large(request, length)


def _drain(request: HttpRequest, length: int) -> None:
    """Read and drop the body, so the client sees the answer instead of a reset connection;
    a body over four times the limit is left unread (the proxy should have stopped it)."""
    if length > 4 * settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return
    while request.read(1 << 16):
        pass


class HtmxErrorMiddleware:
    """An htmx request that is refused or fails gets its message as a fragment for the
    action's own error slot (review.views.errors.error_fragment), with the right status,
    never a whole page: a page swapped into the review page replaced it, story and live
    updates included. Without htmx the error pages (403.html, 404.html) say the reason.

    The views' own refusals (a form with its errors, the thread saying why, status 400 or
    409) are fragments already and pass through untouched. A 503 is the outage middleware's
    (the page's poll backs off on it)."""

    CONVERTED = frozenset({403, 404, 405, 500})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not getattr(request, "htmx", False) or response.status_code < 400:
            return response
        if response.status_code in self.CONVERTED or _whole_page(response):
            from review.views.errors import error_fragment, message_for

            status = response.status_code
            exception = getattr(request, "_desk_exception", None)
            return error_fragment(request, message_for(status, exception), status)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        # Only noted: Django's handlers still make the response (and log a 500), and the
        # way out above turns it into the fragment with this exception's sentence.
        if isinstance(exception, PermissionDenied | Http404):
            request._desk_exception = exception
        return None


def _whole_page(response: HttpResponse) -> bool:
    if response.streaming or response.status_code == 503:
        return False
    head = bytes(response.content[:512]).lstrip().lower()
    return head.startswith((b"<!doctype", b"<html"))
