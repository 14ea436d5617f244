"""Notifications: what the inbox row and the email say, and who may mark them read."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from review.models import Notification
from review.services.comments import comment_add
from review.services.flags import flag_create
from review.services.notifications import (
    notification_mark_read,
    notifications_mark_all_read,
)


@pytest.fixture
def flag(make_article, editor):
    article = make_article("The mayor said so. Nobody checked.", title="Council budget")
    sentence = article.sentences.order_by("position").first()
    return flag_create(sentence=sentence, kind="unverified-claim", actor=editor)


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.REVIEW_SITE_URL = "http://testserver-desk.example"


def test_a_mention_in_a_reply_emails_who_wrote_what_on_which_words_and_a_link(
    flag, editor, fact_checker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(flag=flag, actor=editor, body="@checker can you source this?")
    (sent,) = mail.outbox
    assert sent.subject == "[Review desk] editor mentioned you in “Council budget”"
    assert sent.body == (
        f"#{flag.number} {flag.kind.name}: “The mayor said so.”\n"
        "\n"
        "editor wrote:\n"
        "@checker can you source this?\n"
        "\n"
        f"Open the flag: http://testserver-desk.example/flags/{flag.pk}/"
    )


def test_an_assignment_emails_the_flags_note_and_a_link(
    make_article, editor, fact_checker, django_capture_on_commit_callbacks
):
    article = make_article("The mayor said so.", title="Council budget")
    with django_capture_on_commit_callbacks(execute=True):
        flag = flag_create(
            sentence=article.sentences.get(),
            kind="unverified-claim",
            actor=editor,
            note="Find the minutes.",
            assignee=fact_checker,
        )
    (sent,) = mail.outbox
    assert sent.subject == "[Review desk] editor assigned you a flag in “Council budget”"
    assert sent.body == (
        f"#{flag.number} {flag.kind.name}: “The mayor said so.”\n"
        "\n"
        "Note: Find the minutes.\n"
        "\n"
        f"Open the flag: http://testserver-desk.example/flags/{flag.pk}/"
    )


def test_an_email_subject_is_cut_to_two_hundred_characters(
    make_article, editor, fact_checker, django_capture_on_commit_callbacks
):
    article = make_article("The mayor said so.", title="Budget " * 40)
    flag = flag_create(sentence=article.sentences.get(), kind="unverified-claim", actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(flag=flag, actor=editor, body="@checker look")
    assert len(mail.outbox[0].subject) == 200


def test_a_notification_is_marked_read_with_history_naming_the_reader(flag, editor, copy_editor):
    comment_add(flag=flag, actor=editor, body="@copyed one")
    note = Notification.objects.get()
    notification_mark_read(notification=note, actor=copy_editor)
    row = note.history.order_by("-history_id").first()
    assert (row.history_user, row.history_change_reason) == (copy_editor, "read")
    assert row.read_at is not None


def test_someone_elses_notification_cannot_be_marked_read(flag, editor, copy_editor):
    comment_add(flag=flag, actor=editor, body="@copyed one")
    note = Notification.objects.get()
    with pytest.raises(PermissionDenied) as refused:
        notification_mark_read(notification=note, actor=editor)
    assert str(refused.value) == "This notification belongs to someone else."
    note.refresh_from_db()
    assert note.read_at is None


def test_marking_all_read_touches_only_the_readers_own_notifications(
    flag, editor, copy_editor, fact_checker
):
    comment_add(flag=flag, actor=editor, body="@copyed and @checker, both of you")
    assert notifications_mark_all_read(actor=copy_editor) == 1
    mine = Notification.objects.get(recipient=copy_editor)
    theirs = Notification.objects.get(recipient=fact_checker)
    assert mine.read_at is not None and theirs.read_at is None
    row = mine.history.order_by("-history_id").first()
    assert (row.history_user, row.history_change_reason) == (copy_editor, "read all")


def test_a_mention_taken_out_and_put_back_in_a_note_notifies_once(flag, editor, fact_checker):
    from review.services.flags import flag_update

    flag_update(flag=flag, actor=editor, note="@checker can you source this?")
    flag_update(flag=flag, actor=editor, note="Can you source this?")
    flag_update(flag=flag, actor=editor, note="@checker can you source this today?")
    (notification,) = Notification.objects.filter(recipient=fact_checker)
    assert notification.reason == "mention"
    # History says why the row exists.
    assert notification.history.get().history_change_reason == "notify: mention"


def test_each_recipient_hears_once_and_the_actor_never(flag, editor, copy_editor, fact_checker):
    from review.services.notifications import notify

    created = notify(
        recipients=[editor, copy_editor, None, copy_editor, fact_checker],
        actor=editor,
        flag=flag,
        reason=Notification.Reason.ASSIGNED,
    )
    assert [n.recipient for n in created] == [copy_editor, fact_checker]
    assert Notification.objects.filter(recipient=editor).count() == 0
