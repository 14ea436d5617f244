"""Small helpers every service uses to write with history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from review.text.controls import first_control


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


def refuse_controls(**texts: str) -> None:
    """Refuse control characters in notes, replies and reasons, as in article text
    (review.text.controls): raise a ValidationError keyed on the first field that has one."""
    for field, value in texts.items():
        if first_control(value) is not None:
            raise ValidationError(
                {
                    field: "This text contains a control character (often pasted from another "
                    "program); retype it or paste it as plain text."
                },
                code="control_character",
            )
