"""Who hears about a flag: @mentions in notes and comments, and assignments.

A notification is a row in the recipient's inbox plus one plain-text email to that user only,
sent after the transaction commits (a rolled-back write sends nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from review import permissions
from review.models import Comment, Flag, Notification
from review.services.common import save_tracked
from review.text.mentions import mentioned_usernames

logger = logging.getLogger(__name__)


def mentioned_users(text: str, *, previous_text: str = "") -> list:
    """Existing, active users who can read the desk and are mentioned in `text` but were not
    already mentioned in `previous_text` (so editing a note does not notify twice)."""
    old = set(mentioned_usernames(previous_text))
    names = [name for name in mentioned_usernames(text) if name not in old]
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=names, is_active=True)
    return [user for user in users if permissions.can_view(user)]


def _flag_url(flag: Flag) -> str:
    path = reverse("review:flag_detail", args=[flag.pk])
    return f"{settings.REVIEW_SITE_URL}{path}"


def _email(notification: Notification) -> tuple[str, str]:
    flag = notification.flag
    who = notification.actor.get_username() if notification.actor else "Someone"
    if notification.reason == Notification.Reason.ASSIGNED:
        subject = f"[Review desk] {who} assigned you a flag in “{flag.article.title}”"
    elif notification.reason == Notification.Reason.CONFLICT:
        subject = f"[Review desk] {who} replaced your text in “{flag.article.title}”"
    else:
        subject = f"[Review desk] {who} mentioned you in “{flag.article.title}”"
    lines = [f"{flag.label} {flag.kind.name}: “{flag.quote}”"]
    if notification.comment_id:
        lines += ["", f"{who} wrote:", notification.comment.body]
    elif flag.note:
        lines += ["", f"Note: {flag.note}"]
    lines += ["", f"Open the flag: {_flag_url(flag)}"]
    # One line whatever the title holds (a title stored before titles were cleaned may have
    # a line break, and a mail subject with one is refused).
    return " ".join(subject.split())[:200], "\n".join(lines)


def _send(notification: Notification) -> None:
    recipient = notification.recipient
    if not recipient.email:
        return
    subject, body = _email(notification)
    try:
        send_mail(subject, body, None, [recipient.email])
    except Exception:  # the write has committed; a mail outage must not turn it into a 500
        logger.exception("Could not email notification %s to %s", notification.pk, recipient.pk)


def notify(
    *,
    recipients: Iterable,
    actor,
    flag: Flag,
    reason: str,
    comment: Comment | None = None,
) -> list[Notification]:
    """Create one notification per recipient (never the actor) and email each after commit."""
    created = []
    seen = set()
    for user in recipients:
        if user is None or user.pk == getattr(actor, "pk", None) or user.pk in seen:
            continue
        seen.add(user.pk)
        notification = Notification(
            recipient=user, actor=actor, flag=flag, comment=comment, reason=reason
        )
        save_tracked(notification, actor=actor, reason=f"notify: {reason}")
        created.append(notification)
        transaction.on_commit(lambda n=notification: _send(n))
    return created


def notify_mentions(
    *, text: str, actor, flag: Flag, comment: Comment | None = None, previous_text: str = ""
) -> list[Notification]:
    """Notify the people `text` newly mentions, each at most once per comment (or per flag
    note): taking a mention out and putting it back in an edit does not notify again."""
    users = mentioned_users(text, previous_text=previous_text)
    if users:
        told = set(
            Notification.objects.filter(
                flag=flag,
                comment=comment,
                reason=Notification.Reason.MENTION,
                recipient__in=[u.pk for u in users],
            ).values_list("recipient_id", flat=True)
        )
        users = [u for u in users if u.pk not in told]
    return notify(
        recipients=users,
        actor=actor,
        flag=flag,
        comment=comment,
        reason=Notification.Reason.MENTION,
    )


def notify_assigned(*, assignee, actor, flag: Flag) -> list[Notification]:
    return notify(
        recipients=[assignee], actor=actor, flag=flag, reason=Notification.Reason.ASSIGNED
    )


def notify_conflict_lost(*, author, actor, flag: Flag) -> list[Notification]:
    """Tell `author` that `actor` settled an edit conflict over their saved text by keeping
    another one; `flag` is the conflict's record, whose thread shows both texts."""
    return notify(recipients=[author], actor=actor, flag=flag, reason=Notification.Reason.CONFLICT)


def notification_mark_read(*, notification: Notification, actor) -> Notification:
    """Mark one of the actor's own notifications read (idempotent)."""
    permissions.require(
        notification.recipient_id == actor.pk, "This notification belongs to someone else."
    )
    if notification.read_at is None:
        with transaction.atomic():
            notification.read_at = timezone.now()
            save_tracked(notification, actor=actor, reason="read", update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of the actor read; returns how many changed."""
    with transaction.atomic():
        unread = list(Notification.objects.filter(recipient=actor, read_at__isnull=True))
        now = timezone.now()
        for notification in unread:
            notification.read_at = now
        if unread:
            bulk_update_with_history(
                unread,
                Notification,
                ["read_at"],
                default_user=actor,
                default_change_reason="read all",
            )
    return len(unread)
