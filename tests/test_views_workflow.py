"""The workflow buttons under the title: drawn from the workflow table, and the endpoint."""

from __future__ import annotations

import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from review.models import Article
from review.services import workflow
from review.services.flags import flag_create
from review.services.workflow import Transition, article_submit

S = Article.Status
TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="story")


def url(article, verb: str) -> str:
    return reverse("review:article_transition", args=[article.slug, verb])


def partial(rf, article, user) -> str:
    request = rf.get("/")
    request.user = user
    return render_to_string("review/editing/_workflow.html", {"article": article}, request=request)


def offered(html: str) -> list[str]:
    """The steps the partial offers, in order, read from its forms' actions."""
    return re.findall(r'action="/articles/[^/]+/workflow/([^/]+)/"', html)


def set_status(article, status: str) -> None:
    article.status = status  # in memory: the partial reads only the instance


def test_workflow_buttons_move_the_story_and_show_refusals(client, article, editor):
    client.force_login(editor)
    client.post(url(article, "submit"), {"note": "Ready."})
    flag_create(
        sentence=article.sentences.get(position=0),
        kind="unverified-claim",
        actor=editor,
        severity="blocker",
    )
    response = client.post(url(article, "approve"), follow=True)
    assert "open blocker flag(s)" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW
    client.post(url(article, "approve"), {"override_reason": "Cleared by legal."})
    article.refresh_from_db()
    assert article.status == S.APPROVED


def test_an_unknown_step_is_refused_with_a_message(client, article, editor):
    client.force_login(editor)
    response = client.post(url(article, "teleport"), follow=True)
    assert "That is not a step of the workflow." in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_a_role_that_may_not_take_a_step_is_refused(client, article, copy_editor):
    article_submit(article=article, actor=copy_editor)
    client.force_login(copy_editor)
    assert client.post(url(article, "approve")).status_code == 403
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


@pytest.mark.parametrize("status", [s for s, _ in S.choices])
def test_the_partial_offers_exactly_the_steps_the_table_allows(
    rf, article, editor, copy_editor, viewer, status
):
    set_status(article, status)
    for user in (editor, copy_editor, viewer):
        expected = [t.verb for t in workflow.available_transitions(article, user)]
        assert offered(partial(rf, article, user)) == expected, (status, user)


def test_the_partial_shows_the_next_steps_for_the_role(rf, article, editor, copy_editor):
    assert offered(partial(rf, article, copy_editor)) == ["submit"]
    set_status(article, S.IN_REVIEW)
    html = partial(rf, article, editor)
    assert offered(html) == ["request_changes", "approve"]
    assert "What needs to change" in html and "Override open blockers" in html
    assert offered(partial(rf, article, copy_editor)) == []


def test_only_steps_that_check_blockers_ask_for_an_override_reason(rf, article, editor):
    set_status(article, S.APPROVED)
    html = partial(rf, article, editor)
    assert offered(html) == ["publish", "reopen"]
    assert html.count('name="override_reason"') == 1
    assert "Reopen for review" in html


def test_a_step_added_to_the_table_gets_its_button_and_works(client, monkeypatch, article, editor):
    withdraw = Transition(
        "withdraw",
        "Withdraw",
        (S.IN_REVIEW,),
        S.DRAFT,
        reason="withdrawn",
        editors_only=True,
        note_label="Why withdraw it",
        confirm="Withdraw the story",
        secondary=True,
    )
    monkeypatch.setitem(workflow.TRANSITIONS, "withdraw", withdraw)
    article_submit(article=article, actor=editor)
    client.force_login(editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "withdraw" in offered(page)
    assert "Why withdraw it" in page and "Withdraw the story" in page
    client.post(url(article, "withdraw"), {"note": "Not yet."})
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert article.history.first().history_change_reason == "withdrawn: Not yet."


def test_the_partial_hides_the_revision_upload_once_approved(rf, article, editor):
    assert "Upload a revision" in partial(rf, article, editor)
    set_status(article, S.APPROVED)
    html = partial(rf, article, editor)
    assert "Upload a revision" not in html and "Reopen" in html
