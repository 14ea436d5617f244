"""docx, part two: a Word comment per flag, and a Word comment per reply, threaded under it.

A flag's comment starts with its number ("#12 Name spelling · Major · Open"): the number the
page, the history and every export use, and what the re-import matches an answer by. Then the
note, the suggestion, who raised and closed it, the evidence. Each reply in its thread is a
comment of its own, by its own author at its own date, tied to the flag's comment through the
commentsExtended part (`w15:paraIdParent`), which Word shows as a thread; resolved and
dismissed flags are "done" there, replies included.

Each comment is ONE paragraph, lines broken with `w:br`: LibreOffice's time to open a file
grows with the number of comment paragraphs (six per comment took it three to four times as
long as a plain comment; see benchmarks/bench_docx_libreoffice.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from review.exports.common import creator_name, details, headline, iso, printable, reply_text
from review.exports.data import ExportFlag
from review.exports.docx_story import content, x

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
COMMENTS_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
)
COMMENTS_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
)
EXTENDED_CONTENT_TYPE = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
)
EXTENDED_RELATIONSHIP = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
UNKNOWN_AUTHOR = "Unknown"


def para_id(n: int) -> str:
    """A paragraph id Word accepts: eight hex digits, above 0, below 0x80000000."""
    return f"{0x10000000 + n:08X}"


def initials(name: str) -> str:
    """ "RD" for "Review desk (automatic check)": a part in brackets says what, not who."""
    letters = [part[0] for part in name.split("(")[0].split() if part[:1].isalnum()]
    return "".join(letters[:3]).upper() or "RD"


def comment_lines(flag: ExportFlag, words: str, *, tracked: bool) -> list[tuple[str, str]]:
    """(lead, text) lines of a flag's comment; the first is its number and headline. The
    origin line is left out: the comment's author and date say who raised it and when."""
    lines = [(f"{flag.label} {headline(flag)}", "")]
    for key, value in details(flag, words):
        if key == "Origin":
            continue
        if key == "Suggestion" and tracked:
            value += " (a tracked change in the text: accept or reject it)"
        lines.append((f"{key}: ", value))
    return lines


@dataclass(frozen=True)
class WordComment:
    id: int
    author: str
    date: str
    lines: list[tuple[str, str]]
    parent: int | None = None  # the comment id of the flag's comment, for a reply
    done: bool = False


def flag_comments(
    flag: ExportFlag, words: str, ids: list[int], *, tracked: bool
) -> list[WordComment]:
    """The flag's comment and one per reply; `ids` gives their comment ids in that order."""
    done = flag.status != "open"
    first = WordComment(
        ids[0],
        creator_name(flag),
        iso(flag.created),
        comment_lines(flag, words, tracked=tracked),
        done=done,
    )
    replies = [
        WordComment(
            cid,
            reply.author or UNKNOWN_AUTHOR,
            iso(reply.created),
            [("", reply_text(reply.body, reply.deleted))],
            parent=ids[0],
            done=done,
        )
        for cid, reply in zip(ids[1:], flag.comments, strict=True)
    ]
    return [first, *replies]


def _lines_xml(lines: list[tuple[str, str]]) -> str:
    """All lines in ONE run, broken by `w:br`. LibreOffice re-parses the whole comments part
    for every comment it reads, so its time grows with comments × elements per comment: a bold
    lead per line (a run and its properties each) cost more than the words."""
    return "<w:r>" + "<w:br/>".join(content(lead + text) for lead, text in lines) + "</w:r>"


def comments_xml(comments: list[WordComment]) -> bytes:
    body = []
    for c in comments:
        author = x(printable(c.author))
        date = f' w:date="{c.date}"' if c.date else ""
        body.append(
            f'<w:comment w:id="{c.id}" w:author="{author}"{date} '
            f'w:initials="{x(initials(printable(c.author)))}">'
            f'<w:p w14:paraId="{para_id(c.id)}" w14:textId="77777777"><w:pPr>'
            '<w:pStyle w:val="CommentText"/></w:pPr><w:r><w:rPr>'
            '<w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
            f"{_lines_xml(c.lines)}</w:p></w:comment>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{W}" xmlns:w14="{W14}" xmlns:mc="{MC}" mc:Ignorable="w14">'
        f"{''.join(body)}</w:comments>"
    ).encode()


def comments_extended_xml(comments: list[WordComment]) -> bytes:
    """Threads and done state, keyed by each comment's (only) paragraph's id."""
    entries = []
    for c in comments:
        parent = f' w15:paraIdParent="{para_id(c.parent)}"' if c.parent is not None else ""
        entries.append(
            f'<w15:commentEx w15:paraId="{para_id(c.id)}"{parent} w15:done="{1 if c.done else 0}"/>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w15:commentsEx xmlns:w15="{W15}" xmlns:mc="{MC}" mc:Ignorable="w15">'
        f"{''.join(entries)}</w15:commentsEx>"
    ).encode()
