from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from review import permissions


def desk(request: HttpRequest) -> dict:
    """What every page's header needs: the user's role abilities and unread inbox count."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "desk": {
            "can_import": permissions.can_import(user),
            "can_review": permissions.can_review(user),
            "can_edit_text": permissions.can_edit_text(user),
            "can_approve": permissions.can_approve(user),
            "can_revise": permissions.can_revise(user),
            "can_run_checks": permissions.can_run_checks(user),
            "can_accept_all_suggestions": permissions.can_accept_all_suggestions(user),
            "unread": lambda: unread_count(user),
            "inbox_poll_seconds": settings.REVIEW_INBOX_POLL_SECONDS,
        }
    }


def unread_count(user) -> int:
    """The Inbox badge's number: the user's unread notifications (one query)."""
    return user.notifications.filter(read_at__isnull=True).count()
