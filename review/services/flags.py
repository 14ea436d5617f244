"""Flags: raise one on a sentence or words inside it, change it, resolve, dismiss, reopen.

Each function is one user action: keyword-only, checks permission then state, writes inside
`transaction.atomic()` with the actor and a reason on the history row. State is read from a
freshly locked row, so two editors resolving the same flag at once cannot both succeed.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from review import permissions
from review.models import Article, Flag, FlagKind, Sentence
from review.services import notifications
from review.services.common import refuse_controls, save_tracked
from review.text import spans

NOTE_MAX = 5000

_UNSET = object()


def _require_reviewer(actor) -> None:
    permissions.require(permissions.can_review(actor), permissions.REVIEW_DENIED)


def _kind(kind: FlagKind | str) -> FlagKind:
    if isinstance(kind, FlagKind):
        return kind
    try:
        return FlagKind.objects.get(slug=kind)
    except FlagKind.DoesNotExist:
        raise ValidationError(
            {"kind": f"There is no flag kind “{kind}”; choose one from the list."}, code="kind"
        ) from None


def _check_assignee(assignee) -> None:
    if assignee is not None and not (assignee.is_active and permissions.can_review(assignee)):
        raise ValidationError(
            {"assignee": f"{assignee.get_username()} cannot work on flags; choose someone else."},
            code="assignee",
        )


def _check_texts(**texts: str) -> None:
    refuse_controls(**texts)
    for field, value in texts.items():
        if len(value) > NOTE_MAX:
            raise ValidationError(
                {field: f"Keep this under {NOTE_MAX:,} characters (it has {len(value):,})."},
                code="too_long",
            )


def span_of(
    sentence: Sentence, start: int | None, end: int | None
) -> tuple[int | None, int | None]:
    """Validate a span within `sentence` by the span rules (review/text/spans.py);
    (None, None) means the whole sentence."""
    try:
        return spans.check_new(sentence.text, start, end)
    except spans.SpanError as exc:
        raise ValidationError(exc.message, code=exc.code) from None


def _lock(flag: Flag) -> Flag:
    # The sentence comes along for Flag.clean() (save_tracked validates), and the rows the
    # flag's other keys name, so that validating them asks the database nothing more (one
    # query each otherwise; the story without its imported text). Only the flag row is
    # locked, since edits lock sentences before flags and taking both here could deadlock.
    return (
        Flag.objects.select_related("sentence", "article", "kind", "assignee", "created_by")
        .defer("article__original_text")
        .select_for_update(of=("self",))
        .get(pk=flag.pk)
    )


def flag_create(
    *,
    sentence: Sentence,
    kind: FlagKind | str,
    actor,
    start: int | None = None,
    end: int | None = None,
    severity: str | None = None,
    note: str = "",
    suggestion: str = "",
    assignee=None,
    origin: str = "editor",
    fingerprint: str = "",
) -> Flag:
    """Raise a flag on a whole sentence (no span) or on sentence.text[start:end].

    The span is checked against the sentence as it is now, re-read under lock, not against
    the `sentence` instance passed in, which may have been loaded before someone edited it.
    """
    _require_reviewer(actor)
    kind = _kind(kind)
    note, suggestion = (note or "").strip(), suggestion or ""
    _check_texts(note=note, suggestion=suggestion)
    _check_assignee(assignee)
    with transaction.atomic():
        # The article first, then the sentence: the order sentence edits lock them in (the
        # flag's foreign key to the article would otherwise wait on an edit holding both).
        article = Article.objects.select_for_update().only("pk").get(pk=sentence.article_id)
        current = Sentence.objects.select_for_update().filter(pk=sentence.pk).first()
        if current is None:
            raise ValidationError(
                "This sentence was removed or merged with another since the page was loaded; "
                "reload the page and select the words again.",
                code="sentence_gone",
            )
        start, end = span_of(current, start, end)
        text = current.text
        prefix, suffix = spans.context_of(text, start, end)
        flag = Flag(
            article=article,  # the locked row: its key needs no check (services.common)
            sentence=current,
            kind=kind,
            start=start,
            end=end,
            quote=spans.quote_of(text, start, end),
            prefix=prefix,
            suffix=suffix,
            severity=severity or kind.default_severity,
            note=note,
            suggestion=suggestion,
            origin=origin or "editor",
            fingerprint=fingerprint,
            assignee=assignee,
            created_by=actor,
        )
        save_tracked(flag, actor=actor, reason="flag raised")
        if assignee is not None:
            notifications.notify_assigned(assignee=assignee, actor=actor, flag=flag)
        notifications.notify_mentions(text=note, actor=actor, flag=flag)
    return flag


def _updates(flag: Flag, *, kind, severity, note, suggestion, assignee) -> dict[str, object]:
    """Check the changes asked of `flag` and return the new values of the fields given."""
    if flag.status != Flag.Status.OPEN:
        raise ValidationError(
            f"This flag is already {flag.status}; reopen it to change it.", code="state"
        )
    values: dict[str, object] = {}
    if kind is not _UNSET:
        values["kind"] = _kind(kind)
    if severity is not _UNSET:
        values["severity"] = severity or values.get("kind", flag.kind).default_severity
    if note is not _UNSET:
        values["note"] = (note or "").strip()
    if suggestion is not _UNSET:
        values["suggestion"] = suggestion or ""
    if assignee is not _UNSET:
        _check_assignee(assignee)
        values["assignee"] = assignee
    _check_texts(
        note=values.get("note", flag.note), suggestion=values.get("suggestion", flag.suggestion)
    )
    return values


def flag_update_check(
    *,
    flag: Flag,
    actor,
    kind: FlagKind | str = _UNSET,
    severity: str = _UNSET,
    note: str = _UNSET,
    suggestion: str = _UNSET,
    assignee=_UNSET,
) -> None:
    """Raise what flag_update would raise for these changes, writing nothing.

    For forms that show the errors beside their fields before saving (the admin);
    flag_update checks again on the locked row.
    """
    _require_reviewer(actor)
    _updates(
        flag, kind=kind, severity=severity, note=note, suggestion=suggestion, assignee=assignee
    )


def flag_update(
    *,
    flag: Flag,
    actor,
    kind: FlagKind | str = _UNSET,
    severity: str = _UNSET,
    note: str = _UNSET,
    suggestion: str = _UNSET,
    assignee=_UNSET,
) -> Flag:
    """Change what an open flag says or who works on it; only the fields given change."""
    _require_reviewer(actor)
    with transaction.atomic():
        locked = _lock(flag)
        old_note, old_assignee_id = locked.note, locked.assignee_id
        values = _updates(
            locked,
            kind=kind,
            severity=severity,
            note=note,
            suggestion=suggestion,
            assignee=assignee,
        )
        for name, value in values.items():
            setattr(locked, name, value)
        save_tracked(locked, actor=actor, reason="flag changed: " + ", ".join(values or ["-"]))
        if locked.assignee_id and locked.assignee_id != old_assignee_id:
            notifications.notify_assigned(assignee=locked.assignee, actor=actor, flag=locked)
        if "note" in values:
            notifications.notify_mentions(
                text=locked.note, actor=actor, flag=locked, previous_text=old_note
            )
    return locked


def _mark_closed(
    flag: Flag, *, status: str, actor, when, note: str, evidence: str | None = None
) -> None:
    """Close `flag` in memory: who closed it, when, and why (the caller saves it with history).

    The one place a flag is closed, for the editors' resolve and dismiss (below) and the
    checks' "no longer applies" (services.checks, in bulk). `evidence=None` keeps what the
    flag had. `updated_at` is set here because bulk updates skip `auto_now`.
    """
    flag.status = status
    flag.resolved_by = actor
    flag.resolved_at = when
    flag.resolution_note = note
    if evidence is not None:
        flag.evidence = evidence
    flag.updated_at = when


def _mark_open(flag: Flag, *, when) -> None:
    """Open `flag` again in memory (the caller saves it with history): an editor's reopen,
    or the checks' "the problem is back" (services.reconcile)."""
    flag.status = Flag.Status.OPEN
    flag.resolved_by = None
    flag.resolved_at = None
    flag.resolution_note = ""
    flag.updated_at = when


def _close(flag: Flag, *, actor, status: str, note: str, evidence: str, reason: str) -> Flag:
    _require_reviewer(actor)
    with transaction.atomic():
        locked = _lock(flag)
        if locked.status != Flag.Status.OPEN:
            raise ValidationError(
                f"This flag is already {locked.status}; reopen it first if it needs more work.",
                code="state",
            )
        _mark_closed(
            locked, status=status, actor=actor, when=timezone.now(), note=note, evidence=evidence
        )
        _check_texts(note=note, evidence=evidence)
        save_tracked(locked, actor=actor, reason=reason)
    return locked


def flag_resolve(*, flag: Flag, actor, note: str = "", evidence: str = "") -> Flag:
    """Mark an open flag fixed, with an optional note and evidence (a source URL or text)."""
    return _close(
        flag,
        actor=actor,
        status=Flag.Status.RESOLVED,
        note=(note or "").strip(),
        evidence=(evidence or "").strip(),
        reason="flag resolved",
    )


def flag_dismiss(*, flag: Flag, actor, reason: str) -> Flag:
    """Close an open flag as not a problem; the reason is required and kept."""
    reason = (reason or "").strip()
    if not reason:
        _require_reviewer(actor)
        raise ValidationError(
            {"reason": "Say why the flag is dismissed, so colleagues can follow."},
            code="required",
        )
    return _close(
        flag,
        actor=actor,
        status=Flag.Status.DISMISSED,
        note=reason,
        evidence="",
        reason=f"flag dismissed: {reason[:80]}",
    )


def flag_reopen(*, flag: Flag, actor, reason: str = "") -> Flag:
    """Put a resolved or dismissed flag back to open; history keeps how it was closed."""
    _require_reviewer(actor)
    with transaction.atomic():
        locked = _lock(flag)
        if locked.status == Flag.Status.OPEN:
            raise ValidationError("This flag is already open.", code="state")
        _mark_open(locked, when=timezone.now())
        save_tracked(locked, actor=actor, reason=("flag reopened: " + reason.strip()).strip(": "))
    return locked
