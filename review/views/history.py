"""The timeline, "as of" views and reverts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from review import permissions
from review.models import Sentence
from review.selectors import history as select
from review.services import editing, revert
from review.text.worddiff import DiffBudget
from review.views.editing import conflict_response
from review.views.responses import as_int as _int
from review.views.responses import error_messages as _messages_of
from review.views.review_page import get_article_for_user


def _sentence(article, pk: int) -> Sentence:
    return get_object_or_404(Sentence, pk=pk, article=article)


@login_required
def article_history(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    if "as_of" in request.GET:
        return _as_of(request, article)
    user_id = _int(request.GET.get("user")) or None
    kind = request.GET.get("kind") or None
    data = select.timeline(
        article, user_id=user_id, kind=kind, page=_int(request.GET.get("page"), 1)
    )
    query = "&".join(f"{k}={v}" for k, v in (("user", user_id or ""), ("kind", kind or "")) if v)
    return render(
        request,
        "review/history.html",
        {
            "article": article,
            "timeline": data,
            "user_id": user_id,
            "kind": kind,
            "query": query,
            "can_edit_text": permissions.can_edit_text(request.user),
        },
    )


def _as_of(request: HttpRequest, article) -> HttpResponse:
    try:
        when = select.resolve_as_of(article, request.GET.get("as_of", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:article_history", article.slug)
    return render(
        request,
        "review/editing/as_of.html",
        {
            "article": article,
            "snap": select.snapshot(article, when),
            "can_edit_text": permissions.can_edit_text(request.user),
        },
    )


@login_required
def sentence_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    sentence = _sentence(article, pk)
    versions = select.sentence_versions(sentence.pk)
    budget = DiffBudget()  # however many versions, the page's diffs share one bounded cost
    for older, newer in zip(versions[1:], versions, strict=False):
        newer.diff = budget.diff(older.text, newer.text)
    return render(
        request,
        "review/editing/sentence_history.html",
        {
            "article": article,
            "sentence": sentence,
            "versions": versions,
            "can_edit_text": permissions.can_edit_text(request.user),
        },
    )


@login_required
@require_POST
def sentence_revert(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    article = get_article_for_user(request, slug)
    sentence = _sentence(article, pk)
    try:
        revert.sentence_revert(
            sentence=sentence,
            history_id=_int(request.POST.get("history_id")),
            expected_version=_int(request.POST.get("expected_version"), -1),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except editing.EditConflict as conflict:
        return conflict_response(request, article, conflict, "")
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:sentence_history", article.slug, sentence.pk)
    messages.success(request, "Reverted. The revert is on the timeline and can be undone.")
    return redirect(f"{article.get_absolute_url()}#s-{sentence.pk}")


@login_required
@require_POST
def article_revert(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    try:
        when = select.resolve_as_of(article, request.POST.get("as_of", ""))
        revert.article_revert(
            article=article,
            when=when,
            expected_version=_int(request.POST.get("expected_version"), -1),
            actor=request.user,
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:article_history", article.slug)
    messages.success(request, f"Reverted the text; the story is now version {article.version}.")
    return redirect("review:article_history", article.slug)


# Workflow and re-import.


urlpatterns = [
    path(
        "articles/<slug:slug>/sentences/<int:pk>/history/",
        sentence_history,
        name="sentence_history",
    ),
    path(
        "articles/<slug:slug>/sentences/<int:pk>/revert/", sentence_revert, name="sentence_revert"
    ),
    path("articles/<slug:slug>/history/", article_history, name="article_history"),
    path("articles/<slug:slug>/revert/", article_revert, name="article_revert"),
]
