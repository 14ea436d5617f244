"""html: one standalone printable page with numbered highlights and notes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from review.exports import html as html_export
from review.selectors.exports import export_file
from tests.export_factories import plain_article, reply, sample_article


class Page(HTMLParser):
    """Collects tags and attributes, the text inside each <mark>, and the notes' ids."""

    def __init__(self, markup: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.marks: list[tuple[str, str]] = []
        self._mark: list[str] | None = None
        self._mark_class = ""
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self._mark, self._mark_class = [], attrs.get("class", "")

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(("".join(self._mark), self._mark_class))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark.append(data)


def _render(article=None) -> str:
    return html_export.render(article or sample_article()).decode("utf-8")


def test_it_is_one_page_with_no_scripts_and_nothing_fetched():
    page = Page(_render())
    tags = {tag for tag, _ in page.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "iframe" not in tags and "object" not in tags
    assert not any(any(k.startswith("on") for k in attrs) for _, attrs in page.tags)
    assert not any("src" in attrs for _, attrs in page.tags)
    css = _render().split("<style>")[1].split("</style>")[0]
    assert "url(" not in css and "@import" not in css
    csp = next(a for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert csp["content"].startswith("default-src 'none'")


def test_title_status_and_scope_are_at_the_top():
    markup = _render()
    assert "<title>Scot Peterson · review</title>" in markup
    assert "Status: <strong>In review</strong>" in markup
    assert "6 flags. All flags, with their status." in markup


def test_flagged_words_are_highlighted_by_kind_and_numbered():
    markup = _render()
    marks = Page(markup).marks
    assert ("Scot Peterson", "k0") in marks
    # The style flag (#3) covers the sentence; #2 (unverified claim) overlaps its first words,
    # and as the word-level flag it paints them. The rest of the sentence is only underlined.
    assert ("Officials said", "k1 multi") in marks
    assert (" he did “nothing,” according to reports.", "k2 whole") in marks
    assert ("Scott Israel", "k0 closed") in marks
    assert re.search(
        r"Scot Peterson</mark><sup class=\"ref\"><bdi><a href=\"#note-1\" id=\"ref-1\">1</a>",
        markup,
    )
    assert "mark.k0, .swatch.k0 { background: #f4a3a3;" in markup


def test_note_numbers_are_the_flags_own_numbers():
    article = plain_article(
        [["Scot Peterson resigned.", "He left."]],
        [(1, None, {"id": 7, "number": 12}), (0, "Scot", {"id": 8, "number": 3})],
    )
    markup = _render(article)
    assert '<li class="note k0 status-open" id="note-3" value="3">' in markup
    assert '<a href="#note-12" id="ref-12">12</a>' in markup
    assert markup.index('id="note-3"') < markup.index('id="note-12"')


def test_note_numbers_ending_at_the_same_word_are_separated():
    article = plain_article(
        [["The sheriff said it."]],
        [(0, "said", {"note": "a"}), (0, "sheriff said", {"note": "b"})],
    )
    markup = _render(article)
    assert (
        '<sup class="ref"><bdi><a href="#note-1" id="ref-1">1</a>,'
        '<a href="#note-2" id="ref-2">2</a></bdi></sup>'
    ) in markup


def test_names_and_dates_are_isolated_from_right_to_left_text():
    article = plain_article(
        [["שלום עולם, said Scot."]],
        [(0, "Scot", {"creator": "אבי", "comments": (reply("סוהא", "בסדר"),)})],
    )
    markup = _render(article)
    assert '<p dir="auto">' in markup
    assert '<bdi class="who">סוהא</bdi> <bdi><time' in markup
    assert "raised by <bdi>אבי</bdi> on <bdi>2026-11-29 09:30 UTC</bdi>" in markup


def test_notes_carry_each_flags_details_and_thread():
    markup = _render()
    note = markup.split('id="note-1"')[1].split("</li>\n")[0]
    assert "<strong>Name spelling</strong> · Major · Open" in note
    assert "“Scot Peterson”" in note
    assert "Scot or Scott? The sheriff&#x27;s name is Scott." in note
    assert '<bdi class="who">copyed</bdi>' in note
    assert "Checked the court record: Scot." in note
    resolved = markup.split('id="note-4"')[1].split("</li>\n")[0]
    assert "(comment deleted)" in resolved and "secret" not in markup


def test_the_summary_counts_flags_by_kind_and_status():
    markup = _render()
    table = markup.split("<table>")[1].split("</table>")[0]
    rows = re.findall(r"<tr><th scope=\"row\">(?:<span[^>]*></span>)?([^<]+)</th>(.*?)</tr>", table)
    counts = {name: re.findall(r">(\d+)<", cells) for name, cells in rows}
    assert counts["Name spelling"] == ["1", "1", "0", "2"]
    assert counts["All kinds"] == ["5", "1", "0", "6"]


def test_it_prints_in_one_column_with_colours_kept():
    markup = _render()
    print_css = markup.split("@media print")[1]
    assert ".layout { display: block; }" in print_css
    assert "print-color-adjust: exact" in print_css


def test_a_kind_colour_that_is_not_a_hex_colour_never_reaches_the_style_sheet():
    article = plain_article(
        [["One sentence."]], [(0, None, {"kind_colour": "red;} body{background:url(//x)"})]
    )
    markup = _render(article)
    assert "url(" not in markup
    assert "mark.k0, .swatch.k0 { background: #ffd54f;" in markup


@pytest.mark.django_db
def test_the_seed_page_highlights_every_flag(seeded):
    markup = export_file(seeded, "html").data.decode()
    marks = [text for text, _ in Page(markup).marks]
    assert "Scot Peterson" in marks and "officials said" in marks
    assert markup.count('<li class="note') == seeded.flags.count()
