"""Importing a reporter's Word document: the story as a draft, their comments as flags.

The text is the body's paragraphs as Word shows them (tracked changes already in the file are
taken as accepted, and the result says so); the title is the first heading, or the document's
title property, unless one is given. Each top-level Word comment becomes a flag of kind
"other" on its exact words (origin "import", the Word author and date in the note), its
replies the flag's thread, and a comment marked done resolves its flag. All of it is one
change in the timeline, and nothing is written when anything is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from review import permissions
from review.imports.docx_package import DocxError
from review.imports.docx_reader import DocxDocument, read_docx
from review.imports.docx_text import StoryText, story_text
from review.models import Article, Flag
from review.services.articles import article_import
from review.services.common import one_change
from review.services.word_comments import (
    flag_from_comment,
    reply_from_comment,
    resolve_as_done,
    story_sentences,
)

UNPACK_FACTOR = 10  # a .docx may unpack to ten times the upload limit, no more


def is_docx(name: str, data: bytes) -> bool:
    """An upload to treat as a Word document: by its name, or by being an OLE or zip file
    (a .doc or a .docx renamed .txt gets the Word messages, not "not UTF-8")."""
    suffix = PurePath(name or "").suffix.lower()
    return suffix in {".docx", ".docm", ".dotx", ".doc"} or data[:4] in (
        b"PK\x03\x04",
        b"\xd0\xcf\x11\xe0",
    )


def read_upload(data: bytes) -> DocxDocument:
    """The document, or a ValidationError with the reader's message."""
    limit = settings.REVIEW_MAX_IMPORT_BYTES
    try:
        return read_docx(data, max_bytes=limit, max_unpacked=UNPACK_FACTOR * limit)
    except DocxError as exc:
        raise ValidationError(str(exc), code=exc.code) from None


@dataclass
class DocxStory:
    title: str
    story: StoryText
    left_out: list[str] = field(default_factory=list)


def docx_story(document: DocxDocument, *, file_name: str = "") -> DocxStory:
    """The story's text and title; a ValidationError when the file holds no text."""
    title, skip = "", frozenset()
    for index, paragraph in enumerate(document.paragraphs):
        if paragraph.desk or not paragraph.raw.strip():
            continue
        if paragraph.heading:
            # A heading before any text is the document's title, not story text.
            title, skip = " ".join(paragraph.raw.split()), frozenset({index})
        break
    story = story_text(document, skip=skip)
    if not story.text.strip():
        if document.tables or document.images:
            raise ValidationError(
                "This document holds only tables or images, no paragraphs of text to review. "
                "Paste the story as paragraphs and upload it again.",
                code="no_text",
            )
        raise ValidationError(
            "This document has no text; choose the file with the story in it.", code="empty"
        )
    title = title or document.title or PurePath(file_name).stem.replace("-", " ").strip()
    left_out = []
    if document.tables:
        left_out.append(_count(document.tables, "table"))
    if document.images:
        left_out.append(_count(document.images, "image"))
    return DocxStory(title=title, story=story, left_out=left_out)


def _count(n: int, thing: str, things: str = "") -> str:
    return f"{n} {thing if n == 1 else things or thing + 's'}"


@dataclass
class DocxImport:
    article: Article
    flags: list[Flag] = field(default_factory=list)
    replies: int = 0
    resolved: int = 0
    tracked_changes: int = 0
    left_out: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        n = len(self.flags)
        parts = [f"{_count(n, 'Word comment')} became {'a flag' if n == 1 else 'flags'}"]
        if self.replies:
            parts.append(_count(self.replies, "reply", "replies"))
        if self.resolved:
            parts.append(f"{self.resolved} marked done")
        text = ", ".join(parts) + "."
        if self.tracked_changes:
            text += (
                f" The file had {_count(self.tracked_changes, 'tracked change')}; the text is "
                "as Word shows it with every change accepted."
            )
        if self.left_out:
            text += f" Left out (not story text): {', '.join(self.left_out)}."
        return text


def article_import_docx(
    *,
    data: bytes,
    file_name: str,
    actor,
    title: str | None = None,
    slug: str | None = None,
    run_checks: bool = True,
) -> DocxImport:
    """Create a draft from a .docx with its comments as flags; see the module doc.

    Raises ValidationError (nothing written) for a file that is not a readable .docx, has no
    text, is too large or encrypted, and the errors `article_import` raises.
    """
    permissions.require(
        permissions.can_import(actor), "Only Editors can import stories; ask an Editor."
    )
    document = read_upload(data)
    parsed = docx_story(document, file_name=file_name)
    name = PurePath(file_name).name or "document.docx"
    with transaction.atomic(), one_change(reason=f"imported from Word ({name})"[:100]):
        article = article_import(
            text=parsed.story.text,
            title=(title or "").strip() or parsed.title or "Untitled story",
            slug=slug,
            actor=actor,
            source_name=name,
            run_checks=False,
        )
        result = DocxImport(article=article, left_out=list(parsed.left_out))
        result.tracked_changes = len(document.changes)
        _comments_as_flags(document, parsed.story, article, actor, result, name)
    if run_checks:
        from review.services.checks import checks_run

        checks_run(article=article, actor=actor)
    return result


def _comments_as_flags(
    document: DocxDocument,
    story: StoryText,
    article: Article,
    actor,
    result: DocxImport,
    file_name: str,
) -> None:
    sentences = story_sentences(article)
    flags: dict[str, Flag] = {}
    roots = [c for c in document.comments if document.root(c) is c]
    outside = 0
    for comment in roots:
        flag = flag_from_comment(sentences=sentences, story=story, comment=comment, actor=actor)
        if flag is None:
            outside += 1
            continue
        flags[comment.id] = flag
        result.flags.append(flag)
    for comment in document.comments:
        root = document.root(comment)
        if root is comment or root.id not in flags:
            continue
        reply_from_comment(flag=flags[root.id], comment=comment, actor=actor)
        result.replies += 1
    for comment in roots:
        if comment.done and comment.id in flags:
            resolve_as_done(flag=flags[comment.id], file_name=file_name, actor=actor)
            result.resolved += 1
    if outside:
        result.left_out.append(_count(outside, "comment") + " on tables, images or notes")
