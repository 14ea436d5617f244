"""docx, part one: the story's paragraphs as WordprocessingML, cut at flag boundaries.

Each `Piece` (a stretch covered by one set of flags) becomes its own run, coloured by kind, so
every flag's comment range starts and ends exactly on its words, and each reply's range with
it, nested as Word writes them (start of the flag's, starts of its replies…, end of the flag's
and its reference, end of each reply's and its reference). An open suggestion chosen as a
tracked change deletes the runs of its words (`w:del`) and inserts the new words (`w:ins`)
before its comment's range ends, so accepting it in Word leaves the comment on the new words.

The XML is written as text and parsed once: building thousands of runs through python-docx's
objects, which re-check the schema order on every call, was most of a big export's time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from review.exports.common import Piece, colour_of, is_rtl, one_line_breaks, printable
from review.exports.data import ExportFlag


def x(text: str) -> str:
    """Text or attribute value escaped for XML."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@dataclass(frozen=True)
class Tracked:
    """An open suggestion written as a tracked change on its flag's words."""

    flag_id: int
    start: int  # absolute offsets of the words it replaces
    end: int
    new: str
    author: str
    date: str  # RFC 3339


@dataclass
class Ids:
    """The ids one export hands out: comment ids per flag (its own first, then its replies'),
    and revision ids after them."""

    comments: dict[int, list[int]] = field(default_factory=dict)
    next_id: int = 0

    def take(self) -> int:
        self.next_id += 1
        return self.next_id - 1


def content(text: str, *, deleted: bool = False) -> str:
    """A run's content: text, line breaks and tabs (a Windows \\r\\n is one break)."""
    tag = "w:delText" if deleted else "w:t"
    out = []
    for i, line in enumerate(one_line_breaks(printable(text)).split("\n")):
        if i:
            out.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if part:
                out.append(f'<{tag} xml:space="preserve">{x(part)}</{tag}>')
    return "".join(out)


def run(text: str, props: str = "", *, deleted: bool = False) -> str:
    return f"<w:r>{props}{content(text, deleted=deleted)}</w:r>"


def rpr(*, underline: tuple[str, str] | None = None, fill: str | None = None, rtl: bool = False):
    """Run properties in the schema's order (u, shd, rtl)."""
    parts = []
    if underline:
        parts.append(f'<w:u w:val="{underline[0]}" w:color="{underline[1][1:]}"/>')
    if fill:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill[1:]}"/>')
    if rtl:
        parts.append("<w:rtl/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _is_whole(flag: ExportFlag) -> bool:
    return flag.start is None


def piece_rpr(covering: list[ExportFlag], rtl: bool) -> str:
    """Shading for flagged words, underlines for whole sentences, overlaps and closed flags."""
    if not covering:
        return rpr(rtl=rtl)
    colour = colour_of(covering[0])
    # Word-level flags come first: their colour is the one painted on the words.
    open_flags = sorted((f for f in covering if f.status == "open"), key=_is_whole)
    if not open_flags:
        return rpr(underline=("dotted", colour), rtl=rtl)
    if all(_is_whole(f) for f in open_flags):
        # Only whole-sentence flags here: underline, so exactly flagged words stand out.
        style = "double" if len(covering) > 1 else "thick"
        return rpr(underline=(style, colour_of(open_flags[0])), rtl=rtl)
    under = ("double", "#000000") if len(covering) > 1 else None
    return rpr(underline=under, fill=colour_of(open_flags[0]), rtl=rtl)


def range_starts(ids: list[int]) -> str:
    return "".join(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)


def range_ends(ids: list[int], *, references: bool = True) -> str:
    """Each comment's range end followed by its reference mark, in Word's order."""
    return "".join(
        f'<w:commentRangeEnd w:id="{i}"/>' + (reference(i) if references else "") for i in ids
    )


def reference(cid: int) -> str:
    return (
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{cid}"/></w:r>'
    )


def paragraph(style: str, content: str, *, rtl: bool = False) -> str:
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + ("<w:bidi/>" if rtl else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{content}</w:p>"


def story_paragraph(
    pieces: list[Piece],
    flags: dict[int, ExportFlag],
    ids: Ids,
    tracked: list[Tracked],
) -> str:
    """One story paragraph: its runs, each flag's comment ranges, and the tracked changes of
    `tracked` (this paragraph's)."""
    text = "".join(p.text for p in pieces)
    rtl = is_rtl(text)
    starting: dict[int, list[ExportFlag]] = {}
    ending: dict[int, list[ExportFlag]] = {}
    for piece in pieces:
        for fid in piece.flag_ids:
            flag = flags[fid]
            if fid in ids.comments:
                starting.setdefault(flag.abs_start, [])
                if flag not in starting[flag.abs_start]:
                    starting[flag.abs_start].append(flag)
                ending.setdefault(flag.abs_end, [])
                if flag not in ending[flag.abs_end]:
                    ending[flag.abs_end].append(flag)
    out: list[str] = []
    change: Tracked | None = None  # the tracked change whose deletion is open
    deferred: list[int] = []  # comments whose range ended inside it: references come after
    for piece in pieces:
        for flag in starting.get(piece.start, ()):
            out.append(range_starts(ids.comments[flag.id]))
        if change is None:
            change = next((t for t in tracked if t.start == piece.start), None)
            if change is not None:
                out.append(f'<w:del w:id="{ids.take()}" {_revision(change)}>')
        props = piece_rpr([flags[fid] for fid in piece.flag_ids], rtl)
        out.append(run(piece.text, props, deleted=change is not None))
        if change is not None and piece.end == change.end:
            # The new words go inside the ranges of the comments on the old ones, so that
            # accepting the change leaves those comments on the new words.
            out.append(f'</w:del><w:ins w:id="{ids.take()}" {_revision(change)}>')
            out.append(run(change.new, props) + "</w:ins>")
            out += [reference(cid) for cid in deferred]
            change, deferred = None, []
        for flag in ending.get(piece.end, ()):
            cids = ids.comments[flag.id]
            out.append(range_ends(cids, references=change is None))
            if change is not None:
                # A reference inside the deletion would be deleted with it, and its comment.
                deferred += cids
    return paragraph("", "".join(out), rtl=rtl)


def _revision(change: Tracked) -> str:
    return f'w:author="{x(change.author)}" w:date="{change.date}"'
