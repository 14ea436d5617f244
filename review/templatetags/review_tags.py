"""Highlights for the review page, built as data so the template escapes every character.

`highlight_segments` cuts a sentence at every flag boundary; each piece knows the flags that
cover it, so overlapping flags both show (a piece under two flags carries both colours).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django import template

from review.constants import COLOUR_PATTERN, DEFAULT_COLOUR

register = template.Library()


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    flags: tuple = ()

    @property
    def marked(self) -> bool:
        return bool(self.flags)

    @property
    def css(self) -> str:
        return (
            "hl"
            + ("" if self.open else " closed")
            + (" overlap" if self.overlap else "")
            + (" whole" if self.whole else "")
        )

    @property
    def whole(self) -> bool:
        """Only whole-sentence flags cover this piece: it gets an underline, not a fill, so
        the words a flag names exactly stay the ones that stand out."""
        return all(flag.start is None for flag in self.flags)

    @property
    def ids(self) -> str:
        return " ".join(str(flag.pk) for flag in self.flags)

    @property
    def open(self) -> bool:
        return any(flag.status == "open" for flag in self.flags)

    @property
    def style(self) -> str:
        """CSS custom properties for the piece's colours (validated, never user text)."""
        open_flags = [f for f in self.flags if f.status == "open"] or list(self.flags)
        # Word-level flags first: their colour is the one painted on the words.
        shown = sorted(open_flags, key=lambda f: f.start is None)
        colours = [safe_colour(f.kind.colour) for f in shown[:2]]
        style = f"--hl:{colours[0]}"
        if len(colours) > 1:
            style += f";--hl2:{colours[1]}"
        return style

    @property
    def title(self) -> str:
        return "; ".join(f"{flag.kind.name} ({flag.get_status_display()})" for flag in self.flags)

    @property
    def overlap(self) -> bool:
        return len(self.flags) > 1


def safe_colour(value: str) -> str:
    return value if COLOUR_PATTERN.fullmatch(value or "") else DEFAULT_COLOUR


def highlight_segments(text: str, flags) -> list[Segment]:
    """Split `text` into pieces at the flags' start/end; a flag without a span covers it all.

    Spans are clamped to the text (a flag may outlive an edit that shortened its sentence).
    """
    length = len(text)
    spans = []
    for flag in flags:
        start = 0 if flag.start is None else min(flag.start, length)
        end = length if flag.end is None else min(flag.end, length)
        if start < end:
            spans.append((start, end, flag))
    if not spans:
        return [Segment(text)] if text else []
    cuts = sorted({0, length, *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces = []
    for lo, hi in itertools.pairwise(cuts):
        covering = tuple(flag for s, e, flag in spans if s <= lo and hi <= e)
        pieces.append(Segment(text[lo:hi], covering))
    return pieces


@register.filter
def colour(kind) -> str:
    return safe_colour(getattr(kind, "colour", ""))


@register.filter
def get(mapping, key):
    """{{ counts|get:status }}: a dict lookup by a variable key."""
    try:
        return mapping.get(key, "")
    except AttributeError:
        return ""
