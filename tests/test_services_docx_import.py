"""Importing a reporter's .docx: the text as Word shows it, comments as flags on their exact
words, replies as threads, done marks as resolved flags; bad files refused, nothing written."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from docx.oxml.ns import qn

from review.imports.docx_package import OLE_SIGNATURE
from review.models import Article, Comment, Flag, Sentence
from review.selectors.history import timeline
from review.services.docx_import import article_import_docx
from tests.docx_factories import (
    WordFile,
    annotation,
    annotation_end,
    libreoffice_docx,
    replace_part,
)

pytestmark = pytest.mark.django_db


def reporter_file() -> bytes:
    word = WordFile()
    word.heading("Deputy resigns after shooting")
    runs = word.paragraph("Sheriff ", "Scot Peterson", " resigned on Thursday.")
    asked = word.comment(runs[1], "Is it Scott or Scot?")
    word.reply(asked, runs[1], "Scot, per the court record.", author="Lee Lawyer")
    word.reply(asked, runs[1], "Thanks, keeping it.", author="Editor Person")
    later = word.paragraph(
        "Officials said he ",
        ("del", "did", "Rita Reporter"),
        ("ins", "took", "Rita Reporter"),
        " no action.",
    )
    word.comment(later[0], "Which officials?", author="Sam Sub", done=True)
    return word.bytes()


def test_a_docx_becomes_a_draft_with_its_text_exactly_as_word_shows_it(editor):
    result = article_import_docx(
        data=reporter_file(), file_name="peterson.docx", actor=editor, run_checks=False
    )
    article = result.article
    assert article.title == "Deputy resigns after shooting"
    assert article.original_text == (
        "Sheriff Scot Peterson resigned on Thursday.\n\nOfficials said he took no action."
    )
    assert article.source_name == "peterson.docx"
    assert result.tracked_changes == 2
    assert "with every change accepted" in result.summary


def test_each_comment_is_a_flag_on_its_exact_words_with_the_word_author_and_date(editor):
    result = article_import_docx(data=reporter_file(), file_name="p.docx", actor=editor)
    flags = {f.quote: f for f in Flag.objects.filter(origin="import")}
    # The selection's trailing space is not part of the flagged words.
    assert set(flags) == {"Scot Peterson", "Officials said he"}
    scot = flags["Scot Peterson"]
    assert (scot.kind.slug, scot.origin, scot.status) == ("other", "import", "open")
    assert scot.sentence.text[scot.start : scot.end] == "Scot Peterson"
    assert scot.note == "Rita Reporter in Word, 2026-12-01 10:03 UTC: Is it Scott or Scot?"
    assert len(result.flags) == 2


def test_replies_are_the_thread_under_the_word_authors_name(editor):
    editor.first_name, editor.last_name = "Editor", "Person"
    editor.save()
    article_import_docx(data=reporter_file(), file_name="p.docx", actor=editor)
    scot = Flag.objects.get(quote="Scot Peterson")
    thread = list(scot.comments.order_by("pk"))
    assert [(c.author, c.author_name, c.body) for c in thread] == [
        (None, "Lee Lawyer", "Scot, per the court record."),
        (editor, "", "Thanks, keeping it."),  # matched to the desk user of that name
    ]
    # Who brought them in is the history's user.
    assert thread[0].history.first().history_user == editor


def test_a_comment_marked_done_resolves_its_flag(editor):
    article_import_docx(data=reporter_file(), file_name="p.docx", actor=editor)
    officials = Flag.objects.get(origin="import", quote="Officials said he")
    assert officials.status == "resolved"
    assert officials.resolution_note == "Marked done in Word (p.docx)."


def test_the_import_is_one_change_in_the_timeline(editor):
    result = article_import_docx(
        data=reporter_file(), file_name="p.docx", actor=editor, run_checks=False
    )
    changes = timeline(result.article).changes
    assert len(changes) == 1
    assert changes[0].reasons == ["imported from Word (p.docx)"]
    kinds = {e.kind for e in changes[0].entries}
    assert kinds == {"article", "text", "flags", "comments"}


def test_the_title_falls_back_to_the_title_property_then_the_file_name(editor):
    word = WordFile()
    word.paragraph("Just a paragraph.")
    word.doc.core_properties.title = "From the properties"
    a = article_import_docx(data=word.bytes(), file_name="x.docx", actor=editor).article
    assert a.title == "From the properties"
    bare = WordFile()
    bare.paragraph("Just a paragraph.")
    bare.doc.core_properties.title = ""
    b = article_import_docx(data=bare.bytes(), file_name="city-council.docx", actor=editor)
    assert b.article.title == "city council"
    given = article_import_docx(
        data=reporter_file(), file_name="p.docx", actor=editor, title="Given", slug="given"
    )
    assert (given.article.title, given.article.slug) == ("Given", "given")


def test_a_comment_on_a_table_is_left_out_and_said_so(editor):
    word = WordFile()
    word.paragraph("Text here.")
    table = word.table([["cell"]])
    word.comment(table.cell(0, 0).paragraphs[0].runs[0], "On the table")
    result = article_import_docx(data=word.bytes(), file_name="t.docx", actor=editor)
    assert result.flags == []
    assert "1 table" in result.summary and "1 comment on tables" in result.summary


def test_viewers_cannot_import(viewer):
    with pytest.raises(PermissionDenied):
        article_import_docx(data=reporter_file(), file_name="p.docx", actor=viewer)


OLE_DOC = OLE_SIGNATURE + b"\x00" * 600


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (OLE_DOC, "old Word 97–2003 document (.doc)"),
        (OLE_DOC + "EncryptedPackage".encode("utf-16-le"), "protected with a password"),
        (b"not a zip at all", "not a Word document"),
        (b"PK\x03\x04broken", "damaged"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_written(editor, data, message):
    with pytest.raises(ValidationError) as exc:
        article_import_docx(data=data, file_name="story.docx", actor=editor)
    assert message in " ".join(exc.value.messages)
    assert not Article.objects.exists()


def test_a_document_with_no_text_or_only_tables_is_refused(editor):
    empty = WordFile()
    with pytest.raises(ValidationError, match="no text"):
        article_import_docx(data=empty.bytes(), file_name="e.docx", actor=editor)
    tables = WordFile()
    tables.table([["a", "b"]])
    with pytest.raises(ValidationError, match="only tables or images"):
        article_import_docx(data=tables.bytes(), file_name="t.docx", actor=editor)
    assert not Article.objects.exists()


def test_an_oversized_file_or_a_zip_bomb_is_refused(editor, settings):
    settings.REVIEW_MAX_IMPORT_BYTES = 20_000
    with pytest.raises(ValidationError, match="at most"):
        article_import_docx(data=b"PK" + b"x" * 30_000, file_name="big.docx", actor=editor)
    word = WordFile()
    word.paragraph("Hello.")
    import zipfile

    data = word.bytes()
    for name in ("word/styles.xml", "word/stylesWithEffects.xml"):  # keep it under 20 kB
        data = replace_part(
            data,
            name,
            b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        )
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        document = archive.read("word/document.xml")
    bomb = replace_part(data, "word/document.xml", document.replace(b"Hello.", b" " * 400_000))
    assert len(bomb) < 20_000
    with pytest.raises(ValidationError, match="zip bomb"):
        article_import_docx(data=bomb, file_name="bomb.docx", actor=editor)
    assert not Article.objects.exists()


def test_nothing_is_written_when_a_later_step_fails(editor, make_article):
    make_article("Taken.", slug="taken")
    with pytest.raises(ValidationError, match="already exists"):
        article_import_docx(data=reporter_file(), file_name="p.docx", actor=editor, slug="taken")
    assert Article.objects.count() == 1
    assert not Flag.objects.exists() and not Comment.objects.exists()


@pytest.mark.libreoffice
def test_a_docx_written_by_libreoffice_imports_with_its_comments_as_flags(editor, tmp_path):
    body = (
        '<text:h text:outline-level="1">Deputy resigns</text:h>'
        "<text:p>Scot Peterson "
        + annotation("c1", "Rita Reporter", "Is it Scott?")
        + "resigned"
        + annotation_end("c1")
        + " on Thursday.</text:p><text:p>Officials "
        + annotation("c2", "Lee Lawyer", "Source?", resolved=True)
        + "said"
        + annotation_end("c2")
        + " it.</text:p>"
    )
    data = libreoffice_docx(body, tmp_path, title="Property title")
    result = article_import_docx(data=data, file_name="lo.docx", actor=editor)
    article = result.article
    assert article.title == "Deputy resigns"
    assert article.original_text == "Scot Peterson resigned on Thursday.\n\nOfficials said it."
    flags = {f.quote: f for f in article.flags.all()}
    assert flags["resigned"].note == "Rita Reporter in Word, 2026-12-01 10:03 UTC: Is it Scott?"
    assert flags["resigned"].status == "open"
    assert flags["said"].status == "resolved"  # LibreOffice's "resolved" is Word's "done"
    assert Sentence.objects.filter(article=article).count() == 2


def _png() -> bytes:
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        body = tag + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_heading_after_blank_lines_is_still_the_title_and_an_image_is_said_left_out(editor):
    import io

    word = WordFile()
    word.paragraph("")
    word.heading("Deputy resigns")
    word.paragraph("Sheriff Scot Peterson resigned on Thursday.")
    word.doc.add_picture(io.BytesIO(_png()))
    result = article_import_docx(
        data=word.bytes(), file_name="p.docx", actor=editor, run_checks=False
    )
    assert result.article.title == "Deputy resigns"
    assert result.article.original_text == "Sheriff Scot Peterson resigned on Thursday."
    assert "Left out (not story text): 1 image." in result.summary


def test_one_comment_marked_done_is_one_resolved(editor):
    result = article_import_docx(
        data=reporter_file(), file_name="p.docx", actor=editor, run_checks=False
    )
    assert result.resolved == 1
    assert "1 marked done" in result.summary


def test_a_file_with_no_name_is_named_document_docx(editor):
    result = article_import_docx(data=reporter_file(), file_name="", actor=editor, run_checks=False)
    assert result.article.source_name == "document.docx"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("story.docm", b""),
        ("story.dotx", b""),
        ("OLD.DOC", b""),
        ("story.txt", OLE_SIGNATURE + b"rest"),
        ("story.txt", b"PK\x03\x04rest"),
    ],
)
def test_word_files_are_known_by_name_or_by_their_first_bytes(name, data):
    from review.services.docx_import import is_docx

    assert is_docx(name, data)


def test_a_text_file_is_not_a_word_file():
    from review.services.docx_import import is_docx

    assert not is_docx("story.txt", b"Plain text.")


# Word comments as flags and replies (review/services/word_comments.py, shared with the
# round trip).


def _sentences(*pairs):
    return [Sentence(text=text, separator=sep) for text, sep in pairs]


def test_a_point_in_the_space_after_a_sentence_flags_that_sentence():
    from review.services.word_comments import place

    sentences = _sentences(("One two.", "  "), ("Three four.", ""))
    placed = place(sentences, 9, 9)  # between the two spaces
    assert (placed.sentence, placed.start, placed.end) == (sentences[0], None, None)
    placed = place(sentences, 8, 10)  # only the white space: the same
    assert placed.sentence is sentences[0] and placed.start is None


def test_a_selection_of_a_whole_sentence_flags_the_sentence_and_a_part_flags_its_words():
    from review.services.word_comments import place

    sentences = _sentences(("One two.", " "), ("Three four.", ""))
    whole = place(sentences, 9, 20)
    assert (whole.sentence, whole.start, whole.end) == (sentences[1], None, None)
    part = place(sentences, 10, 20)
    assert (part.sentence, part.start, part.end) == (sentences[1], 1, 11)


def test_a_comment_to_the_end_of_a_paragraph_is_on_its_last_words_and_one_without_a_date(
    editor,
):
    word = WordFile()
    runs = word.paragraph("Sheriff Scot Peterson ", "resigned on Thursday.")
    undated = word.comment(runs[1], "Friday?")
    undated._comment_elm.attrib.pop(qn("w:date"))  # as some word processors save them
    article_import_docx(data=word.bytes(), file_name="p.docx", actor=editor, run_checks=False)
    flag = Flag.objects.get(origin="import")
    assert flag.quote == "resigned on Thursday."
    assert flag.note == "Rita Reporter in Word: Friday?"


def test_long_comments_and_replies_are_cut_with_an_ellipsis(editor):
    from review.services.word_comments import BODY_MAX, NOTE_MAX

    word = WordFile()
    runs = word.paragraph("Sheriff ", "Scot Peterson", " resigned.")
    asked = word.comment(runs[1], "why " * NOTE_MAX)
    word.reply(asked, runs[1], "because " * BODY_MAX, author="Lee Lawyer")
    article_import_docx(data=word.bytes(), file_name="p.docx", actor=editor, run_checks=False)
    flag = Flag.objects.get(origin="import")
    assert len(flag.note) == NOTE_MAX and flag.note.endswith("…")
    reply = flag.comments.get()
    assert len(reply.body) == BODY_MAX and reply.body.endswith("…")
    assert reply.body.startswith("because because")
