"""md in real renderers: CommonMark (markdown-it-py) and Python-Markdown show the notes as one
numbered list whose numbers are the [N] references, and escaped text as exactly itself."""

from __future__ import annotations

import dataclasses
import html
import re
import string

import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt

from review.exports import markdown
from review.selectors.exports import export_data
from tests.export_factories import plain_article

RENDERERS = {
    "commonmark": MarkdownIt("commonmark").render,
    "python-markdown": python_markdown.markdown,
}


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _top_level_lists(markup: str) -> list[str]:
    """The <ol>/<ul> elements at the top of the rendered notes, each as its markup."""
    found, depth, start = [], 0, 0
    for m in re.finditer(r"<(/?)(ol|ul)\b[^>]*>", markup):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                found.append(markup[start : m.end()])
    return found


def _items(ol: str) -> list[str]:
    """The top-level <li> of a list."""
    inner = ol[ol.index(">") + 1 : ol.rindex("<")]
    items, depth, start = [], 0, 0
    for m in re.finditer(r"<(/?)li\b[^>]*>", inner):
        if not m.group(1):
            if depth == 0:
                start = m.end()
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                items.append(inner[start : m.start()])
    return items


def _many_flags(count: int):
    sentences = [f"Sentence {n} names Scot Peterson." for n in range(count)]
    flags = [(n, "Scot Peterson", {"note": f"Check {n}."}) for n in range(count)]
    return plain_article([sentences], flags)


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("count", [3, 12, 105])
def test_the_notes_are_one_list_numbered_as_the_references(renderer, count):
    article = _many_flags(count)
    md = markdown.render(article).decode()
    story, notes = md.split("## Notes")
    notes = notes.split("## Facts to verify")[0]  # the worksheet's list comes after
    rendered = RENDERERS[renderer](notes)
    [ol] = _top_level_lists(rendered)
    assert ol.startswith("<ol>")  # starts at 1
    items = _items(ol)
    assert len(items) == count
    references = [int(n) for n in re.findall(r"\\\[(\d+)\\\]", story)]
    assert sorted(references) == list(range(1, count + 1))
    for position, item in enumerate(items, 1):
        flag = dict(article.numbered())[position]
        # The item the renderer numbers N is flag #N's note, with its details nested inside.
        assert f"Note: {flag.note}" in _text(item)
        assert "<ul>" in item


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.django_db
def test_the_seed_notes_render_as_one_list_matching_the_references(renderer, seeded):
    article = export_data(seeded, base_url="http://desk.test")
    md = markdown.render(article).decode()
    story, notes = md.split("## Notes")
    notes = notes.split("## Facts to verify")[0]  # the worksheet's list comes after
    [ol] = _top_level_lists(RENDERERS[renderer](notes))
    items = _items(ol)
    assert len(items) == seeded.flags.count() > 10
    for number, flag in article.numbered():
        words = article.words(flag)
        assert f"\\[{number}\\] {flag.kind_name}" in story
        if words:
            assert f"“{' '.join(words.split())}”" in _text(items[number - 1])


@pytest.mark.parametrize("renderer", RENDERERS)
def test_open_flags_only_with_gaps_name_their_numbers_in_one_list(renderer):
    article = _many_flags(5)
    article = dataclasses.replace(article, flags=article.flags[1::2], open_only=True)
    md = markdown.render(article).decode()
    rendered = RENDERERS[renderer](md.split("## Notes")[1].split("## Facts to verify")[0])
    [ul] = _top_level_lists(rendered)
    assert [re.match(r"\s*\[(\d+)\]", _text(i)).group(1) for i in _items(ul)] == ["2", "4"]


@pytest.mark.parametrize("renderer", RENDERERS)
def test_escaped_punctuation_renders_as_itself_without_backslashes(renderer):
    raw = string.punctuation + " 1. - + == ~~ || www.x.org http://x.org"
    rendered = RENDERERS[renderer](markdown.escape(raw))
    assert _text(rendered).strip() == raw


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.django_db
def test_the_seeds_facts_render_as_one_list_of_every_fact(renderer, seeded):
    article = export_data(seeded, base_url="http://desk.test")
    assert article.facts  # the seed's checks filled its worksheet
    md = markdown.render(article).decode()
    facts = md.split("## Facts to verify")[1]
    [ul] = _top_level_lists(RENDERERS[renderer](facts))
    assert ul.startswith("<ul>")
    assert len(_items(ul)) == len(article.facts)
