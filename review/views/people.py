"""Looking people up while typing: the @mention completion under a reply or a note."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.views.decorators.http import require_GET

from review.selectors.people import mention_choices
from review.views.access import require_role

LONGEST_PREFIX = 150  # a username's length; anything longer matches nobody anyway


@login_required
@require_GET
def mention_people(request: HttpRequest) -> JsonResponse:
    """Readers of the desk whose username or name starts with `q`, for the completion list
    (a few, never the whole staff): `{"people": [{"username": …, "name": …}]}`."""
    require_role(request)
    prefix = request.GET.get("q", "")[:LONGEST_PREFIX].lstrip("@")
    people = [
        {"username": user.get_username(), "name": user.get_full_name()}
        for user in mention_choices(prefix, asking=request.user)
    ]
    response = JsonResponse({"people": people})
    response["Cache-Control"] = "private, max-age=30"
    return response


urlpatterns = [
    path("people/mentions/", mention_people, name="mention_people"),
]
