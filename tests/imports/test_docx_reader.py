"""The pure .docx reader: paragraphs as Word shows them, comments with their exact anchors,
authors, dates, threads and done marks, tracked changes, and the files it refuses."""

from __future__ import annotations

import zipfile

import pytest

from review.exports import docx as docx_export
from review.imports.docx_package import OLE_SIGNATURE, DocxError
from review.imports.docx_reader import parse_date, read_docx
from review.imports.docx_text import story_text
from tests.docx_factories import WHEN, WordFile, replace_part, zip_of
from tests.export_factories import sample_article

LIMIT = 5_000_000


def read(data: bytes, **limits):
    return read_docx(
        data,
        max_bytes=limits.get("max_bytes", LIMIT),
        max_unpacked=limits.get("max_unpacked", 10 * LIMIT),
    )


def words_of(document, comment) -> str:
    story = story_text(document)
    start, end = story.locate(comment.start), story.locate(comment.end, end=True)
    return story.text[story.absolute(start) : story.absolute(end)]


def test_paragraphs_come_in_order_with_line_breaks_and_tabs():
    word = WordFile()
    word.paragraph("First paragraph.")
    runs = word.paragraph("Second ", "line")
    runs[1].add_break()
    runs[1].add_text("next\tcolumn")
    word.paragraph("   ")  # empty paragraphs are not story text
    word.paragraph("Third.")
    document = read(word.bytes())
    assert story_text(document).paragraphs == [
        "First paragraph.",
        "Second line\nnext\tcolumn",
        "Third.",
    ]


def test_hidden_text_is_not_read():
    word = WordFile()
    runs = word.paragraph("Shown ", "hidden ", "shown.")
    runs[1].font.hidden = True
    assert story_text(read(word.bytes())).paragraphs == ["Shown shown."]


def test_a_heading_and_the_title_property_are_read():
    word = WordFile()
    word.heading("Deputy resigns")
    word.paragraph("Body text.")
    word.doc.core_properties.title = "Core title"
    document = read(word.bytes())
    assert [p.heading for p in document.paragraphs] == [True, False]
    assert document.title == "Core title"


def test_tracked_changes_read_as_accepted():
    word = WordFile()
    word.paragraph("The sheriff ", ("del", "Scot", "Ed"), ("ins", "Scott", "Ed"), " spoke.")
    document = read(word.bytes())
    assert story_text(document).paragraphs == ["The sheriff Scott spoke."]
    assert [(c.kind, c.author) for c in document.changes] == [("del", "Ed"), ("ins", "Ed")]
    # Undecided, a change reads as the text before it.
    assert story_text(document, undecided=frozenset({0, 1})).paragraphs == [
        "The sheriff Scot spoke."
    ]


def test_comments_have_exact_anchors_authors_dates_threads_and_done_marks():
    word = WordFile()
    runs = word.paragraph("Sheriff ", "Scot Peterson", " resigned.")
    first = word.comment(runs[1], "Is it Scott?", done=True)
    word.reply(first, runs[1], "Court record says Scot.", author="Lee Lawyer")
    word.comment(runs[2], "Date?", author="Sam Sub")
    document = read(word.bytes())
    top, reply, other = document.comments
    assert (top.author, top.text, top.date, top.done) == (
        "Rita Reporter",
        "Is it Scott?",
        WHEN,
        True,
    )
    assert words_of(document, top) == "Scot Peterson"
    assert (reply.author, reply.parent, document.root(reply)) == ("Lee Lawyer", top.id, top)
    assert words_of(document, reply) == "Scot Peterson"
    assert (other.parent, words_of(document, other)) == (None, " resigned.")


def test_tables_and_images_are_counted_not_read_as_text():
    word = WordFile()
    word.paragraph("Only this.")
    word.table([["a", "b"], ["c", "d"]])
    document = read(word.bytes())
    assert document.tables == 1
    assert story_text(document).paragraphs == ["Only this."]


def test_the_desks_own_paragraphs_and_mark_are_recognised_in_an_export():
    document = read(docx_export.render(sample_article()))
    assert story_text(document).paragraphs[1] == (
        "Broward County Sheriff Scott Israel spoke on Thursday. Email In Touch at"
    )
    assert document.mark.story == "scot-peterson"
    flag_comments = [c for c in document.comments if c.text.startswith("#")]
    assert len(flag_comments) == 6


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-01T10:03:00Z", WHEN),
        ("2026-12-01T10:03:00", WHEN),
        ("0-00-00T00:00:00Z", None),  # LibreOffice, for a comment with no date
        ("", None),
        ("yesterday", None),
    ],
)
def test_dates_are_read_leniently(value, expected):
    assert parse_date(value) == expected


# ---- files it refuses, with what to do ------------------------------------------------------


def _code(data: bytes, **limits) -> str:
    with pytest.raises(DocxError) as exc:
        read(data, **limits)
    assert str(exc.value).endswith(".")  # a sentence that says what to do
    return exc.value.code


def test_an_old_word_doc_is_refused():
    assert _code(OLE_SIGNATURE + b"\x00" * 600 + "WordDocument".encode("utf-16-le")) == "doc"


def test_a_password_protected_docx_is_refused():
    # Word's encrypted .docx is an OLE compound file holding an "EncryptedPackage" stream.
    data = OLE_SIGNATURE + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    assert _code(data) == "encrypted"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Plain text, not a zip.", "not_docx"),
        (b"{\\rtf1\\ansi Hello}", "rtf"),
        (b"PK\x03\x04 truncated", "damaged"),
        (b"", "empty"),
    ],
)
def test_files_that_are_not_docx_are_refused(data, code):
    assert _code(data) == code


def test_a_zip_that_is_not_a_word_document_is_refused():
    assert _code(zip_of({"mimetype": b"application/vnd.oasis.opendocument.text"})) == "not_docx"
    spreadsheet = zip_of(
        {
            "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application'
            b'/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
            "_rels/.rels": b'<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            b'2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            b"</Relationships>",
            "xl/workbook.xml": b"<workbook/>",
        }
    )
    assert _code(spreadsheet) == "not_docx"


def test_a_file_over_the_size_limit_is_refused():
    assert _code(WordFile().bytes(), max_bytes=1000) == "too_large"


def test_a_zip_bomb_is_refused_before_it_is_inflated():
    word = WordFile()
    word.paragraph("Hello.")
    data = word.bytes()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        document = archive.read("word/document.xml")
    bomb = document.replace(b"Hello.", b"Hello." + b" " * 3_000_000)
    assert _code(replace_part(data, "word/document.xml", bomb), max_unpacked=1_000_000) == (
        "zip_bomb"
    )


def test_damaged_xml_is_refused():
    data = replace_part(WordFile().bytes(), "word/document.xml", b"<w:document><unclosed>")
    assert _code(data) == "damaged"


def test_entities_are_not_expanded():
    word = WordFile()
    word.paragraph("Hello.")
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    document = read(replace_part(word.bytes(), "word/document.xml", evil))
    assert "root:" not in "".join(p.raw for p in document.paragraphs)
