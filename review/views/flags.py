"""Flag and comment actions on the review page.

Each write is POST-only and calls one service. An htmx request gets only the changed fragments
(`render_changes`: the flag's row, its sentence, the counts, the thread); a plain form post is
redirected back to the page (or, on an error, gets the page again with the errors, status
400), so everything works without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from review import permissions
from review.forms import (
    CommentEditForm,
    CommentForm,
    DismissForm,
    FlagForm,
    FlagUpdateForm,
    ResolveForm,
    add_service_errors,
)
from review.models import Flag, FlagKind
from review.params import parse_count
from review.selectors import review as select
from review.services import comments as comment_services
from review.services import flags as flag_services
from review.views.access import (
    get_article_for_user,
    get_comment_for_user,
    get_flag_for_user,
    get_sentence,
)
from review.views.responses import error_messages as _messages_of
from review.views.responses import form_messages, refusal_status
from review.views.review_page import render_changes, review_context, thread_context


def _page_url(request: HttpRequest, flag: Flag) -> str:
    """The review page with the flag's thread open, keeping the panel's filters."""
    return flag.get_absolute_url(query=select.ReviewFilters.from_query(request.GET).as_query())


def _done(request: HttpRequest, flag: Flag, message: str, **bundle) -> HttpResponse:
    """Success: fragments for htmx, else back to the page with the flag's thread open."""
    if request.htmx:
        return render_changes(request, flag.article, flag=flag, flag_ids=[flag.pk], **bundle)
    messages.success(request, message)
    return redirect(_page_url(request, flag))


def _failed(
    request: HttpRequest, flag: Flag, forms: dict, exc: ValidationError | None = None
) -> HttpResponse:
    """A refused action: the thread again with its errors and the flag's current state
    (so stale buttons are replaced), status 400, or 409 when the state changed meanwhile."""
    status = refusal_status(exc) if exc is not None else 400
    if exc is not None and status == 409:
        # Re-read: the thread must show the colleague's change, not the page's old copy.
        flag = select.flag_for_thread(flag.pk)
    if request.htmx:
        return render_changes(
            request, flag.article, flag=flag, flag_ids=[flag.pk], forms=forms, status=status
        )
    context = review_context(request, flag.article, flag=flag, forms=forms)
    return render(request, "review/article_detail.html", context, status=status)


def _lists() -> tuple[list[FlagKind], list]:
    return list(FlagKind.objects.filter(active=True)), list(select.assignable_users())


# Raising a flag ---------------------------------------------------------------------------


def _flag_form_context(request, article, sentence, form) -> dict:
    start, end = form["start"].value(), form["end"].value()
    text = sentence.text
    try:
        lo, hi = int(start), int(end)
        quote = text[lo:hi] if 0 <= lo < hi <= len(text) else text
    except (TypeError, ValueError):
        quote = text
    return {
        "article": article,
        "sentence": sentence,
        "flag_form": form,
        "flag_quote": quote,
        "flag_quote_context": text if quote != text else "",
        "article_url": article.get_absolute_url(),
        "flag_create_url": reverse("review:flag_create", args=[article.slug]),
    }


@login_required
@require_GET
def flag_new(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The form for a flag on a sentence (words in it with ?start=&end=): a page without
    JavaScript, the panel's form slot with htmx."""
    article = get_article_for_user(request, slug)
    permissions.require(permissions.can_review(request.user), permissions.REVIEW_DENIED)
    sentence = get_sentence(article, pk)
    kinds, assignees = _lists()
    initial = {"sentence": sentence.pk, "kind": "other"}
    for key in ("start", "end"):
        if (value := parse_count(request.GET.get(key), default=-1)) >= 0:
            initial[key] = value
    form = FlagForm(kinds=kinds, assignees=assignees, initial=initial)
    context = _flag_form_context(request, article, sentence, form)
    if request.htmx:
        return render(request, "review/flags/form.html", context)
    return render(request, "review/flags/form_page.html", context)


@login_required
@require_POST
def flag_create(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    permissions.require(permissions.can_review(request.user), permissions.REVIEW_DENIED)
    kinds, assignees = _lists()
    form = FlagForm(request.POST, kinds=kinds, assignees=assignees, article=article)
    valid = form.is_valid()
    sentence = form.cleaned_data.get("sentence")
    if sentence is None:
        # The form is drawn around its sentence: without one there is nothing to show.
        return HttpResponse(
            FlagForm.NO_SENTENCE, status=400, content_type="text/plain; charset=utf-8"
        )
    if valid:
        data = form.cleaned_data
        try:
            flag = flag_services.flag_create(
                sentence=sentence,
                kind=data["kind"],
                actor=request.user,
                start=data.get("start"),
                end=data.get("end"),
                severity=data.get("severity") or None,
                note=data.get("note", ""),
                suggestion=data.get("suggestion", ""),
                assignee=data.get("assignee"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            flag = select.flag_for_thread(flag.pk)
            return _done(
                request,
                flag,
                "Flag raised.",
                sentence_ids=[sentence.pk],
                clear_form=True,
                lists=(kinds, assignees),
            )
    context = _flag_form_context(request, article, sentence, form)
    if request.htmx:
        context["oob"] = True
        return render(request, "review/flags/form.html", context, status=400)
    return render(request, "review/flags/form_page.html", context, status=400)


# One flag: its thread and what can be done with it -----------------------------------------


@login_required
@require_GET
def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A flag's thread: the fragment for htmx, else the review page with the thread open."""
    flag = get_flag_for_user(request, pk)
    if not request.htmx:
        return redirect(_page_url(request, flag))
    kinds, assignees = _lists()
    context = {
        "filters": select.ReviewFilters.from_query(request.GET),
        "can_review": permissions.can_review(request.user),
        "can_manage_names": permissions.can_manage_names(request.user),
        "article_url": flag.article.get_absolute_url(),
        **thread_context(request, flag, kinds=kinds, assignees=assignees),
    }
    return render(request, "review/flags/thread.html", context)


def _sentences(flag: Flag) -> list[int]:
    return [flag.sentence_id] if flag.sentence_id else []


@login_required
@require_POST
def flag_update(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk, write=True)
    kinds, assignees = _lists()
    form = FlagUpdateForm(
        request.POST,
        kinds=kinds if flag.kind in kinds else [flag.kind, *kinds],
        assignees=assignees,
    )
    if not form.is_valid():
        return _failed(request, flag, {"update_form": form})
    try:
        flag = flag_services.flag_update(flag=flag, actor=request.user, **form.cleaned_data)
    except ValidationError as exc:
        return _failed(
            request, flag, {"update_form": form, "thread_errors": _messages_of(exc)}, exc
        )
    flag = select.flag_for_thread(flag.pk)
    return _done(
        request, flag, "Flag changed.", sentence_ids=_sentences(flag), lists=(kinds, assignees)
    )


@login_required
@require_POST
def flag_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk, write=True)
    form = ResolveForm(request.POST)
    form.is_valid()  # both fields are optional
    try:
        flag = flag_services.flag_resolve(
            flag=flag,
            actor=request.user,
            note=form.cleaned_data.get("note", ""),
            evidence=form.cleaned_data.get("evidence", ""),
        )
    except ValidationError as exc:
        return _failed(
            request, flag, {"resolve_form": form, "thread_errors": _messages_of(exc)}, exc
        )
    flag = select.flag_for_thread(flag.pk)
    return _done(request, flag, "Flag resolved.", sentence_ids=_sentences(flag))


@login_required
@require_POST
def flag_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk, write=True)
    form = DismissForm(request.POST)
    if not form.is_valid():
        return _failed(request, flag, {"dismiss_form": form})
    try:
        flag = flag_services.flag_dismiss(
            flag=flag, actor=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as exc:
        return _failed(
            request, flag, {"dismiss_form": form, "thread_errors": _messages_of(exc)}, exc
        )
    flag = select.flag_for_thread(flag.pk)
    return _done(request, flag, "Flag dismissed.", sentence_ids=_sentences(flag))


@login_required
@require_POST
def flag_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk, write=True)
    try:
        flag = flag_services.flag_reopen(flag=flag, actor=request.user)
    except ValidationError as exc:
        return _failed(request, flag, {"thread_errors": _messages_of(exc)}, exc)
    flag = select.flag_for_thread(flag.pk)
    return _done(request, flag, "Flag reopened.", sentence_ids=_sentences(flag))


# The thread -----------------------------------------------------------------------------


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_flag_for_user(request, pk, write=True)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _failed(request, flag, {"comment_form": form})
    try:
        comment_services.comment_add(flag=flag, actor=request.user, body=form.cleaned_data["body"])
    except ValidationError as exc:
        return _failed(
            request, flag, {"comment_form": form, "thread_errors": _messages_of(exc)}, exc
        )
    return _done(request, flag, "Reply sent.", replies_only=True)


@login_required
@require_POST
def comment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_comment_for_user(request, pk)
    flag = get_flag_for_user(request, comment.flag_id, write=True)
    form = CommentEditForm(request.POST)
    if not form.is_valid():
        return _failed(request, flag, {"thread_errors": form_messages(form)})
    try:
        comment_services.comment_edit(
            comment=comment, actor=request.user, body=form.cleaned_data.get("body", "")
        )
    except ValidationError as exc:
        return _failed(request, flag, {"thread_errors": _messages_of(exc)}, exc)
    return _done(request, flag, "Reply edited.", replies_only=True)


@login_required
@require_POST
def comment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_comment_for_user(request, pk)
    flag = get_flag_for_user(request, comment.flag_id, write=True)
    try:
        comment_services.comment_delete(comment=comment, actor=request.user)
    except ValidationError as exc:
        return _failed(request, flag, {"thread_errors": _messages_of(exc)}, exc)
    return _done(request, flag, "Reply deleted.", replies_only=True)


urlpatterns = [
    path("articles/<slug:slug>/sentences/<int:pk>/flag/", flag_new, name="flag_new"),
    path("articles/<slug:slug>/flags/new/", flag_create, name="flag_create"),
    path("flags/<int:pk>/", flag_detail, name="flag_detail"),
    path("flags/<int:pk>/update/", flag_update, name="flag_update"),
    path("flags/<int:pk>/resolve/", flag_resolve, name="flag_resolve"),
    path("flags/<int:pk>/dismiss/", flag_dismiss, name="flag_dismiss"),
    path("flags/<int:pk>/reopen/", flag_reopen, name="flag_reopen"),
    path("flags/<int:pk>/comments/", comment_add, name="comment_add"),
    path("comments/<int:pk>/edit/", comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", comment_delete, name="comment_delete"),
]
