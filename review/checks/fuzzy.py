"""One-edit spelling neighbours without comparing every pair of words.

Two words one edit apart (a letter changed, added, dropped or two neighbours swapped)
always share a "deletion key": the word itself or the word with one letter removed. An
index from keys to words turns the search into a few dictionary look-ups per word.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterator


def deletion_keys(word: str) -> Iterator[str]:
    yield word
    for i in range(len(word)):
        yield word[:i] + word[i + 1 :]


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
    """Words → values, queried for the values of words one edit from a given word."""

    def __init__(self) -> None:
        self._keys: dict[str, set[str]] = defaultdict(set)
        self._values: dict[str, set[Hashable]] = defaultdict(set)

    def add(self, word: str, value: Hashable) -> None:
        if word not in self._values:
            for key in deletion_keys(word.casefold()):
                self._keys[key].add(word)
        self._values[word].add(value)

    def exact(self, word: str) -> set[Hashable]:
        return self._values.get(word, set())

    def near(self, word: str) -> dict[str, set[Hashable]]:
        """Indexed words one edit from `word` (not `word` itself), with their values."""
        folded = word.casefold()
        seen: set[str] = set()
        for key in deletion_keys(folded):
            seen.update(self._keys.get(key, ()))
        return {
            other: self._values[other]
            for other in seen
            if other != word and one_edit(other.casefold(), folded)
        }
