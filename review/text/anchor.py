"""Flags follow their words: find a flagged quote again after the text around it changed.

A flag remembers the exact words it was raised on (`exact`), a little text on either side
(`prefix`, `suffix`) and where they were (`start`, `end`). After an edit, `reanchor` says where
the words are now:

- **attached**: the same words were found, at the place the edit moved them to or, if they
  left that place, at the occurrence whose surroundings best match the prefix and suffix
  (ties go to the occurrence nearest the old position);
- **outdated**: the words at that place were changed; the new span is where they went, and
  the flag keeps its original quote so readers see what it was about;
- **orphaned**: the words were deleted and appear nowhere else.

Pure: plain strings in, plain data out; no Django.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from review.text import spans
from review.text.spans import CONTEXT, context_of  # noqa: F401  (re-exported; home: spans)

ATTACHED, OUTDATED, ORPHANED = spans.ATTACHED, spans.OUTDATED, spans.DETACHED

_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
_MAX_CANDIDATES = 5000


@dataclass(frozen=True)
class Quote:
    """What a flag knows about its words; `start`/`end` are offsets in the old text."""

    exact: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Placement:
    state: str
    start: int | None = None
    end: int | None = None

    @property
    def attached(self) -> bool:
        return self.state == ATTACHED


ORPHAN = Placement(ORPHANED)


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TOKEN.finditer(text)]


class TextMap:
    """Maps offsets in an old text to the new text through a word-level diff."""

    def __init__(self, old: str, new: str):
        self.old, self.new = old, new
        self.a, self.b = _spans(old), _spans(new)
        self._a_starts = [s for s, _ in self.a]
        matcher = SequenceMatcher(
            None,
            [old[s:e] for s, e in self.a],
            [new[s:e] for s, e in self.b],
            autojunk=False,
        )
        # One entry per old token: (tag, i1, j1, j2) of the opcode holding it.
        self._op_of: list[tuple[str, int, int, int]] = [("equal", 0, 0, 0)] * len(self.a)
        self._inserts: list[tuple[int, int, int]] = []  # (old index before, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "insert":
                self._inserts.append((i1, j1, j2))
            for i in range(i1, i2):
                self._op_of[i] = (tag, i1, j1, j2)

    def _token_at(self, pos: int) -> int:
        """Index of the old token containing `pos` (the last one for pos == len(old))."""
        return max(0, bisect_right(self._a_starts, pos) - 1)

    def _new_span_of_token(self, i: int) -> tuple[int, int] | None:
        tag, i1, j1, j2 = self._op_of[i]
        if tag == "equal":
            return self.b[j1 + (i - i1)]
        if tag == "replace" and j2 > j1:
            return self.b[j1][0], self.b[j2 - 1][1]
        return None

    def map_point(self, pos: int) -> int:
        """Where old offset `pos` is in the new text (approximately, for changed words)."""
        if not self.a:
            return 0
        i = self._token_at(pos)
        tag, i1, j1, _ = self._op_of[i]
        if tag == "equal":
            s = self.b[j1 + (i - i1)][0]
            return min(s + (pos - self.a[i][0]), len(self.new))
        if j1 < len(self.b):
            return self.b[j1][0]
        return len(self.new)

    def map_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The new span of old `[start, end)`, or None when every word in it was deleted."""
        if not self.a or start >= len(self.old):
            return None
        first = self._token_at(start)
        last = self._token_at(max(start, end - 1))
        spans = []
        for i in range(first, last + 1):
            span = self._new_span_of_token(i)
            if span is None:
                continue
            tag = self._op_of[i][0]
            s, e = span
            if tag == "equal":
                a_s, a_e = self.a[i]
                s += max(0, start - a_s)
                e -= max(0, a_e - end)
            spans.append((s, e))
        if not spans:
            return None
        s, e = min(s for s, _ in spans), max(e for _, e in spans)
        if not self.new[s:e].strip():
            return None
        return s, e


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def context_score(quote: Quote, text: str, start: int) -> int:
    """How many characters of the stored prefix and suffix surround `text[start:]`."""
    end = start + len(quote.exact)
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return _common_suffix(quote.prefix, before) + _common_prefix(quote.suffix, after)


def occurrences(exact: str, text: str) -> list[int]:
    found, i = [], text.find(exact)
    while i != -1 and len(found) < _MAX_CANDIDATES:
        found.append(i)
        i = text.find(exact, i + 1)
    return found


def locate(quote: Quote, text: str, *, near: int | None = None) -> tuple[int, int] | None:
    """The best occurrence of the quote in `text` as (start, context score), or None.

    Best = most prefix/suffix characters matching, then nearest to `near`, then first.
    """
    if not quote.exact:
        return None
    best: tuple[tuple[int, int, int], int, int] | None = None
    for start in occurrences(quote.exact, text):
        score = context_score(quote, text, start)
        key = (-score, abs(start - near) if near is not None else 0, start)
        if best is None or key < best[0]:
            best = (key, start, score)
    return None if best is None else (best[1], best[2])


def _enough_context(quote: Quote) -> int:
    """Context a distant occurrence needs before a flag jumps to it from changed words."""
    wanted = len(quote.prefix) + len(quote.suffix)
    return max(1, (wanted + 1) // 2) if wanted else 0


def reanchor(
    quote: Quote, old_text: str, new_text: str, *, text_map: TextMap | None = None
) -> Placement:
    """Where the flagged words of `old_text` are in `new_text` (see the module docstring)."""
    if quote.start is None or quote.end is None:
        return find(quote, new_text)
    text_map = text_map or TextMap(old_text, new_text)
    mapped = text_map.map_range(quote.start, quote.end)
    if mapped and new_text[mapped[0] : mapped[1]] == quote.exact:
        return Placement(ATTACHED, *mapped)
    if mapped is None and quote.start == quote.end:
        point = text_map.map_point(quote.start)
        return Placement(ATTACHED, point, point)
    near = mapped[0] if mapped else text_map.map_point(quote.start)
    found = locate(quote, new_text, near=near)
    if found is not None:
        start, score = found
        if mapped is None or score >= _enough_context(quote):
            return Placement(ATTACHED, start, start + len(quote.exact))
    if mapped is not None:
        return Placement(OUTDATED, *mapped)
    return ORPHAN


def find(quote: Quote, text: str) -> Placement:
    """Search all of `text` for words whose old place is unknown or gone.

    Stricter than `reanchor`: the whole stored prefix and suffix must match, so a flag never
    jumps to an unrelated occurrence of a common word.
    """
    found = locate(quote, text)
    if found is None:
        return ORPHAN
    start, score = found
    if score < len(quote.prefix) + len(quote.suffix):
        return ORPHAN
    return Placement(ATTACHED, start, start + len(quote.exact))


def segment_of(offsets: list[int], pos: int) -> int:
    """Index of the piece (given by sorted start offsets) that holds position `pos`."""
    return max(0, bisect_right(offsets, pos) - 1)


def clamp_to(start: int, end: int, piece_start: int, piece_end: int) -> tuple[int, int]:
    """`start`/`end` squeezed into [piece_start, piece_end] (see spans.clamp)."""
    s, e = spans.clamp_length(piece_end - piece_start, start - piece_start, end - piece_start)
    return piece_start + s, piece_start + e
