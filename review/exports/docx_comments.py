"""docx, part two: one Word comment per flag, carrying everything a reader needs.

A comment's first line names the flag (number, kind, severity, status); then the note, the
suggestion, who raised and closed it, the evidence, and the thread, each reply with its author
and date. Word's threaded replies need a commentsExtended part python-docx does not write, so
the thread lives inside the one comment, which every word processor shows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from docx.document import Document
from docx.oxml.comments import CT_Comments
from docx.oxml.ns import qn
from docx.text.run import Run
from lxml import etree

from review.exports.common import creator_name, details, headline, printable, reply_text, when
from review.exports.data import ExportFlag
from review.exports.docx_resolved import mark_done

_ID = qn("w:id")
_COMMENT = qn("w:comment")
_slow_next_id = CT_Comments._next_available_comment_id


def _next_comment_id(self: CT_Comments) -> int:
    """python-docx's next comment id, in constant time.

    python-docx takes max(all ids) + 1 with an XPath over every comment, on every comment
    added: quadratic, 12 s for 4,000 comments and hours for the ~45,000 a 5 MB story gets.
    Its rule only ever appends max + 1, so the last comment holds the largest id; trust it
    when it is the obvious successor, and let python-docx decide otherwise."""
    last = next(self.iterchildren(_COMMENT, reversed=True), None)
    if last is None:
        return 0 if next(self.iterchildren(), None) is None else _slow_next_id(self)
    try:
        candidate = int(last.get(_ID)) + 1
    except (TypeError, ValueError):
        return _slow_next_id(self)
    return candidate if candidate <= 2**31 - 1 else _slow_next_id(self)


CT_Comments._next_available_comment_id = _next_comment_id


def initials(name: str) -> str:
    letters = [part[0] for part in name.split() if part[:1].isalnum()]
    return "".join(letters[:3]).upper() or "RD"


def comment_lines(number: int, flag: ExportFlag, words: str) -> list[tuple[str, str]]:
    """(bold lead, text) lines of the comment; the lead may be empty."""
    lines = [(f"#{number} {headline(flag)}", "")]
    lines += [(f"{key}: ", value) for key, value in details(flag, words)]
    if flag.comments:
        lines.append((f"Thread ({len(flag.comments)}):", ""))
        for c in flag.comments:
            lines.append(
                (f"{c.author or 'Unknown'}, {when(c.created)}: ", reply_text(c.body, c.deleted))
            )
    return lines


_BREAKS = re.compile(r"(\n|\t)")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run(paragraph, text: str, *, bold: bool = False) -> None:
    """Append a run to a comment paragraph element. Written with lxml directly: python-docx's
    generic `add_run`/`bold` re-scan the element for its schema order on every call, which was
    most of the time of a 1,000-comment export; a run we build whole needs none of that."""
    run = etree.SubElement(paragraph, qn("w:r"))
    if bold:
        etree.SubElement(etree.SubElement(run, qn("w:rPr")), qn("w:b"))
    for part in _BREAKS.split(printable(text)):
        if part == "\n":
            etree.SubElement(run, qn("w:br"))
        elif part == "\t":
            etree.SubElement(run, qn("w:tab"))
        elif part:
            t = etree.SubElement(run, qn("w:t"))
            t.text = part
            t.set(_SPACE, "preserve")


def _paragraph(comment_element):
    paragraph = etree.SubElement(comment_element, qn("w:p"))
    style = etree.SubElement(etree.SubElement(paragraph, qn("w:pPr")), qn("w:pStyle"))
    style.set(qn("w:val"), "CommentText")
    return paragraph


def add_flag_comment(
    document: Document, runs: Sequence[Run], number: int, flag: ExportFlag, words: str
) -> str | None:
    """Add the flag's comment; for a closed flag, return the paragraph id that marks it done."""
    author = printable(creator_name(flag))
    comment = document.add_comment(list(runs), text="", author=author, initials=initials(author))
    element = comment._comment_elm
    if flag.created is not None:
        element.date = flag.created  # python-docx stamps "now"; keep the real date
    for index, (lead, text) in enumerate(comment_lines(number, flag, words)):
        # The new comment already holds one paragraph (with Word's annotation mark): fill it.
        paragraph = element.p_lst[0] if index == 0 else _paragraph(element)
        if lead:
            _run(paragraph, lead, bold=True)
        if text:
            _run(paragraph, text)
    return mark_done(element, number) if flag.status != "open" else None
