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

# The text may change only until the story is approved; a correction after that goes
# through `reopen`, so the timeline shows why an approved text changed.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED})


def is_editable(status: str) -> bool:
    """May the text of a story in `status` change? (Templates ask through `|editable`.)"""
    return status in EDITABLE_STATUSES


def require_editable(article: Article) -> None:
    """Refuse a text change unless the story is still being worked on.

    Call it with the article row locked (`select_for_update`), so an approve that committed
    meanwhile is seen. Every text change calls it: sentence edits (and through them
    suggestions and sentence reverts), whole-text reverts and revisions, and the engine
    (`rewrite_run`) itself as the last line.
    """
    if is_editable(article.status):
        return
    state = "published" if article.status == S.PUBLISHED else "approved"
    raise ValidationError(f"This story is {state}; reopen it to change the text.", code="locked")


@dataclass(frozen=True)
class Transition:
    """One step of the workflow and everything its button needs.

    TRANSITIONS is the only place a step is written: the service, the endpoint and the
    buttons under the story's title (templates/review/editing/_workflow.html loops over
    `available_transitions`) all read it, so a step added there is offered and works.
    """

    verb: str
    label: str  # the button that opens the step
    sources: tuple[str, ...]
    target: str
    reason: str  # the history's change reason
    editors_only: bool
    checks_blockers: bool = False  # refused while an open blocker flag remains
    note_label: str = "Note"  # the label of the note field in the step's form
    confirm: str = ""  # the step form's submit button; the label when empty
    secondary: bool = False  # a step back or aside, drawn as a secondary button

    @property
    def confirm_label(self) -> str:
        return self.confirm or self.label

    def allowed_for(self, user) -> bool:
        if self.editors_only:
            return permissions.can_approve(user)
        return permissions.can_edit_text(user)

    @property
    def denied(self) -> str:
        """The refusal for a role that may not take this step."""
        who = "Editors" if self.editors_only else "Editors and Copy editors"
        return f"Only {who} can {self.label.lower()} a story."


TRANSITIONS = {
    t.verb: t
    for t in (
        Transition(
            "submit",
            "Submit for review",
            (S.DRAFT, S.CHANGES_REQUESTED),
            S.IN_REVIEW,
            reason="submitted for review",
            editors_only=False,
        ),
        Transition(
            "request_changes",
            "Request changes",
            (S.IN_REVIEW,),
            S.CHANGES_REQUESTED,
            reason="changes requested",
            editors_only=True,
            note_label="What needs to change",
            secondary=True,
        ),
        Transition(
            "approve",
            "Approve",
            (S.IN_REVIEW,),
            S.APPROVED,
            reason="approved",
            editors_only=True,
            checks_blockers=True,
        ),
        Transition(
            "publish",
            "Publish",
            (S.APPROVED,),
            S.PUBLISHED,
            reason="published",
            editors_only=True,
            checks_blockers=True,
        ),
        Transition(
            "reopen",
            "Reopen",
            (S.APPROVED, S.PUBLISHED),
            S.IN_REVIEW,
            reason="reopened",
            editors_only=True,
            note_label="Why",
            confirm="Reopen for review",
            secondary=True,
        ),
    )
}

NOT_A_STEP = "That is not a step of the workflow."


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
    return f"{flag.label} {flag.kind.name} on “{words}”"


def available_transitions(article: Article, user) -> list[Transition]:
    """The steps `user` may take with `article` now, in the table's order (for buttons)."""
    return [t for t in TRANSITIONS.values() if article.status in t.sources and t.allowed_for(user)]


def article_transition(
    *, article: Article, verb: str, actor, note: str = "", override_reason: str = ""
) -> Article:
    """Take the workflow step `verb` (a key of TRANSITIONS) with an optional note.

    `override_reason` lets a user with the override permission take a step that checks
    blockers past open blocker flags; other steps ignore it. Raises ValidationError for an
    unknown step, a story in another state, open blockers or a note that is too long, and
    PermissionDenied for a role that may not take the step.
    """
    t = TRANSITIONS.get(verb)
    if t is None:
        raise ValidationError(NOT_A_STEP, code="verb")
    permissions.require(t.allowed_for(actor), t.denied)
    note = (note or "").strip()
    override_reason = (override_reason or "").strip() if t.checks_blockers else ""
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
        reason = t.reason
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
                permissions.can_override_blockers(actor), permissions.OVERRIDE_DENIED
            )
            # The override's reason names the blockers and carries the note itself.
            reason = f"{reason} over {len(blockers)} open blocker(s): {override_reason}"
            note = f"Overrode {len(blockers)} open blocker(s) ({listed}): {override_reason}" + (
                f"\n{note}" if note else ""
            )
        elif note:
            reason = f"{reason}: {note}"
        locked.status = t.target
        locked.status_note = note
        locked.status_changed_by = actor
        locked.status_changed_at = timezone.now()
        save_tracked(locked, actor=actor, reason=reason[:100])
    article.refresh_from_db()
    return article


def article_submit(*, article: Article, actor, note: str = "") -> Article:
    return article_transition(article=article, verb="submit", actor=actor, note=note)


def article_request_changes(*, article: Article, actor, note: str = "") -> Article:
    return article_transition(article=article, verb="request_changes", actor=actor, note=note)


def article_approve(
    *, article: Article, actor, note: str = "", override_reason: str = ""
) -> Article:
    return article_transition(
        article=article, verb="approve", actor=actor, note=note, override_reason=override_reason
    )


def article_publish(
    *, article: Article, actor, note: str = "", override_reason: str = ""
) -> Article:
    return article_transition(
        article=article, verb="publish", actor=actor, note=note, override_reason=override_reason
    )


def article_reopen(*, article: Article, actor, note: str = "") -> Article:
    return article_transition(article=article, verb="reopen", actor=actor, note=note)
