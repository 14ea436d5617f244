"""The real task worker (django-tasks-db's `db_worker`) runs the desk's jobs from the
database queue: in this process, and as a separate process as in production."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from review.models import Article, Job
from review.services import jobs as job_services
from tests.conftest import ROOT
from tests.subprocess_env import child_env

pytestmark = pytest.mark.django_db(transaction=True)

STORY = "\n\n".join(f"The council met on day {n}. Officials said it went well." for n in range(30))
on_the_queue = override_settings(REVIEW_TASKS_BACKEND="database")


@on_the_queue
def test_a_queued_import_waits_in_the_database_until_the_worker_runs_it(editor):
    job = job_services.job_start_import(
        text=STORY, title="Queued", slug="queued", actor=editor, run_checks=True
    )
    task = DBTaskResult.objects.get()
    assert str(task.id) == job.task_id and task.status == "READY"
    assert task.args_kwargs == {"args": [job.pk], "kwargs": {}}  # an id, not the text
    assert not Article.objects.exists()

    call_command(
        "db_worker",
        "--batch",
        "--backend",
        "database",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )

    task.refresh_from_db()
    job.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert job.status == "done" and job.article.slug == "queued"
    assert job.article.sentences.count() == 60


@on_the_queue
def test_a_worker_process_runs_an_export_job_as_it_would_in_production(editor):
    from review.services.articles import article_import

    article = article_import(text=STORY, title="Exported", slug="exported", actor=editor)
    job = job_services.job_start_export(article=article, fmt="docx", open_only=False, actor=editor)
    proc = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--batch",
            "--backend",
            "database",
            "--no-startup-delay",
            "--no-reload",
        ],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    job.refresh_from_db()
    assert job.status == "done", job.message
    data = Job.objects.filter(pk=job.pk).values_list("result", flat=True).get()
    assert bytes(data[:2]) == b"PK"  # a zip: the .docx
