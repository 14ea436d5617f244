"""Editing in real Chromium: edit a sentence inline, see the diff on the timeline, revert it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from review.selectors.articles import current_text

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."


def test_an_editor_edits_a_sentence_inline_sees_the_diff_and_reverts_it(
    page, live_server, login, copy_editor, make_article
):
    article = make_article(TEXT, slug="peterson")
    sentence = article.sentences.get(position=0)
    login(page, copy_editor)
    page.goto(live_server.url + article.get_absolute_url())

    # The pencil swaps the sentence for a form in place (htmx), no page load.
    page.locator(f"#sw-{sentence.pk} a.edit-link").click()
    box = page.locator(f"#edit-text-{sentence.pk}")
    expect(box).to_have_value("Scot Petersen stayed outside.")
    box.fill("Scot Peterson stayed outside.")
    page.fill(f"#edit-reason-{sentence.pk}", "name spelling")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#s-{sentence.pk}")).to_have_text("Scot Peterson stayed outside.")
    assert current_text(article) == TEXT.replace("Petersen", "Peterson")

    # The timeline shows who changed which words, and why.
    page.get_by_role("link", name="History").first.click()
    change = page.locator("li.change").first
    expect(change).to_contain_text("edited: name spelling")
    expect(change).to_contain_text(copy_editor.username)
    expect(change.locator(".sentence-diff del")).to_have_text("Petersen")
    expect(change.locator(".sentence-diff ins")).to_have_text("Peterson")

    # Revert the text to the import; the revert is itself on the timeline.
    page.locator("li.change").nth(1).get_by_role(
        "button", name="Revert the text to this point"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Reverted the text")
    expect(page.locator("li.change").first).to_contain_text("reverted the text to")
    assert current_text(article) == TEXT


def test_a_second_editor_with_a_stale_form_sees_both_versions(
    page, live_server, login, editor, copy_editor, make_article
):
    from review.services.editing import sentence_edit

    article = make_article(TEXT, slug="race")
    sentence = article.sentences.get(position=1)
    login(page, copy_editor)
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(f"#sw-{sentence.pk} a.edit-link").click()
    page.locator(f"#edit-text-{sentence.pk}").fill("He never went in.")
    # Meanwhile another editor saves the same sentence.
    sentence_edit(sentence=sentence, text="He stayed out.", expected_version=1, actor=editor)
    page.get_by_role("button", name="Save").click()
    conflict = page.locator(".conflict")
    expect(conflict).to_contain_text("Someone else saved this sentence")
    expect(conflict.locator(".version.theirs")).to_have_text("He stayed out.")
    expect(conflict.locator(".version.yours")).to_have_text("He never went in.")
    conflict.get_by_role("button", name="Keep my version").click()
    expect(page.locator(f"#s-{sentence.pk}")).to_have_text("He never went in.")


def test_saving_after_the_story_was_approved_meanwhile_says_to_reopen_it(
    page, live_server, login, editor, copy_editor, make_article
):
    from review.services.workflow import article_approve, article_submit

    article = make_article(TEXT, slug="approved-meanwhile")
    sentence = article.sentences.get(position=0)
    login(page, copy_editor)
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(f"#sw-{sentence.pk} a.edit-link").click()
    page.locator(f"#edit-text-{sentence.pk}").fill("Scot Peterson stayed outside.")
    # Meanwhile an Editor approves the story.
    article_submit(article=article, actor=editor)
    article_approve(article=article, actor=editor)
    page.get_by_role("button", name="Save").click()
    form = page.locator(f"#edit-{sentence.pk}")
    expect(form.get_by_role("alert")).to_have_text(
        "This story is approved; reopen it to change the text."
    )
    expect(page.locator(f"#edit-text-{sentence.pk}")).to_have_value("Scot Peterson stayed outside.")
    assert current_text(article) == TEXT
