"""docx: the story as a Word document, each flag a real comment on its exact words.

Open it in Word or LibreOffice and the flags are in the comments pane, anchored where they
belong, numbered as on the desk, with highlights in the kind's colour (dotted underline once a
flag is closed), each reply a comment of its own in the flag's thread, and each open suggestion
a tracked change to accept or reject. Flags whose sentence is gone still export, under
"Detached flags" at the end. The file carries the desk's mark (docx_mark), so the reporter's
answer can come back: see review/services/roundtrip.py.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from docx import Document
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from review.exports import docx_facts, docx_mark
from review.exports.common import (
    colour_of,
    creator_name,
    iso,
    pieces_by_paragraph,
    printable,
    when,
)
from review.exports.data import ARTICLE_STATUS_LABELS, ExportArticle, ExportFlag, label
from review.exports.docx_comments import (
    COMMENTS_CONTENT_TYPE,
    COMMENTS_RELATIONSHIP,
    EXTENDED_CONTENT_TYPE,
    EXTENDED_RELATIONSHIP,
    W,
    WordComment,
    comments_extended_xml,
    comments_xml,
    flag_comments,
)
from review.exports.docx_story import (
    Ids,
    Tracked,
    paragraph,
    range_ends,
    range_starts,
    rpr,
    run,
    story_paragraph,
)
from review.exports.docx_styles import DETACHED, HEADING, LEGEND, NOTE, TITLE, define_styles


def tracked_suggestions(article: ExportArticle) -> dict[int, Tracked]:
    """Open suggestions to write as tracked changes, by flag id: a flag still on the words it
    was raised on, not overlapping an earlier one (two changes cannot cover the same words);
    the others stay in their comment's text."""
    chosen: dict[int, Tracked] = {}
    for _, flag in article.numbered():
        if (
            flag.status != "open"
            or not flag.suggestion
            or flag.is_detached
            or flag.anchor != "attached"
            or article.words(flag) != flag.quote
        ):
            continue
        if any(t.start < flag.abs_end and flag.abs_start < t.end for t in chosen.values()):
            continue
        chosen[flag.id] = Tracked(
            flag.id,
            flag.abs_start,
            flag.abs_end,
            flag.suggestion,
            _author(flag),
            iso(flag.created),
        )
    return chosen


def _author(flag: ExportFlag) -> str:
    return printable(creator_name(flag))


def _head(article: ExportArticle, count: int) -> list[str]:
    scope = "open flags only" if article.open_only else "all flags, with their status"
    meta = (
        f"Status: {label(ARTICLE_STATUS_LABELS, article.status)} · version {article.version}"
        f" · exported {when(article.exported_at)} · {count} flags ({scope})\n{article.url}"
    )
    out = [
        paragraph(TITLE, run(article.title)),
        paragraph(NOTE, run(meta)),
    ]
    kinds: dict[str, str] = {}
    for flag in article.flags:
        kinds.setdefault(flag.kind_name, colour_of(flag))
    if kinds:
        swatches = "".join(run(name, rpr(fill=colour)) + run(" ") for name, colour in kinds.items())
        out.append(paragraph(NOTE, run("Highlights: ") + swatches))
    out.append(paragraph(NOTE, run(LEGEND)))
    return out


def _detached(flags: list[ExportFlag], ids: Ids) -> list[str]:
    out = [
        paragraph(HEADING, run("Detached flags")),
        paragraph(
            NOTE,
            run(
                "The sentences these flags were raised on are no longer in the story; each "
                "comment sits on the words as they were."
            ),
        ),
    ]
    for flag in flags:
        words = f"“{flag.quote}”" if flag.quote else "(no words recorded)"
        cids = ids.comments[flag.id]
        body = range_starts(cids) + run(words, rpr(fill=colour_of(flag))) + range_ends(cids)
        out.append(paragraph(DETACHED, body))
    return out


def _properties(document, article: ExportArticle) -> None:
    props = document.core_properties
    props.title = printable(article.title)[:255]  # python-docx caps properties at 255
    props.subject = "Review export"
    props.author = "Review desk"
    props.created = article.exported_at
    props.revision = max(1, article.version)


def _mark(article: ExportArticle, tracked: dict[int, Tracked]) -> docx_mark.ExportMark:
    parts = urlsplit(article.url)
    by_id = {f.id: f for f in article.flags}
    mark = docx_mark.ExportMark(
        story=article.slug,
        version=article.version,
        exported_at=article.exported_at,
        site=f"{parts.scheme}://{parts.netloc}" if parts.netloc else "",
    )
    for t in tracked.values():
        flag = by_id[t.flag_id]
        mark.tracked[flag.number] = (article.words(flag), t.new)
    for flag in article.flags:
        for reply in flag.comments:
            body = "(comment deleted)" if reply.deleted else reply.body
            fingerprint = docx_mark.reply_fingerprint(
                printable(reply.author or "Unknown"), printable(body)
            )
            mark.replies.setdefault(flag.number, set()).add(fingerprint)
    return mark


def _add_part(document, uri: str, content_type: str, blob: bytes, relationship: str, *, source):
    part = Part(PackURI(uri), content_type, blob, document.part.package)
    source.relate_to(part, relationship)
    return part


def _add_mark(document, mark: docx_mark.ExportMark) -> None:
    package = document.part.package
    _add_part(
        document,
        "/docProps/custom.xml",
        docx_mark.CUSTOM_PROPS_CONTENT_TYPE,
        docx_mark.custom_properties_xml(mark),
        docx_mark.CUSTOM_PROPS_RELATIONSHIP,
        source=package,
    )
    taken = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in taken:
        n += 1
    item = _add_part(
        document,
        f"/customXml/item{n}.xml",
        "application/xml",
        docx_mark.item_xml(mark),
        docx_mark.CUSTOM_XML_RELATIONSHIP,
        source=document.part,
    )
    _add_part(
        document,
        f"/customXml/itemProps{n}.xml",
        docx_mark.CUSTOM_XML_PROPS_CONTENT_TYPE,
        docx_mark.item_props_xml(),
        docx_mark.CUSTOM_XML_PROPS_RELATIONSHIP,
        source=item,
    )


def build(article: ExportArticle):
    """The python-docx Document (tests and the benchmark look inside it)."""
    document = Document()
    define_styles(document)
    _properties(document, article)
    numbered = article.numbered()
    flags = {flag.id: flag for flag in article.flags}
    tracked = tracked_suggestions(article)

    ids = Ids()
    for _, flag in numbered:
        ids.comments[flag.id] = [ids.take() for _ in range(1 + len(flag.comments))]

    tracked_by_paragraph: dict[int, list[Tracked]] = {}
    paragraph_of = {s.position: p.index for p in article.paragraphs for s in p.sentences}
    for t in tracked.values():
        index = paragraph_of[flags[t.flag_id].sentence_position]
        tracked_by_paragraph.setdefault(index, []).append(t)

    body = _head(article, len(numbered))
    placed: set[int] = set()
    for paragraph_data, pieces in pieces_by_paragraph(article):
        body.append(
            story_paragraph(pieces, flags, ids, tracked_by_paragraph.get(paragraph_data.index, []))
        )
        placed.update(fid for piece in pieces for fid in piece.flag_ids)
    # Orphaned flags, and any whose words could not be placed, still export.
    detached = [flag for _, flag in numbered if flag.id not in placed]
    if detached:
        body += _detached(detached, ids)
    body += docx_facts.section(article)

    fragment = etree.fromstring(f'<w:body xmlns:w="{W}">{"".join(body)}</w:body>')
    target = document.element.body
    sect = target.sectPr
    for el in list(target):
        if el is not sect:
            target.remove(el)
    for el in fragment:
        if sect is not None:
            sect.addprevious(el)
        else:
            target.append(el)

    comments: list[WordComment] = []
    for _, flag in numbered:
        comments += flag_comments(
            flag, article.words(flag), ids.comments[flag.id], tracked=flag.id in tracked
        )
    if comments:
        _add_part(
            document,
            "/word/comments.xml",
            COMMENTS_CONTENT_TYPE,
            comments_xml(comments),
            COMMENTS_RELATIONSHIP,
            source=document.part,
        )
        _add_part(
            document,
            "/word/commentsExtended.xml",
            EXTENDED_CONTENT_TYPE,
            comments_extended_xml(comments),
            EXTENDED_RELATIONSHIP,
            source=document.part,
        )
    _add_mark(document, _mark(article, tracked))
    return document


def render(article: ExportArticle) -> bytes:
    out = io.BytesIO()
    build(article).save(out)
    return out.getvalue()
