"""Flags stay true through revisions, reverts and edits, in real Chromium.

A revision that moves a paragraph keeps every flag on its own words and the timeline shows a
move; a whole-story revert brings back a promo line and its automatic flag reopens (one
flag, not two); an edit marks its automatic flag outdated, showing the original words.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from review.models import Flag, Sentence
from review.selectors.articles import current_text
from review.services.flags import flag_create, flag_resolve
from review.services.revise import article_revise

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORY = (
    "The council met on Monday to discuss the budget. Sources said the plan would fail.\n\n"
    "Subscribe to our newsletter for more stories like this.\n\n"
    "Mayor Lena Brandt said the vote was close. Other branches of the library will close."
)
WITHOUT_PROMO = (
    "The council met on Monday to discuss the budget. Sources said the plan would fail.\n\n"
    "Mayor Lena Brandt said the vote was close. Other branches of the library will close."
)
MOVED = (
    "Mayor Lena Brandt said the vote was close. Other branches of the library will close.\n\n"
    "The council met on Monday to discuss the budget. Sources said the plan would fail.\n\n"
    "Subscribe to our newsletter for more stories like this."
)


def on_words(article, text, quote, actor):
    sentence = Sentence.objects.get(article=article, text=text)
    start = text.index(quote)
    return flag_create(
        sentence=sentence, kind="other", actor=actor, start=start, end=start + len(quote)
    )


def highlighted(page, flag) -> str:
    """The words the page paints for `flag`."""
    marks = page.locator(f'mark[data-flags~="{flag.pk}"]')
    return "".join(marks.all_inner_texts())


def test_a_revision_that_moves_a_paragraph_keeps_every_flag_on_its_words(
    page, live_server, login, editor, make_article
):
    article = make_article(STORY, slug="moved")
    sources = on_words(article, "Sources said the plan would fail.", "Sources said", editor)
    branches = on_words(
        article, "Other branches of the library will close.", "Other branches", editor
    )
    flag_resolve(flag=sources, actor=editor, note="checked")
    login(page, editor)
    page.goto(f"{live_server.url}/articles/{article.slug}/revise/")
    page.fill("textarea[name=text]", MOVED)
    page.get_by_role("button", name="Upload the revision").click()
    # The upload lands on the timeline: the move shows as a move.
    page.wait_for_url(f"{live_server.url}/articles/{article.slug}/history/*")
    assert current_text(article) == MOVED
    change = page.locator("li.change").first
    expect(change.locator("li.action-moved").first).to_contain_text("Moved a sentence")
    expect(change).not_to_contain_text("Removed a sentence")
    expect(change).not_to_contain_text("Added a sentence")
    expect(change).not_to_contain_text("Changed a sentence")

    page.goto(live_server.url + article.get_absolute_url())
    for flag, quote in ((sources, "Sources said"), (branches, "Other branches")):
        assert highlighted(page, flag) == quote


def test_a_whole_story_revert_brings_back_a_promo_line_and_reopens_its_flag(
    page, live_server, login, editor, make_article
):
    article = make_article(STORY, slug="promo", run_checks=True)
    [promo] = Flag.objects.filter(article=article, origin="check:dangling.promo")
    article_revise(article=article, text=WITHOUT_PROMO, actor=editor)
    promo.refresh_from_db()
    assert (promo.status, promo.anchor) == ("resolved", "orphaned")

    login(page, editor)
    page.goto(f"{live_server.url}/articles/{article.slug}/history/")
    # The oldest change is the import: revert the whole text to it.
    page.locator("li.change").last.get_by_role(
        "button", name="Revert the text to this point"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Reverted the text")
    assert current_text(article) == STORY

    flags = Flag.objects.filter(article=article, origin="check:dangling.promo")
    assert flags.count() == 1  # reopened, not raised again
    [again] = flags
    assert (again.pk, again.status) == (promo.pk, "open")
    expect(page.locator("li.change").first).to_contain_text("the problem is back")
    expect(page.locator("li.change").first).to_contain_text("Reopened flag")

    page.goto(live_server.url + again.get_absolute_url())
    expect(page.locator("#thread-head")).to_contain_text("Open")
    assert highlighted(page, again) == "Subscribe to our newsletter for more stories like this."


def test_an_edit_marks_its_automatic_flag_outdated_showing_the_original_words(
    page, live_server, login, editor, make_article
):
    article = make_article(STORY, slug="outdated", run_checks=True)
    [vague] = Flag.objects.filter(article=article, origin="check:claims.vague-attribution")
    sentence = vague.sentence
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(f"#sw-{sentence.pk} a.edit-link").click()
    page.locator(f"#edit-text-{sentence.pk}").fill("Sources claimed the plan would fail.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#s-{sentence.pk}")).to_have_text("Sources claimed the plan would fail.")

    assert (
        Flag.objects.filter(article=article, origin="check:claims.vague-attribution").count() == 1
    )
    page.goto(live_server.url + vague.get_absolute_url())
    hint = page.locator(f'[data-outdated="{vague.pk}"]')
    expect(hint).to_contain_text("Outdated")
    expect(hint.locator("q.original")).to_have_text("Sources said")
    expect(hint.locator("q.now")).to_have_text("Sources claimed")
