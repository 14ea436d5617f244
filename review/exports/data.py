"""The plain data every export renders: an article as sentences, and its flags with threads.

Built once by `review.selectors.exports.export_data` from the database (or by hand in tests and
benchmarks); renderers take it and return bytes, so they never touch Django.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from review.constants import ORIGIN_CHECK_PREFIX, ORIGIN_EDITOR


@dataclass(frozen=True)
class ExportSentence:
    position: int
    paragraph: int
    text: str
    separator: str
    offset: int  # where `text` starts in the article's current text


@dataclass(frozen=True)
class ExportParagraph:
    index: int
    sentences: tuple[ExportSentence, ...]


@dataclass(frozen=True)
class ExportComment:
    author: str
    body: str  # empty when deleted: a deleted reply's words never leave the desk
    created: datetime
    deleted: bool = False
    id: int = 0  # the desk's comment id: the DOCX export maps its Word comment back to it


@dataclass(frozen=True)
class ExportFlag:
    id: int
    url: str
    sentence_position: int | None  # None: the sentence is gone (orphaned flag)
    start: int | None  # within the sentence; None = the whole sentence
    end: int | None
    abs_start: int | None  # in the article's current text; None when orphaned
    abs_end: int | None
    quote: str  # the words when the flag was raised
    kind_slug: str
    kind_name: str
    kind_colour: str
    severity: str
    status: str
    anchor: str = "attached"
    note: str = ""
    suggestion: str = ""
    origin: str = ORIGIN_EDITOR
    creator: str = ""
    created: datetime | None = None
    modified: datetime | None = None
    assignee: str = ""
    resolved_by: str = ""
    resolved_at: datetime | None = None
    resolution_note: str = ""
    evidence: str = ""
    comments: tuple[ExportComment, ...] = ()
    number: int = 0  # the flag's number in its story (#1, #2… in the order raised)
    # Shown on its whole sentence (a whole-sentence flag, or an outdated one whose span no
    # longer names words of it): painted under word flags, as on the page.
    whole: bool = False

    @property
    def label(self) -> str:
        """How every format cites the flag: "#12", as the page and the history do."""
        return f"#{self.number}"

    @property
    def is_outdated(self) -> bool:
        return self.anchor == "outdated"

    @property
    def is_detached(self) -> bool:
        return self.abs_start is None or self.abs_end is None

    @property
    def is_auto(self) -> bool:
        return self.origin.startswith(ORIGIN_CHECK_PREFIX)


@dataclass(frozen=True)
class ExportFact:
    """One fact of the story's worksheet (review.models.StoryFact), for the checklist."""

    number: int
    kind: str  # money, count, date, person… (review.checks.facts.FACT_KINDS)
    label: str  # "Count: 17 people"
    words: str  # the exact words, as last found in the story
    paragraph: int | None  # 1, 2… as a reader counts; None when its sentence is gone
    status: str  # unchecked, verified, wrong
    source: str = ""
    note: str = ""  # what is wrong, when marked wrong
    checked_by: str = ""
    checked_at: datetime | None = None
    flag_number: int | None = None  # the flag raised when marked wrong
    gone: bool = False  # its words are no longer in the story


@dataclass(frozen=True)
class ExportArticle:
    title: str
    slug: str
    status: str
    url: str
    exported_at: datetime
    version: int
    paragraphs: tuple[ExportParagraph, ...]
    flags: tuple[ExportFlag, ...] = ()
    open_only: bool = False  # True when resolved and dismissed flags were left out
    source_name: str = ""
    # The clean-text export of this version: the resource annotation offsets count in.
    text_url: str = ""
    facts: tuple[ExportFact, ...] = ()  # the worksheet, in text order (gone ones last)

    @cached_property
    def sentences(self) -> tuple[ExportSentence, ...]:
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @cached_property
    def text(self) -> str:
        """The current text: every sentence's text and separator, in order (cached: JSON and
        Markdown ask for it once per flag)."""
        return "".join(s.text + s.separator for s in self.sentences)

    def words(self, flag: ExportFlag) -> str:
        """The flagged words as they read now ("" for a detached flag)."""
        if flag.is_detached:
            return ""
        return self.text[flag.abs_start : flag.abs_end]

    @property
    def attached_flags(self) -> tuple[ExportFlag, ...]:
        return tuple(f for f in self.flags if not f.is_detached)

    @property
    def detached_flags(self) -> tuple[ExportFlag, ...]:
        return tuple(f for f in self.flags if f.is_detached)

    def numbered(self) -> list[tuple[int, ExportFlag]]:
        """(number, flag) in number order: the story's own flag numbers (#1, #2… in the order
        raised, never reused), so "#12" in a DOCX comment, a Markdown note or a JSON
        annotation is the flag the page and the history call #12."""
        return sorted(((f.number, f) for f in self.flags), key=lambda pair: (pair[0], pair[1].id))


STATUS_LABELS = {"open": "Open", "resolved": "Resolved", "dismissed": "Dismissed"}
SEVERITY_LABELS = {"blocker": "Blocker", "major": "Major", "minor": "Minor"}
ARTICLE_STATUS_LABELS = {
    "draft": "Draft",
    "in_review": "In review",
    "changes_requested": "Changes requested",
    "approved": "Approved",
    "published": "Published",
}


def label(mapping: dict[str, str], value: str) -> str:
    return mapping.get(value, value.replace("_", " ").capitalize())
