"""What the formats share: cutting a paragraph at flag boundaries, and the words for a flag."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from review.constants import COLOUR_PATTERN, DEFAULT_COLOUR, DESK_CHECKER, ORIGIN_CHECK_PREFIX
from review.exports.data import (
    SEVERITY_LABELS,
    STATUS_LABELS,
    ExportArticle,
    ExportFlag,
    ExportParagraph,
    label,
)
from review.text import spans


@dataclass(frozen=True)
class Piece:
    """A stretch of a paragraph that the same set of flags covers (maybe none)."""

    text: str
    start: int  # absolute offsets in the article's current text
    end: int
    flag_ids: tuple[int, ...]  # the flags covering it, innermost first


def paragraph_span(paragraph: ExportParagraph) -> tuple[int, int]:
    """Where a paragraph's words start and end; the break after its last sentence is left out."""
    first, last = paragraph.sentences[0], paragraph.sentences[-1]
    return first.offset, last.offset + len(last.text)


def paragraph_pieces(
    article: ExportArticle,
    paragraph: ExportParagraph,
    flags: list[ExportFlag],
    order: dict[int, int],
) -> list[Piece]:
    """Cut a paragraph wherever one of its `flags` starts or ends, so each covers whole pieces.

    The cut is review.text.spans's, the page's own: pieces list their flags innermost first
    (word flags before whole-sentence ones), ties broken by `order` (flag id → its number),
    so overlapping flags all survive and every format colours the flag the page opens.
    """
    p_start, p_end = paragraph_span(paragraph)
    marks = [
        spans.Mark(f.abs_start, f.abs_end, f.id, whole=f.whole)
        for f in flags
        if p_start <= f.abs_start and f.abs_end <= p_end
    ]
    text = article.text[p_start:p_end]
    cuts = spans.cut(text, marks, base=p_start, order=lambda m: order.get(m.item, 0))
    return [Piece(c.text, c.start, c.end, c.items) for c in cuts]


def pieces_by_paragraph(article: ExportArticle) -> list[tuple[ExportParagraph, list[Piece]]]:
    """Every paragraph with its pieces; flags are grouped by paragraph first so a long story
    with many flags stays linear."""
    order = {flag.id: number for number, flag in article.numbered()}
    paragraph_of = {s.position: p.index for p in article.paragraphs for s in p.sentences}
    grouped: dict[int, list[ExportFlag]] = {}
    for flag in article.attached_flags:
        grouped.setdefault(paragraph_of.get(flag.sentence_position, -1), []).append(flag)
    return [
        (paragraph, paragraph_pieces(article, paragraph, grouped.get(paragraph.index, []), order))
        for paragraph in article.paragraphs
    ]


def colour_of(flag: ExportFlag) -> str:
    """The kind's colour as #rrggbb; anything else (admins type it) falls back to amber."""
    colour = flag.kind_colour or ""
    return colour.lower() if COLOUR_PATTERN.fullmatch(colour) else DEFAULT_COLOUR


def headline(flag: ExportFlag) -> str:
    """ "Name spelling · Major · Open": what a reader needs before the note."""
    return " · ".join(
        (flag.kind_name, label(SEVERITY_LABELS, flag.severity), label(STATUS_LABELS, flag.status))
    )


def when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%d %H:%M UTC")
    return moment.strftime("%Y-%m-%d %H:%M")


def iso(moment: datetime | None) -> str:
    """RFC 3339 in UTC with a Z, as the Web Annotation model asks for."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Isolate(str):
    """A name or a date inside a detail line. HTML wraps it in <bdi>, so right-to-left text
    beside it cannot reorder it; the other formats print it as it is."""


def origin_parts(flag: ExportFlag) -> tuple[str, ...]:
    """ "raised by ann on …", "imported from Word by ann on …" or the desk's checker and rule."""
    moment = (" on ", Isolate(when(flag.created))) if flag.created else ()
    if flag.is_auto:
        rule = Isolate(flag.origin.removeprefix(ORIGIN_CHECK_PREFIX))
        return (DESK_CHECKER, ", rule ", rule, *moment)
    who = Isolate(flag.creator or "someone no longer on the desk")
    if flag.origin == "import":
        return ("imported from Word by ", who, *moment)
    return ("raised by ", who, *moment)


def creator_name(flag: ExportFlag) -> str:
    if flag.is_auto:
        return DESK_CHECKER
    return flag.creator or "Unknown"


def detail_parts(flag: ExportFlag, words: str) -> list[tuple[str, tuple[str, ...]]]:
    """The flag's facts as (label, parts) lines, in the order every format prints them; names
    and dates are `Isolate` parts."""
    lines: list[tuple[str, tuple[str, ...]]] = []
    if flag.note:
        lines.append(("Note", (flag.note,)))
    if flag.suggestion:
        lines.append(("Suggestion", (f"replace “{words or flag.quote}” with “{flag.suggestion}”",)))
    if flag.quote and (flag.is_outdated or (words and flag.quote != words)):
        lines.append(("Originally flagged", (f"“{flag.quote}” (the words have changed since)",)))
    if flag.is_detached:
        lines.append(("Detached", (f"its sentence is gone; it was on “{flag.quote}”",)))
    lines.append(("Origin", origin_parts(flag)))
    if flag.assignee:
        lines.append(("Assigned to", (Isolate(flag.assignee),)))
    if flag.status != "open":
        done = label(STATUS_LABELS, flag.status).lower()
        parts: list[str] = [f"{done} by ", Isolate(flag.resolved_by or "someone")]
        if flag.resolved_at:
            parts += [" on ", Isolate(when(flag.resolved_at))]
        if flag.resolution_note:
            parts.append(f": {flag.resolution_note}")
        lines.append(("Closed", tuple(parts)))
    if flag.evidence:
        lines.append(("Evidence", (flag.evidence,)))
    return lines


def details(flag: ExportFlag, words: str) -> list[tuple[str, str]]:
    """The flag's facts as (label, value) lines of plain text."""
    return [(key, "".join(parts)) for key, parts in detail_parts(flag, words)]


def reply_text(body: str, deleted: bool) -> str:
    return "(comment deleted)" if deleted else body


def slug_filename(article: ExportArticle, extension: str) -> str:
    """2026-11-29-scot-peterson-review.docx: sorts by date, says what it is.

    An "open flags only" export is another file (…-review-open.docx), so it never overwrites
    the full one; the clean text carries no flags, so it is not a "review" (…-peterson.txt).
    """
    stem = f"{article.exported_at:%Y-%m-%d}-{article.slug}"
    if extension == "txt":
        return f"{stem}.txt"
    if extension == "csv":  # the facts worksheet: no flags in it either
        return f"{stem}-facts.csv"
    return f"{stem}-review{'-open' if article.open_only else ''}.{extension}"


# C0 controls other than tab, line feed and carriage return, DEL, the two non-characters and
# lone surrogates: invalid in XML (python-docx refuses them) and in HTML, meaningless on paper.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without the characters no document format may carry; the rest untouched."""
    return _UNPRINTABLE.sub("", text)


def one_line_breaks(text: str) -> str:
    """Windows (\\r\\n) and old Mac (\\r) line ends as one \\n: one break in print, not two."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_rtl(text: str) -> bool:
    """True when the first strongly directional letter of `text` is right-to-left (Hebrew,
    Arabic…): a paragraph's direction as HTML's dir="auto" finds it."""
    for ch in text:
        direction = unicodedata.bidirectional(ch)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False
