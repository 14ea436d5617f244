"""Aligning a story's old sentences with its new ones, moves included.

`align(old, new)` pairs the sentence texts of two versions of a story (or of a run of it):

- **kept**: the same text in the same order;
- **moved**: the same text somewhere else (a moved paragraph is a move, never remove+add);
- **edited**: one old sentence became one new one with mostly the same words;
- **split** / **merged**: one old sentence became several consecutive new ones, or several
  consecutive old ones became one;
- **removed** / **added**: nothing on the other side resembles it.

Unchanged sentences always keep their identity, wherever they go, and an unrelated sentence
is never "changed into" another: edits, splits and merges need most words in common
(`SIMILAR`), and a sentence whose exact text exists on the other side is paired with it.

How it stays cheap on a long story: the common head and tail are skipped by comparing
strings; the rest is aligned on whole sentences by a patience diff (sentences unique on both
sides anchor it, the longest run of them in order, found in n log n; difflib only inside
short stretches without such anchors); exact texts left over are moves (a dictionary of
texts); only the gaps between matched sentences are compared word by word, with a banded
alignment, so the cost follows what changed, not the story's length
(benchmarks/bench_align.py).

review.text.placing then puts every flag in exactly one of the three states of
review.text.spans (attached on words equal to its quote, outdated, detached), never silently
on other words.

Pure: plain strings in, plain data out; no Django.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

KEPT, MOVED, EDITED, SPLIT, MERGED, REMOVED, ADDED = (
    "kept",
    "moved",
    "edited",
    "split",
    "merged",
    "removed",
    "added",
)

SIMILAR = 0.5  # share of words in common (Dice) for an edit, split or merge
SIMILAR_MOVED = 0.7  # stricter for an edited sentence that also moved elsewhere
MAX_PARTS = 3  # a sentence splits into (or merges from) at most this many
FULL_GAP = 2500  # gaps with at most this many old × new pairs are aligned exactly
BAND = 10  # larger gaps: cells this far from the diagonal are considered
MOVE_SEARCH = 20000  # most removed × added pairs compared to find moved-and-edited sentences

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Step:
    """What became of some old sentences: indices into the old and the new list.

    `moved` marks an edit whose sentence also changed place (found outside its gap).
    """

    kind: str
    old: tuple[int, ...]
    new: tuple[int, ...]
    moved: bool = False


@dataclass
class Alignment:
    """The steps of one revision, and who keeps whose identity.

    `source[j]` is the old index whose identity (its row, its flags, its history) new
    sentence j keeps, or None for a new sentence. Every old index not in `source` is
    removed (its row goes; its flags are placed elsewhere or detached).
    """

    steps: list[Step]
    old_count: int
    new_count: int
    source: list[int | None] = field(default_factory=list)

    @property
    def removed(self) -> list[int]:
        """Old indices whose identity ends here."""
        kept = {i for i in self.source if i is not None}
        return [i for i in range(self.old_count) if i not in kept]

    @property
    def added(self) -> list[int]:
        """New indices that need a new identity."""
        return [j for j, i in enumerate(self.source) if i is None]

    def target_of(self, old_index: int) -> int | None:
        """The new index that keeps old sentence `old_index`'s identity, if any."""
        return self._target.get(old_index)

    def __post_init__(self):
        self._target = {i: j for j, i in enumerate(self.source) if i is not None}

    def kind_of(self, kind: str) -> list[Step]:
        return [s for s in self.steps if s.kind == kind]

    def fresh(self) -> list[int]:
        """New indices whose text is new here (not kept or moved as it was)."""
        unchanged = {j for s in self.steps if s.kind in (KEPT, MOVED) for j in s.new}
        return [j for j in range(self.new_count) if j not in unchanged]


def _words(text: str) -> Counter:
    return Counter(w.lower() for w in _WORD.findall(text))


def _common(a: Counter, b: Counter) -> int:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(n, b[w]) for w, n in a.items() if w in b)


def _dice(a: Counter, b: Counter) -> tuple[int, float]:
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0, 0.0
    common = _common(a, b)
    return common, 2 * common / total


class _Words:
    """Word counts of sentences, computed once each."""

    def __init__(self, texts: Sequence[str]):
        self.texts = texts
        self._counts: dict[int, Counter] = {}
        self._sizes: dict[int, int] = {}

    def __getitem__(self, i: int) -> Counter:
        found = self._counts.get(i)
        if found is None:
            found = self._counts[i] = _words(self.texts[i])
            self._sizes[i] = sum(found.values())
        return found

    def size(self, indices: Sequence[int]) -> int:
        total = 0
        for i in indices:
            self[i]
            total += self._sizes[i]
        return total

    def of(self, indices: Sequence[int]) -> Counter:
        if len(indices) == 1:
            return self[indices[0]]
        total: Counter = Counter()
        for i in indices:
            total.update(self[i])
        return total


class _Pairs:
    """Scores of old sentences against new ones, the cheap refusals first."""

    def __init__(self, ow: _Words, nw: _Words):
        self.ow, self.nw = ow, nw
        self._common: dict[tuple[int, int], int] = {}

    def common(self, i: int, j: int) -> int:
        found = self._common.get((i, j))
        if found is None:
            found = self._common[(i, j)] = _common(self.ow[i], self.nw[j])
        return found

    def score(self, old_ix: Sequence[int], new_ix: Sequence[int]) -> float | None:
        """How well these old sentences became these new ones (words in common), or None
        when they are not similar enough to be one edit, split or merge."""
        a, b = self.ow.size(old_ix), self.nw.size(new_ix)
        if not a or not b or 2 * min(a, b) / (a + b) < SIMILAR:
            return None  # even sharing every word, their lengths differ too much
        # Every part of a split or merge shares words with the other side: an unrelated
        # sentence beside an edit is added or removed, not glued onto it.
        if len(new_ix) > 1 and not all(self.common(old_ix[0], j) for j in new_ix):
            return None
        if len(old_ix) > 1 and not all(self.common(i, new_ix[0]) for i in old_ix):
            return None
        if len(old_ix) == 1 and len(new_ix) == 1:
            common = self.common(old_ix[0], new_ix[0])
        else:
            common = _common(self.ow.of(old_ix), self.nw.of(new_ix))
        if 2 * common / (a + b) < SIMILAR:
            return None
        # A tiny penalty per extra part: with as many words in common, an edit beats a split.
        return common - 0.001 * (len(old_ix) + len(new_ix) - 2)


_SHAPES = (
    [(1, 1)] + [(1, k) for k in range(2, MAX_PARTS + 1)] + [(k, 1) for k in range(2, MAX_PARTS + 1)]
)


def _pair_gap(og: list[int], ng: list[int], pairs: _Pairs) -> list[Step]:
    """Edits, splits, merges, removals and additions between two runs of unmatched
    sentences, in order: a dynamic programme over the runs, banded when they are long."""
    k, m = len(og), len(ng)
    if not k or not m:
        return [Step(REMOVED, (i,), ()) for i in og] + [Step(ADDED, (), (j,)) for j in ng]
    width = m if k * m <= FULL_GAP else BAND + MAX_PARTS

    def columns(i: int) -> range:
        centre = i * m / k
        return range(max(0, int(centre - width)), min(m, int(centre + width) + 1) + 1)

    neg = float("-inf")
    best: dict[tuple[int, int], float] = {(0, 0): 0.0}
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    for i in range(k + 1):
        for j in columns(i):
            if i == 0 and j == 0:
                continue
            score, how = neg, None
            if i and best.get((i - 1, j), neg) > score:
                score, how = best[(i - 1, j)], (1, 0, False)
            if j and best.get((i, j - 1), neg) > score:
                score, how = best[(i, j - 1)], (0, 1, False)
            for a, b in _SHAPES:
                if i < a or j < b:
                    continue
                before = best.get((i - a, j - b), neg)
                if before == neg:
                    continue
                gain = pairs.score(og[i - a : i], ng[j - b : j])
                if gain is not None and before + gain > score:
                    score, how = before + gain, (a, b, True)
            if how is not None:
                best[(i, j)], back[(i, j)] = score, how
    steps: list[Step] = []
    i, j = k, m
    while (i, j) != (0, 0):
        a, b, paired = back[(i, j)]
        old_ix, new_ix = tuple(og[i - a : i]), tuple(ng[j - b : j])
        if not paired:
            steps.append(Step(REMOVED, old_ix, ()) if a else Step(ADDED, (), new_ix))
        elif a == b == 1:
            steps.append(Step(EDITED, old_ix, new_ix))
        else:
            steps.append(Step(SPLIT if b > 1 else MERGED, old_ix, new_ix))
        i, j = i - a, j - b
    steps.reverse()
    return steps


def _moved_edits(steps: list[Step], ow: _Words, nw: _Words) -> list[Step]:
    """Pair removed and added sentences that are the same sentence, moved and edited."""
    removed = [s.old[0] for s in steps if s.kind == REMOVED]
    added = [s.new[0] for s in steps if s.kind == ADDED]
    if not removed or not added or len(removed) * len(added) > MOVE_SEARCH:
        return steps
    candidates = []
    for i in removed:
        for j in added:
            common, dice = _dice(ow[i], nw[j])
            if dice >= SIMILAR_MOVED:
                candidates.append((-dice, -common, i, j))
    candidates.sort()
    paired_old: dict[int, int] = {}
    paired_new: set[int] = set()
    for _, _, i, j in candidates:
        if i not in paired_old and j not in paired_new:
            paired_old[i] = j
            paired_new.add(j)
    if not paired_old:
        return steps
    result = []
    for s in steps:
        if s.kind == REMOVED and s.old[0] in paired_old:
            result.append(Step(EDITED, s.old, (paired_old[s.old[0]],), moved=True))
        elif s.kind == ADDED and s.new[0] in paired_new:
            continue
        else:
            result.append(s)
    return result


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by their first item) whose second items increase
    (patience sorting, O(k log k))."""
    tops: list[int] = []  # per length, the smallest last second item seen
    ends: list[int] = []  # per length, the index in `pairs` of that end
    before: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect_left(tops, j)
        if at == len(tops):
            tops.append(j)
            ends.append(k)
        else:
            tops[at], ends[at] = j, k
        before[k] = ends[at - 1] if at else -1
    run, k = [], ends[-1] if ends else -1
    while k != -1:
        run.append(pairs[k])
        k = before[k]
    run.reverse()
    return run


def _spine(
    old: Sequence[str], new: Sequence[str], a0: int, a1: int, b0: int, b1: int
) -> list[tuple[int, int]]:
    """In-order pairs of identical sentences of old[a0:a1] and new[b0:b1] (a patience diff).

    Sentences whose text occurs once on each side anchor the alignment (the longest run of
    them in the same order); the stretches between anchors are aligned the same way, and a
    short stretch with no unique sentence by difflib. Each pass looks at every sentence of
    its stretch once, so a story costs about n log n, never n × changes.
    """
    found: list[tuple[int, int]] = []
    todo = [(a0, a1, b0, b1)]
    while todo:
        a0, a1, b0, b1 = todo.pop()
        while a0 < a1 and b0 < b1 and old[a0] == new[b0]:
            found.append((a0, b0))
            a0, b0 = a0 + 1, b0 + 1
        while a0 < a1 and b0 < b1 and old[a1 - 1] == new[b1 - 1]:
            a1, b1 = a1 - 1, b1 - 1
            found.append((a1, b1))
        if a0 >= a1 or b0 >= b1:
            continue
        in_old = Counter(old[a0:a1])
        in_new = Counter(new[b0:b1])
        where = {new[j]: j for j in range(b0, b1) if in_new[new[j]] == 1}
        unique = [
            (i, where[old[i]]) for i in range(a0, a1) if in_old[old[i]] == 1 and old[i] in where
        ]
        anchors = _increasing(unique)
        if anchors:
            found.extend(anchors)
            edges = [(a0 - 1, b0 - 1), *anchors, (a1, b1)]
            for (i, j), (k, m) in itertools.pairwise(edges):
                if i + 1 < k and j + 1 < m:
                    todo.append((i + 1, k, j + 1, m))
        elif (a1 - a0) * (b1 - b0) <= FULL_GAP:
            blocks = SequenceMatcher(None, old[a0:a1], new[b0:b1], autojunk=False)
            found.extend(
                (a0 + x + d, b0 + y + d)
                for x, y, size in blocks.get_matching_blocks()
                for d in range(size)
            )
    found.sort()
    return found


def align(old: Sequence[str], new: Sequence[str]) -> Alignment:
    """Align the old sentence texts with the new ones (see the module docstring)."""
    n, m = len(old), len(new)
    head = 0
    while head < n and head < m and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and old[n - 1 - tail] == new[m - 1 - tail]:
        tail += 1
    steps: list[Step] = [Step(KEPT, (i,), (i,)) for i in range(head)]

    old_mid, new_mid = range(head, n - tail), range(head, m - tail)
    spine = _spine(old, new, head, n - tail, head, m - tail)
    on_spine_old = {i for i, _ in spine}
    on_spine_new = {j for _, j in spine}
    # Identical texts off the spine are moves: the k-th leftover copy of a text in the old
    # version pairs with its k-th leftover copy in the new one.
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for i in old_mid:
        if i not in on_spine_old:
            waiting[old[i]].append(i)
    moved_new: dict[int, int] = {}
    for j in new_mid:
        if j not in on_spine_new and waiting.get(new[j]):
            moved_new[j] = waiting[new[j]].popleft()
    moved_old = set(moved_new.values())

    ow, nw = _Words(old), _Words(new)
    pairs = _Pairs(ow, nw)
    mid_steps: list[Step] = []
    prev_i, prev_j = head - 1, head - 1
    for i, j in [*spine, (n - tail, m - tail)]:
        if i > prev_i + 1 or j > prev_j + 1:
            og = [x for x in range(prev_i + 1, i) if x not in moved_old]
            ng = [y for y in range(prev_j + 1, j) if y not in moved_new]
            mid_steps.extend(_pair_gap(og, ng, pairs))
        if i < n - tail:
            mid_steps.append(Step(KEPT, (i,), (j,)))
        prev_i, prev_j = i, j
    mid_steps = _moved_edits(mid_steps, ow, nw)
    mid_steps.extend(Step(MOVED, (i,), (j,)) for j, i in moved_new.items())
    steps.extend(mid_steps)
    steps.extend(Step(KEPT, (n - tail + d,), (m - tail + d,)) for d in range(tail))
    if moved_new or any(s.moved for s in mid_steps):
        steps = _in_new_order(steps)

    source: list[int | None] = [None] * m
    for s in steps:
        if len(s.old) == 1 and len(s.new) == 1:
            source[s.new[0]] = s.old[0]
        elif s.old and s.new:
            i, j = _keeper(s, ow, nw)
            source[j] = i
    return Alignment(steps, n, m, source)


def _in_new_order(steps: list[Step]) -> list[Step]:
    """Steps in the new text's order, each removal right after what preceded it in place
    (moves are listed where they arrived and do not drag removals along)."""
    keyed, last = [], -1
    for n, step in enumerate(steps):
        if step.new:
            keyed.append(((step.new[0], 0, n), step))
            if step.kind != MOVED and not step.moved:
                last = step.new[-1]
        else:
            keyed.append(((last, 1, n), step))
    keyed.sort(key=lambda pair: pair[0])
    return [step for _, step in keyed]


def _keeper(step: Step, ow: _Words, nw: _Words) -> tuple[int, int] | None:
    """(old, new) of the pair that carries the identity through this step."""
    if not step.old or not step.new:
        return None
    if len(step.old) == 1 and len(step.new) == 1:
        return step.old[0], step.new[0]
    if len(step.old) == 1:  # split: the piece with most of the old words keeps the row
        i = step.old[0]
        return i, max(step.new, key=lambda j: (_common(ow[i], nw[j]), -j))
    j = step.new[0]  # merge: the old sentence with most of the new words keeps the row
    return max(step.old, key=lambda i: (_common(ow[i], nw[j]), -i)), j
