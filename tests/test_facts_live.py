"""A colleague's open facts worksheet follows what others check: the poll (review.selectors.
changes) sees the worksheet's history too, and sends the changed rows to a page whose panel is
open, the progress line's count to every page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from review.models import StoryFact
from review.selectors.changes import Cursor, changes_since, current_cursor
from review.services.checks import checks_run
from review.services.editing import sentence_edit
from review.services.facts import fact_mark_wrong, fact_verify

pytestmark = pytest.mark.django_db

STORY = (
    "The council said 17 people were hurt on Friday.\n\n"
    "The mayor, Ana Ruiz, 52, said the repairs would cost $3bn over five years."
)
HTMX = {"HTTP_HX_REQUEST": "true"}
TOKEN = re.compile(r'"since": "([^"]*)"')


@pytest.fixture
def story(make_article, editor):
    article = make_article(STORY, slug="council")
    checks_run(article=article, actor=editor)
    return article


def _fact(article, words) -> StoryFact:
    return StoryFact.objects.get(article=article, quote=words)


def _token(client, article, **query) -> str:
    return TOKEN.search(client.get(article.get_absolute_url(), query).content.decode())[1]


def _poll(client, article, token, **query):
    url = reverse("review:article_changes", args=[article.slug])
    return client.get(url, {"since": token, **query}, **HTMX)


def test_the_cursor_carries_the_worksheet_and_an_older_token_asks_for_a_reload(story):
    cursor = current_cursor(story)
    assert cursor.fact > 0  # the checks wrote the worksheet's history
    assert Cursor.parse(str(cursor)) == cursor
    old = ".".join(str(cursor).split(".")[:5])  # a page rendered before the worksheet counted
    assert Cursor.parse(old) is None


def test_a_colleagues_verified_fact_is_a_change(story, fact_checker):
    cursor = current_cursor(story)
    assert changes_since(story, cursor).empty
    fact = fact_verify(fact=_fact(story, "17 people"), source="Police", actor=fact_checker)
    delta = changes_since(story, cursor)
    assert not delta.empty and delta.fact_ids == {fact.pk}
    assert not delta.facts_added and not delta.flag_ids
    assert changes_since(story, delta.cursor).empty


def test_an_open_panel_gets_the_changed_row_and_counts(client, story, editor, fact_checker):
    client.force_login(editor)
    token = _token(client, story, facts="1")
    fact = fact_verify(fact=_fact(story, "17 people"), source="Police log", actor=fact_checker)
    other = _fact(story, "$3bn")
    body = _poll(client, story, token, facts="1").content.decode()
    assert '<ol id="fact-updates" hidden hx-swap-oob="true">' in body
    assert f'<li id="fact-{fact.number}" class="fact st-verified">' in body
    assert "Source: Police log" in body and "by checker" in body
    assert f'id="fact-{other.number}"' not in body  # only what changed
    total = story.facts.count()
    assert f'<span id="facts-count" class="meta" hx-swap-oob="true">1 of {total} checked' in body
    assert 'id="facts-progress"' in body and f"Facts: 1 of {total} checked" in body
    assert 'id="facts-notice"' not in body  # nothing new to put in order


def test_a_closed_panel_gets_only_the_count(client, story, editor, fact_checker):
    client.force_login(editor)
    token = _token(client, story)
    fact_verify(fact=_fact(story, "17 people"), actor=fact_checker)
    response = _poll(client, story, token)
    assert response.status_code == 200  # no longer a 204: the count moved
    body = response.content.decode()
    assert "fact-updates" not in body and "Facts: 1 of" in body


def test_a_fact_marked_wrong_sends_its_flag_and_its_row(client, story, editor, fact_checker):
    client.force_login(editor)
    token = _token(client, story, facts="1")
    fact = fact_mark_wrong(fact=_fact(story, "$3bn"), note="It is $2.4bn.", actor=fact_checker)
    body = _poll(client, story, token, facts="1").content.decode()
    assert f'<li id="fact-{fact.number}" class="fact st-wrong">' in body
    assert f'id="fl-{fact.flag_id}"' in body  # the flag's row, as for any colleague's flag
    assert "Wrong: It is $2.4bn." in body


def test_new_facts_after_an_edit_ask_for_a_reload_of_the_worksheet(
    client, story, editor, copy_editor
):
    client.force_login(editor)
    token = _token(client, story, facts="1")
    first = story.sentences.order_by("position").first()
    sentence_edit(
        sentence=first,
        text="The council said 17 people were hurt on Friday, and 40% of homes lost power.",
        expected_version=first.version,
        actor=copy_editor,
    )
    body = _poll(client, story, token, facts="1").content.decode()
    assert '<p id="facts-notice" class="story-notice" role="status" hx-swap-oob="true">' in body
    assert "Reload the worksheet" in body


def test_the_poll_costs_the_same_queries_for_a_short_and_a_long_worksheet(
    client, make_article, editor, fact_checker
):
    """The rows read are the changed ones: one query, however many facts the story has."""
    counts = []
    for n, repeat in enumerate((1, 40)):
        article = make_article("\n\n".join([STORY] * repeat), slug=f"council-{n}")
        checks_run(article=article, actor=editor)
        client.force_login(editor)
        token = _token(client, article, facts="1")
        fact_verify(fact=article.facts.order_by("number").first(), actor=fact_checker)
        with CaptureQueriesContext(connection) as ctx:
            assert _poll(client, article, token, facts="1").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
