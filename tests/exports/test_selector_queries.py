"""export_data: the plain data behind every export, read in a fixed number of queries."""

from __future__ import annotations

import pytest

from review.selectors.exports import export_data
from review.services.common import save_tracked
from tests.export_factories import make_comment, make_flag

pytestmark = pytest.mark.django_db

# 1. the article's sentences, in position order
# 2. its flags, joined with kind, creator, assignee and resolver
# 3. the flags' comments, joined with their authors (one prefetch)
# 4. the facts worksheet, joined with checkers and flag numbers
QUERIES = 4


def _story(n_sentences: int) -> str:
    paragraphs = []
    for p in range(0, n_sentences, 5):
        paragraphs.append(" ".join(f"Sentence {i} says Scot was here." for i in range(p, p + 5)))
    return "\n\n".join(paragraphs)


def _flag_everything(article, *, editor, copy_editor, per_sentence: int):
    for sentence in article.sentences.all():
        for k in range(per_sentence):
            flag = make_flag(
                article,
                sentence.position,
                "Scot" if k else None,
                actor=editor,
                kind=("name-spelling", "style")[k % 2],
                assignee=copy_editor,
            )
            make_comment(flag, author=copy_editor, body=f"reply {k}")
            make_comment(flag, author=editor, body="and another")


def test_a_small_and_a_large_article_take_the_same_queries(
    make_article, editor, copy_editor, django_assert_num_queries
):
    small = make_article(_story(5), slug="small")
    large = make_article(_story(200), slug="large")
    _flag_everything(small, editor=editor, copy_editor=copy_editor, per_sentence=1)
    _flag_everything(large, editor=editor, copy_editor=copy_editor, per_sentence=2)

    with django_assert_num_queries(QUERIES):
        data = export_data(small, base_url="http://desk.test")
    assert len(data.flags) == 5
    with django_assert_num_queries(QUERIES):
        data = export_data(large, base_url="http://desk.test")
    assert len(data.sentences) == 200 and len(data.flags) == 400
    assert all(len(f.comments) == 2 for f in data.flags)
    assert data.flags[0].assignee == "copyed"


def test_offsets_add_up_to_the_current_text(seeded):
    data = export_data(seeded, base_url="http://desk.test/")
    assert data.text == seeded.original_text
    for sentence in data.sentences:
        assert data.text[sentence.offset : sentence.offset + len(sentence.text)] == sentence.text
    assert data.url == "http://desk.test/articles/peterson/"
    flag = seeded.test_flags["peterson"]
    [exported] = [f for f in data.flags if f.id == flag.pk]
    assert exported.url == f"http://desk.test/articles/peterson/#f-{flag.pk}"
    assert data.words(exported) == "Scot Peterson"


def test_closed_flags_can_be_left_out(seeded):
    data = export_data(seeded, include_closed=False, base_url="http://desk.test")
    assert data.open_only is True
    assert {f.status for f in data.flags} == {"open"}
    assert len(data.flags) == seeded.flags.filter(status="open").count()


def test_a_deleted_reply_keeps_its_place_but_not_its_words(seeded):
    data = export_data(seeded, base_url="http://desk.test")
    israel = next(f for f in data.flags if f.id == seeded.test_flags["israel"].pk)
    [comment] = israel.comments
    assert comment.deleted is True and comment.body == ""


def test_a_flag_whose_sentence_is_gone_is_detached(seeded, editor):
    flag = seeded.test_flags["peterson"]
    flag.sentence = None
    flag.anchor = "orphaned"
    save_tracked(flag, actor=editor, reason="test: sentence removed")
    data = export_data(seeded, base_url="http://desk.test")
    exported = next(f for f in data.flags if f.id == flag.pk)
    assert exported.is_detached and exported.quote == "Scot Peterson"
    assert data.words(exported) == ""


def test_a_span_that_no_longer_fits_its_sentence_falls_back_to_the_whole_sentence(seeded, editor):
    flag = seeded.test_flags["peterson"]
    flag.start, flag.end = 5000, 5010
    flag.anchor = "outdated"
    save_tracked(flag, actor=editor, reason="test: a stale span")
    data = export_data(seeded, base_url="http://desk.test")
    exported = next(f for f in data.flags if f.id == flag.pk)
    assert data.words(exported) == seeded.sentences.get(position=1).text
