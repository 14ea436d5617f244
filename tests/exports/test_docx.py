"""docx: real Word comments on the exact words, threads, tracked changes and the desk's mark,
read back with python-docx's XML and with LibreOffice."""

from __future__ import annotations

import dataclasses
import io
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from review.exports import docx as docx_export
from review.exports import docx_mark
from review.selectors.exports import export_data, export_file
from tests.export_factories import plain_article, reply, sample_article
from tests.exports.helpers import by_number, convert_to_odt, docx_anchors, odt_annotations

W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _threads(data: bytes) -> dict[str, dict]:
    """comment text → {"parent": the parent comment's text or None, "done": bool}."""
    parts = _parts(data)
    comments = etree.fromstring(parts["word/comments.xml"])
    extended = etree.fromstring(parts["word/commentsExtended.xml"])
    text_of = {}
    for comment in comments.findall(qn("w:comment")):
        last = comment.findall(qn("w:p"))[-1]
        text_of[last.get(f"{W14}paraId")] = "\n".join(
            "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in comment.findall(qn("w:p"))
        )
    out = {}
    for entry in extended:
        pid = entry.get(f"{W15}paraId")
        parent = entry.get(f"{W15}paraIdParent")
        out[text_of[pid]] = {
            "parent": text_of[parent] if parent else None,
            "done": entry.get(f"{W15}done") == "1",
        }
    return out


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


def test_comments_start_with_the_flags_own_numbers():
    article = plain_article(
        [["Scot Peterson resigned.", "He left."]],
        [(1, None, {"id": 7, "number": 12}), (0, "Scot", {"id": 8, "number": 3})],
    )
    comments = by_number(docx_anchors(docx_export.render(article)))
    assert comments[3]["words"] == "Scot"
    assert comments[12]["words"] == "He left."


def test_overlapping_flags_both_keep_their_own_words():
    article = sample_article()
    comments = by_number(docx_anchors(docx_export.render(article)))
    assert comments[2]["words"] == "Officials said"
    assert comments[3]["words"] == "Officials said he did “nothing,” according to reports."


def test_flags_sharing_the_same_words_each_get_a_comment():
    article = plain_article(
        [["Scot Peterson resigned."]],
        [(0, "Scot", {"kind": "name-spelling"}), (0, "Scot", {"kind": "other", "note": "again"})],
    )
    comments = docx_anchors(docx_export.render(article))
    assert sorted(c["words"] for c in comments.values()) == ["Scot", "Scot"]


def test_a_comment_carries_kind_severity_status_note_and_suggestion():
    comments = by_number(docx_anchors(docx_export.render(sample_article())))
    first = comments[1]["text"]
    assert first.splitlines()[0] == "#1 Name spelling · Major · Open"
    assert "Note: Scot or Scott? The sheriff's name is Scott." in first
    assert "Suggestion: replace “Scot Peterson” with “Scott Peterson”" in first
    closed = comments[4]["text"]
    assert "Resolved" in closed.splitlines()[0]
    assert "Closed: resolved by editor on 2026-11-29 09:30 UTC: Registry spelling." in closed


def test_each_comment_is_one_paragraph():
    comments = etree.fromstring(_parts(docx_export.render(sample_article()))["word/comments.xml"])
    assert all(len(c.findall(qn("w:p"))) == 1 for c in comments.findall(qn("w:comment")))


def test_each_reply_is_a_comment_of_its_own_with_its_author_and_date():
    article = plain_article(
        [["Scot Peterson resigned."]],
        [
            (
                0,
                "Scot Peterson",
                {
                    "comments": (
                        reply("copyed", "Court record says Scot."),
                        dataclasses.replace(
                            reply("editor", "Keep it."),
                            created=reply("x", "y").created.replace(hour=11),
                        ),
                    )
                },
            )
        ],
    )
    anchors = docx_anchors(docx_export.render(article))
    replies = {a["text"]: a for a in anchors.values() if not a["text"].startswith("#")}
    assert replies["Court record says Scot."]["author"] == "copyed"
    assert replies["Keep it."]["author"] == "editor"
    assert replies["Keep it."]["date"].isoformat() == "2026-11-29T11:30:00+00:00"
    # On the flag's words, like the flag's own comment.
    assert {r["words"] for r in replies.values()} == {"Scot Peterson"}


def test_replies_are_threaded_under_the_flags_comment_and_closed_threads_are_done():
    threads = _threads(docx_export.render(sample_article()))
    [flag_one] = [t for t in threads if t.startswith("#1 ")]
    [flag_four] = [t for t in threads if t.startswith("#4 ")]
    assert threads["Checked the court record: Scot."] == {"parent": flag_one, "done": False}
    assert threads["Matches the registry."] == {"parent": flag_four, "done": True}
    assert threads["(comment deleted)"]["parent"] == flag_four
    assert threads[flag_one] == {"parent": None, "done": False}
    assert threads[flag_four] == {"parent": None, "done": True}
    assert "secret" not in " ".join(threads)


def test_the_comment_author_is_the_flags_and_the_desk_for_automatic_flags():
    comments = by_number(docx_anchors(docx_export.render(sample_article())))
    assert comments[1]["author"] == "editor"
    assert comments[2]["author"] == "Review desk (automatic check)"
    assert comments[1]["date"].isoformat() == "2026-11-29T09:30:00+00:00"
    # Whoever ran the checks is not named anywhere in the file.
    article = sample_article()
    auto = dataclasses.replace(article.flags[1], creator="Zelda Runner")
    article = dataclasses.replace(article, flags=(auto,))
    data = docx_export.render(article)
    assert b"Zelda" not in _parts(data)["word/comments.xml"]


def test_an_open_suggestion_is_a_tracked_change_by_its_author():
    data = docx_export.render(sample_article())
    body = etree.fromstring(_parts(data)["word/document.xml"])
    [deletion] = body.iter(qn("w:del"))
    [insertion] = body.iter(qn("w:ins"))
    assert "".join(t.text for t in deletion.iter(qn("w:delText"))) == "Scot Peterson"
    assert "".join(t.text for t in insertion.iter(qn("w:t"))) == "Scott Peterson"
    assert deletion.get(qn("w:author")) == insertion.get(qn("w:author")) == "editor"
    assert deletion.get(qn("w:date")) == "2026-11-29T09:30:00Z"
    # Accepting it leaves the flag's comment on the new words.
    comments = by_number(docx_anchors(data))
    assert (comments[1]["words"], comments[1]["accepted"]) == ("Scot Peterson", "Scott Peterson")


def test_only_open_suggestions_on_their_own_words_become_tracked_changes():
    article = plain_article(
        [["Sheriff Scot Peterson said it.", "Another line."]],
        [
            (0, "Scot Peterson", {"suggestion": "Scott Peterson"}),
            (0, "Peterson said", {"suggestion": "Peterson stated"}),  # overlaps #1
            (1, None, {"suggestion": "A line.", "status": "resolved"}),
            (1, "line", {"suggestion": "row", "anchor": "outdated"}),
        ],
    )
    data = docx_export.render(article)
    body = etree.fromstring(_parts(data)["word/document.xml"])
    deletions = ["".join(t.text for t in d.iter(qn("w:delText"))) for d in body.iter(qn("w:del"))]
    assert deletions == ["Scot Peterson"]  # one revision, even across #2's start
    comments = by_number(docx_anchors(data))
    assert "(a tracked change in the text" in comments[1]["text"]
    assert "Suggestion: replace “Peterson said” with “Peterson stated”" in comments[2]["text"]
    assert "tracked change in the text" not in comments[2]["text"]


def test_an_orphaned_flag_exports_under_detached_flags():
    document = Document(io.BytesIO(docx_export.render(sample_article())))
    texts = [p.text for p in document.paragraphs]
    assert "Detached flags" in texts
    assert texts[-1] == "“a sentence that was cut”"


def test_the_story_reads_as_its_paragraphs_after_the_desks_own():
    article = sample_article()
    document = Document(io.BytesIO(docx_export.render(article)))
    paragraphs = document.paragraphs
    assert paragraphs[0].text == "Scot Peterson"
    story = [p for p in paragraphs if p.style.name == "Normal"]
    # The desk's paragraphs have styles of their own; the story is in Normal.
    assert {p.style.name for p in paragraphs if p not in story} == {
        "Review Desk Title",
        "Review Desk Note",
        "Review Desk Heading",
        "Review Desk Detached",
    }
    # As the desk has it: the open suggestion's words are a tracked deletion, its new words a
    # tracked insertion.
    texts = [
        "".join(t.text for t in p._p.iter(qn("w:t"), qn("w:delText")) if not _inserted(t))
        for p in story
    ]
    assert texts == [" ".join(s.text for s in p.sentences) for p in article.paragraphs]
    assert document.core_properties.title == "Scot Peterson"


def _inserted(el) -> bool:
    return any(a.tag == qn("w:ins") for a in el.iterancestors())


def test_every_style_the_file_uses_is_defined_in_it():
    parts = _parts(docx_export.render(sample_article()))
    styles = etree.fromstring(parts["word/styles.xml"])
    defined = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    used = set()
    for name in ("word/document.xml", "word/comments.xml"):
        root = etree.fromstring(parts[name])
        used |= {e.get(qn("w:val")) for e in root.iter(qn("w:pStyle"), qn("w:rStyle"))}
    assert used <= defined
    assert {"CommentText", "CommentReference"} <= used


def test_the_legend_explains_the_underlines_and_the_tracked_changes():
    document = Document(io.BytesIO(docx_export.render(sample_article())))
    legend = " ".join(p.text for p in document.paragraphs if p.style.name == "Review Desk Note")
    for words in ("Thick underline", "Double underline", "Dotted underline", "tracked change"):
        assert words in legend


def test_flagged_words_are_shaded_in_their_kinds_colour_and_closed_ones_dotted():
    document = docx_export.build(sample_article())
    story = [p for p in document.paragraphs if p.style.name == "Normal"]
    shaded = {}
    for run in (r for p in story[:2] for r in p._p.iter(qn("w:r"))):
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            continue
        shd, u = rpr.find(qn("w:shd")), rpr.find(qn("w:u"))
        text = "".join(t.text for t in run.iter(qn("w:t"), qn("w:delText")))
        shaded[text] = (
            shd.get(qn("w:fill")) if shd is not None else None,
            u.get(qn("w:val")) if u is not None else None,
        )
    assert shaded["Scott Peterson"] == ("f4a3a3", None)  # the tracked insertion
    # Two flags: the word-level claim (#2) paints its words; the whole-sentence style flag
    # (#3) only underlines the rest of its sentence.
    assert shaded["Officials said"] == ("ffd27f", "double")
    assert shaded[" he did “nothing,” according to reports."] == (None, "thick")
    assert shaded["Scott Israel"] == (None, "dotted")  # resolved


def test_a_windows_line_break_is_one_break_and_right_to_left_paragraphs_run_right_to_left():
    article = plain_article([["First line\r\nsecond line."], ["שלום עולם."]])
    body = etree.fromstring(_parts(docx_export.render(article))["word/document.xml"])
    paragraphs = [
        p
        for p in body.iter(qn("w:p"))
        if p.find(qn("w:pPr")) is None or (p.find(qn("w:pPr")).find(qn("w:pStyle")) is None)
    ]
    first, rtl = paragraphs
    assert len(list(first.iter(qn("w:br")))) == 1
    assert "\r" not in "".join(t.text for t in first.iter(qn("w:t")))
    assert rtl.find(qn("w:pPr")).find(qn("w:bidi")) is not None
    assert first.find(qn("w:pPr")) is None


def test_the_file_carries_the_desks_mark():
    parts = _parts(docx_export.render(sample_article(version=7)))
    props = etree.fromstring(parts["docProps/custom.xml"])
    values = {p.get("name"): "".join(p.itertext()) for p in props}
    items = [data for name, data in parts.items() if name.startswith("customXml/item")]
    mark = docx_mark.read_mark(values, items)
    assert (mark.story, mark.version, mark.site) == ("scot-peterson", 7, "http://desk.test")
    assert mark.exported_at.isoformat() == "2026-11-29T09:30:00+00:00"
    assert mark.tracked == {1: ("Scot Peterson", "Scott Peterson")}
    assert mark.replies[1] == {
        docx_mark.reply_fingerprint("copyed", "Checked the court record: Scot.")
    }
    assert len(mark.replies[4]) == 2


def test_open_only_data_leaves_closed_flags_out_of_the_document():
    article = sample_article(open_only=True)
    article = dataclasses.replace(
        article, flags=tuple(f for f in article.flags if f.status == "open")
    )
    comments = by_number(docx_anchors(docx_export.render(article)))
    assert sorted(comments) == [1, 2, 3, 5, 6]
    assert all("Resolved" not in c["text"].splitlines()[0] for c in comments.values())


@pytest.mark.django_db
def test_the_seed_export_anchors_each_comment_on_the_flagged_words(seeded):
    data = export_file(seeded, "docx").data
    comments = by_number(docx_anchors(data))
    article = export_data(seeded, base_url="http://desk.test")
    assert {n: c["words"] for n, c in comments.items()} == {
        n: article.words(f) for n, f in article.numbered()
    }
    peterson = seeded.test_flags["peterson"]
    assert comments[peterson.number]["accepted"] == "Scott Peterson"


@pytest.mark.libreoffice
def test_libreoffice_shows_each_comment_on_the_right_words_and_done_state(tmp_path):
    article = sample_article()
    odt = convert_to_odt({"sample": docx_export.render(article)}, tmp_path)["sample"]
    annotations = odt_annotations(odt)
    assert len(annotations) == len(article.flags) + 3  # and the three replies
    flags = {a["text"].split()[0]: a for a in annotations if a["text"].startswith("#")}
    for number, flag in article.numbered():
        annotation = flags[f"#{number}"]
        if flag.is_detached:
            assert annotation["words"] == f"“{flag.quote}”"
        elif flag.suggestion:
            # LibreOffice shows the words with the tracked change applied (the deletion is
            # kept aside in its change record).
            assert annotation["words"] == flag.suggestion
        else:
            assert annotation["words"] == article.words(flag)
        # Closed flags open as resolved ("done") comments, open ones as live comments.
        assert annotation["resolved"] == (flag.status != "open")
    assert flags["#2"]["author"] == "Review desk (automatic check)"
    # Each reply is a comment of its own, by its author, on its flag's words.
    reply_one = next(a for a in annotations if a["text"] == "Checked the court record: Scot.")
    assert (reply_one["author"], reply_one["words"]) == ("copyed", "Scott Peterson")
    reply_four = next(a for a in annotations if a["text"] == "Matches the registry.")
    assert (reply_four["words"], reply_four["resolved"]) == ("Scott Israel", True)


@pytest.mark.libreoffice
@pytest.mark.django_db
def test_libreoffice_opens_the_seed_export_with_every_flag_as_a_comment(seeded, tmp_path):
    article = export_data(seeded, base_url="http://desk.test")
    data = docx_export.render(article)
    odt = convert_to_odt({"seed": data}, tmp_path)["seed"]
    shown = {a["text"].split()[0]: a["words"] for a in odt_annotations(odt) if a["text"][:1] == "#"}
    # LibreOffice shows each comment on its words with the tracked changes in them applied
    # (it keeps the deleted words aside), as our own reading of the file says.
    expected = {f"#{n}": c["accepted"] for n, c in by_number(docx_anchors(data)).items()}
    assert shown == expected
    assert len(shown) == seeded.flags.count()
    assert len(docx_export.tracked_suggestions(article)) >= 5
