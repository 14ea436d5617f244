"""docx: real Word comments on the exact words, read back with python-docx and LibreOffice."""

from __future__ import annotations

import dataclasses
import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from review.exports import docx as docx_export
from review.selectors.exports import export_data, export_file
from tests.export_factories import plain_article, sample_article
from tests.exports.helpers import by_number, convert_to_odt, docx_anchors, odt_annotations


def test_every_flag_becomes_one_comment_on_its_exact_words():
    article = sample_article()
    comments = by_number(docx_anchors(docx_export.render(article)))
    assert len(comments) == len(article.flags) == 6
    numbered = dict(article.numbered())
    for number, comment in comments.items():
        flag = numbered[number]
        if flag.is_detached:
            assert comment["words"] == "“a sentence that was cut”"
        else:
            assert comment["words"] == article.words(flag)


def test_overlapping_flags_both_keep_their_own_words():
    article = sample_article()
    comments = by_number(docx_anchors(docx_export.render(article)))
    assert comments[2]["words"] == "Officials said he did “nothing,” according to reports."
    assert comments[3]["words"] == "Officials said"


def test_flags_sharing_the_same_words_each_get_a_comment():
    article = plain_article(
        [["Scot Peterson resigned."]],
        [(0, "Scot", {"kind": "name-spelling"}), (0, "Scot", {"kind": "other", "note": "again"})],
    )
    comments = docx_anchors(docx_export.render(article))
    assert sorted(c["words"] for c in comments.values()) == ["Scot", "Scot"]


def test_a_comment_carries_kind_severity_status_note_suggestion_and_thread():
    comments = by_number(docx_anchors(docx_export.render(sample_article())))
    first = comments[1]["text"]
    assert first.splitlines()[0] == "#1 Name spelling · Major · Open"
    assert "Note: Scot or Scott? The sheriff's name is Scott." in first
    assert "Suggestion: replace “Scot Peterson” with “Scott Peterson”" in first
    assert "copyed, 2026-11-29 09:30 UTC: Checked the court record: Scot." in first
    closed = comments[4]["text"]
    assert "Resolved" in closed.splitlines()[0]
    assert "Closed: resolved by editor on 2026-11-29 09:30 UTC: Registry spelling." in closed
    assert "(comment deleted)" in closed
    assert "secret" not in closed


def test_the_comment_author_and_date_are_the_flags():
    comments = by_number(docx_anchors(docx_export.render(sample_article())))
    assert comments[1]["author"] == "editor"
    assert comments[3]["author"] == "Automatic check"
    assert comments[1]["date"].isoformat() == "2026-11-29T09:30:00+00:00"


def test_an_orphaned_flag_exports_under_detached_flags():
    document = Document(io.BytesIO(docx_export.render(sample_article())))
    texts = [p.text for p in document.paragraphs]
    assert "Detached flags" in texts
    assert texts[-1] == "“a sentence that was cut”"


def test_the_story_reads_as_its_paragraphs_after_the_title():
    article = sample_article()
    document = Document(io.BytesIO(docx_export.render(article)))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Scot Peterson"
    story = [" ".join(s.text for s in p.sentences) for p in article.paragraphs]
    assert texts[3:5] == story
    assert document.core_properties.title == "Scot Peterson"


def test_flagged_words_are_shaded_in_their_kinds_colour_and_closed_ones_dotted():
    document = docx_export.build(sample_article())
    shaded = {}
    for run in document.paragraphs[3].runs + document.paragraphs[4].runs:
        rpr = run._r.rPr
        if rpr is None:
            continue
        shd, u = rpr.find(qn("w:shd")), rpr.find(qn("w:u"))
        shaded[run.text] = (
            shd.get(qn("w:fill")) if shd is not None else None,
            u.get(qn("w:val")) if u is not None else None,
        )
    assert shaded["Scot Peterson"] == ("f4a3a3", None)
    # Two flags: the word-level claim (#3) paints its words; the whole-sentence style flag
    # (#2) only underlines the rest of its sentence.
    assert shaded["Officials said"] == ("ffd27f", "double")
    assert shaded[" he did “nothing,” according to reports."] == (None, "thick")
    assert shaded["Scott Israel"] == (None, "dotted")  # resolved


def test_open_only_data_leaves_closed_flags_out_of_the_document():
    article = sample_article(open_only=True)
    article = dataclasses.replace(
        article, flags=tuple(f for f in article.flags if f.status == "open")
    )
    comments = docx_anchors(docx_export.render(article))
    assert len(comments) == 5
    assert all("Resolved" not in c["text"].splitlines()[0] for c in comments.values())


@pytest.mark.django_db
def test_the_seed_export_anchors_each_comment_on_the_flagged_words(seeded):
    data = export_file(seeded, "docx").data
    comments = docx_anchors(data)
    words = sorted(c["words"] for c in comments.values())
    article = export_data(seeded, base_url="http://desk.test")
    assert words == sorted(article.words(f) for f in article.flags)
    assert "Scot Peterson" in words and "officials said" in words


@pytest.mark.libreoffice
def test_closed_flags_are_marked_done_in_word_and_open_ones_are_not():
    import zipfile

    from lxml import etree

    article = sample_article()
    closed = sum(1 for flag in article.flags if flag.status != "open")
    assert closed  # the sample has resolved flags to mark
    with zipfile.ZipFile(io.BytesIO(docx_export.render(article))) as archive:
        extended = etree.fromstring(archive.read("word/commentsExtended.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
    w15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
    done = {e.get(f"{w15}paraId") for e in extended if e.get(f"{w15}done") == "1"}
    assert len(done) == closed
    # Each id names the last paragraph of one comment, and that comment is a closed flag's.
    for comment in comments.findall(qn("w:comment")):
        last = comment.findall(qn("w:p"))[-1]
        first_line = "".join(comment.findall(qn("w:p"))[0].itertext())
        is_done = last.get(w14) in done
        assert is_done == ("· Open" not in first_line), first_line
    assert "commentsExtended+xml" in types
    assert "relationships/commentsExtended" in rels


def test_libreoffice_shows_each_comment_on_the_right_words(tmp_path):
    article = sample_article()
    odt = convert_to_odt({"sample": docx_export.render(article)}, tmp_path)["sample"]
    annotations = odt_annotations(odt)
    assert len(annotations) == len(article.flags)
    by_first_line = {a["text"].splitlines()[0]: a for a in annotations}
    numbered = dict(article.numbered())
    for number, flag in numbered.items():
        [annotation] = [a for line, a in by_first_line.items() if line.startswith(f"#{number} ")]
        expected = f"“{flag.quote}”" if flag.is_detached else article.words(flag)
        assert annotation["words"] == expected
    assert by_first_line["#3 Unverified claim · Major · Open"]["author"] == "Automatic check"
    # Closed flags open as resolved ("done") comments, open ones as live comments.
    for line, annotation in by_first_line.items():
        assert annotation["resolved"] == ("· Open" not in line), line
    assert (
        "Checked the court record: Scot."
        in by_first_line["#1 Name spelling · Major · Open"]["text"]
    )


@pytest.mark.libreoffice
@pytest.mark.django_db
def test_libreoffice_opens_the_seed_export_with_every_flag_as_a_comment(seeded, tmp_path):
    article = export_data(seeded, base_url="http://desk.test")
    odt = convert_to_odt({"seed": docx_export.render(article)}, tmp_path)["seed"]
    annotations = odt_annotations(odt)
    assert sorted(a["words"] for a in annotations) == sorted(
        article.words(f) for f in article.flags
    )
