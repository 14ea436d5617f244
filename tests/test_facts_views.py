"""The facts panel on the review page: without JavaScript, with htmx, and who may use it."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from review.models import Flag, StoryFact
from review.services.checks import checks_run

pytestmark = pytest.mark.django_db

STORY = (
    "The council said 17 people were hurt on Friday.\n\n"
    "The mayor, Ana Ruiz, 52, said the repairs would cost $3bn over five years."
)
HTMX = {"HX-Request": "true", "HX-Target": "facts"}


@pytest.fixture
def story(make_article, editor):
    article = make_article(STORY, slug="council")
    checks_run(article=article, actor=editor)
    return article


def _fact(article, words):
    return StoryFact.objects.get(article=article, quote=words)


def _url(article, fact, action):
    return reverse(f"review:fact_{action}", args=[article.slug, fact.pk])


def test_the_page_counts_the_facts_and_opens_the_panel_on_request(client, story, fact_checker):
    client.force_login(fact_checker)
    total = story.facts.count()
    page = client.get(story.get_absolute_url()).content.decode()
    assert f"Facts: 0 of {total} checked, 0 wrong" in page
    assert 'id="facts"' in page and "Open the worksheet" in page
    assert "Check fact 1" not in page  # closed: the rows are not drawn
    page = client.get(story.get_absolute_url() + "?facts=1").content.decode()
    fact = _fact(story, "17 people")
    assert f"{fact.number}. Count: 17 people" in page
    assert f'href="#s-{fact.sentence_id}"' in page  # the fact leads to its words
    assert f'id="s-{fact.sentence_id}"' in page


def test_the_panel_fragment_for_htmx(client, story, fact_checker):
    client.force_login(fact_checker)
    url = reverse("review:facts_panel", args=[story.slug])
    body = client.get(url, headers=HTMX).content.decode()
    assert body.lstrip().startswith("{") is False and "<html" not in body
    assert 'id="facts"' in body and "Count: 17 people" in body
    plain = client.get(url)
    assert plain.status_code == 302 and plain["Location"].endswith("?facts=1#facts")


def test_verify_without_javascript_redirects_to_the_fact(client, story, fact_checker):
    client.force_login(fact_checker)
    fact = _fact(story, "17 people")
    response = client.post(_url(story, fact, "verify"), {"source": "Police statement"})
    assert response.status_code == 302
    assert response["Location"] == f"{story.get_absolute_url()}?facts=1#fact-{fact.number}"
    fact.refresh_from_db()
    assert (fact.status, fact.source, fact.checked_by) == (
        "verified",
        "Police statement",
        fact_checker,
    )
    page = client.get(response["Location"]).content.decode()
    assert f"Fact {fact.number} verified." in page
    assert "Source: Police statement" in page and "by checker" in page
    assert f"Facts: 1 of {story.facts.count()} checked, 0 wrong" in page


def test_verify_with_htmx_swaps_the_panel_and_the_count(client, story, fact_checker):
    client.force_login(fact_checker)
    fact = _fact(story, "17 people")
    response = client.post(_url(story, fact, "verify"), {"source": "x"}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body and 'id="review"' not in body
    assert body.count('id="facts"') == 1 and 'id="facts-progress"' in body
    assert 'id="facts-progress" class="facts-progress" hx-swap-oob="true"' in body
    assert "Facts: 1 of" in body


def test_mark_wrong_with_htmx_sends_the_new_flag_too(client, story, fact_checker):
    client.force_login(fact_checker)
    fact = _fact(story, "$3bn")
    response = client.post(_url(story, fact, "wrong"), {"note": "It is $2.4bn."}, headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    flag = Flag.objects.get(article=story, facts=fact)
    assert f"Flag #{flag.number}" in body
    assert 'id="flag-updates" hidden hx-swap-oob="true"' in body and f'id="fl-{flag.pk}"' in body
    assert f'id="sw-{fact.sentence_id}"' in body  # the sentence with its new highlight
    assert "<html" not in body


def test_mark_wrong_without_javascript(client, story, fact_checker):
    client.force_login(fact_checker)
    fact = _fact(story, "$3bn")
    response = client.post(_url(story, fact, "wrong"), {"note": "It is $2.4bn."})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    flag = Flag.objects.get(article=story, facts=fact)
    assert f"flag #{flag.number} raised on its words" in page
    assert "Wrong: It is $2.4bn." in page
    assert "1 wrong" in page


def test_a_refused_action_shows_its_error_in_the_panel(client, story, fact_checker):
    client.force_login(fact_checker)
    fact = _fact(story, "$3bn")
    response = client.post(_url(story, fact, "wrong"), {"note": ""}, headers=HTMX)
    assert response.status_code == 400
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="facts"')
    assert "Say what is wrong with it" in body and "<html" not in body
    # Without JavaScript: the page again, the error beside the fact, its form open.
    response = client.post(_url(story, fact, "verify"), {"source": "a\x00b"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<html" in page and "control character" in page
    assert 'id="story"' in page  # the whole page, not an error page
    assert StoryFact.objects.get(pk=fact.pk).status == "unchecked"


def test_reset(client, story, fact_checker):
    client.force_login(fact_checker)
    fact = _fact(story, "17 people")
    client.post(_url(story, fact, "verify"), {"source": "x"})
    response = client.post(_url(story, fact, "reset"), headers=HTMX)
    assert response.status_code == 200
    assert StoryFact.objects.get(pk=fact.pk).status == "unchecked"


def test_a_viewer_sees_the_worksheet_but_may_not_check(client, story, viewer):
    client.force_login(viewer)
    page = client.get(story.get_absolute_url() + "?facts=1").content.decode()
    assert "Count: 17 people" in page and "Check fact" not in page
    fact = _fact(story, "17 people")
    for action, data in (("verify", {"source": "x"}), ("wrong", {"note": "x"}), ("reset", {})):
        response = client.post(_url(story, fact, action), data)
        assert response.status_code == 403
        assert "Your role cannot check facts" in response.content.decode()
    assert StoryFact.objects.get(pk=fact.pk).status == "unchecked"


def test_a_fact_of_another_story_is_not_found(client, story, make_article, editor, fact_checker):
    other = make_article("It cost $5m in 2019.", slug="other")
    checks_run(article=other, actor=editor)
    client.force_login(fact_checker)
    fact = other.facts.first()
    response = client.post(_url(story, fact, "verify"), {"source": "x"})
    assert response.status_code == 404


def test_a_viewer_refused_with_htmx_gets_the_sentence_where_it_was_tried(client, story, viewer):
    client.force_login(viewer)
    fact = _fact(story, "17 people")
    response = client.post(_url(story, fact, "verify"), {"source": "x"}, headers=HTMX)
    assert response.status_code == 403
    event = json.loads(response["HX-Trigger"])["desk:error"]
    assert event["message"].startswith("Your role cannot check facts")
    assert "<html" not in response.content.decode()  # never a page in place of the page
