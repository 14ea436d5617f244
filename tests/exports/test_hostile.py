"""Hostile input in every format: markup, Markdown and CriticMarkup metacharacters, control
characters, very long words, right-to-left text and emoji all export safely."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from html.parser import HTMLParser

import pytest
from docx import Document

from review.exports import FORMATS, annotation_json, docx, html, markdown
from review.exports.common import printable
from review.selectors.exports import export_data, export_file
from tests.export_factories import make_comment, make_flag, plain_article, reply
from tests.exports.helpers import (
    by_number,
    convert_to_odt,
    docx_anchors,
    odt_annotations,
    run_w3c_checker,
)

SCRIPT = '<script>alert(1)</script>"><img src=x onerror=alert(1)></style>'
MD = "[click](javascript:alert(1)) ![i](http://e.vil/x.png) <http://e.vil> **b** # h | t | `c`"
CRITIC = "{==x==}{>>y<<} {~~a~>b~~} {++i++} {--d--}"
CONTROLS = "bell\x07 esc\x1b[31m vt\x0b ff\x0c del\x7f nul\x00 nonchar\ufffe"
LONG = "Llanfairpwllgwyngyll" * 400
RTL = "\u202eשלום עולם مرحبا بالعالم"
EMOJI = "🎉 👨‍👩‍👧‍👦 🇺🇸"

STORY = [
    [f"He wrote {SCRIPT} in the lede.", f"Then {MD} appeared.", f"And {CRITIC} too."],
    [f"A long word: {LONG}.", f"Right to left: {RTL}.", f"Emoji {EMOJI} after Scot."],
]


def hostile_article():
    nasty = " ".join((SCRIPT, MD, CRITIC, CONTROLS, RTL, EMOJI))
    flags = [
        (
            0,
            "<script>alert(1)</script>",
            {
                "note": nasty,
                "suggestion": SCRIPT + CRITIC,
                "creator": SCRIPT,
                "kind_name": SCRIPT + "\x01",
            },
        ),
        (1, MD, {"note": CONTROLS, "comments": (reply(SCRIPT + "\x1b", nasty),)}),
        (2, "{==x==}", {"kind": "style", "suggestion": "{~~~>~~}<<}", "assignee": MD}),
        (
            2,
            None,
            {
                "kind": "unverified-claim",
                "note": CRITIC,
                "status": "dismissed",
                "resolution_note": nasty,
                "evidence": "javascript:alert(1)",
            },
        ),
        (3, LONG, {"note": LONG}),
        (4, "שלום", {"kind": "name-spelling", "note": RTL}),
        (5, "👨‍👩‍👧‍👦", {"note": EMOJI, "kind_colour": "#ffd54f;}*{x:url(//e.vil)}"}),
        (5, "Scot", {"note": "after the emoji"}),
    ]
    return plain_article(STORY, flags, title=f"{SCRIPT} {EMOJI} {RTL}")


class Tags(HTMLParser):
    def __init__(self, markup: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_every_format_renders_hostile_input():
    article = hostile_article()
    for fmt in FORMATS.values():
        assert fmt.render(article)


def test_html_carries_no_script_no_handler_and_no_foreign_request():
    markup = html.render(hostile_article()).decode("utf-8")
    tags = Tags(markup).tags
    names = {t for t, _ in tags}
    assert names.isdisjoint({"script", "img", "iframe", "object", "embed", "link", "svg"})
    assert not [a for _, a in tags if any(k.startswith("on") or k == "src" for k in a)]
    assert not [a for _, a in tags if any((v or "").startswith("javascript:") for v in a.values())]
    assert "url(" not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "\x1b" not in markup and "\x00" not in markup and "\x07" not in markup
    assert EMOJI in markup and "שלום עולם" in markup


def test_markdown_carries_no_raw_html_no_links_and_no_critic_markup_of_its_own():
    article = hostile_article()
    md = markdown.render(article).decode("utf-8")
    body = md.split("\n", 4)[4]  # after the title, status and our own Source link
    assert "<" not in body.replace("<<}", "")  # our own comment ends are the only "<"
    assert "](" not in body and "![" not in body
    assert "http://" not in body
    # Our markup: one highlight or substitution per cluster, one comment per flag; none from users.
    assert body.count("{>>") == body.count("<<}") == len(article.flags)
    assert body.count("{==") + body.count("{~~") == body.count("==}") + body.count("~~}")
    assert "{++" not in body and "{--" not in body
    without_flags = dataclasses.replace(article, flags=())
    plain = markdown.render(without_flags).decode("utf-8")
    for token in ("{==", "==}", "{>>", "<<}", "{~~", "~>", "~~}", "<script", "<img"):
        assert token not in plain


def test_docx_opens_again_with_controls_stripped_and_every_comment_in_place():
    article = hostile_article()
    data = docx.render(article)
    document = Document(io.BytesIO(data))
    assert LONG in "\n".join(p.text for p in document.paragraphs)
    anchors = by_number(docx_anchors(data))
    assert len(anchors) == len(article.flags)
    words = sorted(a["words"] for a in anchors.values())
    assert words == sorted(article.words(f).replace("\x0c", "") for f in article.flags)
    text = " ".join(a["text"] + a["author"] for a in anchors.values())
    assert "esc[31m" in text and "\x1b" not in text and "\x00" not in text


def test_json_keeps_every_printable_character_and_its_selectors_resolve(tmp_path):
    article = hostile_article()
    data = annotation_json.render(article)
    doc = json.loads(data)
    items = doc["first"]["items"]
    # Control characters are dropped (PostgreSQL's jsonb refuses \u0000); the rest is kept.
    assert {b["value"] for i in items for b in i["body"]} >= {printable(CONTROLS), RTL, EMOJI}
    assert "\\u0000" not in data.decode()
    for item in items:
        selectors = {s["type"]: s for s in item["target"]["selector"]}
        position = selectors["TextPositionSelector"]
        assert (
            article.text[position["start"] : position["end"]]
            == selectors["TextQuoteSelector"]["exact"]
        )
    result = run_w3c_checker(data, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.libreoffice
def test_libreoffice_opens_the_hostile_docx_with_every_comment(tmp_path):
    article = hostile_article()
    odt = convert_to_odt({"hostile": docx.render(article)}, tmp_path)["hostile"]
    annotations = odt_annotations(odt)
    assert len(annotations) == len(article.flags) + sum(len(f.comments) for f in article.flags)
    assert "👨‍👩‍👧‍👦" in [a["words"] for a in annotations]
    assert any(a["words"] == LONG for a in annotations)


# ---- through the database, the view and the command -------------------------------------------

DB_STORY = (
    f"He wrote {SCRIPT} in the lede. Then {MD} appeared.\n\n"
    f"And {CRITIC} too. Right to left: {RTL}. Emoji {EMOJI} after Scot.\n"
)


@pytest.fixture
def hostile_db_article(make_article, editor, copy_editor):
    editor.first_name, editor.last_name = SCRIPT, EMOJI
    editor.save()
    article = make_article(DB_STORY, title=f"{SCRIPT} {EMOJI}", slug="hostile")
    # PostgreSQL refuses NUL, so the stored controls are the others.
    db_controls = CONTROLS.replace(" nul\x00", "")
    flag = make_flag(
        article,
        0,
        "<script>alert(1)</script>",
        actor=editor,
        kind="other",
        note=f"{db_controls} {CRITIC} {MD}",
        suggestion=SCRIPT,
    )
    make_comment(flag, author=copy_editor, body=f"{SCRIPT} {db_controls} {RTL}")
    make_flag(article, 2, "{==x==}", actor=copy_editor, kind="style", note=CRITIC)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_hostile_article_downloads_safely_in_every_format(
    client, editor, hostile_db_article, fmt
):
    client.force_login(editor)
    response = client.get(f"/articles/{hostile_db_article.slug}/export/{fmt}/")
    assert response.status_code == 200
    data = response.content
    if fmt == "html":
        assert "script" not in {t for t, _ in Tags(data.decode()).tags}
    elif fmt == "md":
        assert "<script" not in data.decode() and "<img" not in data.decode()
    elif fmt == "docx":
        assert len(by_number(docx_anchors(data))) == 2
        assert len(docx_anchors(data)) == 3  # and the reply, a comment of its own
    elif fmt == "json":
        assert len(json.loads(data)["first"]["items"]) == 2
    elif fmt == "csv":
        assert data.decode("utf-8-sig").startswith("Number,Kind,Words")  # no facts checked here
    else:
        assert data.decode() == hostile_db_article.original_text


@pytest.mark.django_db
def test_the_hostile_database_export_passes_the_w3c_checks(hostile_db_article, tmp_path):
    result = run_w3c_checker(export_file(hostile_db_article, "json").data, tmp_path)
    assert result.returncode == 0, result.stdout[-3000:]
    data = export_data(hostile_db_article, base_url="http://desk.test")
    assert re.search("Emoji 🎉", data.text)
