"""Query strings and form fields from outside never turn into a server error."""

from __future__ import annotations

import pytest

from review.params import parse_count, parse_id

WEIRD = ["²", "-1", "1.5", "abc", "", " ", "99999999999999999999999", "0x10", "１２"]


@pytest.mark.parametrize("value", WEIRD)
def test_parse_id_treats_anything_but_a_plain_positive_number_as_absent(value):
    assert parse_id(value) is None


def test_parse_id_reads_plain_numbers_and_parse_count_allows_zero():
    assert parse_id("42") == 42
    assert parse_id(" 7 ") == 7
    assert parse_id("0") is None
    assert parse_count("0", default=5) == 0
    assert parse_count("²", default=5) == 5


@pytest.fixture
def story(seed_article, copy_editor):
    from review.services.flags import flag_create

    sentence = seed_article.sentences.get(position=0)
    flag = flag_create(sentence=sentence, kind="other", actor=copy_editor, start=0, end=2)
    return seed_article, sentence, flag


def urls(article, sentence, flag):
    base = f"/articles/{article.slug}"
    for value in [*WEIRD, "2026-13-45T00:00:00", "2026-01-01T00:00:00+25:00"]:
        yield f"{base}/?flag={value}"
        yield f"{base}/?assignee={value}"
        yield f"{base}/changes/?flag={value}"
        yield f"{base}/changes/?since=1.{value}"
        yield f"{base}/sentences/{sentence.pk}/flag/?start={value}&end={value}"
        yield f"{base}/history/?as_of={value}"
        yield f"{base}/history/?user={value}&page={value}"
    yield f"{base}/changes/?since=1.2.99999999999999999999"
    yield f"{base}/changes/?since=1.2.-99999999999999999"


def test_no_get_page_fails_on_a_strange_parameter(client, editor, story):
    client.force_login(editor)
    for url in urls(*story):
        status = client.get(url).status_code
        assert status < 500, url


@pytest.mark.parametrize("value", WEIRD)
def test_no_form_fails_on_a_strange_id(client, editor, story, value):
    article = story[0]
    client.force_login(editor)
    base = f"/articles/{article.slug}"
    assert client.post(f"{base}/flags/new/", {"sentence": value}).status_code < 500
    assert client.post(f"{base}/revert/", {"as_of": value}).status_code < 500


def test_the_timeline_keeps_a_deleted_comment_as_an_event_not_its_words(
    client, viewer, copy_editor, story
):
    from review.services.comments import comment_add, comment_delete

    article, _, flag = story
    comment = comment_add(flag=flag, actor=copy_editor, body="Libellous aside about the mayor")
    comment_delete(comment=comment, actor=copy_editor)
    client.force_login(viewer)
    body = client.get(f"/articles/{article.slug}/history/").content.decode()
    assert "Libellous aside" not in body
    assert "Deleted a comment" in body
