"""The reporter's answers: upload the .docx that came back (review/services/roundtrip.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path

from review import permissions
from review.forms import AnswersForm
from review.models import Job
from review.services import jobs as job_services
from review.services.roundtrip import DENIED, article_answers_apply
from review.views.access import get_article_for_user


@login_required
def article_answers(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    permissions.require(permissions.can_import(request.user), DENIED)
    form = AnswersForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = apply_answers(request, article, upload.data, upload.name, form)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if isinstance(result, Job):
                return answers_queued(request, result)
            (messages.success if result.applied else messages.info)(request, result.summary)
            if result.applied:
                return redirect("review:article_history", article.slug)
            return redirect(article)
    return render(request, "review/roundtrip/answers.html", {"article": article, "form": form})


def apply_answers(request: HttpRequest, article, data: bytes, name: str, form):
    """Shared with the revision page, which takes a returned .docx too: the result, or for a
    big story the job that applies the file (in a request it would hold a worker, and on
    SQLite the write lock, for as long as it takes)."""
    big = job_services.is_big_story(article)
    start = job_services.job_start_answers if big else article_answers_apply
    return start(
        article=article,
        data=data,
        file_name=name,
        actor=request.user,
        run_checks=form.cleaned_data.get("run_checks", True),
    )


def answers_queued(request: HttpRequest, job: Job) -> HttpResponse:
    messages.info(
        request, "The story is big: the reporter's answers are applied in the background."
    )
    return redirect(job)


urlpatterns = [
    path("articles/<slug:slug>/answers/", article_answers, name="article_answers"),
]
