"""Grouping a story's sentences into paragraphs: the one place it is written.

Sentences come in position order, each knowing its paragraph's number; a paragraph is a run
of consecutive sentences with the same number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import groupby
from operator import attrgetter

_PARAGRAPH = attrgetter("paragraph")


def by_paragraph[T](items: Iterable[T], key: Callable[[T], object] = _PARAGRAPH) -> list[list[T]]:
    """`items` (in order) in runs of the same paragraph; `key` reads an item's paragraph."""
    return [list(run) for _, run in groupby(items, key=key)]
