"""The desk's people, as others look them up: completing an @mention."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

MENTION_CHOICES = 8


def readers() -> QuerySet:
    """Active users who can read the desk (through a role, a direct permission, or
    superuser): the people a mention can notify (`permissions.can_view`, in one query)."""
    perm = {"codename": "view_article", "content_type__app_label": "review"}
    can = (
        Q(**{f"groups__permissions__{k}": v for k, v in perm.items()})
        | Q(**{f"user_permissions__{k}": v for k, v in perm.items()})
        | Q(is_superuser=True)
    )
    return get_user_model().objects.filter(can, is_active=True)


def mention_choices(prefix: str, *, asking=None, limit: int = MENTION_CHOICES) -> list:
    """Up to `limit` readers whose username, first or last name starts with `prefix`
    (case-insensitive), usernames that match first, then alphabetically; never `asking`
    (mentioning yourself tells nobody). One query."""
    prefix = prefix.strip()
    users = readers()
    if asking is not None:
        users = users.exclude(pk=asking.pk)
    if prefix:
        users = users.filter(
            Q(username__istartswith=prefix)
            | Q(first_name__istartswith=prefix)
            | Q(last_name__istartswith=prefix)
        )
    rows = users.distinct().order_by("username").only("username", "first_name", "last_name")
    picked = list(rows[: limit * 2])
    low = prefix.lower()
    picked.sort(key=lambda u: (not u.username.lower().startswith(low), u.username.lower()))
    return picked[:limit]
