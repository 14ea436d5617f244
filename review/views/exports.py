"""Downloads: the annotated draft in each export format (review/exports/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from review.exports import FORMATS
from review.forms import ExportOptionsForm
from review.selectors.exports import export_file, site_url
from review.services.jobs import is_big_story, job_start_export
from review.views.access import get_article_for_user


@login_required
@require_GET
def article_export(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """`?open_only=1` leaves resolved and dismissed flags out."""
    article = get_article_for_user(request, slug)
    if fmt not in FORMATS:
        raise Http404(f"There is no export format “{fmt}”; choose one of {', '.join(FORMATS)}.")
    open_only = ExportOptionsForm.open_only_from(request.GET)
    if is_big_story(article):
        # Too big to write inside a request: a page offering to prepare it in the background.
        context = {"article": article, "format": FORMATS[fmt], "open_only": open_only}
        return render(request, "review/exports/prepare.html", context)
    export = export_file(article, fmt, open_only=open_only, base_url=site_url(request))
    response = HttpResponse(export.data, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "html":
        # The page is self-contained; even if opened from the desk's origin it may run nothing.
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_POST
def article_export_job(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    article = get_article_for_user(request, slug)
    if fmt not in FORMATS:
        raise Http404(f"There is no export format “{fmt}”; choose one of {', '.join(FORMATS)}.")
    job = job_start_export(
        article=article,
        fmt=fmt,
        open_only=ExportOptionsForm.open_only_from(request.POST),
        actor=request.user,
    )
    messages.info(request, "The export is being prepared in the background.")
    return redirect(job)


urlpatterns = [
    path("articles/<slug:slug>/export/<str:fmt>/", article_export, name="article_export"),
    path(
        "articles/<slug:slug>/export/<str:fmt>/prepare/",
        article_export_job,
        name="article_export_job",
    ),
]
