"""Reading a .docx: its body paragraphs as Word shows them, its comments and its tracked changes.

`read_docx(data)` returns plain data. Each paragraph is a list of segments: plain text, tracked
insertions and tracked deletions (with author and date), so a caller can read the text with
changes accepted (what Word shows with "No markup"), or keep some of them undecided. Comments
come with their author, date, text, where their range starts and ends (in a paragraph's raw
text, deletions included), their parent in a thread (commentsExtended `w15:paraIdParent`) and
whether they are marked done. Tables, text boxes, images, footnotes and field codes are not
story text: tables and images are counted so the caller can say what was left out.

Written with lxml rather than python-docx because python-docx reads neither tracked changes
nor comment threads, and exposes a paragraph's text only without them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from review.exports.docx_mark import ExportMark, read_mark
from review.exports.docx_styles import DESK_STYLE_PREFIX
from review.imports.docx_package import open_package, parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
DC = "http://purl.org/dc/elements/1.1/"
CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Containers whose runs are story text; anything else at run level is skipped.
_INLINE_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "customXml", "fldSimple", "dir")}
_INLINE_CONTAINERS |= {w("bdo"), w("sdtContent")}
_CHANGES = {w("ins"): "ins", w("moveTo"): "ins", w("del"): "del", w("moveFrom"): "del"}
_IMAGES = {w("drawing"), w("pict"), w("object")}


@dataclass(frozen=True)
class Change:
    kind: str  # "ins" or "del"
    author: str
    date: datetime | None


@dataclass(frozen=True)
class Segment:
    text: str
    change: int = -1  # index into DocxDocument.changes; -1 for text that is not a change

    @property
    def tracked(self) -> bool:
        return self.change >= 0


@dataclass
class Paragraph:
    segments: list[Segment] = field(default_factory=list)
    style: str = ""  # style id
    heading: bool = False  # a title or heading by its style
    desk: bool = False  # one of the desk's own paragraphs in its export (title, notes…)
    mark_deleted: bool = False  # its paragraph mark is a tracked deletion: joins the next one

    @property
    def raw(self) -> str:
        return "".join(s.text for s in self.segments)


@dataclass(frozen=True)
class Anchor:
    """A point in the document: a paragraph and an offset in its raw text."""

    paragraph: int
    offset: int


@dataclass
class WordComment:
    id: str
    author: str
    date: datetime | None
    text: str
    para_id: str = ""  # its last paragraph's w14:paraId: commentsExtended keys it so
    start: Anchor | None = None
    end: Anchor | None = None
    parent: str | None = None  # the id of the comment it replies to
    done: bool = False


@dataclass
class DocxDocument:
    paragraphs: list[Paragraph]
    comments: list[WordComment]
    changes: list[Change]
    title: str = ""  # the core "title" property
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties
    mark: ExportMark | None = None  # the desk's mark, when the file is a desk export
    tables: int = 0
    images: int = 0
    _by_id: dict[str, WordComment] = field(default_factory=dict, repr=False, compare=False)

    def comment(self, cid: str) -> WordComment | None:
        if len(self._by_id) != len(self.comments):
            self._by_id = {c.id: c for c in self.comments}
        return self._by_id.get(cid)

    def root(self, comment: WordComment) -> WordComment:
        """The comment that starts the thread `comment` is in (Word threads are one level
        deep, but a chain of replies may point at one another)."""
        seen = {comment.id}
        while comment.parent and (parent := self.comment(comment.parent)) is not None:
            if parent.id in seen:
                break
            seen.add(parent.id)
            comment = parent
        return comment


def read_docx(data: bytes, *, max_bytes: int, max_unpacked: int) -> DocxDocument:
    """Read a .docx; raises docx_package.DocxError for a file that is not a readable one."""
    package = open_package(data, max_bytes=max_bytes, max_unpacked=max_unpacked)
    styles = _styles(package.styles)
    reader = _BodyReader(styles)
    reader.read(parse_xml(package.document))
    comments = _comments(package.comments, reader)
    _threads(package.comments_extended, comments)
    properties = _custom_properties(package.custom)
    return DocxDocument(
        paragraphs=reader.paragraphs,
        comments=comments,
        changes=reader.changes,
        title=_core_title(package.core),
        properties=properties,
        mark=read_mark(properties, package.custom_xml),
        tables=reader.tables,
        images=reader.images,
    )


def parse_date(value: str | None) -> datetime | None:
    """A w:date: RFC 3339, maybe without a zone (then UTC); LibreOffice writes a zero date
    for a comment it has none for."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.year < 1900:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _styles(data: bytes | None) -> dict[str, tuple[str, bool]]:
    """style id → (name, is a title or heading), following basedOn for the outline level."""
    if data is None:
        return {}
    root = parse_xml(data)
    raw: dict[str, tuple[str, str, bool]] = {}
    for style in root.iter(w("style")):
        sid = style.get(w("styleId"), "")
        name_el = style.find(w("name"))
        name = name_el.get(w("val"), "") if name_el is not None else ""
        based = style.find(w("basedOn"))
        ppr = style.find(w("pPr"))
        outline = ppr is not None and ppr.find(w("outlineLvl")) is not None
        raw[sid] = (name, based.get(w("val"), "") if based is not None else "", outline)
    out = {}
    for sid, (name, _, _) in raw.items():
        heading, current, hops = False, sid, 0
        while current in raw and hops < 10:
            cname, based, outline = raw[current]
            low = cname.lower()
            if outline or low == "title" or low.startswith("heading "):
                heading = True
                break
            current, hops = based, hops + 1
        out[sid] = (name, heading)
    return out


class _BodyReader:
    """Walks the body once, collecting paragraphs, tracked changes and comment positions."""

    def __init__(self, styles: dict[str, tuple[str, bool]]):
        self.styles = styles
        self.paragraphs: list[Paragraph] = []
        self.changes: list[Change] = []
        self.starts: dict[str, Anchor] = {}
        self.ends: dict[str, Anchor] = {}
        self.references: dict[str, Anchor] = {}
        self.tables = 0
        self.images = 0
        self._current: Paragraph | None = None
        self._offset = 0
        self._in_field_code = False

    # block level

    def read(self, document) -> None:
        body = document.find(w("body"))
        if body is not None:
            self._blocks(body)

    def _blocks(self, parent) -> None:
        for el in parent:
            tag = el.tag
            if tag == w("p"):
                self._paragraph(el)
            elif tag == w("tbl"):
                self.tables += 1
                self.images += sum(1 for e in el.iter() if e.tag in _IMAGES)
            elif tag in (w("sdt"), w("customXml")):
                content = el.find(w("sdtContent")) if tag == w("sdt") else el
                if content is not None:
                    self._blocks(content)
            elif tag in (w("ins"), w("del"), w("moveTo"), w("moveFrom")):
                self._blocks(el)
            else:
                self._marker(el, block=True)

    def _paragraph(self, p) -> None:
        ppr = p.find(w("pPr"))
        style = ""
        mark_deleted = False
        if ppr is not None:
            ps = ppr.find(w("pStyle"))
            style = ps.get(w("val"), "") if ps is not None else ""
            rpr = ppr.find(w("rPr"))
            mark_deleted = rpr is not None and rpr.find(w("del")) is not None
        name, heading = self.styles.get(style, (style, False))
        if ppr is not None and ppr.find(w("outlineLvl")) is not None:
            heading = True
        desk = style.startswith(DESK_STYLE_PREFIX) or name.startswith("Review Desk")
        self._current = Paragraph(
            style=style, heading=heading, desk=desk, mark_deleted=mark_deleted
        )
        self.paragraphs.append(self._current)
        self._offset = 0
        self._inline(p, change=-1)
        self._current = None

    # run level

    def _inline(self, parent, *, change: int) -> None:
        for el in parent:
            tag = el.tag
            if tag == w("r"):
                self._run(el, change)
            elif tag in _CHANGES:
                index = len(self.changes)
                self.changes.append(
                    Change(_CHANGES[tag], el.get(w("author"), ""), parse_date(el.get(w("date"))))
                )
                self._inline(el, change=index)
            elif tag in _INLINE_CONTAINERS or tag == w("sdt"):
                self._inline(el, change=change)
            elif tag == w("pPr"):
                continue
            else:
                self._marker(el, block=False)

    def _run(self, r, change: int) -> None:
        hidden = _hidden(r)
        for el in r:
            tag = el.tag
            if hidden and tag != w("commentReference"):
                continue  # hidden text (w:vanish) is not what Word shows
            if tag == w("fldChar"):
                kind = el.get(w("fldCharType"))
                # A field's code (between "begin" and "separate") is not text; its result is.
                self._in_field_code = kind == "begin"
                continue
            if tag in (w("t"), w("delText")):
                if not self._in_field_code:
                    self._text(el.text or "", change)
            elif tag in (w("tab"), w("ptab")):
                self._text("\t", change)
            elif tag in (w("br"), w("cr")):
                self._text("\n", change)
            elif tag == w("noBreakHyphen"):
                self._text("\u2011", change)
            elif tag in _IMAGES or tag.endswith("}AlternateContent"):
                self.images += 1
            elif tag == w("commentReference"):
                self.references.setdefault(el.get(w("id"), ""), self._here())

    def _text(self, text: str, change: int) -> None:
        if not text or self._current is None:
            return
        segments = self._current.segments
        if segments and segments[-1].change == change:
            segments[-1] = Segment(segments[-1].text + text, change)
        else:
            segments.append(Segment(text, change))
        self._offset += len(text)

    # comment ranges

    def _here(self) -> Anchor:
        if self._current is not None:
            return Anchor(len(self.paragraphs) - 1, self._offset)
        return Anchor(len(self.paragraphs), 0)  # between paragraphs: the next one's start

    def _marker(self, el, *, block: bool) -> None:
        tag = el.tag
        if tag == w("commentRangeStart"):
            self.starts[el.get(w("id"), "")] = self._here()
        elif tag == w("commentRangeEnd"):
            if block and self.paragraphs:
                last = len(self.paragraphs) - 1
                point = Anchor(last, len(self.paragraphs[last].raw))
            else:
                point = self._here()
            self.ends[el.get(w("id"), "")] = point


def _hidden(r) -> bool:
    rpr = r.find(w("rPr"))
    vanish = rpr.find(w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def _comment_text(comment) -> tuple[str, str]:
    """A comment's words (paragraphs joined by line breaks) and its last paragraph's id."""
    lines, para_id = [], ""
    for p in comment.iter(w("p")):
        parts = []
        for el in p.iter(w("t"), w("tab"), w("br"), w("cr")):
            if el.tag == w("t"):
                parts.append(el.text or "")
            else:
                parts.append("\t" if el.tag == w("tab") else "\n")
        lines.append("".join(parts))
        para_id = p.get(f"{{{W14}}}paraId", para_id)
    return "\n".join(lines).strip(), para_id


def _comments(data: bytes | None, body: _BodyReader) -> list[WordComment]:
    if data is None:
        return []
    out = []
    for el in parse_xml(data).iter(w("comment")):
        cid = el.get(w("id"), "")
        text, para_id = _comment_text(el)
        start = body.starts.get(cid)
        end = body.ends.get(cid)
        if start is None or end is None:
            # A comment with no range sits on the point of its reference mark.
            start = end = body.references.get(cid)
        out.append(
            WordComment(
                id=cid,
                author=(el.get(w("author")) or "").strip(),
                date=parse_date(el.get(w("date"))),
                text=text,
                para_id=para_id,
                start=start,
                end=end,
            )
        )
    return out


def _threads(data: bytes | None, comments: list[WordComment]) -> None:
    if data is None:
        return
    by_para = {c.para_id: c for c in comments if c.para_id}
    for entry in parse_xml(data).iter(f"{{{W15}}}commentEx"):
        comment = by_para.get(entry.get(f"{{{W15}}}paraId", ""))
        if comment is None:
            continue
        comment.done = entry.get(f"{{{W15}}}done") in ("1", "true")
        parent = by_para.get(entry.get(f"{{{W15}}}paraIdParent", ""))
        if parent is not None and parent is not comment:
            comment.parent = parent.id


def _core_title(data: bytes | None) -> str:
    if data is None:
        return ""
    title = parse_xml(data).find(f"{{{DC}}}title")
    return " ".join((title.text or "").split()) if title is not None else ""


def _custom_properties(data: bytes | None) -> dict[str, str]:
    if data is None:
        return {}
    return {
        prop.get("name", ""): "".join(prop.itertext()).strip()
        for prop in parse_xml(data).iter(f"{{{CUSTOM}}}property")
    }
