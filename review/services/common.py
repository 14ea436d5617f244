"""Small helpers every service uses to write with history."""

from __future__ import annotations

from django.db import models


def save_tracked(
    obj: models.Model, *, actor, reason: str = "", update_fields: list[str] | None = None
) -> None:
    """Validate and save `obj` so that its history row names `actor` and `reason`."""
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj._history_user = actor
    obj._change_reason = reason or None
    obj.save(update_fields=update_fields)


def delete_tracked(obj: models.Model, *, actor, reason: str = "") -> None:
    obj._history_user = actor
    obj._change_reason = reason or None
    obj.delete()
