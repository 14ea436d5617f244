"""Background jobs: start one (the job row and its queued task commit together), record its
progress, finish it. The work itself is review.jobs.run, which calls the same services a
request would (article_import, checks_run, export_file).

A job and its task are written in one transaction: a request that dies before the commit
leaves neither, and a committed job always has its task in the queue (the task queue is
the database too, django-tasks-db).
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from review import permissions
from review.exports import get_format
from review.models import Article, Job
from review.services.articles import import_prepare
from review.services.common import save_tracked

IMPORT_STEPS = 3  # read and split the text, save the sentences, run the checks
EXPORT_STEPS = 2  # read the story, write the file
CHECKS_STEPS = 1
REVISE_STEPS = 2  # compare and save the revision, run the checks
ANSWERS_STEPS = 2  # read and apply the reporter's file, run the checks


def is_big_import(text: str) -> bool:
    return (
        len(text.encode("utf-8", errors="surrogatepass")) > settings.REVIEW_BACKGROUND_IMPORT_BYTES
    )


def is_big_story(article: Article) -> bool:
    """More sentences than REVIEW_BACKGROUND_SENTENCES: checks and exports go to a job."""
    return article.sentences.count() > settings.REVIEW_BACKGROUND_SENTENCES


def _enqueue(job: Job) -> None:
    """Queue the job's task inside the transaction that created the job."""
    from review.tasks import run_job

    result = run_job.using(backend=settings.REVIEW_TASKS_BACKEND).enqueue(job.pk)
    if not job.task_id and result.id:
        job.refresh_from_db()  # an immediate backend ran it already: keep what it wrote
        job.task_id = str(result.id)[:64]
        save_tracked(job, actor=job.created_by, reason="job queued", update_fields=["task_id"])


def _queue(job: Job, *, actor, reason: str) -> Job:
    """Save the job and queue its task, in one transaction (see the module's docstring)."""
    with transaction.atomic():
        save_tracked(job, actor=actor, reason=reason)
        _enqueue(job)
    return job


def job_start_import(
    *, text: str, title: str, slug: str | None, actor, source_name: str = "", run_checks: bool
) -> Job:
    """Check the import now (the same checks as article_import: the user hears of a bad text
    or a taken slug at once) and queue it. Raises ValidationError / PermissionDenied."""
    text, title, slug = import_prepare(text=text, title=title, slug=slug, actor=actor)
    job = Job(
        kind=Job.Kind.IMPORT,
        created_by=actor,
        params={
            "title": title,
            "slug": slug,
            "source_name": source_name[:300],
            "run_checks": run_checks,
            "bytes": len(text.encode("utf-8")),
        },
        payload=text,
        steps=IMPORT_STEPS if run_checks else IMPORT_STEPS - 1,
        stage="Waiting for the background worker",
    )
    return _queue(job, actor=actor, reason="import queued")


def job_start_checks(*, article: Article, actor) -> Job:
    permissions.require(
        permissions.can_review(actor) or permissions.can_import(actor),
        "Only Editors, copy editors and fact-checkers can run the checks; ask one of them.",
    )
    job = Job(
        kind=Job.Kind.CHECKS,
        article=article,
        created_by=actor,
        steps=CHECKS_STEPS,
        stage="Waiting for the background worker",
    )
    return _queue(job, actor=actor, reason="checks queued")


def job_start_export(*, article: Article, fmt: str, open_only: bool, actor) -> Job:
    permissions.require(
        permissions.can_view(actor), "Your account cannot read stories, so it cannot export them."
    )
    export_format = get_format(fmt)  # UnknownFormatError for a format that does not exist
    job = Job(
        kind=Job.Kind.EXPORT,
        article=article,
        created_by=actor,
        params={"format": export_format.name, "open_only": open_only},
        steps=EXPORT_STEPS,
        stage="Waiting for the background worker",
    )
    return _queue(job, actor=actor, reason="export queued")


def job_start_revise(
    *, article: Article, text: str, actor, run_checks: bool, reason: str = ""
) -> Job:
    """A revised manuscript of a big story (or a big text), applied by the worker: refused at
    once if it would be refused later (services.revise.revise_prepare), else queued."""
    from review.services.revise import revise_prepare

    text = revise_prepare(article=article, text=text, actor=actor)
    job = Job(
        kind=Job.Kind.REVISE,
        article=article,
        created_by=actor,
        params={
            "run_checks": run_checks,
            "reason": (reason or "").strip()[:100],
            "bytes": len(text.encode("utf-8")),
        },
        payload=text,
        steps=REVISE_STEPS if run_checks else REVISE_STEPS - 1,
        stage="Waiting for the background worker",
    )
    return _queue(job, actor=actor, reason="revision queued")


def job_start_answers(*, article: Article, data: bytes, file_name: str, actor, run_checks: bool):
    """The reporter's returned Word file for a big story, applied by the worker: a file that
    is not this story's (or not a .docx) is refused at once (services.roundtrip)."""
    from review.services.roundtrip import answers_prepare

    answers_prepare(article=article, data=data, actor=actor)
    job = Job(
        kind=Job.Kind.ANSWERS,
        article=article,
        created_by=actor,
        params={"run_checks": run_checks, "file_name": file_name[:300], "bytes": len(data)},
        payload=base64.b64encode(data).decode("ascii"),  # the text field holds any job's input
        steps=ANSWERS_STEPS if run_checks else ANSWERS_STEPS - 1,
        stage="Waiting for the background worker",
    )
    return _queue(job, actor=actor, reason="answers queued")


def job_step(job: Job, *, stage: str, step: int | None = None) -> Job:
    """Record what the job is doing now (a short transaction of its own, so the job page
    sees it while the work goes on)."""
    with transaction.atomic():
        job.refresh_from_db(fields=["status", "step"])
        if job.finished:
            return job
        if job.status == Job.Status.QUEUED:
            job.status = Job.Status.RUNNING
            job.started_at = timezone.now()
        job.step = job.step if step is None else step
        job.stage = stage[:200]
        save_tracked(
            job,
            actor=job.created_by,
            reason="job progress",
            update_fields=["status", "started_at", "step", "stage", "updated_at"],
        )
    return job


def job_attach_article(job: Job, article: Article) -> None:
    """Inside the import's transaction: the job knows its story exactly when the story
    exists, and the text it carried is no longer needed."""
    job.article = article
    job.payload = ""
    save_tracked(
        job, actor=job.created_by, reason="story saved", update_fields=["article", "payload"]
    )


def job_done(
    job: Job,
    *,
    message: str,
    result: bytes | None = None,
    result_name: str = "",
    result_type: str = "",
    drop_payload: bool = False,
) -> Job:
    """`drop_payload`: the text the job carried was applied, and is not kept twice."""
    with transaction.atomic():
        job.status = Job.Status.DONE
        job.step = job.steps
        job.stage = "Done"
        job.message = message
        job.finished_at = timezone.now()
        fields = ["status", "step", "stage", "message", "finished_at", "updated_at"]
        if result is not None:
            job.result, job.result_name, job.result_type = result, result_name, result_type
            fields += ["result", "result_name", "result_type"]
        if drop_payload:
            job.payload = ""
            fields.append("payload")
        save_tracked(job, actor=job.created_by, reason="job done", update_fields=fields)
    return job


def job_failed(job: Job, *, message: str) -> Job:
    with transaction.atomic():
        job.refresh_from_db(fields=["article", "step"])
        job.status = Job.Status.FAILED
        job.message = message
        job.finished_at = timezone.now()
        save_tracked(
            job,
            actor=job.created_by,
            reason="job failed",
            update_fields=["status", "message", "finished_at", "updated_at"],
        )
    return job


def is_stalled(job: Job) -> bool:
    """Unfinished and silent for REVIEW_JOB_STALE_SECONDS: its worker was probably stopped
    (a deploy, a crash) mid-way. Each step is atomic, so nothing half-done was kept."""
    if job.finished:
        return False
    quiet = (timezone.now() - job.updated_at).total_seconds()
    return quiet > settings.REVIEW_JOB_STALE_SECONDS


def job_restart(*, job: Job, actor) -> Job:
    """Start a stalled job again as a new job with the same request; the old one is marked
    failed, pointing at the new one. An import whose story was saved goes on from there."""
    permissions.require(
        job.created_by_id == actor.pk or actor.is_staff, "Only who started a job can restart it."
    )
    with transaction.atomic():
        old = Job.objects.select_for_update().get(pk=job.pk)
        if not is_stalled(old):
            raise ValidationError(
                "This job is still running (or has finished); it cannot be started again.",
                code="state",
            )
        new = Job(
            kind=old.kind,
            article=old.article,
            created_by=old.created_by,
            params=old.params,
            payload=old.payload,
            steps=old.steps,
            stage="Waiting for the background worker",
        )
        save_tracked(new, actor=actor, reason=f"restart of job #{old.pk}")
        old.status = Job.Status.FAILED
        old.finished_at = timezone.now()
        old.message = (
            f"Stopped at step {old.step + 1} of {old.steps} (the worker was probably "
            f"restarted); nothing half-done was kept. Started again as job #{new.pk}."
        )
        old.payload = ""
        save_tracked(old, actor=actor, reason="job stalled: restarted")
        _enqueue(new)
    return new


def job_for_user(pk: int, user) -> Job | None:
    """The job if `user` started it (or is staff); None otherwise (the view says 404)."""
    job = Job.objects.select_related("article").defer("payload", "result").filter(pk=pk).first()
    if job is None:
        return None
    if job.created_by_id != user.pk and not user.is_staff:
        return None
    return job


def refusal_message(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(getattr(exc, "messages", None) or [str(exc)])
