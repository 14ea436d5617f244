"""Editing the text: one sentence at a time, with optimistic locking, and suggestions.

`sentence_edit` re-reads the sentence under a row lock and compares versions. If someone
saved it since the editor loaded it, nothing is overwritten: the attempt is kept as a
conflict record (services.conflicts) and `EditConflict` is raised with both texts so the
page can show them side by side. The record commits even though the call raises: the
exception leaves the transaction afterwards.

Otherwise the sentence and its neighbours in the paragraph are re-segmented, so an edit may
split a sentence or merge it with the next; flags follow their words (see services.rewrite).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from review import permissions
from review.models import Article, Flag, FlagKind, Sentence
from review.services.conflicts import EditConflict, conflict_record, conflict_won, last_author
from review.services.reconcile import text_changed
from review.services.rewrite import Rewrite, bump_version, pieces_of, rewrite_run
from review.services.workflow import require_editable
from review.text.controls import first_control

TEXT_MAX = 10000


@dataclass
class EditResult:
    sentence: Sentence  # the edited row (or the row that now holds its first words)
    rewrite: Rewrite | None = None
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.rewrite is not None and self.rewrite.touched


def clean_text(text: str) -> str:
    text = (text or "").strip()
    if len(text) > TEXT_MAX:
        raise ValidationError(
            {"text": f"Keep a sentence under {TEXT_MAX:,} characters; split it into several."},
            code="too_long",
        )
    if first_control(text):
        raise ValidationError(
            {"text": "The text contains a control character; retype or paste it as plain text."},
            code="binary",
        )
    return text


def _reason(default: str, reason: str) -> str:
    reason = (reason or "").strip()
    return (f"{default}: {reason}" if reason else default)[:100]


def sentence_edit(
    *,
    sentence: Sentence,
    text: str,
    expected_version: int,
    actor,
    reason: str = "",
    why: str = "edited",
    checks: bool = True,
) -> EditResult:
    """Save new text for `sentence`, loaded at `expected_version`.

    Empty text removes the sentence. Raises EditConflict (after recording the attempt) when
    the sentence changed since, ValidationError for bad text or a story that is approved or
    published, PermissionDenied for roles that cannot edit text. Saving the same text changes
    nothing and writes no history. A change ends with the automatic checks following the
    text (services.reconcile), unless `checks` is False (the caller runs them after).
    """
    permissions.require(permissions.can_edit_text(actor), permissions.EDIT_DENIED)
    text = clean_text(text)
    change_reason = _reason(why, reason)
    conflict: EditConflict | None = None
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=sentence.article_id)
        # Before the version check: an approved story records no conflicts either.
        require_editable(article)
        current = Sentence.objects.select_for_update().filter(pk=sentence.pk).first()
        if current is None or current.version != expected_version:
            conflict = conflict_record(
                article=article,
                sentence=sentence,
                current=current,
                text=text,
                expected_version=expected_version,
                actor=actor,
            )
        elif text == current.text:
            return EditResult(sentence=current)
        else:
            result = _apply(
                article=article, current=current, text=text, actor=actor, reason=change_reason
            )
            if checks and result.changed:
                text_changed(article=article, actor=actor, rewrite=result.rewrite)
    if conflict is not None:
        raise conflict
    return result


def _apply(*, article: Article, current: Sentence, text: str, actor, reason: str) -> EditResult:
    run = list(
        Sentence.objects.select_for_update()
        .filter(
            article=article,
            paragraph=current.paragraph,
            position__gte=current.position - 1,
            position__lte=current.position + 1,
        )
        .order_by("position")
    )
    idx = next(i for i, s in enumerate(run) if s.pk == current.pk)
    parts = [[s.text, s.separator] for s in run]
    if text:
        parts[idx][0] = text
    else:
        if Sentence.objects.filter(article=article).count() == 1:
            raise ValidationError(
                {"text": "A story needs at least one sentence; write the new text instead."},
                code="empty",
            )
        if idx > 0:
            # The sentence before takes over the removed one's separator (it may end the
            # paragraph).
            parts[idx - 1][1] = run[idx].separator
        del parts[idx]
    run_text = "".join(t + s for t, s in parts)
    new = pieces_of(run_text, paragraph=current.paragraph)
    paragraph_delta = (new[-1].paragraph - current.paragraph) if new else -1
    delta = len(new) - len(run)
    later: list[Sentence] = []
    if delta or paragraph_delta:
        later = list(
            Sentence.objects.select_for_update()
            .filter(article=article, position__gt=run[-1].position)
            .order_by("position")
        )
    flags = list(
        Flag.objects.select_for_update().filter(sentence__in=[s.pk for s in run]).order_by("pk")
    )
    rewrite = rewrite_run(
        article=article,
        old=run,
        new=new,
        later=later,
        paragraph_delta=paragraph_delta,
        actor=actor,
        reason=reason,
        flags=flags,
        edited=current,
    )
    if not rewrite.touched:
        return EditResult(sentence=current, sentences=rewrite.sentences)
    bump_version(article, actor=actor, reason=reason, when=rewrite.when)
    survivor = next((s for s in rewrite.sentences if s.pk == current.pk), None)
    if survivor is None:
        survivor = rewrite.sentences[min(idx, len(rewrite.sentences) - 1)] if new else current
    return EditResult(sentence=survivor, rewrite=rewrite, sentences=rewrite.sentences)


# Suggestions: a flag's replacement for its words, accepted or rejected in one click.

SUGGESTION_CONFLICT = (
    "Someone changed this sentence meanwhile; review the new text and accept again."
)


def _suggested_text(flag: Flag) -> tuple[Sentence, str]:
    """The sentence and its text with the suggestion applied, or a ValidationError."""
    if flag.status != Flag.Status.OPEN:
        raise ValidationError(
            f"This flag is {flag.status}; reopen it to accept its suggestion.", code="state"
        )
    if not flag.suggestion:
        raise ValidationError("This flag has no suggestion to accept.", code="no_suggestion")
    sentence = flag.sentence
    if sentence is None or flag.anchor == Flag.Anchor.ORPHANED:
        raise ValidationError(
            "The words this suggestion replaces are gone; edit the text by hand.",
            code="orphaned",
        )
    if flag.start is None or flag.end is None:
        if flag.quote and sentence.text != flag.quote:
            raise ValidationError(
                "The sentence changed after this suggestion was made; compare and edit it by hand.",
                code="outdated",
            )
        return sentence, flag.suggestion
    if flag.anchor != Flag.Anchor.ATTACHED or sentence.text[flag.start : flag.end] != flag.quote:
        raise ValidationError(
            "The flagged words changed after this suggestion was made; edit the sentence by hand.",
            code="outdated",
        )
    text = sentence.text
    return sentence, text[: flag.start] + flag.suggestion + text[flag.end :]


def suggestion_accept(*, flag: Flag, actor, note: str = "", checks: bool = True) -> EditResult:
    """Apply the flag's suggestion through `sentence_edit` and resolve the flag; then the
    automatic checks follow the text (unless `checks` is False: the caller runs them).

    If the sentence changes between reading it and saving it, nothing is saved and no
    conflict record is kept (the flag itself keeps the suggestion): a ValidationError with
    code "conflict" asks to look again.
    """
    from review.services.flags import flag_resolve

    permissions.require(permissions.can_edit_text(actor), permissions.SUGGESTION_DENIED)
    with transaction.atomic():
        # The article first, as every text change locks it: the same order everywhere.
        article = Article.objects.select_for_update().get(pk=flag.article_id)
        require_editable(article)
        locked = (
            Flag.objects.select_for_update(of=("self",)).select_related("sentence").get(pk=flag.pk)
        )
        sentence, text = _suggested_text(locked)
        replaced = last_author(sentence) if locked.is_conflict else None
        try:
            result = sentence_edit(
                sentence=sentence,
                text=text,
                expected_version=sentence.version,
                actor=actor,
                reason=note,
                why=f"suggestion accepted (flag {locked.label})",
                checks=False,  # after the flag is resolved, so it closes as accepted
            )
        except EditConflict as conflict:
            # Raised through this atomic block, so the conflict record is rolled back too.
            raise ValidationError(SUGGESTION_CONFLICT, code="conflict") from conflict
        locked.refresh_from_db()
        flag_resolve(
            flag=locked,
            actor=actor,
            note=(note or "").strip() or f"Suggestion accepted: “{locked.suggestion[:200]}”.",
        )
        if locked.is_conflict:
            conflict_won(record=locked, replaced=replaced, actor=actor)
        if checks and result.changed:
            text_changed(article=article, actor=actor, rewrite=result.rewrite)
    return result


def suggestion_reject(*, flag: Flag, actor, reason: str = "") -> Flag:
    """Close the flag as dismissed: its suggestion is not taken (history keeps it)."""
    from review.services.flags import flag_dismiss

    if not flag.suggestion:
        raise ValidationError("This flag has no suggestion to reject.", code="no_suggestion")
    reason = (reason or "").strip()
    return flag_dismiss(
        flag=flag, actor=actor, reason="Suggestion rejected" + (f": {reason}" if reason else ".")
    )


@dataclass
class BulkAcceptResult:
    accepted: list[Flag] = field(default_factory=list)
    skipped: list[tuple[Flag, str]] = field(default_factory=list)


def suggestions_pending(*, article: Article, kind: FlagKind | str):
    slug = kind.slug if isinstance(kind, FlagKind) else kind
    return (
        Flag.objects.filter(article=article, kind__slug=slug, status=Flag.Status.OPEN)
        .exclude(suggestion="")
        .select_related("sentence", "kind")
        .order_by("sentence__position", "-start", "pk")
    )


def suggestions_accept_all(*, article: Article, kind: FlagKind | str, actor) -> BulkAcceptResult:
    """Accept every open suggestion of one kind in the article (Editors only).

    Each is applied like a single accept, in one transaction with a savepoint each;
    suggestions whose words changed, are gone or were changed meanwhile are skipped and
    listed, never forced. Raises ValidationError when the story is approved or published.
    """
    permissions.require(
        permissions.can_accept_all_suggestions(actor), permissions.ACCEPT_ALL_DENIED
    )
    out = BulkAcceptResult()
    with transaction.atomic():
        require_editable(Article.objects.select_for_update().get(pk=article.pk))
        for pending in list(suggestions_pending(article=article, kind=kind)):
            try:
                # A savepoint per suggestion: a refused one undoes only itself.
                with transaction.atomic():
                    suggestion_accept(flag=pending, actor=actor, checks=False)
            except ValidationError as exc:  # an edit conflict arrives as one too
                out.skipped.append((pending, " ".join(exc.messages)))
            else:
                out.accepted.append(pending)
        if out.accepted:  # once for them all
            text_changed(article=article, actor=actor, rewrite=None)
    return out
