"""Closed flags as *resolved* comments in Word.

Word keeps a comment's resolved ("done") state outside comments.xml, in a commentsExtended
part that points at the comment's last paragraph by its w14:paraId. python-docx does not
write that part, so we add it: a reporter opening the file then sees open flags as live
comments and resolved or dismissed ones greyed out as done (LibreOffice reads it too).
"""

from __future__ import annotations

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def para_id(number: int) -> str:
    """A paragraph id Word accepts: eight hex digits, below 0x80000000, never 0."""
    return f"{0x10000000 + number:08X}"


def mark_done(comment_element, number: int) -> str:
    """Give the comment's last paragraph an id and return it, for `add_resolved_part`."""
    paragraph = comment_element.findall(qn("w:p"))[-1]
    value = para_id(number)
    paragraph.set(f"{{{W14}}}paraId", value)
    return value


def add_resolved_part(document, done_ids: list[str]) -> None:
    if not done_ids:
        return
    entries = "".join(f'<w15:commentEx w15:paraId="{pid}" w15:done="1"/>' for pid in done_ids)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w15:commentsEx xmlns:w15="{W15}">{entries}</w15:commentsEx>'
    )
    part = Part(
        PackURI("/word/commentsExtended.xml"),
        CONTENT_TYPE,
        xml.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RELATIONSHIP)
