"""A flag's thread: reply, edit your own reply, delete your own reply.

Deleting keeps the row (the thread shows "comment deleted" in its place) and its history, so a
discussion never silently changes shape; the body stays only in the history and the admin.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from review import permissions
from review.models import Comment, Flag
from review.services import notifications
from review.services.common import refuse_controls, save_tracked

BODY_MAX = 10000


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write something before sending."}, code="required")
    refuse_controls(body=body)
    if len(body) > BODY_MAX:
        raise ValidationError(
            {"body": f"Keep a reply under {BODY_MAX:,} characters (this one has {len(body):,})."},
            code="too_long",
        )
    return body


def _lock_own(comment: Comment, actor, verb: str, done: str) -> Comment:
    permissions.require(permissions.can_review(actor), permissions.REVIEW_DENIED)
    locked = Comment.objects.select_for_update().get(pk=comment.pk)
    permissions.require(
        locked.author_id is not None and locked.author_id == actor.pk,
        f"Only the author of a comment can {verb} it.",
    )
    if locked.deleted_at is not None:
        raise ValidationError(f"This comment was deleted; it cannot be {done}.", code="state")
    return locked


_ACTOR = object()


def comment_add(*, flag: Flag, actor, body: str, author=_ACTOR, author_name: str = "") -> Comment:
    """Reply in a flag's thread (open or closed: people may still discuss a closed flag).

    The reply is the actor's own unless someone else wrote it: a reporter's reply brought in
    from Word is by `author` (the desk user of that name) or, with no such user, by
    `author_name`; the actor who brought it in is the history's user.
    """
    permissions.require(permissions.can_review(actor), permissions.REVIEW_DENIED)
    body = _clean_body(body)
    if author is _ACTOR:
        author = actor
    author_name = "" if author is not None else " ".join((author_name or "").split())[:200]
    if author is None and not author_name:
        raise ValidationError("Say who wrote the reply.", code="author")
    comment = Comment(flag=flag, author=author, author_name=author_name, body=body)
    with transaction.atomic():
        save_tracked(comment, actor=actor, reason="reply")
        notifications.notify_mentions(text=body, actor=actor, flag=flag, comment=comment)
    return comment


def comment_edit(*, comment: Comment, actor, body: str) -> Comment:
    body = _clean_body(body)
    with transaction.atomic():
        locked = _lock_own(comment, actor, "edit", "edited")
        old_body = locked.body
        if body == old_body:
            return locked
        locked.body = body
        locked.edited_at = timezone.now()
        save_tracked(locked, actor=actor, reason="reply edited")
        notifications.notify_mentions(
            text=body, actor=actor, flag=locked.flag, comment=locked, previous_text=old_body
        )
    return locked


def comment_delete(*, comment: Comment, actor) -> Comment:
    with transaction.atomic():
        locked = _lock_own(comment, actor, "delete", "deleted again")
        locked.deleted_at = timezone.now()
        save_tracked(locked, actor=actor, reason="reply deleted")
    return locked
