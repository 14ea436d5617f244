"""When the database is down, full or read-only: a 503 with Retry-After and a plain page.

The page is rendered from a template with no request context, so no context processor, no
session and no user lookup runs: nothing on this path touches the database. The connection
that failed is closed at the end of the request as usual (Django closes connections that
saw errors), so the desk recovers by itself when the database is back.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

TEMPLATE = "errors/503.html"


def is_outage(exc: BaseException | None) -> bool:
    """A failure of the database itself, not of our code: cannot connect, connection lost,
    locked past the timeout, disk full, read-only (PostgreSQL reports that as InternalError
    with SQLSTATE 25006)."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    if isinstance(exc, InternalError):
        cause = exc.__cause__
        return getattr(cause, "sqlstate", None) == "25006" or "read-only" in str(exc)
    return False


def outage_response() -> HttpResponse:
    body = loader.get_template(TEMPLATE).render(
        {"retry_after": settings.REVIEW_RETRY_AFTER_SECONDS}
    )
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(settings.REVIEW_RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Turn a database failure raised by a view (or a template it renders) into the 503."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if not is_outage(exc):
            return None
        logger.error("Database unavailable (%s): %s %s", type(exc).__name__, request.path, exc)
        return outage_response()


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database failure raised outside a view (a middleware saving the session,
    for instance) is an outage too; anything else is Django's plain 500."""
    if is_outage(sys.exc_info()[1]):
        return outage_response()
    return defaults.server_error(request, template_name)
