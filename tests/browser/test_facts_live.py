"""Two people on one worksheet, in real Chromium: a colleague's verified fact appears in an
open facts panel by itself, and a row this editor is typing in is never replaced."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from review.models import StoryFact
from review.services.checks import checks_run
from review.services.facts import fact_verify
from review.services.flags import flag_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORY = (
    "The council said 17 people were hurt on Friday.\n\n"
    "The mayor, Ana Ruiz, 52, said the repairs would cost $3bn over five years."
)
POLL = 15_000  # the page polls every 5 s


@pytest.fixture
def story(make_article, editor):
    article = make_article(STORY, slug="council")
    checks_run(article=article, actor=editor)
    return article


def test_a_colleagues_check_appears_and_a_row_being_typed_in_is_kept(
    page, live_server, login, editor, fact_checker, story
):
    people = StoryFact.objects.get(article=story, quote="17 people")
    money = StoryFact.objects.get(article=story, quote="$3bn")
    login(page, editor)
    page.goto(f"{live_server.url}{story.get_absolute_url()}?facts=1#facts")
    row = page.locator(f"#fact-{people.number}")
    expect(row.locator(".fact-status")).to_have_text("Unchecked")
    # This editor starts typing a source for the money figure.
    typed = page.locator(f"#fact-{money.number}")
    typed.locator("summary").click()
    typed.locator("input[name=source]").fill("Budget paper p. 4")

    fact_verify(fact=people, source="Police log", actor=fact_checker)
    fact_verify(fact=money, source="Press office", actor=fact_checker)

    expect(row.locator(".fact-status")).to_have_text("Verified", timeout=POLL)
    expect(row).to_contain_text("Source: Police log")
    expect(page.locator("#facts-count")).to_contain_text("2 of")
    expect(page.locator("#facts-progress")).to_contain_text("Facts: 2 of")
    # The row being typed in keeps what was typed and says a colleague changed it.
    expect(typed.locator(".fact-stale")).to_contain_text("A colleague changed this fact")
    expect(typed.locator("input[name=source]")).to_have_value("Budget paper p. 4")
    expect(typed.locator(".fact-status")).to_have_text("Unchecked")


def test_following_a_fact_marks_its_words_in_the_story(page, live_server, login, editor, story):
    money = StoryFact.objects.get(article=story, quote="$3bn")
    # A flag's mark before the figure splits the sentence's text into several nodes.
    flag_create(sentence=money.sentence, kind="style", actor=editor, start=4, end=9)
    login(page, editor)
    page.goto(f"{live_server.url}{story.get_absolute_url()}?facts=1#facts")
    page.locator(f"#fact-{money.number} a.fact-words").click()
    assert page.url.endswith(f"#s-{money.sentence_id}")
    marked = page.evaluate(
        "() => { const h = CSS.highlights.get('fact-words');"
        " return h ? [...h][0].toString() : null; }"
    )
    assert marked == "$3bn"
    # Another fact moves the mark: one fact's words at a time.
    people = StoryFact.objects.get(article=story, quote="17 people")
    page.locator(f"#fact-{people.number} a.fact-words").click()
    marked = page.evaluate("() => [...CSS.highlights.get('fact-words')][0].toString()")
    assert marked == "17 people"
