"""The desk's background task (Django's tasks framework; django-tasks-db stores the queue).

One task runs any job: the job row says what to do and records how far it got, so the task's
own arguments stay one id (nothing big in the queue table).
"""

from __future__ import annotations

from django.tasks import task


@task()
def run_job(job_id: int) -> str:
    from review.jobs.run import run_job as run

    return run(job_id)
