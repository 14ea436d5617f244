"""A .docx's story as text: paragraphs with tracked changes decided, and where comments fall.

Tracked changes are taken as accepted (insertions kept, deletions dropped, a deleted paragraph
mark joins its paragraph to the next), except the changes named in `undecided`, which read as
the text was before them: the round trip keeps the desk's own suggestions that the reporter has
neither accepted nor rejected as suggestions. Empty paragraphs are left out, and so are the
paragraphs the desk's export writes for itself (title, notes, detached flags).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from review.imports.docx_reader import Anchor, Change, DocxDocument, Paragraph


@dataclass
class StoryText:
    paragraphs: list[str] = field(default_factory=list)
    # document paragraph index → (story paragraph index, offset of its text in that paragraph,
    # [(raw start, raw end, offset in the story paragraph or None when dropped)])
    _where: dict[int, tuple[int, int, list[tuple[int, int, int | None]]]] = field(
        default_factory=dict
    )

    @property
    def text(self) -> str:
        """The story as the desk keeps it: paragraphs separated by a blank line."""
        return "\n\n".join(self.paragraphs)

    def locate(self, anchor: Anchor | None, *, end: bool = False) -> tuple[int, int] | None:
        """(story paragraph, offset) of a point in the document; None when it is not in the
        story (a table, an empty paragraph, the desk's own notes)."""
        if anchor is None or anchor.paragraph not in self._where:
            return None
        index, base, spans = self._where[anchor.paragraph]
        at = base
        for raw_start, raw_end, offset in spans:
            if offset is not None:
                at = offset
            if raw_start <= anchor.offset < raw_end or (end and anchor.offset == raw_end):
                if offset is None:
                    return index, at
                return index, offset + (anchor.offset - raw_start)
            if offset is not None:
                at = offset + (raw_end - raw_start)
        return index, at

    def absolute(self, point: tuple[int, int]) -> int:
        """A (paragraph, offset) point as an offset in `text`."""
        index, offset = point
        return sum(len(p) + 2 for p in self.paragraphs[:index]) + offset


def story_text(
    document: DocxDocument,
    *,
    undecided: frozenset[int] = frozenset(),
    skip: frozenset[int] = frozenset(),
) -> StoryText:
    """The story's paragraphs; `skip` names document paragraphs to leave out (a title)."""
    out = StoryText()
    pending: list[tuple[int, Paragraph]] = []  # paragraphs joined by deleted marks
    for index, paragraph in enumerate(document.paragraphs):
        if paragraph.desk or index in skip:
            continue
        pending.append((index, paragraph))
        if paragraph.mark_deleted and index + 1 < len(document.paragraphs):
            continue
        _emit(out, pending, document.changes, undecided)
        pending = []
    if pending:
        _emit(out, pending, document.changes, undecided)
    return out


def _emit(
    out: StoryText,
    group: list[tuple[int, Paragraph]],
    changes: list[Change],
    undecided: frozenset[int],
) -> None:
    text_parts: list[str] = []
    where: list[tuple[int, int, list[tuple[int, int, int | None]]]] = []
    length = 0
    for doc_index, paragraph in group:
        spans: list[tuple[int, int, int | None]] = []
        raw = 0
        base = length
        for segment in paragraph.segments:
            n = len(segment.text)
            if _kept(segment.change, changes, undecided):
                spans.append((raw, raw + n, length))
                text_parts.append(segment.text)
                length += n
            else:
                spans.append((raw, raw + n, None))
            raw += n
        where.append((doc_index, base, spans))
    text = "".join(text_parts)
    if not text.strip():
        return
    story_index = len(out.paragraphs)
    out.paragraphs.append(text)
    for doc_index, base, spans in where:
        out._where[doc_index] = (story_index, base, spans)


def _kept(change: int, changes: list[Change], undecided: frozenset[int]) -> bool:
    """Text and accepted insertions stay, accepted deletions go; an undecided change reads as
    the text before it (its insertion goes, its deletion stays)."""
    if change < 0:
        return True
    inserted = changes[change].kind == "ins"
    return not inserted if change in undecided else inserted
