"""The article's workflow: states are adjectives, transitions are verbs.

    draft ──submit──▶ in_review ──approve──▶ approved ──publish──▶ published
                       ▲    │                   │                     │
        submit (again) │    │ request_changes   └──────reopen─────────┤
                       │    ▼                                         │
                  changes_requested ◀──────── (reopen goes to in_review)

- submit: draft or changes_requested → in_review; Editors and Copy editors (whoever edits
  the text hands it in).
- request_changes: in_review → changes_requested; Editors.
- approve: in_review → approved; Editors; refused while an open blocker flag remains.
- publish: approved → published; Editors; refused while an open blocker flag remains.
- reopen: approved or published → in_review; Editors (a correction after approval).

An Editor with the override permission may approve or publish despite open blockers by
giving a reason; the reason goes into the status note and the history's change reason, so
the timeline shows who overrode what and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from review import permissions
from review.models import Article, Flag, FlagKind
from review.services.common import refuse_controls, save_tracked

S = Article.Status
NOTE_MAX = 2000


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: tuple[str, ...]
    target: str
    editors_only: bool
    checks_blockers: bool = False

    def allowed_for(self, user) -> bool:
        if self.editors_only:
            return permissions.can_approve(user)
        return permissions.can_edit_text(user)


TRANSITIONS = {
    t.verb: t
    for t in (
        Transition(
            "submit",
            "Submit for review",
            (S.DRAFT, S.CHANGES_REQUESTED),
            S.IN_REVIEW,
            editors_only=False,
        ),
        Transition(
            "request_changes",
            "Request changes",
            (S.IN_REVIEW,),
            S.CHANGES_REQUESTED,
            editors_only=True,
        ),
        Transition(
            "approve",
            "Approve",
            (S.IN_REVIEW,),
            S.APPROVED,
            editors_only=True,
            checks_blockers=True,
        ),
        Transition(
            "publish",
            "Publish",
            (S.APPROVED,),
            S.PUBLISHED,
            editors_only=True,
            checks_blockers=True,
        ),
        Transition("reopen", "Reopen", (S.APPROVED, S.PUBLISHED), S.IN_REVIEW, editors_only=True),
    )
}

REASONS = {
    "submit": "submitted for review",
    "request_changes": "changes requested",
    "approve": "approved",
    "publish": "published",
    "reopen": "reopened",
}


def open_blockers(article: Article) -> list[Flag]:
    return list(
        Flag.objects.filter(
            article=article, status=Flag.Status.OPEN, severity=FlagKind.Severity.BLOCKER
        )
        .select_related("kind", "sentence")
        .order_by("sentence__position", "pk")
    )


def describe(flag: Flag) -> str:
    words = (flag.quote or "")[:60]
    return f"#{flag.pk} {flag.kind.name} on “{words}”"


def available_transitions(article: Article, user) -> list[Transition]:
    """The verbs `user` may apply to `article` now (for buttons)."""
    return [t for t in TRANSITIONS.values() if article.status in t.sources and t.allowed_for(user)]


def _transition(
    verb: str, *, article: Article, actor, note: str = "", override_reason: str = ""
) -> Article:
    t = TRANSITIONS[verb]
    who = "Editors" if t.editors_only else "Editors and Copy editors"
    permissions.require(t.allowed_for(actor), f"Only {who} can {t.label.lower()} a story.")
    note = (note or "").strip()
    override_reason = (override_reason or "").strip()
    refuse_controls(note=note, override_reason=override_reason)
    if len(note) > NOTE_MAX or len(override_reason) > NOTE_MAX:
        raise ValidationError(f"Keep the note under {NOTE_MAX:,} characters.", code="too_long")
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        if locked.status not in t.sources:
            allowed = " or ".join(S(s).label.lower() for s in t.sources)
            raise ValidationError(
                f"This story is {locked.get_status_display().lower()}; “{t.label}” applies only "
                f"to stories that are {allowed}. Reload the page to see its current state.",
                code="state",
            )
        reason = REASONS[verb]
        if t.checks_blockers and (blockers := open_blockers(locked)):
            listed = "; ".join(describe(f) for f in blockers)
            if not override_reason:
                raise ValidationError(
                    f"{len(blockers)} open blocker flag(s) stop this: {listed}. Resolve or "
                    "dismiss them first"
                    + (
                        ", or give a reason to override."
                        if permissions.can_override_blockers(actor)
                        else "."
                    ),
                    code="blockers",
                )
            permissions.require(
                permissions.can_override_blockers(actor),
                "Only Editors with the override permission can go past open blockers.",
            )
            reason = f"{reason} over {len(blockers)} open blocker(s): {override_reason}"
            note = f"Overrode {len(blockers)} open blocker(s) ({listed}): {override_reason}" + (
                f"\n{note}" if note else ""
            )
        locked.status = t.target
        locked.status_note = note
        locked.status_changed_by = actor
        locked.status_changed_at = timezone.now()
        if note and not reason.startswith(f"{REASONS[verb]} over"):
            reason = f"{reason}: {note}"
        save_tracked(locked, actor=actor, reason=reason[:100])
    article.refresh_from_db()
    return article


def article_submit(*, article: Article, actor, note: str = "") -> Article:
    return _transition("submit", article=article, actor=actor, note=note)


def article_request_changes(*, article: Article, actor, note: str = "") -> Article:
    return _transition("request_changes", article=article, actor=actor, note=note)


def article_approve(
    *, article: Article, actor, note: str = "", override_reason: str = ""
) -> Article:
    return _transition(
        "approve", article=article, actor=actor, note=note, override_reason=override_reason
    )


def article_publish(
    *, article: Article, actor, note: str = "", override_reason: str = ""
) -> Article:
    return _transition(
        "publish", article=article, actor=actor, note=note, override_reason=override_reason
    )


def article_reopen(*, article: Article, actor, note: str = "") -> Article:
    return _transition("reopen", article=article, actor=actor, note=note)


SERVICES = {
    "submit": article_submit,
    "request_changes": article_request_changes,
    "approve": article_approve,
    "publish": article_publish,
    "reopen": article_reopen,
}
