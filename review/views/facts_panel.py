"""What the facts panel and the progress line's fact count need (review/facts/*.html).

Apart from review.views.facts so the review page can draw the panel without importing the
views that write (which import the review page).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from review import permissions
from review.models import Article, Flag, StoryFact
from review.selectors import facts as select_facts

OPEN_PARAM = "facts"  # ?facts=1 opens the panel on a page drawn without JavaScript
_STATUS = dict(StoryFact.Status.choices)


def is_open(request: HttpRequest) -> bool:
    return request.GET.get(OPEN_PARAM) == "1"


def decorate(worksheet: select_facts.Worksheet, facts_url: str, error: dict) -> None:
    """Give each fact what the panel prints, computed once in Python: a long story's panel
    draws a thousand rows, and each template lookup or filter costs."""
    for fact in (*worksheet.facts, *worksheet.gone):
        base = f"{facts_url}{fact.pk}/"
        fact.verify_url, fact.wrong_url, fact.reset_url = (
            f"{base}verify/",
            f"{base}wrong/",
            f"{base}reset/",
        )
        fact.status_label = _STATUS.get(fact.status, fact.status)
        fact.when = (
            f"{timezone.localtime(fact.checked_at):%Y-%m-%d %H:%M}" if fact.checked_at else ""
        )
        fact.flag_label = fact.flag_status if fact.flag_status in Flag.Status.values else ""
        mine = error.get("pk") == fact.pk
        fact.errors = error.get("messages", []) if mine else []
        fact.open = mine
        # What was typed comes back with its error; otherwise the source as stored.
        typed_source = mine and not error.get("wrong")
        fact.source_value = error.get("source", "") if typed_source else fact.source
        fact.note_value = error.get("note", "") if mine and error.get("wrong") else ""


def _csrf_field(request: HttpRequest):
    # One token field for the panel's forms, not a {% csrf_token %} per form per row.
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


def updates_context(request: HttpRequest, article: Article, *, fact_ids, facts_added: bool) -> dict:
    """For a colleague's poll after facts changed (review.selectors.changes): the changed
    rows, redrawn only when the asking page has its panel open (its poll says `facts=1`).
    One query, however long the worksheet (the counts are panel_context's)."""
    if not fact_ids or not is_open(request):
        return {}
    updates = select_facts.worksheet(article, is_open=True, ids=fact_ids)
    facts_url = reverse("review:facts_panel", args=[article.slug])
    decorate(updates, facts_url, {})
    can_check = permissions.can_check_facts(request.user)
    return {
        "fact_updates": updates,
        "facts_added": facts_added,
        "can_check_facts": can_check,
        "csrf_field": _csrf_field(request) if can_check else "",
    }


def panel_context(
    request: HttpRequest, article: Article, *, open_panel: bool, error: dict | None = None
) -> dict:
    """The worksheet (its rows only when the panel is open: one query either way), the
    panel's address, the user's right to check facts and a refused action's errors
    (`error`: the fact's pk, its messages and what was typed)."""
    worksheet = select_facts.worksheet(article, is_open=open_panel)
    # Each fact's form addresses are this plus "<pk>/verify/": no reverse() per row.
    facts_url = reverse("review:facts_panel", args=[article.slug])
    can_check = permissions.can_check_facts(request.user)
    if worksheet.is_open:
        decorate(worksheet, facts_url, error or {})
    return {
        "worksheet": worksheet,
        "facts_url": facts_url,
        "can_check_facts": can_check,
        "csrf_field": _csrf_field(request) if worksheet.is_open and can_check else "",
        "facts_oob": False,
    }
