"""A long story's DOCX: comment ids are found in constant time (python-docx's own search over
every comment made a 45,000-comment export take hours), and stay unique and in order."""

from __future__ import annotations

import io

from docx import Document
from docx.oxml.comments import CT_Comments
from docx.oxml.ns import qn

from review.exports import docx as docx_export
from review.exports.data import ExportArticle
from tests.export_factories import WHEN, plain_flag, plain_sentences


def long_article(n: int) -> ExportArticle:
    paragraphs = plain_sentences(
        [[f"Sentence {p * 5 + i} says the council met." for i in range(5)] for p in range(n // 5)]
    )
    flags = tuple(plain_flag(paragraphs, k, "council", id=k + 1) for k in range(n))
    return ExportArticle(
        title="Long",
        slug="long",
        status="draft",
        url="http://desk.test/articles/long/",
        exported_at=WHEN,
        version=1,
        paragraphs=paragraphs,
        flags=flags,
    )


def test_comment_ids_come_without_searching_every_comment(monkeypatch):
    searches = []
    # python-docx's own id search scans every comment for each new one (quadratic); the
    # desk writes its comments' ids itself and must never fall back to it.
    original = CT_Comments._next_available_comment_id
    monkeypatch.setattr(
        CT_Comments,
        "_next_available_comment_id",
        lambda self: searches.append(1) or original(self),
    )
    data = docx_export.render(long_article(300))
    assert searches == []
    document = Document(io.BytesIO(data))
    ids = [c.comment_id for c in document.comments]
    assert ids == list(range(300))


def test_an_unusual_comments_part_falls_back_to_python_docx_rules():
    document = Document()
    comments = document.part._comments_part.element
    assert isinstance(comments, CT_Comments)
    assert comments._next_available_comment_id() == 0
    first = comments.add_comment()
    first.set(qn("w:id"), "41")
    assert comments._next_available_comment_id() == 42
    first.set(qn("w:id"), str(2**31 - 1))  # the largest id Word allows: python-docx's search
    assert comments._next_available_comment_id() == 0  # finds the first unused one
