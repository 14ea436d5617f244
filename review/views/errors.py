"""The desk's answers when something is refused or missing or fails, as pages and as htmx
fragments. `review.middleware.HtmxErrorMiddleware` sends the fragments; config/urls.py
names the page handlers."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

# One sentence per status, saying what to do next, when nothing more precise was given.
DEFAULT_MESSAGES = {
    400: "That could not be done as asked; check what you typed and try again.",
    403: "Your role cannot do that, or this page is out of date; reload it and try again.",
    404: "That is no longer on the desk; reload the page to see the story as it is now.",
    405: "That cannot be done from here; reload the page and try again.",
    409: "Someone changed this meanwhile; check what it says now and try again.",
    500: "Something went wrong on the desk's side, so nothing was saved. Try again, or "
    "reload the page.",
}

# get_object_or_404's own message names a model, not what to do: the page says its own.
_MODEL_404 = "matches the given query"


def message_for(status: int, exception: BaseException | None = None) -> str:
    """The sentence to show: the exception's own (a PermissionDenied says which role may),
    else the desk's sentence for the status."""
    said = " ".join(str(exception or "").split())
    if said and _MODEL_404 not in said and not (status == 404 and said.startswith("{")):
        return said
    return DEFAULT_MESSAGES.get(status) or DEFAULT_MESSAGES[500 if status >= 500 else 400]


def error_fragment(request: HttpRequest, message: str, status: int) -> HttpResponse:
    """An htmx request's refusal: the message as a fragment for the action's own error slot.

    The message also travels as the `desk:error` event (review.js's error contract), which
    the page's script shows next to what was tried. When the element that made the request
    is its own target (a form posting with hx-swap="none"), the fragment is retargeted into
    it; otherwise nothing is swapped and the script, which knows what was tried, places
    the message. Either way the rest of the page stays as it was."""
    response = HttpResponse(
        render_to_string("errors/_message.html", {"message": message}), status=status
    )
    event: dict = {"message": message}
    trigger = request.headers.get("HX-Trigger") or ""
    target = request.headers.get("HX-Target") or ""
    if trigger and trigger == target and trigger != "poller":
        response["HX-Retarget"] = f"#{trigger}"
        response["HX-Reswap"] = "beforeend"
        event["target"] = f"#{trigger}"
    else:
        response["HX-Reswap"] = "none"
    response["HX-Trigger"] = json.dumps({"desk:error": event})
    return response


def _page(request: HttpRequest, status: int, exception=None) -> HttpResponse:
    context = {"message": message_for(status, exception), "status": status}
    return render(request, f"{status}.html", context, status=status)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    """handler403: the desk's page with the reason (the PermissionDenied's sentence)."""
    return _page(request, 403, exception)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """handler404."""
    return _page(request, 404, exception)
