from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Comment, Notification
from review.services.comments import comment_add, comment_delete, comment_edit
from review.services.flags import flag_create, flag_resolve
from review.services.notifications import (
    mentioned_usernames,
    notification_mark_read,
    notifications_mark_all_read,
)


@pytest.fixture
def flag(make_article, editor):
    article = make_article("The mayor said so. Nobody checked.")
    sentence = article.sentences.order_by("position").first()
    return flag_create(sentence=sentence, kind="unverified-claim", actor=editor)


def test_a_reply_is_added_with_history_naming_its_author(flag, copy_editor):
    comment = comment_add(flag=flag, actor=copy_editor, body="  Who said it?  ")
    assert comment.body == "Who said it?"
    assert comment.author == copy_editor
    row = comment.history.get()
    assert (row.history_user, row.history_change_reason) == (copy_editor, "reply")


def test_an_empty_reply_is_refused(flag, editor):
    with pytest.raises(ValidationError):
        comment_add(flag=flag, actor=editor, body="   ")
    assert not Comment.objects.exists()


def test_people_may_still_discuss_a_closed_flag(flag, editor):
    flag_resolve(flag=flag, actor=editor)
    comment = comment_add(flag=flag, actor=editor, body="For the record: fixed.")
    assert list(flag.comments.values_list("pk", "body")) == [(comment.pk, "For the record: fixed.")]


def test_viewers_cannot_reply(flag, viewer):
    with pytest.raises(PermissionDenied):
        comment_add(flag=flag, actor=viewer, body="hi")


def test_the_author_edits_a_reply_and_history_keeps_the_old_text(flag, fact_checker):
    comment = comment_add(flag=flag, actor=fact_checker, body="first")
    comment = comment_edit(comment=comment, actor=fact_checker, body="second")
    assert comment.body == "second" and comment.edited_at is not None
    bodies = list(comment.history.order_by("history_id").values_list("body", flat=True))
    assert bodies == ["first", "second"]


def test_only_the_author_edits_or_deletes_a_reply(flag, fact_checker, editor):
    comment = comment_add(flag=flag, actor=fact_checker, body="mine")
    with pytest.raises(PermissionDenied, match="Only the author"):
        comment_edit(comment=comment, actor=editor, body="yours now")
    with pytest.raises(PermissionDenied, match="Only the author"):
        comment_delete(comment=comment, actor=editor)
    comment.refresh_from_db()
    assert comment.body == "mine" and comment.deleted_at is None


def test_deleting_keeps_the_row_as_a_marker_and_the_body_in_history(flag, copy_editor):
    comment = comment_add(flag=flag, actor=copy_editor, body="oops")
    comment_delete(comment=comment, actor=copy_editor)
    comment.refresh_from_db()
    assert comment.is_deleted
    assert Comment.objects.filter(pk=comment.pk).exists()
    last = comment.history.order_by("-history_id").first()
    assert (last.history_user, last.history_change_reason) == (copy_editor, "reply deleted")
    assert last.body == "oops"


def test_a_deleted_reply_cannot_be_edited_or_deleted_again(flag, copy_editor):
    comment = comment_add(flag=flag, actor=copy_editor, body="oops")
    comment_delete(comment=comment, actor=copy_editor)
    with pytest.raises(ValidationError, match="deleted"):
        comment_edit(comment=comment, actor=copy_editor, body="back")
    with pytest.raises(ValidationError, match="deleted"):
        comment_delete(comment=comment, actor=copy_editor)


def test_a_mention_in_a_reply_notifies_and_emails_that_user_only(
    flag, editor, copy_editor, fact_checker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(flag=flag, actor=editor, body="@checker can you source this?")
    note = Notification.objects.get()
    assert (note.recipient, note.reason, note.comment) == (fact_checker, "mention", comment)
    assert [m.to for m in mail.outbox] == [[fact_checker.email]]
    assert "@checker can you source this?" in mail.outbox[0].body


def test_mentioning_yourself_or_a_viewer_less_outsider_notifies_nobody(
    flag, editor, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(flag=flag, actor=editor, body="@editor note to self; @outsider fyi")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_editing_a_reply_notifies_only_people_newly_mentioned(flag, editor, copy_editor):
    comment = comment_add(flag=flag, actor=editor, body="@copyed look")
    comment_edit(comment=comment, actor=editor, body="@copyed look again")
    assert Notification.objects.count() == 1


def test_mentions_are_read_like_usernames():
    assert mentioned_usernames("hi @ana.ruiz, @bo-b and @ana.ruiz. email@x.org @") == [
        "ana.ruiz",
        "bo-b",
    ]


def test_notifications_are_marked_read_by_their_recipient_only(flag, editor, copy_editor):
    comment_add(flag=flag, actor=editor, body="@copyed one")
    comment_add(flag=flag, actor=editor, body="@copyed two")
    first = Notification.objects.order_by("pk").first()
    with pytest.raises(PermissionDenied):
        notification_mark_read(notification=first, actor=editor)
    notification_mark_read(notification=first, actor=copy_editor)
    first.refresh_from_db()
    assert first.read_at is not None
    assert notifications_mark_all_read(actor=copy_editor) == 1
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert first.history.order_by("-history_id").first().history_user == copy_editor


# What the edges rely on: each refusal names its field and code, and says what to do.


@pytest.mark.parametrize("body", ["", "   ", None])
def test_a_reply_with_nothing_in_it_is_refused_on_its_body_field(flag, editor, body):
    with pytest.raises(ValidationError) as refused:
        comment_add(flag=flag, actor=editor, body=body)
    assert refused.value.message_dict == {"body": ["Write something before sending."]}
    assert not Comment.objects.exists()


def test_a_reply_may_be_as_long_as_the_limit_and_no_longer(flag, editor):
    from review.services.comments import BODY_MAX

    assert comment_add(flag=flag, actor=editor, body="x" * BODY_MAX).body == "x" * BODY_MAX
    with pytest.raises(ValidationError) as refused:
        comment_add(flag=flag, actor=editor, body="x" * (BODY_MAX + 1))
    assert list(refused.value.message_dict) == ["body"]
    assert f"{BODY_MAX + 1:,}" in refused.value.message_dict["body"][0]
    assert Comment.objects.count() == 1


def test_a_viewer_is_told_who_can_reply(flag, viewer):
    from review.permissions import REVIEW_DENIED

    with pytest.raises(PermissionDenied) as refused:
        comment_add(flag=flag, actor=viewer, body="hi")
    assert str(refused.value) == REVIEW_DENIED


def test_a_viewer_cannot_edit_even_their_own_old_reply(flag, copy_editor):
    from django.contrib.auth.models import Group

    from review.permissions import REVIEW_DENIED

    comment = comment_add(flag=flag, actor=copy_editor, body="mine")
    copy_editor.groups.set([Group.objects.get(name="Viewer")])
    copy_editor = type(copy_editor).objects.get(pk=copy_editor.pk)  # fresh permission cache
    with pytest.raises(PermissionDenied) as refused:
        comment_edit(comment=comment, actor=copy_editor, body="changed")
    assert str(refused.value) == REVIEW_DENIED


def test_the_refusals_to_a_non_author_say_which_action_is_refused(flag, fact_checker, editor):
    comment = comment_add(flag=flag, actor=fact_checker, body="mine")
    with pytest.raises(PermissionDenied) as edit:
        comment_edit(comment=comment, actor=editor, body="yours now")
    with pytest.raises(PermissionDenied) as delete:
        comment_delete(comment=comment, actor=editor)
    assert str(edit.value) == "Only the author of a comment can edit it."
    assert str(delete.value) == "Only the author of a comment can delete it."


def test_a_deleted_reply_refuses_edits_and_deletes_as_a_state_error(flag, copy_editor):
    comment = comment_add(flag=flag, actor=copy_editor, body="oops")
    comment_delete(comment=comment, actor=copy_editor)
    with pytest.raises(ValidationError) as edit:
        comment_edit(comment=comment, actor=copy_editor, body="back")
    with pytest.raises(ValidationError) as delete:
        comment_delete(comment=comment, actor=copy_editor)
    assert (edit.value.code, delete.value.code) == ("state", "state")
    assert edit.value.messages == ["This comment was deleted; it cannot be edited."]
    assert delete.value.messages == ["This comment was deleted; it cannot be deleted again."]


def test_an_edited_reply_is_recorded_in_history_as_edited_by_its_author(flag, copy_editor):
    comment = comment_add(flag=flag, actor=copy_editor, body="first")
    comment_edit(comment=comment, actor=copy_editor, body="second")
    last = comment.history.order_by("-history_id").first()
    assert (last.history_user, last.history_change_reason, last.body) == (
        copy_editor,
        "reply edited",
        "second",
    )


def test_saving_a_reply_unchanged_writes_no_history(flag, copy_editor):
    comment = comment_add(flag=flag, actor=copy_editor, body="same")
    comment_edit(comment=comment, actor=copy_editor, body="  same ")
    comment.refresh_from_db()
    assert comment.history.count() == 1 and comment.edited_at is None


def test_editing_a_reply_to_mention_someone_new_notifies_them_of_that_reply(
    flag, editor, copy_editor, fact_checker, django_capture_on_commit_callbacks
):
    comment = comment_add(flag=flag, actor=editor, body="@copyed look")
    with django_capture_on_commit_callbacks(execute=True):
        comment_edit(comment=comment, actor=editor, body="@copyed look, and @checker too")
    note = Notification.objects.get(recipient=fact_checker)
    assert (note.actor, note.flag, note.comment, note.reason) == (editor, flag, comment, "mention")
    assert [m.to for m in mail.outbox] == [[fact_checker.email]]
    assert "@checker too" in mail.outbox[0].body


def test_a_long_word_authors_name_is_cut_to_fit(make_article, editor):
    from review.models import Flag

    sentence = make_article("The mayor said so.").sentences.get()
    flag = Flag.objects.get(pk=flag_create(sentence=sentence, kind="other", actor=editor).pk)
    reply = comment_add(flag=flag, actor=editor, body="Hi.", author=None, author_name="R" * 250)
    assert reply.author_name == "R" * 200
