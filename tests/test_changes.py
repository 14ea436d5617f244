"""Responses sized by what changed: an action's answer and a colleague's poll carry only the
changed fragments (the sentence, the flag's row, the counts, the thread), a few KB whatever
the story's length; a poll with nothing new is a 204.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from review.models import Flag
from review.selectors.changes import Cursor, changes_since, current_cursor
from review.services.comments import comment_add
from review.services.editing import sentence_edit
from review.services.flags import flag_create, flag_resolve

HTMX = {"HTTP_HX_REQUEST": "true"}
BUDGET = 20 * 1024
TOKEN = re.compile(r'"since": "([^"]*)"')


def long_text(sentences: int, per_paragraph: int = 4) -> str:
    rows = [f"The council met on day {n} and said the budget rose." for n in range(sentences)]
    return "\n\n".join(
        " ".join(rows[i : i + per_paragraph]) for i in range(0, sentences, per_paragraph)
    )


def page_token(client, article, **query) -> str:
    html = client.get(article.get_absolute_url(), query).content.decode()
    return TOKEN.search(html)[1]


def poll(client, article, token, **query):
    url = reverse("review:article_changes", args=[article.slug])
    return client.get(url, {"since": token, **query}, **HTMX)


@pytest.fixture
def story(make_article):
    return make_article("Alpha beta gamma. Delta epsilon zeta.\n\nEta theta iota.", slug="greek")


@pytest.fixture
def big(make_article, copy_editor):
    """2,000 sentences (500 paragraphs: two sections), 300 flags with replies."""
    article = make_article(long_text(2000), slug="big")
    rows = list(article.sentences.order_by("position"))
    for n in range(300):
        flag = flag_create(
            sentence=rows[n * 6], kind="style", actor=copy_editor, start=4, end=11, note=f"n{n}"
        )
        if n % 3 == 0:
            comment_add(flag=flag, actor=copy_editor, body=f"reply {n}")
    return article


def test_a_colleagues_poll_sees_the_new_flag_row_its_sentence_and_the_counts(
    client, editor, copy_editor, story
):
    s1, s2, s3 = story.sentences.order_by("position")
    client.force_login(editor)
    token = page_token(client, story)
    assert poll(client, story, token).status_code == 204
    flag = flag_create(sentence=s2, kind="style", actor=copy_editor, start=0, end=5)
    response = poll(client, story, token)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'<li id="fl-{flag.pk}"' in body and "flag-updates" in body
    assert f'id="sw-{s2.pk}" hx-swap-oob="true"' in body
    assert f'id="sw-{s1.pk}"' not in body and f'id="sw-{s3.pk}"' not in body
    assert "<strong>1</strong> open" in body
    assert 'id="flag-counts" hx-swap-oob="true"' in body
    # The next cursor: nothing new since, so 204; a reply makes the row change again.
    token = TOKEN.search(body)[1]
    assert poll(client, story, token).status_code == 204
    comment_add(flag=flag, actor=copy_editor, body="Seen it")
    body = poll(client, story, token, flag=flag.pk).content.decode()
    assert f'<li id="fl-{flag.pk}"' in body and "1 reply" in body
    assert "Seen it" in body and 'id="thread-comments"' in body
    assert 'id="reply-form"' not in body  # a reply being typed is never replaced


def test_a_poll_sends_only_what_is_new(client, editor, copy_editor, story):
    s1, s2, _ = story.sentences.order_by("position")
    old = flag_create(sentence=s1, kind="style", actor=copy_editor)
    client.force_login(editor)
    token = page_token(client, story)
    new = flag_create(sentence=s2, kind="other", actor=copy_editor)
    body = poll(client, story, token).content.decode()
    assert f'id="fl-{new.pk}"' in body
    assert f'id="fl-{old.pk}"' not in body and f'id="sw-{s1.pk}"' not in body


def test_a_write_that_commits_late_is_still_sent(editor, copy_editor, story):
    """PostgreSQL: a transaction that took a smaller history id can commit after a poll saw a
    larger one. The cursor counts the young rows it saw; one more means a late arrival, and
    the whole young window is sent again rather than lose it."""
    s1, s2, _ = story.sentences.order_by("position")
    late = flag_create(sentence=s1, kind="style", actor=copy_editor)
    quick = flag_create(sentence=s2, kind="style", actor=copy_editor)
    seen = current_cursor(story)
    # What a page saw while `late` was not yet committed: every id, one young row fewer.
    before = Cursor(seen.flag, seen.comment, seen.sentence, seen.since, seen.seen - 1, seen.fact)
    delta = changes_since(story, before)
    assert {late.pk, quick.pk} <= delta.flag_ids
    assert changes_since(story, seen).empty
    assert changes_since(story, delta.cursor).empty


def test_a_colleagues_edit_arrives_as_its_sentence(client, editor, copy_editor, story):
    s1 = story.sentences.order_by("position").first()
    flag = flag_create(sentence=s1, kind="style", actor=copy_editor, start=0, end=5)
    client.force_login(editor)
    token = page_token(client, story)
    sentence_edit(
        sentence=s1,
        text="Alpha beta kappa.",
        expected_version=s1.version,
        actor=copy_editor,
    )
    body = poll(client, story, token).content.decode()
    assert f'id="sw-{s1.pk}" hx-swap-oob="true"' in body and "kappa" in body
    assert f'id="fl-{flag.pk}"' in body
    assert "Reload the story" not in body


def test_a_colleague_splitting_a_sentence_asks_for_a_reload(client, editor, copy_editor, story):
    s1 = story.sentences.order_by("position").first()
    client.force_login(editor)
    token = page_token(client, story)
    sentence_edit(
        sentence=s1, text="Alpha beta. Gamma.", expected_version=s1.version, actor=copy_editor
    )
    body = poll(client, story, token).content.decode()
    assert 'id="story-notice"' in body and "Reload the story" in body


def test_a_flag_that_leaves_the_filtered_list_is_taken_away(client, editor, copy_editor, story):
    s1 = story.sentences.order_by("position").first()
    flag = flag_create(sentence=s1, kind="style", actor=copy_editor)
    client.force_login(editor)
    token = page_token(client, story, status="open")
    flag_resolve(flag=flag, actor=copy_editor)
    body = poll(client, story, token, status="open").content.decode()
    assert f'<li data-remove="{flag.pk}">' in body
    assert f'<li id="fl-{flag.pk}"' not in body
    assert "<strong>0</strong> open · <strong>1</strong> resolved" in body


def test_an_unknown_cursor_asks_for_a_reload_with_a_fresh_one(client, editor, story):
    client.force_login(editor)
    body = poll(client, story, "1.2.3").content.decode()
    assert "Reload the story" in body
    assert Cursor.parse(TOKEN.search(body)[1]) is not None


def test_a_plain_post_still_redirects_to_the_whole_page(client, editor, story):
    s1 = story.sentences.order_by("position").first()
    client.force_login(editor)
    response = client.post(
        reverse("review:flag_create", args=[story.slug]),
        {"sentence": s1.pk, "kind": "style", "severity": "minor", "note": "x"},
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


# On a long story -----------------------------------------------------------------------


def test_on_a_2000_sentence_story_raising_a_flag_and_the_colleagues_poll_stay_small(
    client, editor, copy_editor, big
):
    sentence = big.sentences.get(position=1001)
    client.force_login(copy_editor)
    token = page_token(client, big)
    response = client.post(
        reverse("review:flag_create", args=[big.slug]),
        {"sentence": sentence.pk, "kind": "style", "severity": "minor", "note": "Check"},
        **HTMX,
    )
    assert response.status_code == 200
    flag = Flag.objects.get(article=big, note="Check")
    raised = response.content.decode()
    assert f'<li id="fl-{flag.pk}"' in raised and f'id="sw-{sentence.pk}"' in raised
    assert len(response.content) < BUDGET, len(response.content)

    client.force_login(editor)
    response = poll(client, big, token)
    assert response.status_code == 200
    assert f'<li id="fl-{flag.pk}"' in response.content.decode()
    assert len(response.content) < BUDGET, len(response.content)

    for url, data in (
        (reverse("review:comment_add", args=[flag.pk]), {"body": "Looked at it"}),
        (reverse("review:flag_resolve", args=[flag.pk]), {"note": "fine"}),
        (reverse("review:flag_reopen", args=[flag.pk]), {}),
        (reverse("review:flag_dismiss", args=[flag.pk]), {"reason": "not needed"}),
    ):
        response = client.post(url, data, **HTMX)
        assert response.status_code == 200, url
        assert len(response.content) < BUDGET, (url, len(response.content))
    edit = reverse("review:sentence_edit", args=[big.slug, sentence.pk])
    sentence.refresh_from_db()
    response = client.post(
        edit, {"text": "The board met.", "expected_version": sentence.version, "reason": ""}, **HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<span class="sent" id="sw-{sentence.pk}">')
    assert len(response.content) < BUDGET, len(response.content)


def test_a_long_storys_page_shows_one_section_with_links_and_the_whole_storys_counts(
    client, editor, big
):
    client.force_login(editor)
    first = big.sentences.get(position=0)
    later = big.sentences.get(position=1500)  # paragraph 375: section 2
    html = client.get(big.get_absolute_url()).content.decode()
    assert f'id="s-{first.pk}"' in html and f'id="s-{later.pk}"' not in html
    assert "Section 1 of 2" in html and "?section=2" in html
    assert "<strong>300</strong> open" in html  # the whole story's counts
    section_flags = Flag.objects.filter(article=big, sentence__paragraph__lt=300).count()
    assert html.count('<li id="fl-') == section_flags < 300
    assert f"{section_flags} in section 1, 300 in the story" in html

    html = client.get(big.get_absolute_url(), {"section": 2}).content.decode()
    assert f'id="s-{later.pk}"' in html and f'id="s-{first.pk}"' not in html
    assert html.count('<li id="fl-') == 300 - section_flags

    # A link to a flag opens its section; the section stays in the panel's links.
    flag = Flag.objects.filter(article=big, sentence__paragraph__gte=300).first()
    html = client.get(big.get_absolute_url(), {"flag": flag.pk}).content.decode()
    assert f'id="thread-state" name="flag" value="{flag.pk}"' in html
    assert "Section 2 of 2" in html and "section=2" in html


def test_a_long_storys_section_page_is_a_fraction_of_the_story(client, editor, make_article):
    article = make_article(long_text(3000, per_paragraph=1), slug="tall")  # 10 sections
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<span class="sent"') == 300
    assert "Section 1 of 10" in html
    # Each sentence costs ~300 bytes of markup: the whole story would be ~900 KB.
    assert len(html) < 200_000, len(html)
