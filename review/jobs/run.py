"""What the task worker does with a job: the same services a request would call, with the
job's progress recorded between them.

Each step is its own transaction: a worker killed mid-import leaves no story (the import is
one transaction, and the job learns of its story inside it); killed mid-export it leaves no
file. Either way the job page shows the step it stopped at, and the job can be started
again.
"""

from __future__ import annotations

import base64
import logging

from django.core.exceptions import PermissionDenied, ValidationError

from review.exports import get_format
from review.models import Job
from review.selectors.exports import export_data
from review.services import jobs as job_services

logger = logging.getLogger(__name__)


def run_job(job_id: int) -> str:
    job = Job.objects.select_related("article", "created_by").get(pk=job_id)
    if job.finished:
        return job.status  # run twice (a retried task): the first run's outcome stands
    try:
        message = RUNNERS[job.kind](job)
    except (ValidationError, PermissionDenied) as exc:
        job_services.job_failed(job, message=job_services.refusal_message(exc))
        return Job.Status.FAILED
    except Exception:
        logger.exception("Background job %s failed", job.pk)
        job_services.job_failed(
            job,
            message="Something went wrong on the desk's side; nothing half-done was kept. "
            "Try again, and tell the desk chief if it happens again.",
        )
        raise  # the task queue keeps the traceback for the admin
    return message


def _import(job: Job) -> str:
    from review.services.articles import article_import
    from review.services.checks import checks_run

    params = job.params
    size = params.get("bytes", 0)
    job_services.job_step(job, step=0, stage=f"Reading and splitting {size:,} bytes of text")
    article = job.article
    if article is None:  # not imported by an earlier run of this job
        article = article_import(
            text=job.payload,
            title=params["title"],
            slug=params["slug"],
            actor=job.created_by,
            source_name=params.get("source_name", ""),
            run_checks=False,
            progress=lambda stage: job_services.job_step(job, step=1, stage=stage),
            on_saved=lambda saved: job_services.job_attach_article(job, saved),
        )
    sentences = article.sentences.count()
    summary = f"Imported “{article.title}”: {sentences:,} sentences."
    if params.get("run_checks"):
        job_services.job_step(
            job, step=2, stage=f"Running the automatic checks on {sentences:,} sentences"
        )
        result = checks_run(article=article, actor=job.created_by)
        summary += f" Checks: {result.summary()}."
    job_services.job_done(job, message=summary)
    return summary


def _checks(job: Job) -> str:
    from review.services.checks import checks_run

    job_services.job_step(job, step=0, stage="Running the automatic checks")
    result = checks_run(article=job.article, actor=job.created_by)
    summary = f"Checks: {result.summary()}."
    job_services.job_done(job, message=summary)
    return summary


def _export(job: Job) -> str:
    from django.conf import settings

    export_format = get_format(job.params["format"])
    job_services.job_step(job, step=0, stage="Reading the story, its flags and threads")
    data = export_data(
        job.article,
        include_closed=not job.params.get("open_only", False),
        base_url=settings.REVIEW_SITE_URL,
    )
    job_services.job_step(job, step=1, stage=f"Writing the {export_format.label}")
    body = export_format.render(data)
    summary = f"{export_format.label}: {len(body):,} bytes."
    job_services.job_done(
        job,
        message=summary,
        result=body,
        result_name=export_format.filename(data),
        result_type=export_format.content_type,
    )
    return summary


def _checks_step(job: Job, *, step: int) -> str:
    """The checks as a job's next step, after a revision or the reporter's answers changed
    the story: the words the job's summary ends with."""
    from review.services.checks import checks_run

    sentences = job.article.sentences.count()
    job_services.job_step(
        job, step=step, stage=f"Running the automatic checks on {sentences:,} sentences"
    )
    return f" Checks: {checks_run(article=job.article, actor=job.created_by).summary()}."


def _revise(job: Job) -> str:
    from review.services.revise import article_revise, revision_summary

    params = job.params
    job_services.job_step(
        job, step=0, stage=f"Comparing {params.get('bytes', 0):,} bytes with the story"
    )
    # The checks are the next step, as after a big import (in a request, a big story's
    # revision would queue them as a job of their own; here they are this job's).
    result = article_revise(
        article=job.article,
        text=job.payload,
        actor=job.created_by,
        run_checks=False,
        reason=params.get("reason", ""),
    )
    summary = revision_summary(job.article, result)
    if params.get("run_checks"):
        summary += _checks_step(job, step=1)
    job_services.job_done(job, message=summary, drop_payload=True)
    return summary


def _answers(job: Job) -> str:
    from review.services.roundtrip import article_answers_apply

    params = job.params
    job_services.job_step(
        job, step=0, stage=f"Reading {params.get('file_name', 'the file')} and applying its answers"
    )
    result = article_answers_apply(
        article=job.article,
        data=base64.b64decode(job.payload),
        file_name=params.get("file_name", "answer.docx"),
        actor=job.created_by,
        run_checks=False,  # the next step, as for a revision
    )
    summary = result.summary
    if params.get("run_checks") and result.applied:
        summary += _checks_step(job, step=1)
    job_services.job_done(job, message=summary, drop_payload=True)
    return summary


RUNNERS = {
    Job.Kind.IMPORT: _import,
    Job.Kind.CHECKS: _checks,
    Job.Kind.EXPORT: _export,
    Job.Kind.REVISE: _revise,
    Job.Kind.ANSWERS: _answers,
}
