"""The job page: what a background job is doing, polled by htmx (or refreshed by the browser
without JavaScript), with a link to the story or the file when it is done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from review.models import Job
from review.services.jobs import is_stalled, job_for_user, job_restart, refusal_message

POLL_SECONDS = 2
RECENT = 20


def _job(request: HttpRequest, pk: int) -> Job:
    job = job_for_user(pk, request.user)
    if job is None:
        raise Http404("There is no such job of yours.")
    return job


@login_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    template = "review/job.html" + ("#status" if request.htmx else "")
    context = {"job": job, "poll_seconds": POLL_SECONDS, "stalled": is_stalled(job)}
    return render(request, template, context)


@login_required
@require_POST
def job_restart_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    try:
        new = job_restart(job=job, actor=request.user)
    except ValidationError as exc:
        messages.error(request, refusal_message(exc))
        return redirect(job)
    messages.info(request, f"Started again as job #{new.pk}.")
    return redirect(new)


@login_required
@require_GET
def job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    if job.kind != Job.Kind.EXPORT or job.status != Job.Status.DONE:
        raise Http404("This job has no file to download (yet).")
    data = Job.objects.filter(pk=job.pk).values_list("result", flat=True).get()
    response = HttpResponse(bytes(data), content_type=job.result_type)
    response["Content-Disposition"] = f'attachment; filename="{job.result_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    if job.params.get("format") == "html":
        response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = list(
        Job.objects.filter(created_by=request.user)
        .select_related("article")
        .defer("payload", "result", "article__original_text")[:RECENT]
    )
    return render(request, "review/job_list.html", {"jobs": jobs})


urlpatterns = [
    path("jobs/", job_list, name="job_list"),
    path("jobs/<int:pk>/", job_detail, name="job_detail"),
    path("jobs/<int:pk>/download/", job_download, name="job_download"),
    path("jobs/<int:pk>/restart/", job_restart_view, name="job_restart"),
]
