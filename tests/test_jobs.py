"""Big imports, checks runs and exports go to background jobs with a progress page.

Jobs run inside the request here (Django's immediate backend, which runs the same task code
the worker runs); tests/test_jobs_worker.py runs the real database worker.
"""

from __future__ import annotations

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from review.jobs.run import run_job
from review.models import Article, Flag, Job, Sentence
from review.selectors.articles import current_text
from review.selectors.exports import export_file
from review.services import jobs as job_services
from review.services.articles import article_import
from review.services.flags import flag_create
from tests.conftest import make_user

NEW = reverse("review:article_new")
STORY = "\n\n".join(
    f"Officials said the council met on day {n}. The mayor, Ana Ruiz, reportedly agreed."
    for n in range(40)
)
small_limits = override_settings(
    REVIEW_BACKGROUND_IMPORT_BYTES=1000, REVIEW_BACKGROUND_SENTENCES=10
)
queued_only = override_settings(REVIEW_TASKS_BACKEND="dummy")


def post_import(client, **data):
    return client.post(NEW, {"title": "A long story", "text": STORY, "run_checks": "on", **data})


@small_limits
def test_a_big_import_runs_as_a_job_and_its_page_links_to_the_story(client, editor):
    client.force_login(editor)
    response = post_import(client, slug="long-story")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.kind, job.status, job.step, job.steps) == ("import", "done", 3, 3)
    article = Article.objects.get(slug="long-story")
    assert job.article == article and job.payload == ""  # the text is not kept twice
    assert article.sentences.count() == 80
    assert Flag.objects.filter(article=article, origin__startswith="check:").exists()
    assert "Checks:" in job.message
    page = client.get(job.get_absolute_url(), follow=True).content.decode()
    assert "being imported in the background" in page
    assert "Imported “A long story”: 80 sentences." in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert "hx-trigger" not in page  # done: the page stops polling
    reasons = list(
        job.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons[0] == "import queued"
    assert {"job progress", "story saved", "job done"} <= set(reasons)


def test_a_small_import_still_happens_in_the_request(client, editor):
    client.force_login(editor)
    response = post_import(client, slug="short", text="One. Two.")
    assert response.url == "/articles/short/"
    assert not Job.objects.exists()


@small_limits
def test_a_big_import_with_a_taken_slug_is_refused_at_once_without_a_job(
    client, editor, make_article
):
    make_article("One.", slug="taken")
    client.force_login(editor)
    response = post_import(client, slug="taken")
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert not Job.objects.exists()


@small_limits
@queued_only
def test_a_waiting_job_page_polls_with_htmx_and_refreshes_itself_without_javascript(client, editor):
    client.force_login(editor)
    post_import(client, slug="waiting")
    job = Job.objects.get()
    assert job.status == "queued" and job.task_id
    assert not Article.objects.exists()
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 2s"' in page
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "Step 1 of 3: Waiting for the background worker" in page
    fragment = client.get(job.get_absolute_url(), headers={"HX-Request": "true"})
    assert fragment.content.decode().lstrip().startswith('<section id="job-status"')


@small_limits
@queued_only
def test_progress_is_recorded_step_by_step_between_the_services(client, editor, monkeypatch):
    client.force_login(editor)
    post_import(client, slug="steps")
    job = Job.objects.get()
    seen = []
    real = job_services.job_step

    def step(job, *, stage, step=None):
        seen.append((step, stage))
        return real(job, stage=stage, step=step)

    monkeypatch.setattr(job_services, "job_step", step)
    run_job(job.pk)
    assert [s for s, _ in seen] == [0, 1, 2]
    assert seen[1][1] == "Saving 80 sentences with their history"
    assert seen[2][1] == "Running the automatic checks on 80 sentences"


@small_limits
@queued_only
def test_a_job_that_fails_leaves_nothing_half_written_and_says_why(client, editor, monkeypatch):
    client.force_login(editor)
    post_import(client, slug="doomed")
    job = Job.objects.get()
    from review.services import articles

    def crash(*args, **kwargs):
        raise RuntimeError("the disk went away mid-import")

    # After the article and its sentences are written, inside the import's transaction.
    monkeypatch.setattr(job_services, "job_attach_article", crash)
    with pytest.raises(RuntimeError):
        run_job(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "nothing half-done was kept" in job.message
    assert not Article.objects.exists() and not Sentence.objects.exists()
    assert not Article.history.exists() and not Sentence.history.exists()
    assert articles  # (the service module the job called)
    page = client.get(job.get_absolute_url()).content.decode()
    assert "nothing half-done was kept" in page and "hx-trigger" not in page


@small_limits
@queued_only
def test_a_refusal_at_run_time_fails_the_job_with_the_services_message(
    client, editor, make_article
):
    client.force_login(editor)
    post_import(client, slug="raced")
    make_article("Someone was quicker.", slug="raced")  # takes the slug before the worker runs
    job = Job.objects.get()
    assert run_job(job.pk) == "failed"
    job.refresh_from_db()
    assert "A story with the slug “raced” already exists" in job.message
    assert run_job(job.pk) == "failed"  # running a finished job again changes nothing


@pytest.fixture
def big_story(editor):
    article = article_import(
        text=STORY, title="Big one", slug="big", actor=editor, run_checks=False
    )
    flag_create(sentence=article.sentences.first(), kind="other", actor=editor, note="Check it")
    return article


@small_limits
def test_checks_on_a_big_story_run_as_a_job(client, editor, big_story):
    client.force_login(editor)
    response = client.post(reverse("review:article_checks_run", args=[big_story.slug]))
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.kind == "checks" and job.status == "done" and job.article == big_story
    assert Flag.objects.filter(article=big_story, origin__startswith="check:").exists()


@small_limits
def test_a_big_storys_export_is_prepared_in_the_background_and_downloaded(
    client, editor, big_story
):
    client.force_login(editor)
    url = reverse("review:article_export", args=[big_story.slug, "docx"])
    offer = client.get(url)
    assert offer.status_code == 200 and "Prepare the DOCX" in offer.content.decode()
    response = client.post(reverse("review:article_export_job", args=[big_story.slug, "docx"]))
    job = Job.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == "done" and job.result_name.endswith(".docx")
    page = client.get(job.get_absolute_url()).content.decode()
    assert reverse("review:job_download", args=[job.pk]) in page
    download = client.get(reverse("review:job_download", args=[job.pk]))
    assert download["Content-Disposition"] == f'attachment; filename="{job.result_name}"'
    document = docx.Document(io.BytesIO(download.content))
    assert any("council met on day 0." in p.text for p in document.paragraphs)
    assert len(list(document.comments)) == 1


def test_a_job_is_its_starters_alone(client, editor, big_story):
    with small_limits:
        job = job_services.job_start_export(
            article=big_story, fmt="md", open_only=False, actor=editor
        )
    other = make_user("other", "Editor")
    client.force_login(other)
    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.get(reverse("review:job_download", args=[job.pk])).status_code == 404
    assert f"Export #{job.pk}" not in client.get(reverse("review:job_list")).content.decode()
    client.force_login(editor)
    assert client.get(job.get_absolute_url()).status_code == 200
    assert f"Export #{job.pk}" in client.get(reverse("review:job_list")).content.decode()


@small_limits
@queued_only
def test_a_stalled_job_can_be_started_again_and_finishes(client, editor):
    client.force_login(editor)
    post_import(client, slug="stalled")
    job = Job.objects.get()
    assert "Start it again" not in client.get(job.get_absolute_url()).content.decode()
    assert client.post(reverse("review:job_restart", args=[job.pk])).status_code == 302
    assert Job.objects.count() == 1  # not stalled yet: refused
    with override_settings(REVIEW_JOB_STALE_SECONDS=-1):  # (not the settings fixture: it
        # would restore, after this test's decorators, the settings they had overridden)
        page = client.get(job.get_absolute_url()).content.decode()
        assert "Start it again" in page and "nothing half-done was kept" in page
        response = client.post(reverse("review:job_restart", args=[job.pk]))
    new = Job.objects.exclude(pk=job.pk).get()
    assert response.url == new.get_absolute_url()
    job.refresh_from_db()
    assert job.status == "failed" and f"Started again as job #{new.pk}" in job.message
    assert new.payload and new.params == job.params
    run_job(new.pk)
    new.refresh_from_db()
    assert new.status == "done" and new.article.slug == "stalled"


def _reasons_and_users(job):
    return list(
        job.history.order_by("history_id").values_list("history_change_reason", "history_user")
    )


@queued_only
def test_a_copy_editor_queues_checks_and_history_says_who_queued_them(
    copy_editor, big_story, viewer
):
    job = job_services.job_start_checks(article=big_story, actor=copy_editor)
    job.refresh_from_db()
    assert (job.kind, job.status, job.step, job.steps, job.article) == (
        "checks",
        "queued",
        0,
        1,
        big_story,
    )
    assert job.task_id
    assert _reasons_and_users(job) == [
        ("checks queued", copy_editor.pk),
        ("job queued", copy_editor.pk),
    ]
    with pytest.raises(PermissionDenied):
        job_services.job_start_checks(article=big_story, actor=viewer)


@queued_only
def test_progress_without_a_step_keeps_the_step_and_done_records_when(editor, big_story):
    job = job_services.job_start_checks(article=big_story, actor=editor)
    job_services.job_step(job, stage="Running the checks", step=1)
    job_services.job_step(job, stage="Still running")
    job.refresh_from_db()
    assert (job.status, job.step, job.stage) == ("running", 1, "Still running")
    job_services.job_done(job, message="Checks: none.")
    job.refresh_from_db()
    assert job.status == "done" and job.finished_at is not None


@queued_only
def test_a_failed_job_says_so_in_its_history_under_its_starter(editor, big_story):
    job = job_services.job_start_checks(article=big_story, actor=editor)
    job_services.job_failed(job, message="It broke.")
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "It broke.") and job.finished_at
    assert _reasons_and_users(job)[-1] == ("job failed", editor.pk)


@queued_only
def test_a_restarted_job_keeps_its_story_and_says_where_it_stopped(editor, big_story):
    job = job_services.job_start_checks(article=big_story, actor=editor)
    with override_settings(REVIEW_JOB_STALE_SECONDS=-1):
        new = job_services.job_restart(job=job, actor=editor)
    job.refresh_from_db()
    assert new.article == big_story and new.kind == "checks"
    assert job.message.startswith("Stopped at step 1 of 1 ")
    assert _reasons_and_users(job)[-1] == ("job stalled: restarted", editor.pk)


@queued_only
def test_an_import_job_keeps_at_most_300_characters_of_the_files_name(editor):
    with small_limits:
        job = job_services.job_start_import(
            text=STORY,
            title="A long story",
            slug="named",
            actor=editor,
            source_name="n" * 400 + ".txt",
            run_checks=False,
        )
    assert job.params["source_name"] == "n" * 300
    assert job.steps == 2  # no checks step


def test_a_refusal_reads_as_its_message():
    assert job_services.refusal_message(ValidationError("Give the story a title.")) == (
        "Give the story a title."
    )
    assert job_services.refusal_message(PermissionDenied("Ask an Editor.")) == "Ask an Editor."


@small_limits
def test_a_big_storys_revision_is_applied_in_the_background(client, editor, big_story):
    flagged = big_story.sentences.order_by("position").first()
    client.force_login(editor)
    revised = STORY.replace("council met on day 3.", "council met on day 33.")
    url = reverse("review:article_revise", args=[big_story.slug])
    response = client.post(url, {"text": revised, "reason": "third draft", "run_checks": "on"})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == job.get_absolute_url()
    assert (job.kind, job.status, job.article) == ("revise", "done", big_story)
    assert job.payload == ""  # applied: the text is not kept twice
    assert job.message.startswith(
        "Revised to version 2: 1 changed, 0 added, 0 removed sentences. Checks:"
    )
    assert (job.step, job.steps) == (2, 2)
    assert "council met on day 33." in current_text(big_story)
    big_story.refresh_from_db()
    assert big_story.history.first().history_change_reason == "revised: third draft"
    # The flag on an unchanged sentence stayed where it was; the checks followed the text.
    assert Flag.objects.get(article=big_story, note="Check it").sentence_id == flagged.pk
    page = client.get(job.get_absolute_url(), follow=True).content.decode()
    assert "applied in the background" in page and "Revised to version 2" in page
    assert f'href="{big_story.get_absolute_url()}"' in page


@small_limits
def test_a_big_revision_that_would_be_refused_is_refused_on_the_form(client, editor, big_story):
    client.force_login(editor)
    url = reverse("review:article_revise", args=[big_story.slug])
    response = client.post(url, {"text": STORY})  # the text it already has
    assert response.status_code == 200 and "nothing to revise" in response.content.decode()
    assert not Job.objects.exists()


@small_limits
@queued_only
def test_a_queued_revision_waits_for_the_worker_and_changes_nothing_yet(editor, big_story):
    before = current_text(big_story)
    job = job_services.job_start_revise(
        article=big_story, text=before + "\n\nA new paragraph.", actor=editor, run_checks=False
    )
    assert job.status == "queued" and job.payload.endswith("A new paragraph.")
    assert current_text(big_story) == before
    run_job(job.pk)  # what the worker does
    job.refresh_from_db()
    assert job.status == "done" and current_text(big_story).endswith("A new paragraph.")


def test_only_an_editor_may_queue_a_revision(copy_editor, big_story):
    with small_limits, pytest.raises(PermissionDenied):
        job_services.job_start_revise(
            article=big_story, text="Another text.", actor=copy_editor, run_checks=False
        )
    assert not Job.objects.exists()


@small_limits
def test_a_big_storys_answers_with_checks_run_them_as_the_jobs_second_step(editor, big_story):
    from tests.docx_factories import WordAnswer

    flag = Flag.objects.get(article=big_story, note="Check it")
    word = WordAnswer(export_file(big_story, "docx").data)
    word.reply(flag.number, "Checked with the council.", author="Rita Reporter")
    job = job_services.job_start_answers(
        article=big_story, data=word.bytes(), file_name="back.docx", actor=editor, run_checks=True
    )
    job.refresh_from_db()
    assert (job.kind, job.status, job.step, job.steps) == ("answers", "done", 2, 2)
    assert job.message.startswith("Applied the answers from back.docx: 1 reply.")
    assert "Checks:" in job.message
    assert flag.comments.get().author_name == "Rita Reporter"
