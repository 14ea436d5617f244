"""Endpoints of the automatic checks: "verify this spelling" on a name flag, and re-run."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_POST

from review import permissions
from review.forms import NameVerifyForm
from review.models import Article
from review.services.checks import checks_run
from review.services.jobs import is_big_story, job_start_checks
from review.services.names import name_verify
from review.views.access import get_article_for_user, get_flag_for_user
from review.views.responses import error_messages as _messages_of
from review.views.responses import form_messages


def _done(request: HttpRequest, article: Article) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect(article.get_absolute_url())


@login_required
@require_POST
def flag_verify_name(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require(permissions.can_manage_names(request.user), permissions.NAMES_DENIED)
    flag = get_flag_for_user(request, pk)
    form = NameVerifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form_messages(form)))
        return _done(request, flag.article)
    try:
        name = name_verify(
            flag=flag, actor=request.user, full_name=form.cleaned_data["full_name"] or None
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_messages_of(exc)))
    else:
        messages.success(request, f"“{name.full_name}” is in the names registry; flag resolved.")
    return _done(request, flag.article)


@login_required
@require_POST
def article_checks_run(request: HttpRequest, slug: str) -> HttpResponse:
    permissions.require(permissions.can_run_checks(request.user), permissions.CHECKS_DENIED)
    article = get_article_for_user(request, slug)
    if is_big_story(article):
        job = job_start_checks(article=article, actor=request.user)
        messages.info(request, "The story is big: the checks run in the background.")
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = job.get_absolute_url()
            return response
        return redirect(job)
    result = checks_run(article=article, actor=request.user)
    messages.success(
        request,
        f"{result.created} new flag{'s' if result.created != 1 else ''}, {result.closed} closed.",
    )
    return _done(request, article)


urlpatterns = [
    path("flags/<int:pk>/verify-name/", flag_verify_name, name="flag_verify_name"),
    path("articles/<slug:slug>/checks/run/", article_checks_run, name="article_checks_run"),
]
