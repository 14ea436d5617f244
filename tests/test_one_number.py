"""One number per flag everywhere: the number the approval message cites is the one the
thread, the history and every export show (database ids stay in URLs only)."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from review.selectors.exports import export_file
from review.services.flags import flag_create
from review.services.workflow import article_approve, article_submit
from tests.exports.helpers import by_number, docx_anchors

TEXT = "The council met on Tuesday. Officials said more cuts were coming. The end."


@pytest.fixture
def story(make_article, editor):
    """A story whose flags' numbers differ from their ids and from their text order."""
    other = make_article("Another story. With its own flags.", slug="other")
    for sentence in other.sentences.all():
        flag_create(sentence=sentence, kind="style", actor=editor)
    article = make_article(TEXT, slug="council")
    first, second, _ = article.sentences.order_by("position")
    late = flag_create(sentence=second, kind="style", actor=editor, start=10, end=14)  # #1
    blocker = flag_create(sentence=first, kind="unverified-claim", actor=editor, severity="blocker")
    assert (late.number, blocker.number) == (1, 2)
    assert blocker.pk != blocker.number
    return article, blocker


def test_the_approval_message_cites_the_number_in_the_docx_comment_and_the_thread(
    client, editor, story
):
    article, blocker = story
    article_submit(article=article, actor=editor)
    with pytest.raises(ValidationError) as refused:
        article_approve(article=article, actor=editor)
    message = " ".join(refused.value.messages)
    cited = {int(n) for n in re.findall(r"#(\d+)", message)}
    assert cited == {blocker.number}

    docx = export_file(article, "docx", base_url="http://desk.test").data
    comment = by_number(docx_anchors(docx))[blocker.number]
    assert comment["text"].startswith(f"#{blocker.number} Unverified claim")

    client.force_login(editor)
    thread = client.get(reverse("review:flag_detail", args=[blocker.pk]), HTTP_HX_REQUEST="true")
    assert f'<span class="fnum">#{blocker.number}</span>' in thread.content.decode()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<span class="fnum">#{blocker.number}</span> <span class="fkind">' in page


def test_the_history_cites_flags_and_their_comments_by_number(client, editor, story):
    from review.services.comments import comment_add

    article, blocker = story
    comment_add(flag=blocker, actor=editor, body="Who said so?")
    client.force_login(editor)
    html = client.get(reverse("review:article_history", args=[article.slug])).content.decode()
    assert f"Raised flag #{blocker.number} (" in html
    assert f"Commented on flag #{blocker.number}" in html
    assert f"flag #{blocker.pk} " not in html


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_every_export_cites_the_number(story, fmt):
    article, blocker = story
    body = export_file(article, fmt, base_url="http://desk.test").data.decode()
    if fmt == "json":
        items = json.loads(body)
        items = items.get("items") or items["first"]["items"]
        numbers = {item["desk:number"] for item in items}
        assert numbers == {1, 2}
    elif fmt == "md":
        assert f"{{>>\\[{blocker.number}\\] Unverified claim" in body
        assert f"\\[{blocker.pk}\\]" not in body
    else:
        assert f'id="note-{blocker.number}" value="{blocker.number}"' in body
        assert f'id="note-{blocker.pk}"' not in body


def test_word_reads_the_numbers_back(story):
    article, blocker = story
    docx = export_file(article, "docx", base_url="http://desk.test").data
    texts = [c.text for c in Document(io.BytesIO(docx)).comments]
    assert any(t.startswith(f"#{blocker.number} ") for t in texts)
    assert not any(t.startswith(f"#{blocker.pk} ") for t in texts)
