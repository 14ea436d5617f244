"""Highlights for the review page, built as data so the template escapes every character.

`highlight_segments` cuts a sentence at every flag boundary (review/text/spans.py); each piece
knows the flags that cover it, so overlapping flags both show (a piece under two flags
carries both colours).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from review.constants import COLOUR_PATTERN, DEFAULT_COLOUR
from review.text import spans

register = template.Library()


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of a sentence and the flags covering it, innermost first (spans.cut)."""

    text: str
    flags: tuple = ()
    whole: bool = False  # only whole-sentence flags (or flags shown on the whole sentence)
    outdated: bool = False  # a flag here was raised on words that have changed since

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
            + (" outdated" if self.outdated else "")
        )

    @property
    def ids(self) -> str:
        return " ".join(str(flag.pk) for flag in self.flags)

    @property
    def open(self) -> bool:
        return any(flag.status == "open" for flag in self.flags)

    @property
    def style(self) -> str:
        """CSS custom properties for the piece's colours (validated, never user text).

        The flags come innermost first, so a word-level flag's colour is the one painted on
        the words and a whole-sentence flag's the underline."""
        shown = [f for f in self.flags if f.status == "open"] or list(self.flags)
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
    """Cut `text` at the flags' boundaries, with the span rules every export uses
    (review/text/spans.py): a flag is painted where `spans.shown` says it is now, so an
    outdated flag whose span no longer fits covers the whole sentence, as in the exports,
    never a clamped part of it. Ties between equal spans go to the lower flag number."""
    marks = [
        spans.mark(text, flag.start, flag.end, getattr(flag, "quote", "") or "", flag)
        for flag in flags
    ]
    return [
        Segment(
            piece.text,
            piece.items,
            whole=piece.whole,
            outdated=any(m.state == spans.OUTDATED for m in piece.marks),
        )
        for piece in spans.cut(text, marks, order=_by_number)
    ]


def _by_number(m: spans.Mark) -> tuple:
    flag = m.item
    return (getattr(flag, "number", None) or 0, flag.pk or 0)


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
