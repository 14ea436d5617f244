"""Every rule about a flag's span and its sentence, in one place.

A flag sits on a sentence: on the whole of it (`start` and `end` both None) or on the
characters `text[start:end]` (Python string indices, i.e. Unicode code points, as the review
page's script counts them). It remembers the words it was raised on (`quote`) and up to
`CONTEXT` characters either side (`prefix`, `suffix`) to find them again after an edit.

After any change a flag is in exactly one of three states:

- **attached**: its sentence's text at its span equals its quote (a whole-sentence flag:
  the sentence's text equals it);
- **outdated**: its words changed; the span says where they went (or the whole sentence
  when nothing of it is left), and readers are shown the original words;
- **detached** (stored as "orphaned"): its sentence is gone.

The state is worked out from the text (`state_of`), never trusted from a stored field, so a
page or an export can never show a flag silently sitting on other words. Pages, history,
exports and services all ask this module: whether a span fits its sentence (`fits`,
`check_new`, `stored_span_problem`), what a flag quotes (`quote_of`), where it is shown
(`shown`), how a sentence is cut at flag boundaries for highlighting (`cut`), and the
context kept around a quote (`context_of`).

Pure: plain strings and numbers in, plain data out; no Django.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

# The values are Flag.Anchor's, so a state can be stored as it is.
ATTACHED, OUTDATED, DETACHED = "attached", "outdated", "orphaned"
STATES = (ATTACHED, OUTDATED, DETACHED)

CONTEXT = 32  # characters of prefix and suffix a flag keeps: enough to tell two quotes apart


class SpanError(ValueError):
    """A span a person asked for that cannot be flagged; `code` names the problem.

    The message is a sentence for the person (services turn it into a ValidationError).
    """

    def __init__(self, message: str, code: str = "span"):
        super().__init__(message)
        self.message = message
        self.code = code


def is_whole(start: int | None, end: int | None) -> bool:
    """No span: the flag is on the whole sentence."""
    return start is None and end is None


def fits(text: str, start: int | None, end: int | None) -> bool:
    """Whether a span names words of `text`: the whole sentence, or 0 <= start < end <= len.

    A half-given span (one end None) never fits; nor does an empty one.
    """
    if is_whole(start, end):
        return True
    if start is None or end is None:
        return False
    return 0 <= start < end <= len(text)


def clamp(text: str, start: int, end: int) -> tuple[int, int]:
    """The span squeezed into `text` (start <= end, both within 0..len)."""
    return clamp_length(len(text), start, end)


def clamp_length(length: int, start: int, end: int) -> tuple[int, int]:
    lo = min(max(start, 0), length)
    hi = min(max(end, lo), length)
    return lo, hi


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the spaces at either end (the page's script trims the same way)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def check_new(text: str, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """The span a new flag on `text` gets, or SpanError saying what to do.

    Both ends or neither; inside the sentence; some words, not just spaces (the spaces at
    either end are dropped); a span covering the whole sentence is the whole sentence
    (None, None), so "flag the sentence" has one form.
    """
    if is_whole(start, end):
        return None, None
    if start is None or end is None:
        raise SpanError("Give both the start and the end of the words.")
    if not 0 <= start < end <= len(text):
        raise SpanError(
            f"The selected words are not inside this sentence (it has {len(text)} "
            "characters); select the words again."
        )
    start, end = trim(text, start, end)
    if start == end:
        raise SpanError("Select some words, not just spaces.")
    if (start, end) == (0, len(text)):
        return None, None
    return start, end


def requested(
    text: str, start: int | None, end: int | None
) -> tuple[int | None, int | None] | None:
    """A span asked for in a URL or form, normalised like `check_new`, or None if it cannot
    be flagged (the flag form then says so instead of quietly quoting the whole sentence)."""
    try:
        return check_new(text, start, end)
    except SpanError:
        return None


def quote_of(text: str, start: int | None, end: int | None) -> str:
    """The words a flag on this span quotes: `text[start:end]`, or all of `text`."""
    if start is None or end is None:
        return text
    return text[start:end]


def context_of(
    text: str, start: int | None, end: int | None, size: int = CONTEXT
) -> tuple[str, str]:
    """The prefix and suffix kept around `text[start:end]` (none for a whole-sentence flag).

    `text` may be a sentence (what flags store) or a whole article (what the annotation
    export's TextQuoteSelector carries); the rule is the same.
    """
    if start is None or end is None:
        return "", ""
    return text[max(0, start - size) : start], text[end : end + size]


def state_of(text: str | None, start: int | None, end: int | None, quote: str) -> str:
    """Which of the three states a flag is in, worked out from its sentence's text now.

    `text` None means its sentence is gone. A whole-sentence flag with no quote recorded
    (a legacy row) is attached to its sentence whatever it says.
    """
    if text is None:
        return DETACHED
    if is_whole(start, end):
        return ATTACHED if not quote or text == quote else OUTDATED
    if fits(text, start, end) and text[start:end] == quote:
        return ATTACHED
    return OUTDATED


def stored_span_problem(
    text: str | None, start: int | None, end: int | None, state: str
) -> str | None:
    """What is wrong with a span as stored on a flag, or None.

    "half": one end given without the other; "order": negative or reversed, or empty while
    the flag claims to be attached; "outside": an attached flag's span leaves its sentence.
    An outdated flag's span only says where its words were: it may be empty or no longer
    fit (`shown` then falls back to the whole sentence), so editors can still close it.
    """
    if is_whole(start, end):
        return None
    if start is None or end is None:
        return "half"
    attached = state == ATTACHED
    if start < 0 or start > end or (attached and start == end):
        return "order"
    if attached and text is not None and end > len(text):
        return "outside"
    return None


@dataclass(frozen=True, slots=True)
class Shown:
    """Where a flag is shown on its sentence now, and in which state.

    `start`/`end` are within the sentence: the flag's own span when it fits, else the whole
    sentence (`whole` True). A detached flag is shown nowhere (`start` and `end` None).
    """

    state: str
    start: int | None
    end: int | None
    whole: bool

    @property
    def visible(self) -> bool:
        return self.start is not None


def shown(text: str | None, start: int | None, end: int | None, quote: str) -> Shown:
    """The one answer to "which words does this flag cover now?" for pages and exports.

    Attached: its span (or the sentence). Outdated: the span where its words went if it still
    names words of the sentence, else the whole sentence; either way marked outdated, with
    the original words (`quote`) shown beside it. Detached: nowhere.
    """
    state = state_of(text, start, end, quote)
    if state == DETACHED or text is None:
        return Shown(DETACHED, None, None, False)
    if not is_whole(start, end) and fits(text, start, end):
        return Shown(state, start, end, False)
    return Shown(state, 0, len(text), True)


@dataclass(frozen=True, slots=True)
class Mark:
    """A flag to paint on a text: `item` is whatever the caller needs back (a flag, an id).

    `whole` marks a whole-sentence flag, painted under word-level ones (an underline, not a
    fill) and never the innermost where a word flag covers the same words.
    """

    start: int
    end: int
    item: object
    whole: bool = False
    state: str = ATTACHED

    @property
    def length(self) -> int:
        return self.end - self.start


def mark(
    text: str | None, start: int | None, end: int | None, quote: str, item: object, *, base=0
) -> Mark | None:
    """The Mark of a flag on `text` (offsets shifted by `base`), or None when not shown."""
    where = shown(text, start, end, quote)
    if not where.visible or where.start == where.end:
        return None
    return Mark(base + where.start, base + where.end, item, where.whole, where.state)


def innermost_key(m: Mark) -> tuple:
    """Sort key, innermost first: word flags before whole-sentence ones, then the fewest
    characters covered, then the one starting last (nested inside the others)."""
    return (m.whole, m.length, -m.start)


@dataclass(frozen=True, slots=True)
class Cut:
    """A stretch of text covered by the same marks (maybe none), innermost first."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def items(self) -> tuple:
        return tuple(m.item for m in self.marks)

    @property
    def whole(self) -> bool:
        """Only whole-sentence flags cover this stretch."""
        return bool(self.marks) and all(m.whole for m in self.marks)


def cut(
    text: str,
    marks: Iterable[Mark | None],
    *,
    base: int = 0,
    order: Callable[[Mark], Hashable] | None = None,
) -> list[Cut]:
    """Cut `text` wherever a mark starts or ends; each piece lists the marks covering it.

    `text` starts at offset `base` of whatever the marks count in (0 for a sentence, the
    paragraph's offset for an export's paragraph). Marks reaching outside `text` are clipped
    to it; empty ones are dropped. Pieces rebuild `text` exactly. Overlapping and nested
    marks all survive: each piece lists its marks innermost first (`innermost_key`), ties
    broken by `order` (default: the order the marks came in), so every page and export
    paints and opens the same flag.
    """
    end_of_text = base + len(text)
    given = [m for m in marks if m is not None]
    rank = {id(m): i for i, m in enumerate(given)}
    tie = order or (lambda m: rank[id(m)])
    inside = []
    for m in given:
        lo, hi = max(m.start, base), min(m.end, end_of_text)
        if lo < hi:
            inside.append((lo, hi, m))
    if not inside:
        return [Cut(base, end_of_text, text)] if text else []
    inside.sort(key=lambda t: (innermost_key(t[2]), tie(t[2])))
    bounds = sorted({base, end_of_text, *(lo for lo, _, _ in inside), *(hi for _, hi, _ in inside)})
    pieces = []
    for lo, hi in itertools.pairwise(bounds):
        covering = tuple(m for s, e, m in inside if s <= lo and hi <= e)
        pieces.append(Cut(lo, hi, text[lo - base : hi - base], covering))
    return pieces


def innermost_at(marks: Iterable[Mark | None], pos: int) -> list[Mark]:
    """The marks covering character `pos`, innermost first: what a click there opens.

    A click opens the first word-level mark; several word-level marks with the same
    footprint, or more than one overlapping, call for a chooser. Whole-sentence marks never
    take a click from the sentence (it raises a new flag instead).
    """
    found = [m for m in marks if m is not None and m.start <= pos < m.end]
    return sorted(found, key=innermost_key)
