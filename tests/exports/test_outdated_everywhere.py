"""An outdated flag (its words changed after it was raised) reads the same in every export:
on the words review.text.spans shows, with its original words beside them."""

from __future__ import annotations

import json

import pytest

from review.models import Flag
from review.selectors.exports import export_data, export_file
from review.services.editing import sentence_edit
from review.services.flags import flag_create
from review.text import spans
from tests.exports.helpers import by_number, docx_anchors

TEXT = "The council met on Tuesday. Officials said more cuts were coming."
EDITED = "Officials told us more cuts were coming."


def shown_words(flag) -> str:
    """The words the page and every export show the flag on now."""
    where = spans.shown(EDITED, flag.start, flag.end, flag.quote)
    return EDITED[where.start : where.end]


@pytest.fixture
def outdated(make_article, editor):
    article = make_article(TEXT, slug="council")
    sentence = article.sentences.get(position=1)
    flag = flag_create(sentence=sentence, kind="other", actor=editor, start=10, end=14)
    assert flag.quote == "said"
    sentence_edit(
        sentence=sentence,
        text=EDITED,
        expected_version=sentence.version,
        actor=editor,
    )
    return article, Flag.objects.get(pk=flag.pk)


def test_the_export_data_shows_it_where_spans_does_and_as_outdated(outdated):
    article, flag = outdated
    data = export_data(article, base_url="http://desk.test")
    # The edit's own checks may raise flags of their own: this test follows the editor's.
    (exported,) = [f for f in data.flags if f.number == flag.number]
    where = spans.shown(EDITED, flag.start, flag.end, "said")
    assert exported.is_outdated and where.state == spans.OUTDATED
    offset = len("The council met on Tuesday. ")
    assert (exported.abs_start, exported.abs_end) == (offset + where.start, offset + where.end)
    assert data.words(exported) == shown_words(flag) != "said"


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_text_formats_show_the_original_words(outdated, fmt):
    article, _flag = outdated
    body = export_file(article, fmt, base_url="http://desk.test").data.decode()
    assert "Originally flagged" in body and "said" in body


def test_the_word_comment_shows_the_original_words(outdated):
    article, flag = outdated
    data = export_file(article, "docx", base_url="http://desk.test").data
    comment = by_number(docx_anchors(data))[flag.number]
    assert comment["words"] == shown_words(flag)
    assert "Originally flagged: “said”" in comment["text"]


def test_the_annotation_carries_the_original_words(outdated):
    article, flag = outdated
    data = json.loads(export_file(article, "json", base_url="http://desk.test").data)
    items = data["items"] if "items" in data else data["first"]["items"]
    (item,) = [i for i in items if i["desk:number"] == flag.number]
    assert item["desk:originalQuote"] == "said"
    assert item["desk:anchor"] == "outdated"
    assert item["target"]["selector"][0]["exact"] == shown_words(flag)
