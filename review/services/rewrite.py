"""The rewrite engine: replacing sentences while keeping their identity, flags and history.

`rewrite_run` is the engine under every text change: a sentence edit (a run of up to three
sentences of one paragraph), a revert and a re-import (the whole article). It diffs the old
sentence texts against the new ones (difflib.SequenceMatcher): equal sentences keep their row,
changed ones are updated in place, extra ones are inserted and missing ones deleted, each with
exactly one history row. Flags on changed sentences are re-anchored on their words
(review.text.anchor). All history rows of one change share one timestamp, so the timeline
shows it as one change and "as of" never sees half of it.

The callers (services.editing, services.revert, services.revise) check permission and state
and lock the rows; the engine only rewrites.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from review.models import Article, Flag, Sentence
from review.services.common import change_moment, change_reason, save_tracked
from review.services.workflow import require_editable
from review.text import anchor
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
    flags: list[Flag] = field(default_factory=list)  # re-anchored

    @property
    def touched(self) -> bool:
        return bool(self.created or self.changed or self.deleted)


def pieces_of(text: str, *, paragraph: int = 0) -> list[Piece]:
    """Segment `text` into pieces whose paragraphs count from `paragraph`."""
    return [
        Piece(text[s.start : s.end], text[s.end : s.sep_end], paragraph + s.paragraph)
        for s in segment(text)
    ]


def _joined(items) -> tuple[str, list[int]]:
    """The text of sentences or pieces joined with their separators, and each one's offset."""
    offsets, parts, at = [], [], 0
    for item in items:
        offsets.append(at)
        parts.append(item.text + item.separator)
        at += len(item.text) + len(item.separator)
    return "".join(parts), offsets


def _quote(flag: Flag, sentence: Sentence, offset: int) -> anchor.Quote:
    if flag.start is None or flag.end is None:
        # A whole-sentence flag follows the sentence as it is now.
        return anchor.Quote(sentence.text, "", "", offset, offset + len(sentence.text))
    return anchor.Quote(
        flag.quote, flag.prefix, flag.suffix, offset + flag.start, offset + flag.end
    )


def _place(
    flag: Flag, placement: anchor.Placement, rows: list[Sentence], offsets: list[int]
) -> tuple[Sentence | None, int | None, int | None, str]:
    """Turn a placement in a joined text into (sentence, start, end, anchor state)."""
    if placement.state == anchor.ORPHANED or not rows:
        return None, None, None, Flag.Anchor.ORPHANED
    i = anchor.segment_of(offsets, placement.start)
    row, base = rows[i], offsets[i]
    if flag.start is None or flag.end is None:
        whole_quote = flag.quote or row.text
        state = Flag.Anchor.ATTACHED if row.text == whole_quote else Flag.Anchor.OUTDATED
        return row, None, None, state
    start, end = anchor.clamp_to(placement.start - base, placement.end - base, 0, len(row.text))
    if start == end:
        # Nothing of the words is left in this sentence, only where they were: an empty span
        # would never be highlighted, so the flag covers the whole sentence, outdated.
        return row, None, None, Flag.Anchor.OUTDATED
    state = placement.state
    if (start, end) != (placement.start - base, placement.end - base):
        state = anchor.OUTDATED
    if state == anchor.ATTACHED and row.text[start:end] != flag.quote:
        state = anchor.OUTDATED
    return row, start, end, state


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
) -> Rewrite:
    """Replace the consecutive sentences `old` with `new`; shift the `later` sentences.

    Must run inside a transaction that has locked the article, `old`, `later` and `flags`
    (the flags on `old`). The article's version is not touched here.
    """
    require_editable(article)
    # Inside a `one_change` (a reporter's answers), its moment and reason.
    when = when or change_moment()
    reason = change_reason(reason)
    result = Rewrite(when=when)
    first = old[0].position if old else (later[0].position if later else 0)
    old_total = first + len(old) + len(later)

    # 1. Pair old rows with new pieces.
    final: list[Sentence] = []
    blocks: list[tuple[list[Sentence], int, int]] = []  # (old rows, new j1, new j2)
    matcher = SequenceMatcher(None, [s.text for s in old], [p.text for p in new], autojunk=False)
    deleted: list[Sentence] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        rows = old[i1:i2]
        for k in range(j2 - j1):
            if k < len(rows):
                final.append(rows[k])
            else:
                final.append(Sentence(article=article, text=new[j1 + k].text, version=1))
        deleted.extend(rows[j2 - j1 :])
        if tag != "equal":
            blocks.append((rows, j1, j2))

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

    # 3. Re-anchor the flags of changed blocks on their words.
    flags_by_sentence: dict[int, list[Flag]] = {}
    for flag in flags:
        flags_by_sentence.setdefault(flag.sentence_id, []).append(flag)
    new_run_text, new_run_offsets = _joined(new)
    for rows, j1, j2 in blocks:
        block_flags = [f for r in rows for f in flags_by_sentence.get(r.pk, [])]
        if not block_flags:
            continue
        old_text, old_offsets = _joined(_as_pieces(rows, originals))
        new_rows = final[j1:j2]
        new_text, new_offsets = _joined(new[j1:j2])
        text_map = anchor.TextMap(old_text, new_text)
        offset_of = {r.pk: off for r, off in zip(rows, old_offsets, strict=True)}
        for flag in block_flags:
            row = next(r for r in rows if r.pk == flag.sentence_id)
            before = Sentence(text=originals[row.pk][0])
            quote = _quote(flag, before, offset_of[row.pk])
            placement = anchor.reanchor(quote, old_text, new_text, text_map=text_map)
            target = _place(flag, placement, new_rows, new_offsets)
            if target[0] is None:
                placement = anchor.find(quote, new_run_text)
                target = _place(flag, placement, final, new_run_offsets)
            if _move_flag(flag, *target, when=when):
                result.flags.append(flag)

    # 4. Write: free the positions the new order needs, then one history row per change.
    created = [r for r in final if r.pk is None]
    kept = [r for r in final if r.pk is not None]
    changed_rows = [
        r for r in kept + later if originals[r.pk] != (r.text, r.separator, r.paragraph, r.position)
    ]
    moved = [r for r in kept + later if originals[r.pk][3] != r.position]
    if moved or (deleted and created):
        # Above every old and every final position: moved rows at offset + final position,
        # deleted rows above those.
        offset = old_total + len(new) + 1
        for r in moved:
            r.position += offset
        for n, r in enumerate(deleted):
            r.position = 2 * offset + n
        # Temporary positions only, inside this transaction: no history for this step, the
        # final positions below get theirs.
        Sentence.objects.bulk_update(moved + deleted, ["position"], batch_size=500)
        for r in moved:
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
    if changed_rows:
        bulk_update_with_history(
            changed_rows,
            Sentence,
            SENTENCE_FIELDS,
            batch_size=500,
            default_user=actor,
            default_change_reason=reason,
            default_date=when,
        )
    if result.flags:
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
    result.deleted = deleted
    return result


def _as_pieces(rows: list[Sentence], originals: dict) -> list[Piece]:
    return [Piece(originals[r.pk][0], originals[r.pk][1], originals[r.pk][2]) for r in rows]


def _move_flag(flag: Flag, sentence, start, end, state, *, when) -> bool:
    """Apply a placement to `flag` in memory; True if anything changed."""
    sentence_id = sentence.pk if sentence is not None else None
    prefix, suffix = flag.prefix, flag.suffix
    if state == anchor.ATTACHED and start is not None:
        prefix, suffix = anchor.context_of(sentence.text, start, end)
    if (flag.sentence_id, flag.start, flag.end, flag.anchor, flag.prefix, flag.suffix) == (
        sentence_id,
        start,
        end,
        state,
        prefix,
        suffix,
    ):
        return False
    flag.sentence = sentence
    flag.start, flag.end, flag.anchor = start, end, state
    flag.prefix, flag.suffix = prefix, suffix
    flag.updated_at = when
    return True


def bump_version(article: Article, *, actor, reason: str, when: datetime) -> None:
    article.version += 1
    article._history_date = when
    save_tracked(article, actor=actor, reason=reason)


def rewrite_article(*, article: Article, text: str, actor, reason: str) -> Rewrite:
    """Make the article's text `text`, keeping unchanged sentences; inside a transaction that
    has locked `article`. Orphaned flags whose words come back are attached again."""
    reason = change_reason(reason)
    old = list(Sentence.objects.select_for_update().filter(article=article).order_by("position"))
    flags = list(Flag.objects.select_for_update().filter(article=article).order_by("pk"))
    on_sentences = [f for f in flags if f.sentence_id is not None]
    result = rewrite_run(
        article=article,
        old=old,
        new=pieces_of(text),
        later=[],
        paragraph_delta=0,
        actor=actor,
        reason=reason,
        flags=on_sentences,
    )
    # Orphaned flags: their words may be back (a revert, a re-import restoring a passage).
    full_text, offsets = _joined(result.sentences)
    returned = []
    for flag in flags:
        if flag.sentence_id is not None or flag.anchor != Flag.Anchor.ORPHANED or not flag.quote:
            continue
        placement = anchor.find(anchor.Quote(flag.quote, flag.prefix, flag.suffix), full_text)
        if placement.state != anchor.ATTACHED:
            continue
        i = anchor.segment_of(offsets, placement.start)
        row = result.sentences[i]
        start, end = placement.start - offsets[i], placement.end - offsets[i]
        if end > len(row.text):
            continue
        whole = (start, end) == (0, len(row.text))
        _move_flag(
            flag,
            row,
            None if whole else start,
            None if whole else end,
            anchor.ATTACHED,
            when=result.when,
        )
        returned.append(flag)
    if returned:
        bulk_update_with_history(
            returned,
            Flag,
            FLAG_FIELDS,
            default_user=actor,
            default_change_reason=f"re-anchored: {reason}"[:100],
            default_date=result.when,
        )
        result.flags.extend(returned)
    return result
