"""Spelling neighbours (one or two edits apart) without comparing every pair of words.

Two words one edit apart (a letter changed, added, dropped or two neighbours swapped)
always share a "deletion key": the word itself or the word with one letter removed; two
edits apart, a key with up to two letters removed ("Reilly" and "Riley" share "Riley").
An index from keys to words turns the search into a few dictionary look-ups per word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator

MAX_WORD = 40  # longer "names" are not names; they are not indexed


def deletion_keys(word: str, depth: int = 1) -> Iterator[str]:
    yield word
    if depth >= 1:
        for i in range(len(word)):
            shorter = word[:i] + word[i + 1 :]
            yield shorter
            if depth >= 2:
                for j in range(i, len(shorter)):
                    yield shorter[:j] + shorter[j + 1 :]


def distance(a: str, b: str, limit: int = 2) -> int:
    """Edits (substitution, insertion, deletion, swap of neighbours) from a to b, or
    limit + 1 when there are more than `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cost = 0 if x == y else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def one_edit(a: str, b: str) -> bool:
    """True when a and b differ by exactly one edit (substitution, insertion, deletion or
    transposition of two adjacent letters)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


class NeighbourIndex:
    """Words → values, queried for the values of words one (or two) edits from a word."""

    def __init__(self) -> None:
        self._keys: dict[str, set[str]] = defaultdict(set)
        self._values: dict[str, set[Hashable]] = defaultdict(set)

    def add(self, word: str, value: Hashable) -> None:
        if word not in self._values and len(word) <= MAX_WORD:
            for key in deletion_keys(word.casefold(), 2):
                self._keys[key].add(word)
        self._values[word].add(value)

    def exact(self, word: str) -> set[Hashable]:
        return self._values.get(word, set())

    def near(self, word: str) -> dict[str, set[Hashable]]:
        """Indexed words one edit from `word` (not `word` itself), with their values."""
        folded = word.casefold()
        seen: set[str] = set()
        if len(word) > MAX_WORD:
            return {}
        for key in deletion_keys(folded):
            seen.update(self._keys.get(key, ()))
        return {
            other: self._values[other]
            for other in seen
            if other != word and one_edit(other.casefold(), folded)
        }

    def near2(self, word: str) -> dict[str, set[Hashable]]:
        """Indexed words exactly two edits from `word`."""
        folded = word.casefold()
        if len(word) > MAX_WORD:
            return {}
        seen: set[str] = set()
        for key in deletion_keys(folded, 2):
            seen.update(self._keys.get(key, ()))
        return {
            other: self._values[other]
            for other in seen
            if other != word and distance(other.casefold(), folded) == 2
        }
