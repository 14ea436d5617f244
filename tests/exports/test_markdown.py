"""md: CriticMarkup highlights, comments and substitutions, with user text escaped."""

from __future__ import annotations

import pytest

from review.exports import markdown
from review.selectors.exports import export_file
from tests.export_factories import plain_article, sample_article


def _render(article=None) -> str:
    return markdown.render(article or sample_article()).decode("utf-8")


def test_a_flag_is_a_highlight_followed_by_its_comment():
    md = _render()
    assert (
        "{==Email In Touch at==}{>>\\[5\\] Dangling text · Blocker: Promo boilerplate; cut it.<<}"
        in md
    )


def test_an_open_suggestion_is_a_substitution():
    md = _render()
    assert md.count("{~~Scot Peterson~>Scott Peterson~~}{>>\\[1\\] Name spelling · Major:") == 1


def test_a_closed_flag_says_its_status_in_the_comment():
    assert "{==Scott Israel==}{>>\\[4\\] Name spelling · Minor · Resolved<<}" in _render()


def test_a_whole_sentence_flag_does_not_swallow_the_word_flags_inside_it():
    md = _render()
    # The word flag keeps its exact highlight; the sentence flag's comment follows the sentence.
    assert (
        "{==Officials said==}{>>\\[2\\] Unverified claim · Major: Which officials?<<}"
        " he did “nothing,” according to reports.{>>\\[3\\] Style · Minor on the whole "
        "sentence: Quote marks around one word.<<}"
    ) in md


def test_a_whole_sentence_flag_alone_highlights_its_sentence():
    article = plain_article([["One sentence here.", "Another."]], [(1, None, {"note": "Cut?"})])
    assert "{==Another.==}{>>\\[1\\] Other · Minor: Cut?<<}" in _render(article)


def test_overlapping_word_flags_share_one_highlight_with_a_comment_each():
    article = plain_article(
        [["Sheriff Scott Israel spoke."]],
        [(0, "Scott Israel", {"note": "Name?"}), (0, "Israel spoke", {"note": "Verb?"})],
    )
    assert (
        "{==Scott Israel spoke==}{>>\\[1\\] Other · Minor on “Scott Israel”: Name?<<}"
        "{>>\\[2\\] Other · Minor on “Israel spoke”: Verb?<<}"
    ) in _render(article)


def test_notes_list_details_and_each_reply_with_author_and_date():
    md = _render()
    notes = md.split("## Notes")[1].split("## Facts to verify")[0]
    assert "\n1. **Name spelling · Major · Open** — “Scot Peterson”\n" in notes
    assert "    - Reply from copyed, 2026-11-29 09:30 UTC: Checked the court record: Scot." in notes
    assert "\\(comment deleted\\)" in notes and "secret" not in md
    assert "Detached: its sentence is gone; it was on “a sentence that was cut”" in notes


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<script>", "&lt;script&gt;"),
        ("a & b", "a &amp; b"),
        ("[x](http://e.vil)", "\\[x\\]\\(http&#58;//e.vil\\)"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("# head | cell", "\\# head &#124; cell"),
        ("{==x==}{>>y<<}", "&#123;&#61;&#61;x&#61;&#61;&#125;&#123;&gt;&gt;y&lt;&lt;&#125;"),
        ("{~~a~>b~~}", "&#123;&#126;&#126;a&#126;&gt;b&#126;&#126;&#125;"),
        ("1. item", "1\\. item"),
        ("- item\n+ more\n===", "\\- item\n\\+ more\n&#61;&#61;&#61;"),
        ("see www.e.vil now", "see www&#46;e.vil now"),
        ("back\\slash", "back\\\\slash"),
        ("Broward-based 2.5", "Broward-based 2.5"),
    ],
)
def test_user_text_is_escaped_to_read_as_itself(raw, escaped):
    assert markdown.escape(raw) == escaped


def test_the_story_itself_is_escaped_too():
    article = plain_article([["He said <b>hi</b> [here](x) *now*."]], [(0, "<b>hi</b>", {})])
    md = _render(article)
    assert "<b>" not in md
    assert "{==&lt;b&gt;hi&lt;/b&gt;==}" in md
    assert "\\[here\\]\\(x\\) \\*now\\*" in md


@pytest.mark.django_db
def test_the_seed_markdown_marks_every_flag(seeded):
    md = export_file(seeded, "md").data.decode()
    assert "{~~Scot Peterson~>Scott Peterson~~}" in md
    # Automatic checks may flag the same words: then one highlight carries both comments.
    number = seeded.test_flags["officials"].number
    assert f"{{>>\\[{number}\\] Unverified claim · Major: Which officials?<<}}" in md
    assert "{==officials said==}" in md
    assert md.count("{>>") == seeded.flags.count()
