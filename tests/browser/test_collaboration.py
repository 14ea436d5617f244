"""Working together on a story, in real Chromium: @mention completion, the live Inbox badge,
a notification that leads to its words, and the warning an edit form shows when a colleague
saved its sentence meanwhile."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review.models import Notification
from review.services.comments import comment_add
from review.services.editing import sentence_edit
from review.services.flags import flag_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Long enough that the last paragraph is far below the first screen.
FILLER = "\n\n".join(f"Paragraph {n} says something the desk already checked." for n in range(40))
TEXT = FILLER + "\n\nThe council will cut the library budget by half. The end."


@pytest.fixture
def story(make_article, editor):
    article = make_article(TEXT, slug="council")
    last = article.sentences.order_by("-position")[1]
    start = last.text.index("library budget")
    flag = flag_create(
        sentence=last,
        kind="unverified-claim",
        actor=editor,
        start=start,
        end=start + len("library budget"),
    )
    return article, last, flag


@pytest.fixture
def fast_inbox(settings):
    settings.REVIEW_INBOX_POLL_SECONDS = 1


def test_mention_completion_lists_the_desk_and_puts_the_chosen_name_in_the_reply(
    page, live_server, login, editor, copy_editor, fact_checker, story
):
    article, _, flag = story
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    reply = page.locator("#cm-body")
    reply.click()
    reply.press_sequentially("Could you look, @c")
    listbox = page.get_by_role("listbox", name="People to mention")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_text([re.compile("@checker"), re.compile("@copyed")])
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(reply).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    reply.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")
    reply.press("Enter")  # picks, does not start a new line or send
    expect(listbox).to_have_count(0)
    expect(reply).to_have_value("Could you look, @copyed ")
    expect(reply).to_be_focused()
    reply.press_sequentially("please?")
    reply.press("Control+Enter")
    expect(page.locator("#thread-comments")).to_contain_text("@copyed please?")
    # The mention is highlighted in the thread, and the colleague was told.
    expect(page.locator("#thread-comments .mention")).to_have_text("@copyed")
    assert Notification.objects.filter(recipient=copy_editor, flag=flag).count() == 1


def test_escape_closes_the_mention_list_and_keeps_the_text(
    page, live_server, login, editor, copy_editor, story
):
    article, _, flag = story
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    reply = page.locator("#cm-body")
    reply.click()
    reply.press_sequentially("@cop")
    listbox = page.get_by_role("listbox", name="People to mention")
    expect(listbox.get_by_role("option")).to_have_text([re.compile("@copyed")])
    reply.press("Escape")
    expect(listbox).to_have_count(0)
    expect(reply).to_have_value("@cop")
    expect(page.locator("#thread-state")).to_have_value(str(flag.pk))  # the thread stays


def test_the_inbox_badge_updates_live_when_a_colleague_mentions_you(
    browser, live_server, login, editor, copy_editor, story, fast_inbox
):
    article, _, flag = story
    mine = browser.new_context()
    theirs = browser.new_context()
    try:
        me, colleague = mine.new_page(), theirs.new_page()
        login(me, copy_editor)
        me.goto(live_server.url + article.get_absolute_url())
        badge = me.locator("#inbox-link")
        expect(badge).to_have_text("Inbox (0)")

        login(colleague, editor)
        colleague.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
        colleague.locator("#cm-body").fill("@copyed can you check the budget figure?")
        colleague.locator("#cm-body").press("Control+Enter")
        expect(colleague.locator("#thread-comments")).to_contain_text("budget figure")

        expect(badge).to_have_text("Inbox (1)", timeout=8000)
        expect(badge).to_have_class(re.compile("has-unread"))
        expect(me.locator("#inbox-live")).to_have_attribute("aria-live", "polite")
        expect(me.locator("#inbox-live")).to_have_text("1 unread notification in your Inbox.")
    finally:
        mine.close()
        theirs.close()


def test_opening_a_notification_scrolls_to_the_flags_words_and_flashes_them(
    page, live_server, login, editor, copy_editor, story
):
    _, _, flag = story
    comment_add(flag=flag, actor=editor, body="@copyed is the budget figure right?")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, copy_editor)
    page.goto(live_server.url + "/inbox/")
    page.get_by_role("button", name=re.compile("mentioned you in")).click()
    expect(page.locator("#thread-state")).to_have_value(str(flag.pk))
    words = page.locator(f'#story mark[data-flags~="{flag.pk}"]')
    expect(words).to_have_class(re.compile(r"\bflash\b"))
    expect(words).to_be_in_viewport()
    # The reply that mentioned me is in view in the thread, and highlighted as mine.
    expect(page.locator("#thread-comments .mention-you")).to_be_in_viewport()


def test_opening_an_assignment_lands_on_the_words_too(
    page, live_server, login, editor, copy_editor, story
):
    from review.services.flags import flag_update

    _, _, flag = story
    flag_update(flag=flag, actor=editor, assignee=copy_editor)
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, copy_editor)
    page.goto(live_server.url + "/inbox/")
    page.get_by_role("button", name=re.compile("assigned you")).click()
    expect(page.locator("#thread-state")).to_have_value(str(flag.pk))
    words = page.locator(f'#story mark[data-flags~="{flag.pk}"]')
    expect(words).to_have_class(re.compile(r"\bflash\b"))
    expect(words).to_be_in_viewport()
    expect(page.locator("#thread-title")).to_be_in_viewport()


def test_an_edit_form_warns_when_a_colleague_saved_the_sentence_meanwhile(
    page, live_server, login, editor, copy_editor, story
):
    article, last, _ = story
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}#s-{last.pk}")
    page.locator(f"#sw-{last.pk} a.edit-link").click()
    form = page.locator(f"#edit-{last.pk}")
    expect(form).to_be_visible()
    warning = form.locator(".edit-stale")
    expect(warning).to_be_hidden()

    sentence_edit(
        sentence=last,
        text="The council will cut the library budget by a third.",
        expected_version=last.version,
        actor=copy_editor,
    )
    expect(warning).to_be_visible(timeout=8000)
    expect(warning).to_contain_text("copyed saved this sentence meanwhile")
    expect(warning).to_contain_text("by a third")
    expect(warning).to_have_attribute("role", "status")
    # Saving anyway shows both versions, as the warning said.
    form.locator("textarea").fill("The council will cut the library budget by 40 per cent.")
    form.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("Someone else saved this sentence while you were editing it.")
    ).to_be_visible()


def test_the_edit_forms_asking_is_background_work_that_says_nothing_when_it_fails(
    page, live_server, login, editor, story
):
    article, last, _ = story
    page.route(
        "**/watch/**",
        lambda route: route.fulfill(
            status=503, body="The desk is unavailable for a moment", headers={"Retry-After": "1"}
        ),
    )
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}#s-{last.pk}")
    page.locator(f"#sw-{last.pk} a.edit-link").click()
    form = page.locator(f"#edit-{last.pk}")
    form.locator("textarea").fill("A draft the editor is still writing.")
    with page.expect_response("**/watch/**", timeout=8000) as answer:
        pass
    assert answer.value.status == 503
    page.wait_for_timeout(300)  # what the page does with the answer
    expect(form.locator(".js-error")).to_have_count(0)  # not "nothing was saved"
    expect(page.locator("#desk-alerts .desk-alert")).to_have_count(0)
    expect(form.locator("textarea")).to_have_value("A draft the editor is still writing.")
    expect(form.locator("textarea")).to_be_focused()
