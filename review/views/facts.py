"""The facts worksheet on the review page: open the panel, verify a fact, mark it wrong, reset.

Each write is POST-only and calls one service (review.services.facts). An htmx request gets
the panel back (the form's target) with the progress line's fact count out of band; marking
a fact wrong also sends the fragments a new flag changes (flag list, its sentence). A plain
form post is redirected to the page with the panel open at the fact, or, refused, gets the
page again with the error beside the fact (status 400): the page works without JavaScript and
an error never replaces it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from review.forms import FactVerifyForm, FactWrongForm
from review.models import Article, StoryFact
from review.services import facts as fact_services
from review.views.access import get_article_for_user, get_fact_for_user
from review.views.facts_panel import OPEN_PARAM, panel_context
from review.views.responses import error_messages, form_messages
from review.views.review_page import render_changes, review_context


def _page_url(article: Article, fact: StoryFact | None = None) -> str:
    where = f"#{fact.anchor_id}" if fact else "#facts"
    return f"{article.get_absolute_url()}?{OPEN_PARAM}=1{where}"


@login_required
@require_GET
def facts_panel(request: HttpRequest, slug: str) -> HttpResponse:
    """The open panel: the fragment for htmx, else the page with the panel open."""
    article = get_article_for_user(request, slug)
    if not request.htmx:
        return redirect(_page_url(article))
    context = {
        "article": article,
        "article_url": article.get_absolute_url(),
        **panel_context(request, article, open_panel=True),
    }
    return render(request, "review/facts/panel.html", context)


def _done(
    request: HttpRequest, article: Article, fact: StoryFact, message: str, *, flag=None
) -> HttpResponse:
    if not request.htmx:
        messages.success(request, message)
        return redirect(_page_url(article, fact))
    context = {
        "article": article,
        "article_url": article.get_absolute_url(),
        **panel_context(request, article, open_panel=True),
        "facts_oob": True,  # the progress line's count, out of band
    }
    if flag is None:
        return render(request, "review/facts/response.html", context)
    # A new flag: the fragments a flag raised from the flag form sends (its list row, its
    # sentence, the counts with the progress line), after the panel.
    panel = render_to_string("review/facts/panel.html", context, request=request)
    changed = render_changes(
        request,
        article,
        flag_ids=[flag.pk],
        sentence_ids=[flag.sentence_id],
        full_thread=False,
        facts_progress=False,  # the panel above carries it
    )
    return HttpResponse(panel.encode() + changed.content, content_type=changed["Content-Type"])


def _failed(request: HttpRequest, article: Article, fact: StoryFact, error: dict) -> HttpResponse:
    error = {"pk": fact.pk, **error}
    if request.htmx:
        context = {
            "article": article,
            "article_url": article.get_absolute_url(),
            **panel_context(request, article, open_panel=True, error=error),
        }
        return render(request, "review/facts/panel.html", context, status=400)
    context = review_context(request, article)
    context.update(panel_context(request, article, open_panel=True, error=error))
    return render(request, "review/article_detail.html", context, status=400)


@login_required
@require_POST
def fact_verify(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    fact = get_fact_for_user(request, article, pk)
    form = FactVerifyForm(request.POST)
    form.is_valid()  # the source is optional
    source = form.cleaned_data.get("source", "")
    try:
        fact = fact_services.fact_verify(fact=fact, source=source, actor=request.user)
    except ValidationError as exc:
        return _failed(request, article, fact, {"messages": error_messages(exc), "source": source})
    return _done(request, article, fact, f"Fact {fact.number} verified.")


@login_required
@require_POST
def fact_wrong(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    fact = get_fact_for_user(request, article, pk)
    form = FactWrongForm(request.POST)
    if not form.is_valid():
        return _failed(request, article, fact, {"messages": form_messages(form), "wrong": True})
    note = form.cleaned_data["note"]
    try:
        fact = fact_services.fact_mark_wrong(fact=fact, note=note, actor=request.user)
    except ValidationError as exc:
        return _failed(
            request, article, fact, {"messages": error_messages(exc), "note": note, "wrong": True}
        )
    message = f"Fact {fact.number} marked wrong; flag #{fact.flag.number} raised on its words."
    return _done(request, article, fact, message, flag=fact.flag)


@login_required
@require_POST
def fact_reset(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    fact = get_fact_for_user(request, article, pk)
    try:
        fact = fact_services.fact_reset(fact=fact, actor=request.user)
    except ValidationError as exc:
        return _failed(request, article, fact, {"messages": error_messages(exc)})
    return _done(request, article, fact, f"Fact {fact.number} is unchecked again.")


urlpatterns = [
    path("articles/<slug:slug>/facts/", facts_panel, name="facts_panel"),
    path("articles/<slug:slug>/facts/<int:pk>/verify/", fact_verify, name="fact_verify"),
    path("articles/<slug:slug>/facts/<int:pk>/wrong/", fact_wrong, name="fact_wrong"),
    path("articles/<slug:slug>/facts/<int:pk>/reset/", fact_reset, name="fact_reset"),
]
