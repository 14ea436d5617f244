"""Endpoints of the automatic checks: "verify this spelling" on a name flag, and re-run."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST

from review import permissions
from review.models import Article, Flag
from review.services.checks import checks_run
from review.services.jobs import is_big_story, job_start_checks
from review.services.names import name_verify


def _done(request: HttpRequest, article: Article) -> HttpResponse:
    if getattr(request, "htmx", False):
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return redirect(article.get_absolute_url())


@login_required
@require_POST
def flag_verify_name(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require(
        permissions.can_manage_names(request.user),
        "Only Editors can verify names for the registry; ask an Editor.",
    )
    flag = get_object_or_404(Flag.objects.select_related("article", "kind"), pk=pk)
    try:
        name = name_verify(flag=flag, actor=request.user, full_name=request.POST.get("full_name"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{name.full_name}” is in the names registry; flag resolved.")
    return _done(request, flag.article)


@login_required
@require_POST
def article_checks_run(request: HttpRequest, slug: str) -> HttpResponse:
    permissions.require(
        permissions.can_import(request.user),
        "Only Editors can re-run the automatic checks; ask an Editor.",
    )
    article = get_object_or_404(Article, slug=slug)
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
