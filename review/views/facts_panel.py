"""What the facts panel and the progress line's fact count need (review/facts/*.html).

Apart from review.views.facts so the review page can draw the panel without importing the
views that write (which import the review page).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from review import permissions
from review.models import Article
from review.selectors import facts as select_facts

OPEN_PARAM = "facts"  # ?facts=1 opens the panel on a page drawn without JavaScript


def is_open(request: HttpRequest) -> bool:
    return request.GET.get(OPEN_PARAM) == "1"


def panel_context(
    request: HttpRequest, article: Article, *, open_panel: bool, error: dict | None = None
) -> dict:
    """The worksheet (its rows only when the panel is open: one query either way), the
    panel's address, the user's right to check facts and a refused action's errors
    (`error`: the fact's pk, its messages and what was typed)."""
    return {
        "worksheet": select_facts.worksheet(article, is_open=open_panel),
        # Each fact's form addresses are this plus "<pk>/verify/": no reverse() per row.
        "facts_url": reverse("review:facts_panel", args=[article.slug]),
        "can_check_facts": permissions.can_check_facts(request.user),
        "fact_error": error or {},
        "facts_oob": False,
    }
