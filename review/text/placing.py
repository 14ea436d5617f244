"""Placing flags after a revision: every flag on words equal to its quote, outdated, or
detached, never silently on other words.

`place(old, new, alignment, flags)` takes the sentence texts before and after, the
alignment of review.text.align, and each flag as it was (`FlagAt`); it returns where each
one is now (`Placed`), in exactly one of the three states of review.text.spans.

Pure: plain strings in, plain data out; no Django.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, replace

from review.text import anchor, spans
from review.text.align import KEPT, MOVED, Alignment, Step

JOIN = " "  # between sentences of a block when a split or merge is mapped as one text


@dataclass(frozen=True, slots=True)
class FlagAt:
    """A flag as it was: on old sentence `sentence` (None: already detached)."""

    key: Hashable
    sentence: int | None
    start: int | None
    end: int | None
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a flag is now: on new sentence `sentence` (None: detached), in `state`.

    `prefix`/`suffix` are the context to store: fresh around the words when attached, the
    old ones otherwise (so the words can still be recognised if they come back).
    """

    key: Hashable
    state: str
    sentence: int | None
    start: int | None
    end: int | None
    prefix: str
    suffix: str


def _block(texts: Sequence[str], indices: Sequence[int]) -> tuple[str, list[int]]:
    offsets, at = [], 0
    for i in indices:
        offsets.append(at)
        at += len(texts[i]) + len(JOIN)
    return JOIN.join(texts[i] for i in indices), offsets


def _settle(flag: FlagAt, text: str, index: int, start: int | None, end: int | None) -> Placed:
    """The final state of a flag put on new sentence `index` at [start, end) (None: whole)."""
    if start is not None and end is not None:
        start, end = spans.clamp(text, start, end)
        if start == end:
            start = end = None  # nothing of the words is left here: the whole sentence
    if flag.start is None or flag.end is None:
        start = end = None  # a whole-sentence flag stays on the whole sentence
    state = spans.state_of(text, start, end, flag.quote)
    if state == spans.ATTACHED and start is not None:
        prefix, suffix = spans.context_of(text, start, end)
    else:
        prefix, suffix = flag.prefix, flag.suffix
    return Placed(flag.key, state, index, start, end, prefix, suffix)


def _detached(flag: FlagAt) -> Placed:
    return Placed(flag.key, spans.DETACHED, None, None, None, flag.prefix, flag.suffix)


class _Fresh:
    """The new sentences with new text, searched for words that came back."""

    def __init__(self, new: Sequence[str], indices: list[int]):
        self.new, self.indices = new, indices
        self.by_text: dict[str, int] = {}
        for j in indices:
            self.by_text.setdefault(new[j], j)
        self.text, self.offsets = _block(new, indices)

    def find(self, flag: FlagAt) -> Placed | None:
        if not self.indices or not flag.quote:
            return None
        if flag.start is None or flag.end is None:
            j = self.by_text.get(flag.quote)
            if j is not None:
                return _settle(flag, self.new[j], j, None, None)
            if flag.sentence is not None:
                return None
            # A detached flag keeps no span (its sentence is gone), so it may have been on
            # words: look for them as words, and keep it whole if they fill a sentence.
            words = replace(flag, start=0, end=len(flag.quote))
            placed = self._words(words)
            if placed is not None and (placed.start, placed.end) == (
                0,
                len(self.new[placed.sentence]),
            ):
                return _settle(flag, self.new[placed.sentence], placed.sentence, None, None)
            return placed
        return self._words(flag)

    def _words(self, flag: FlagAt) -> Placed | None:
        quote = anchor.Quote(flag.quote, flag.prefix, flag.suffix)
        at = 0
        while (hit := self.text.find(flag.quote, at)) != -1:
            k = bisect_right(self.offsets, hit) - 1
            j, base = self.indices[k], self.offsets[k]
            text = self.new[j]
            start = hit - base
            if start + len(flag.quote) <= len(text):
                placement = anchor.find(quote, text)
                if placement.attached:
                    return _settle(flag, text, j, placement.start, placement.end)
            at = base + len(text) + len(JOIN)
        return None


def place(
    old: Sequence[str], new: Sequence[str], alignment: Alignment, flags: Iterable[FlagAt]
) -> list[Placed]:
    """Where each flag is after the revision `alignment` describes, in exactly one state.

    - On a kept or moved sentence a flag keeps its span; its state is read from the text.
    - On an edited, split or merged sentence its words are followed through a word diff
      (review.text.anchor): attached where they are found unchanged, else outdated over the
      words that replaced them (the whole sentence if nothing of them is left there).
    - On a removed sentence, and for flags already detached, the words are looked for in the
      sentences with new text, with their whole stored context; found, the flag is attached
      there; else it is detached.
    """
    by_step: dict[int, Step] = {}
    for s in alignment.steps:
        for i in s.old:
            by_step[i] = s
    fresh: _Fresh | None = None
    result: list[Placed] = []
    for flag in flags:
        placed = None
        step = by_step.get(flag.sentence) if flag.sentence is not None else None
        if step is not None and step.kind in (KEPT, MOVED):
            j = step.new[0]
            placed = _settle(flag, new[j], j, flag.start, flag.end)
        elif step is not None and step.new:
            placed = _follow(flag, step, old, new, alignment)
        if placed is None:
            if fresh is None:
                fresh = _Fresh(new, alignment.fresh())
            placed = fresh.find(flag) or _detached(flag)
        result.append(placed)
    return result


def _follow(
    flag: FlagAt, step: Step, old: Sequence[str], new: Sequence[str], alignment: Alignment
) -> Placed | None:
    """A flag through an edit, split or merge; None when its words were deleted."""
    assert flag.sentence is not None
    old_text, old_offsets = _block(old, step.old)
    new_text, new_offsets = _block(new, step.new)
    base = old_offsets[step.old.index(flag.sentence)]
    own = old[flag.sentence]
    if flag.start is None or flag.end is None:
        # A whole-sentence flag follows its sentence's identity (or where its text went).
        j = alignment.target_of(flag.sentence)
        if j is None:
            placement = anchor.reanchor(
                anchor.Quote(own, "", "", base, base + len(own)), old_text, new_text
            )
            if placement.state == anchor.ORPHANED:
                return None
            j = step.new[bisect_right(new_offsets, placement.start) - 1]
        return _settle(flag, new[j], j, None, None)
    lo, hi = spans.clamp(own, flag.start, flag.end)
    if lo == hi:
        lo, hi = 0, len(own)  # a stored span that no longer fits: follow the whole sentence
    quote = anchor.Quote(flag.quote, flag.prefix, flag.suffix, base + lo, base + hi)
    placement = anchor.reanchor(quote, old_text, new_text)
    if placement.state == anchor.ORPHANED:
        return None
    k = bisect_right(new_offsets, placement.start) - 1
    j, at = step.new[k], new_offsets[k]
    return _settle(flag, new[j], j, placement.start - at, placement.end - at)
