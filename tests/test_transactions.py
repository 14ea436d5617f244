"""No request-wide transaction: reads take no lock, every write commits in its service before
the page renders, and a request that makes several writes makes them all or none.

These tests use real transactions (`transactional_db`): inside the usual test transaction
every request would look atomic.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import connection, transaction
from django.test.signals import template_rendered
from django.urls import reverse

from review.models import Comment, Flag
from review.services.comments import comment_add
from review.services.flags import flag_create

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def watching_transactions():
    """Count atomic blocks entered and, on SQLite, every BEGIN sent to the database; note
    whether each template rendered inside a transaction."""
    seen = {"atomic": 0, "begin": [], "rendered_in_transaction": []}
    real_enter = transaction.Atomic.__enter__

    def enter(self):
        seen["atomic"] += 1
        return real_enter(self)

    def rendered(sender, template, context, **kw):
        seen["rendered_in_transaction"].append(connection.in_atomic_block)

    transaction.Atomic.__enter__ = enter
    template_rendered.connect(rendered)
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        connection.connection.set_trace_callback(
            lambda sql: seen["begin"].append(sql) if sql.upper().startswith("BEGIN") else None
        )
    try:
        yield seen
    finally:
        transaction.Atomic.__enter__ = real_enter
        template_rendered.disconnect(rendered)
        if connection.vendor == "sqlite" and connection.connection is not None:
            connection.connection.set_trace_callback(None)


@pytest.fixture
def story(make_article, editor, copy_editor):
    article = make_article("Ana Ruis said so. The council agreed.\n\nLater it changed.")
    sentence = article.sentences.order_by("position").first()
    flag = flag_create(sentence=sentence, kind="style", actor=copy_editor, note="check")
    comment_add(flag=flag, actor=editor, body="A reply.")
    return article, sentence, flag


def read_pages(article, sentence, flag) -> list[str]:
    slug = article.slug
    return [
        reverse("review:article_list"),
        article.get_absolute_url(),
        f"{article.get_absolute_url()}?flag={flag.pk}",
        reverse("review:article_changes", args=[slug]) + "?since=0",
        reverse("review:article_history", args=[slug]),
        reverse("review:sentence_history", args=[slug, sentence.pk]),
        reverse("review:sentence_edit", args=[slug, sentence.pk]),
        reverse("review:inbox"),
        reverse("review:article_export", args=[slug, "docx"]),
        reverse("review:article_new"),
    ]


def test_a_get_opens_no_transaction_and_sends_no_begin(client, editor, story):
    client.force_login(editor)
    pages = read_pages(*story)
    for url in pages:
        client.get(url)  # the first visit of a page may refresh the session; measure the next
    with watching_transactions() as seen:
        for url in pages:
            assert client.get(url).status_code == 200, url
    assert seen["atomic"] == 0
    assert seen["begin"] == []
    assert seen["rendered_in_transaction"] and not any(seen["rendered_in_transaction"])


def test_a_write_commits_in_its_service_and_the_answer_renders_after_the_commit(
    client, editor, story
):
    _, _, flag = story
    client.force_login(editor)
    with watching_transactions() as seen:
        response = client.post(
            reverse("review:comment_add", args=[flag.pk]),
            {"body": "Committed before the fragments render."},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 200
    assert Comment.objects.filter(body="Committed before the fragments render.").exists()
    assert seen["atomic"] >= 1
    if connection.vendor == "sqlite":
        assert seen["begin"] == ["BEGIN IMMEDIATE"]  # one write transaction, the service's
    assert seen["rendered_in_transaction"] and not any(seen["rendered_in_transaction"])


def test_two_writes_from_one_post_are_all_or_nothing(client, editor, story, monkeypatch):
    """The admin's bulk resolve makes one write per flag; a crash on the second undoes the
    first."""
    from review.services import flags as flag_services

    article, _, first = story
    second = flag_create(
        sentence=article.sentences.order_by("position").last(), kind="other", actor=editor
    )
    editor.is_staff = editor.is_superuser = True
    editor.save()
    real = flag_services.flag_resolve
    calls = []

    def crash_on_the_second(**kwargs):
        calls.append(kwargs["flag"].pk)
        if len(calls) == 2:
            raise RuntimeError("the worker died mid-request")
        return real(**kwargs)

    monkeypatch.setattr(flag_services, "flag_resolve", crash_on_the_second)
    client.force_login(editor)
    client.raise_request_exception = False
    response = client.post(
        reverse("admin:review_flag_changelist"),
        {"action": "resolve_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 500
    assert len(calls) == 2
    assert set(Flag.objects.values_list("status", flat=True)) == {Flag.Status.OPEN}
    assert not Flag.history.filter(status=Flag.Status.RESOLVED).exists()


def test_a_losing_edit_is_kept_before_the_conflict_page_computes_its_diff(
    client, editor, copy_editor, story, monkeypatch
):
    from review.services.editing import sentence_edit
    from review.views import editing as editing_views

    article, sentence, _ = story
    stale = sentence.version
    sentence_edit(
        sentence=sentence, text="Ana Ruiz said so.", expected_version=stale, actor=copy_editor
    )
    seen = {}
    real = editing_views.word_diff

    def diff(old, new, **kw):
        seen["in_transaction"] = connection.in_atomic_block
        seen["kept"] = Flag.objects.filter(suggestion="Ana Ruiz told us so.").exists()
        return real(old, new, **kw)

    monkeypatch.setattr(editing_views, "word_diff", diff)
    client.force_login(editor)
    response = client.post(
        reverse("review:sentence_edit", args=[article.slug, sentence.pk]),
        {"text": "Ana Ruiz told us so.", "expected_version": stale},
    )
    assert response.status_code == 409
    assert seen == {"in_transaction": False, "kept": True}
