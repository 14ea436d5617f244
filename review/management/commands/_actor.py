"""Who a command acts as: history rows from the command line carry a user too."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def resolve_actor(username: str | None):
    User = get_user_model()
    if username:
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"There is no user “{username}”; check --user.") from None
    user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise CommandError(
            "No user to record this change under: pass --user USERNAME, "
            "or create a superuser first (python manage.py createsuperuser, or make run)."
        )
    return user
