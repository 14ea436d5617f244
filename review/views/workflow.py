"""Workflow transitions and re-imports of a revised draft."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from review import permissions
from review.forms import ReviseForm, TransitionForm, add_service_errors
from review.models import Job
from review.services import jobs as job_services
from review.services import workflow
from review.services.revise import article_revise, revision_summary
from review.views.access import get_article_for_user
from review.views.responses import error_messages as _messages_of
from review.views.responses import form_messages


@login_required
@require_POST
def article_transition(request: HttpRequest, slug: str, verb: str) -> HttpResponse:
    """Take the workflow step `verb`: any step of the table (services.workflow.TRANSITIONS)."""
    article = get_article_for_user(request, slug)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form_messages(form)))
        return redirect(article)
    try:
        workflow.article_transition(
            article=article,
            verb=verb,
            actor=request.user,
            note=form.cleaned_data.get("note", ""),
            override_reason=form.cleaned_data.get("override_reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"The story is now {article.get_status_display().lower()}.")
    return redirect(article)


@login_required
def article_revise_view(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    permissions.require(permissions.can_revise(request.user), permissions.REVISE_DENIED)
    form = ReviseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid() and form.cleaned_data.get("docx"):
        # A Word document here is most likely the reporter's answer to a desk export.
        from review.views.roundtrip import answers_queued, apply_answers

        upload = form.cleaned_data["file"]
        try:
            result = apply_answers(request, article, form.cleaned_data["docx"], upload.name, form)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if isinstance(result, Job):
                return answers_queued(request, result)
            messages.success(request, result.summary)
            return redirect("review:article_history", article.slug)
    elif request.method == "POST" and form.is_valid():
        text = form.cleaned_data["manuscript"]
        # A big story (or text) is compared, saved and checked by the task worker: in the
        # request it would hold a worker, and on SQLite the write lock, for a minute.
        big = job_services.is_big_story(article) or job_services.is_big_import(text)
        start = job_services.job_start_revise if big else article_revise
        try:
            made = start(
                article=article,
                text=text,
                actor=request.user,
                run_checks=form.cleaned_data["run_checks"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if big:
                messages.info(request, "The revision is big: it is applied in the background.")
                return redirect(made)
            messages.success(request, revision_summary(article, made))
            return redirect("review:article_history", article.slug)
    return render(request, "review/editing/revise.html", {"article": article, "form": form})


urlpatterns = [
    path(
        "articles/<slug:slug>/workflow/<slug:verb>/",
        article_transition,
        name="article_transition",
    ),
    path("articles/<slug:slug>/revise/", article_revise_view, name="article_revise"),
]
