"""The timeline, "as of" views and reverts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from review import permissions
from review.forms import ArticleRevertForm, SentenceRevertForm
from review.selectors import history as select
from review.services import editing, revert
from review.services.workflow import is_editable
from review.text.worddiff import DiffBudget
from review.views.access import get_article_for_user, get_sentence
from review.views.editing import conflict_response
from review.views.responses import as_int as _int
from review.views.responses import error_messages as _messages_of
from review.views.responses import form_messages


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
            # An approved or published story's text cannot change: no revert buttons.
            "can_revert": permissions.can_edit_text(request.user) and is_editable(article.status),
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
    sentence = get_sentence(article, pk)
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
    permissions.require(permissions.can_edit_text(request.user), permissions.EDIT_DENIED)
    sentence = get_sentence(article, pk)
    form = SentenceRevertForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form_messages(form)))
        return redirect("review:sentence_history", article.slug, sentence.pk)
    try:
        revert.sentence_revert(
            sentence=sentence,
            history_id=form.cleaned_data["history_id"],
            expected_version=form.cleaned_data["expected_version"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
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
    permissions.require(permissions.can_edit_text(request.user), permissions.EDIT_DENIED)
    form = ArticleRevertForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form_messages(form)))
        return redirect("review:article_history", article.slug)
    try:
        when = select.resolve_as_of(article, form.cleaned_data["as_of"])
        revert.article_revert(
            article=article,
            when=when,
            expected_version=form.cleaned_data["expected_version"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
        return redirect("review:article_history", article.slug)
    messages.success(request, f"Reverted the text; the story is now version {article.version}.")
    return redirect("review:article_history", article.slug)


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
