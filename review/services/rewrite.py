"""The rewrite engine: replacing sentences while keeping their identity, flags and history.

`rewrite_run` is the engine under every text change: a sentence edit (a run of up to three
sentences of one paragraph), a revert and a re-import (the whole article). It aligns the old
sentence texts with the new ones (review.text.align): unchanged sentences keep their row
wherever they went (a moved paragraph is recorded as a move, never removed and added),
edited, split and merged ones keep their keeper's row, extra ones are inserted and missing
ones deleted, each with exactly one history row. Every flag is then placed by
review.text.placing: on words equal to its quote, outdated (its words changed; it keeps
them as its quote) or detached. All history rows of one change share one timestamp, so the
timeline shows it as one change and "as of" never sees half of it.

The callers (services.editing, services.revert, services.revise) check permission and state,
lock the rows and reconcile the automatic checks afterwards (services.reconcile); the
engine only rewrites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from review.constants import MOVED_PREFIX
from review.models import Article, Flag, Sentence
from review.services.common import change_moment, change_reason, save_tracked
from review.services.workflow import require_editable
from review.text import align, placing
from review.text.segment import segment

SENTENCE_FIELDS = ["text", "separator", "paragraph", "position", "version"]
FLAG_FIELDS = ["sentence", "start", "end", "anchor", "prefix", "suffix", "updated_at"]


@dataclass(frozen=True)
class Piece:
    """A sentence-to-be: its text, the whitespace after it and its paragraph (absolute)."""

    text: str
    separator: str
    paragraph: int


@dataclass
class Rewrite:
    """What one change did, for callers and tests."""

    when: datetime
    sentences: list[Sentence] = field(default_factory=list)  # the run's rows, in order
    created: list[Sentence] = field(default_factory=list)
    changed: list[Sentence] = field(default_factory=list)  # text changed
    deleted: list[Sentence] = field(default_factory=list)
    moved: list[Sentence] = field(default_factory=list)  # kept their row, somewhere else
    flags: list[Flag] = field(default_factory=list)  # re-anchored
    returned: list[int] = field(default_factory=list)  # flags whose words are back

    @property
    def touched(self) -> bool:
        return bool(self.created or self.changed or self.deleted)


def pieces_of(text: str, *, paragraph: int = 0) -> list[Piece]:
    """Segment `text` into pieces whose paragraphs count from `paragraph`."""
    return [
        Piece(text[s.start : s.end], text[s.end : s.sep_end], paragraph + s.paragraph)
        for s in segment(text)
    ]


def _flag_at(flag: Flag, index: dict[int, int]) -> placing.FlagAt:
    """A flag as the placing step sees it: on old sentence `index[...]`, or detached."""
    return placing.FlagAt(
        key=flag.pk,
        sentence=index.get(flag.sentence_id) if flag.sentence_id is not None else None,
        start=flag.start,
        end=flag.end,
        quote=flag.quote,
        prefix=flag.prefix,
        suffix=flag.suffix,
    )


def rewrite_run(
    *,
    article: Article,
    old: list[Sentence],
    new: list[Piece],
    later: list[Sentence],
    paragraph_delta: int,
    actor,
    reason: str,
    flags: list[Flag],
    when: datetime | None = None,
    edited: Sentence | None = None,
) -> Rewrite:
    """Replace the consecutive sentences `old` with `new`; shift the `later` sentences.

    `flags` are the flags on `old`, and for a whole-text change the detached ones too (their
    words may be back). Must run inside a transaction that has locked the article, `old`,
    `later` and `flags`. The article's version is not touched here. `edited`, the sentence
    an editor typed into, keeps its row when the edit merges it with a neighbour.
    """
    require_editable(article)
    # Inside a `one_change` (a reporter's answers), its moment and reason.
    when = when or change_moment()
    reason = change_reason(reason)
    result = Rewrite(when=when)
    first = old[0].position if old else (later[0].position if later else 0)
    old_total = first + len(old) + len(later)

    # 1. Align old sentences with new pieces: kept and moved sentences keep their row
    #    wherever they went, edits, splits and merges keep the row of their keeper.
    old_texts = [s.text for s in old]
    new_texts = [p.text for p in new]
    alignment = align.align(old_texts, new_texts)
    if edited is not None:
        alignment = _keep_edited(alignment, [s.pk for s in old].index(edited.pk))
    final: list[Sentence] = [
        old[i] if i is not None else Sentence(article=article, text=new[j].text, version=1)
        for j, i in enumerate(alignment.source)
    ]
    deleted = [old[i] for i in alignment.removed]
    moved_pks = {old[s.old[0]].pk for s in alignment.steps if s.kind == align.MOVED or s.moved}

    # 2. Give every row of the run its new text, separator, paragraph and position.
    originals = {s.pk: (s.text, s.separator, s.paragraph, s.position) for s in old + later}
    for j, (row, piece) in enumerate(zip(final, new, strict=True)):
        if row.pk is not None and row.text != piece.text:
            row.version += 1
        row.text, row.separator, row.paragraph = piece.text, piece.separator, piece.paragraph
        row.position = first + j
    delta = len(new) - len(old)
    for row in later:
        row.position += delta
        row.paragraph += paragraph_delta

    # 3. Place every flag: on words equal to its quote, outdated or detached (review.text
    #    .placing decides, with the span rules of review.text.spans).
    index = {s.pk: i for i, s in enumerate(old)}
    by_key = {flag.pk: flag for flag in flags}
    for placed in placing.place(
        old_texts, new_texts, alignment, [_flag_at(f, index) for f in flags]
    ):
        flag = by_key[placed.key]
        row = final[placed.sentence] if placed.sentence is not None else None
        if flag.anchor != Flag.Anchor.ATTACHED and placed.state == Flag.Anchor.ATTACHED:
            result.returned.append(flag.pk)
        if _move_flag(flag, row, placed, when=when):
            result.flags.append(flag)

    # 4. Write: free the positions the new order needs, then one history row per change.
    created = [r for r in final if r.pk is None]
    kept = [r for r in final if r.pk is not None]
    changed_rows = [
        r for r in kept + later if originals[r.pk] != (r.text, r.separator, r.paragraph, r.position)
    ]
    shifted = [r for r in kept + later if originals[r.pk][3] != r.position]
    if shifted or (deleted and created):
        # Above every old and every final position: shifted rows at offset + final position,
        # deleted rows above those.
        offset = old_total + len(new) + 1
        for r in shifted:
            r.position += offset
        for n, r in enumerate(deleted):
            r.position = 2 * offset + n
        # Temporary positions only, inside this transaction: no history for this step, the
        # final positions below get theirs.
        Sentence.objects.bulk_update(shifted + deleted, ["position"], batch_size=500)
        for r in shifted:
            r.position -= offset
        for r in deleted:
            r.position = originals[r.pk][3]
    if created:
        bulk_create_with_history(
            created,
            Sentence,
            batch_size=500,
            default_user=actor,
            default_change_reason=reason,
            default_date=when,
        )
    # A sentence that moved is recorded as a move (the timeline shows it as one); the others
    # only shifted with the text around them.
    moves = [r for r in changed_rows if r.pk in moved_pks]
    others = [r for r in changed_rows if r.pk not in moved_pks]
    for rows, why in ((others, reason), (moves, moved_reason(reason))):
        if rows:
            bulk_update_with_history(
                rows,
                Sentence,
                SENTENCE_FIELDS,
                batch_size=500,
                default_user=actor,
                default_change_reason=why,
                default_date=when,
            )
    if result.flags:
        for flag in result.flags:
            # Rows created above had no key when their flags were placed on them.
            flag.sentence_id = flag.sentence.pk if flag.sentence is not None else None
        bulk_update_with_history(
            result.flags,
            Flag,
            FLAG_FIELDS,
            batch_size=500,
            default_user=actor,
            default_change_reason=f"re-anchored: {reason}"[:100],
            default_date=when,
        )
    for row in deleted:
        row._history_user = actor
        row._change_reason = reason
        row._history_date = when
        row.delete()

    result.sentences = final
    result.created = created
    result.changed = [r for r in kept if originals[r.pk][0] != r.text]
    result.moved = [r for r in kept if r.pk in moved_pks]
    result.deleted = deleted
    return result


def _keep_edited(alignment: align.Alignment, i: int) -> align.Alignment:
    """The alignment with old sentence `i`, the one an editor typed into, keeping its row:
    through a merge with a neighbour, and when rewritten beyond recognition (then it is the
    edit of the nearest new sentence that nothing else claims). The story keeps the sentence
    they edited, its history and its flags' sentence, not a new row or its neighbour."""
    source = list(alignment.source)
    steps = list(alignment.steps)
    if i in source:
        return alignment
    merged = next((s for s in steps if s.kind == align.MERGED and i in s.old), None)
    if merged is not None:
        source[merged.new[0]] = i
    else:
        added = alignment.added
        if not added:
            return alignment  # the sentence was deleted
        j = min(added, key=lambda j: (abs(j - i), j))
        source[j] = i
        steps = [
            align.Step(align.EDITED, (i,), (j,)) if s.kind == align.ADDED and s.new == (j,) else s
            for s in steps
            if not (s.kind == align.REMOVED and s.old == (i,))
        ]
    return align.Alignment(steps, alignment.old_count, alignment.new_count, source)


def moved_reason(reason: str) -> str:
    """The history reason of a sentence that moved (the timeline reads it as a move)."""
    return f"{MOVED_PREFIX}{reason}"[:100]


def _move_flag(flag: Flag, row: Sentence | None, placed: placing.Placed, *, when) -> bool:
    """Apply a placement to `flag` in memory; True if anything changed."""
    sentence_id = row.pk if row is not None else None
    now = (sentence_id, placed.start, placed.end, placed.state, placed.prefix, placed.suffix)
    unchanged = (flag.sentence_id, flag.start, flag.end, flag.anchor, flag.prefix, flag.suffix)
    if unchanged == now and (row is None or row.pk is not None):
        return False
    flag.sentence = row
    flag.start, flag.end, flag.anchor = placed.start, placed.end, placed.state
    flag.prefix, flag.suffix = placed.prefix[:64], placed.suffix[:64]
    flag.updated_at = when
    return True


def bump_version(article: Article, *, actor, reason: str, when: datetime) -> None:
    article.version += 1
    article._history_date = when
    save_tracked(article, actor=actor, reason=reason)


def rewrite_article(*, article: Article, text: str, actor, reason: str) -> Rewrite:
    """Make the article's text `text`, keeping unchanged sentences wherever they go; inside a
    transaction that has locked `article`. Detached flags whose words come back are attached
    on them again."""
    reason = change_reason(reason)
    old = list(Sentence.objects.select_for_update().filter(article=article).order_by("position"))
    flags = list(Flag.objects.select_for_update().filter(article=article).order_by("pk"))
    return rewrite_run(
        article=article,
        old=old,
        new=pieces_of(text),
        later=[],
        paragraph_delta=0,
        actor=actor,
        reason=reason,
        flags=flags,
    )
