"""What the editing, history and flag views share: turning service errors and successes
into responses."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from review.params import parse_count

# Service error codes that mean "the state changed meanwhile" (a stale button, a sentence
# edited or gone since the page was drawn): answered 409, not 400.
STALE_CODES = frozenset({"state", "sentence_gone", "stale", "conflict"})


def error_messages(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def refusal_status(exc: ValidationError) -> int:
    """409 when the service refused because the state changed meanwhile, else 400."""
    if hasattr(exc, "error_dict"):
        codes = [e.code for errors in exc.error_dict.values() for e in errors]
    else:
        codes = [e.code for e in exc.error_list]
    return 409 if STALE_CODES.intersection(codes) else 400


def form_messages(form) -> list[str]:
    """A refused form's errors as sentences, for a message or a thread's error list."""
    return [message for errors in form.errors.values() for message in errors]


def back(request: HttpRequest, url: str) -> HttpResponse:
    """Reload the review area for htmx, or redirect a plain request.

    After a change that may have split, merged or moved sentences, htmx requests get
    `HX-Location` to reload the review area (the story's numbering may have changed)."""
    if request.htmx:
        response = HttpResponse(status=204)
        target = url.split("#")[0]
        response["HX-Location"] = json.dumps(
            {"path": target, "target": "#review", "swap": "outerHTML"}
        )
        return response
    return HttpResponseRedirect(url)


def as_int(value, default: int = 0) -> int:
    """A non-negative whole number from a query string or form, else `default`."""
    return parse_count(value, default)
