"""Small helpers every service uses to write with history."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from review.text.controls import first_control


@dataclass(frozen=True)
class _Change:
    when: datetime
    reason: str


_current_change: ContextVar[_Change | None] = ContextVar("current_change", default=None)


@contextmanager
def one_change(*, reason: str, when: datetime | None = None) -> Iterator[datetime]:
    """Every history row written inside shares one moment and one reason.

    The timeline groups history rows by moment, so several services called for one action
    (a reporter's answers: replies, resolved flags, accepted suggestions, a revision) read as
    ONE change with this reason; each row still says what it did through its own fields.
    """
    change = _Change(when or timezone.now(), reason[:100])
    token = _current_change.set(change)
    try:
        yield change.when
    finally:
        _current_change.reset(token)


def change_moment() -> datetime:
    """The moment history rows written now get: the current change's, or now."""
    change = _current_change.get()
    return change.when if change is not None else timezone.now()


def change_reason(reason: str) -> str:
    """The reason history rows written now get: the current change's, or `reason`."""
    change = _current_change.get()
    return change.reason if change is not None else reason


def save_tracked(
    obj: models.Model, *, actor, reason: str = "", update_fields: list[str] | None = None
) -> None:
    """Validate and save `obj` so that its history row names `actor` and `reason` (and the
    moment and reason of the current `one_change`, inside one)."""
    # A field left unloaded (deferred) was not changed, so there is nothing to validate in it;
    # reading it would cost a query (and, for a story's imported text, megabytes).
    obj.full_clean(
        exclude=[*_loaded_relations(obj), *obj.get_deferred_fields()],
        validate_unique=False,
        validate_constraints=False,
    )
    obj._history_user = actor
    obj._change_reason = change_reason(reason) or None
    if _current_change.get() is not None:
        obj._history_date = change_moment()
    obj.save(update_fields=update_fields)


def _loaded_relations(obj: models.Model) -> list[str]:
    """The foreign keys whose object is already on `obj` (a row the service read): validating
    them would ask the database, one query each, whether that row exists, which the
    database's own foreign key constraint enforces at the write anyway. A key given as a bare
    id, or with choices limited, is still validated."""
    return [
        field.name
        for field in obj._meta.concrete_fields
        if field.many_to_one
        and not field.get_limit_choices_to()
        and field.is_cached(obj)
        and field.get_cached_value(obj) is not None
    ]


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
