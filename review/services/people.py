"""Who a name from outside is on the desk: a Word author matched to a desk user."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, Value
from django.db.models.functions import Concat, Lower


def desk_user_named(name: str):
    """The one active desk user whose username, email or full name is `name` (any case),
    or None: no match, or several (then the name is kept as written)."""
    name = " ".join((name or "").split())
    if not name:
        return None
    User = get_user_model()
    matches = list(
        User.objects.annotate(full=Lower(Concat("first_name", Value(" "), "last_name")))
        .filter(is_active=True)
        .filter(Q(username__iexact=name) | Q(email__iexact=name) | Q(full=name.lower()))[:2]
    )
    return matches[0] if len(matches) == 1 else None
