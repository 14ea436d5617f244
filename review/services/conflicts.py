"""Edit conflicts: recording the text that lost a race, and settling it.

When `sentence_edit` finds that the sentence changed since the editor loaded it, nothing is
overwritten: `conflict_record` keeps the attempt as an open flag of origin "conflict" on the
sentence, with the unsaved text as its suggestion (durable, visible on the review page, with
history, and accepted in one click like any suggestion), and returns the `EditConflict` the
edit raises so the page can show both texts side by side.

`conflict_settle` is the editor's answer: keep mine, take theirs, or save a hand-merged
text. What a flag is comes from its origin, never from its note, which people may edit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from review.constants import ORIGIN_CONFLICT
from review.models import Article, Flag, FlagKind, Sentence
from review.services.common import save_tracked
from review.services.notifications import notify_conflict_lost

MINE, THEIRS, MERGE = "mine", "theirs", "merge"
CHOICES = (MINE, THEIRS, MERGE)

CONFLICT_NOTE = "Edit conflict"
RECORD_REASON = "edit conflict: unsaved text kept"

CONFLICT_STALE = (
    "That is not an edit conflict of this sentence; reload the story and edit the sentence again."
)
VERSION_MISSING = (
    "The version you compared against is missing; reload the story and edit the sentence again."
)
SENTENCE_GONE = (
    "That sentence is gone; your text is kept on a detached flag. Edit the sentence that holds "
    "its words now."
)
# The codes of a settle refused before anything was tried: the edge shows the form again.
REFUSED = frozenset({"stale", "version", "choice"})


class EditConflict(Exception):
    """Someone saved the sentence after the editor loaded it; nothing was overwritten."""

    def __init__(
        self,
        *,
        sentence: Sentence | None,
        yours: str,
        base: str,
        expected_version: int,
        record: Flag,
        theirs_by=None,
        theirs_at=None,
    ):
        self.sentence = sentence  # the current row, or None if it was merged away or removed
        self.yours = yours
        self.base = base  # the text the editor started from
        self.expected_version = expected_version
        self.record = record
        self.theirs_by = theirs_by
        self.theirs_at = theirs_at
        super().__init__(
            "Someone else saved this sentence while you were editing it. Nothing was "
            "overwritten: compare the two versions and choose which to keep."
        )

    @property
    def theirs(self) -> str:
        return self.sentence.text if self.sentence is not None else ""


def last_author(sentence: Sentence):
    """Who saved `sentence`'s current text (its newest history row's user), or None."""
    last = (
        Sentence.history.filter(id=sentence.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    return last.history_user if last else None


def conflict_won(*, record: Flag, replaced, actor) -> None:
    """The unsaved text of `record` (or a merge of it) replaced what `replaced` had saved:
    tell them, with the record's thread to see both (never the actor themself). Called by
    the two ways a conflict's text wins: settling it, and accepting its suggestion."""
    notify_conflict_lost(author=replaced, actor=actor, flag=record)


def conflict_record(
    *,
    article: Article,
    sentence: Sentence,
    current: Sentence | None,
    text: str,
    expected_version: int,
    actor,
) -> EditConflict:
    """Keep `text`, which `actor` wrote from version `expected_version`, as a conflict record.

    Called by `sentence_edit` inside its transaction, with the article and `current` (the
    sentence's row now, None when it was merged away or removed) locked.
    """
    last = (
        Sentence.history.filter(id=sentence.pk)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    base_row = Sentence.history.filter(id=sentence.pk, version=expected_version).order_by(
        "-history_date", "-history_id"
    )
    base = base_row.values_list("text", flat=True).first() or sentence.text
    by = last.history_user if last else None
    who = by.get_username() if by else "someone"
    gone = current is None
    note = (
        f"{CONFLICT_NOTE}: {actor.get_username()} edited version {expected_version}, but "
        + (
            f"{who} removed or merged the sentence meanwhile."
            if gone
            else f"{who} had saved version {current.version} meanwhile."
        )
        + " The unsaved text is kept as this flag's suggestion; accept it to use it, or "
        "dismiss the flag once the text is settled."
    )
    record = Flag(
        article=article,
        sentence=current,
        kind=FlagKind.objects.get(slug="other"),
        start=None,
        end=None,
        quote=base if gone else current.text,
        anchor=Flag.Anchor.ORPHANED if gone else Flag.Anchor.ATTACHED,
        severity=FlagKind.Severity.MAJOR,
        note=note,
        suggestion=text,
        origin=ORIGIN_CONFLICT,
        created_by=actor,
    )
    save_tracked(record, actor=actor, reason=RECORD_REASON)
    return EditConflict(
        sentence=current,
        yours=text,
        base=base,
        expected_version=expected_version,
        record=record,
        theirs_by=by,
        theirs_at=last.history_date if last else None,
    )


def conflict_settle(
    *,
    record: Flag,
    choice: str,
    text: str = "",
    expected_version: int | None = None,
    actor,
    reason: str = "",
) -> Flag:
    """Settle the edit conflict kept on `record`; returns the record as it is now.

    - "theirs": the saved text stays; the record is dismissed (the unsaved text stays in
      the history).
    - "mine" / "merge": `text` (the unsaved text, or a hand-merged one) is saved through
      `sentence_edit` against `expected_version`, the version the editor compared against,
      so a third edit made meanwhile is never overwritten unseen (that raises EditConflict
      again, with a new record kept); then the record is resolved.

    Raises ValidationError: code "stale" when `record` is not a conflict record, "version"
    without the compared version, "choice" for an unknown choice, "gone" when the sentence
    no longer exists (the text stays on the detached record), and whatever the edit refuses.
    """
    from review.services.editing import sentence_edit  # editing records conflicts through us
    from review.services.flags import flag_dismiss, flag_resolve

    if choice not in CHOICES:
        raise ValidationError("Choose which version to keep.", code="choice")
    if not record.is_conflict:
        raise ValidationError(CONFLICT_STALE, code="stale")
    if choice != THEIRS and expected_version is None:
        raise ValidationError(VERSION_MISSING, code="version")
    conflict: EditConflict | None = None
    with transaction.atomic():
        # The article first, as every text change locks it: the same order everywhere.
        Article.objects.select_for_update().only("pk").get(pk=record.article_id)
        locked = (
            Flag.objects.select_for_update(of=("self",))
            .select_related("sentence")
            .get(pk=record.pk)
        )
        if choice == THEIRS:
            if locked.status == Flag.Status.OPEN:
                locked = flag_dismiss(
                    flag=locked, actor=actor, reason="Kept the other editor's version."
                )
            return locked
        if locked.sentence is None:
            raise ValidationError(SENTENCE_GONE, code="gone")
        replaced = last_author(locked.sentence)
        try:
            sentence_edit(
                sentence=locked.sentence,
                text=text,
                expected_version=expected_version,
                actor=actor,
                reason=reason,
                why="edited after a conflict" + (" (merged by hand)" if choice == MERGE else ""),
            )
        except EditConflict as exc:
            # Leave the block normally so the new record commits, then raise.
            conflict = exc
        else:
            locked.refresh_from_db()
            if locked.status == Flag.Status.OPEN:
                locked = flag_resolve(
                    flag=locked,
                    actor=actor,
                    note="Merged by hand." if choice == MERGE else "Kept my version.",
                )
            conflict_won(record=locked, replaced=replaced, actor=actor)
    if conflict is not None:
        raise conflict
    return locked
