"""Refused and failed actions on the review page, in real Chromium: the page stays intact, the
message shows next to what was tried, typed text is kept and live updates carry on.

The last tests speak the error contract written at the top of static/review/review.js (a
message as text/plain, in an HX-Trigger "desk:error" event, or in re-rendered fragments) by
answering the page's requests from the test, so the page is held to it whatever the views
send today.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from review import permissions
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_resolve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "The council met on Tuesday. Officials said more cuts were coming.\n\nThe end."


@pytest.fixture
def claim(make_article, editor):
    article = make_article(TEXT, slug="council")
    sentence = article.sentences.get(position=1)
    flag = flag_create(sentence=sentence, kind="unverified-claim", actor=editor, start=0, end=14)
    return article, flag


def open_thread(page, live_server, article, flag):
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    expect(page.locator("#thread-state")).to_have_value(str(flag.pk))
    page.evaluate("window.__same_page = true")


def assert_page_intact(page):
    """The story, the styles, the script and the live updates are all still there."""
    expect(page.locator("#story")).to_be_visible()
    expect(page.locator("#poller")).to_have_count(1)
    assert page.evaluate("window.__same_page") is True
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgba(0, 0, 0, 0)"
    assert page.title().endswith("Review desk")


def freeze_polls(page):
    """Answer the page's polls with "nothing changed" until `thaw_polls`."""
    page.route("**/changes/**", lambda route: route.fulfill(status=204))


def thaw_polls(page):
    page.unroute("**/changes/**")


def test_a_blank_dismiss_in_debug_mode_no_longer_replaces_the_page(
    page, live_server, login, editor, claim, settings
):
    # `make run` is DEBUG: django-htmx's {% htmx_script %} then added a helper that replaced
    # the whole document with any 400 answer, which is how the page broke for the people
    # who tried it. The desk loads htmx alone.
    settings.DEBUG = True
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    assert page.locator("script[src*='django-htmx.js']").count() == 0

    page.keyboard.press("d")
    page.locator("#ds-reason").fill("   ")
    page.get_by_role("button", name="Dismiss flag").click()

    expect(page.locator("#dismiss-form")).to_contain_text("Say why the flag is dismissed")
    assert_page_intact(page)
    expect(page.locator("#thread-head")).to_contain_text("Open")


def test_a_blank_reply_keeps_the_page_and_says_so_in_the_reply_form(
    page, live_server, login, editor, claim, settings
):
    settings.DEBUG = True
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    page.locator("#cm-body").fill("    ")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#reply-form")).to_contain_text("Write something before sending.")
    assert_page_intact(page)
    expect(page.locator("#cm-body")).to_be_focused()


def test_a_stale_resolve_says_why_in_the_thread_and_shows_the_current_actions(
    page, live_server, login, editor, copy_editor, claim, settings
):
    settings.DEBUG = True
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    freeze_polls(page)  # the colleague's change has not reached this page yet
    page.locator("#cm-body").fill("A reply I am still writing")
    flag_resolve(flag=flag, actor=copy_editor)

    page.get_by_role("button", name=re.compile("^Resolve")).click()

    thread = page.locator("#thread")
    expect(thread).to_contain_text("This flag is already resolved; reopen it first")
    expect(thread.locator("text=This flag is already resolved")).to_have_count(1)
    expect(page.locator("#thread-head")).to_contain_text("Resolved by copyed")
    expect(thread.get_by_role("button", name="Reopen")).to_be_visible()
    expect(thread.get_by_role("button", name=re.compile("^Resolve"))).to_have_count(0)
    expect(page.locator("#cm-body")).to_have_value("A reply I am still writing")
    assert_page_intact(page)

    thaw_polls(page)  # live updates carry on
    comment_add(flag=flag, actor=copy_editor, body="Fixed it on the wire copy.")
    expect(page.locator("#thread-comments")).to_contain_text("Fixed it on the wire", timeout=15_000)


def test_a_colleagues_resolve_brings_the_threads_actions_up_to_date_keeping_a_draft(
    page, live_server, login, editor, copy_editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    page.locator("#cm-body").fill("Half-written reply")
    flag_resolve(flag=flag, actor=copy_editor)
    expect(page.locator("#thread-head")).to_contain_text("Resolved by copyed", timeout=15_000)
    thread = page.locator("#thread")
    expect(thread.get_by_role("button", name="Reopen")).to_be_visible()
    expect(thread.get_by_role("button", name=re.compile("^Resolve"))).to_have_count(0)
    expect(page.locator("#cm-body")).to_have_value("Half-written reply")


# The contract, whatever the server sends.


def test_a_plain_text_refusal_shows_next_to_the_form_that_was_sent(
    page, live_server, login, editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    page.route(
        "**/resolve/**",
        lambda route: route.fulfill(
            status=403,
            content_type="text/plain; charset=utf-8",
            body="Only fact-checkers may resolve claims; ask one of them.",
        ),
    )
    page.get_by_role("button", name=re.compile("^Resolve")).click()
    error = page.locator("#resolve-form .js-error")
    expect(error).to_have_text("Only fact-checkers may resolve claims; ask one of them.")
    expect(error).to_have_attribute("role", "alert")
    assert_page_intact(page)


def test_a_message_in_an_hx_trigger_event_goes_where_the_server_says(
    page, live_server, login, editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    trigger = {"desk:error": {"message": "This story was approved meanwhile.", "target": "#thread"}}
    page.route(
        "**/comments/**",
        lambda route: route.fulfill(
            status=409,
            headers={"HX-Trigger": json.dumps(trigger), "Content-Type": "text/html"},
            body="",
        ),
    )
    page.locator("#cm-body").fill("Looks fine to me")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#thread > .js-error")).to_have_text("This story was approved meanwhile.")
    expect(page.locator("#cm-body")).to_have_value("Looks fine to me")
    assert_page_intact(page)


def test_a_whole_error_page_is_never_swapped_in_and_a_sentence_is_shown_instead(
    page, live_server, login, editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    whole_page = (
        "<!doctype html><html><head><title>Server Error (500)</title></head>"
        "<body><h1>Server Error (500)</h1><main id='review'>gone</main></body></html>"
    )
    page.route(
        "**/resolve/**",
        lambda route: route.fulfill(status=500, content_type="text/html", body=whole_page),
    )
    page.get_by_role("button", name=re.compile("^Resolve")).click()
    expect(page.locator("#resolve-form .js-error")).to_contain_text(
        "Something went wrong on the desk's side, so nothing was saved."
    )
    expect(page.locator("#story")).not_to_contain_text("gone")
    assert_page_intact(page)


def test_a_login_page_answering_a_fragment_request_is_not_swapped_into_the_thread(
    page, live_server, login, editor, claim
):
    article, flag = claim
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.evaluate("window.__same_page = true")
    page.route(
        f"**/flags/{flag.pk}/",
        lambda route: route.fulfill(
            status=200,
            content_type="text/html",
            body="<!doctype html><html><head><title>Log in · Review desk</title></head>"
            "<body><form>login <input type=password name=password></form></body></html>",
        ),
    )
    page.locator(f"#fl-{flag.pk} a").click()
    expect(page.locator("#desk-alerts")).to_contain_text("You are no longer logged in")
    expect(page.locator("#thread")).not_to_contain_text("login")
    assert_page_intact(page)


def test_a_lost_connection_says_nothing_was_saved_and_keeps_the_reply(
    page, live_server, login, editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    page.route("**/comments/**", lambda route: route.abort("internetdisconnected"))
    page.locator("#cm-body").fill("Do not lose this")
    page.locator("#cm-body").press("Control+Enter")
    expect(page.locator("#reply-form .js-error")).to_contain_text("nothing was saved")
    expect(page.locator("#cm-body")).to_have_value("Do not lose this")
    assert_page_intact(page)


def test_live_updates_say_when_they_pause_and_resume_by_themselves(
    page, live_server, login, editor, copy_editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    page.route("**/changes/**", lambda route: route.abort("internetdisconnected"))
    status = page.locator("#desk-alerts [role=status]")
    expect(status).to_contain_text("Live updates paused", timeout=15_000)
    page.unroute("**/changes/**")
    comment_add(flag=flag, actor=copy_editor, body="Back online reply")
    expect(page.locator("#thread-comments")).to_contain_text("Back online reply", timeout=15_000)
    expect(status).to_have_count(0)


# The desk's own refusals, end to end (review.middleware.HtmxErrorMiddleware and the views).


def test_a_refusal_of_a_role_taken_away_meanwhile_shows_in_the_form_and_polling_goes_on(
    page, live_server, login, copy_editor, editor, claim
):
    article, flag = claim
    login(page, copy_editor)
    open_thread(page, live_server, article, flag)
    copy_editor.groups.clear()  # the desk chief takes the role away while the page is open
    copy_editor.groups.add(Group.objects.get(name="Viewer"))
    page.get_by_role("button", name=re.compile("^Resolve")).click()
    error = page.locator("#resolve-form [role=alert]")
    expect(error).to_have_text(permissions.REVIEW_DENIED)
    expect(error).to_have_count(1)
    assert_page_intact(page)
    comment_add(flag=flag, actor=editor, body="Still listening")
    expect(page.locator("#thread-comments")).to_contain_text("Still listening", timeout=15_000)


def test_a_blank_reply_leaves_live_updates_running(page, live_server, login, editor, claim):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    page.locator("#cm-body").fill("   ")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#reply-form")).to_contain_text("Write something before sending.")
    assert_page_intact(page)
    flag_resolve(flag=flag, actor=editor)
    expect(page.locator("#thread-head")).to_contain_text("Resolved", timeout=15_000)
    expect(page.locator("#thread").get_by_role("button", name="Reopen")).to_be_visible()


def test_a_viewer_is_not_offered_raising_a_flag(page, live_server, login, viewer, claim):
    article, flag = claim
    login(page, viewer)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    expect(page.locator("#story")).to_be_visible()
    expect(page.locator(".story-col .hint")).to_contain_text("to read its thread")
    expect(page.get_by_text(re.compile("raise a flag", re.I))).to_have_count(0)
    expect(page.locator("#story a.flag-link")).to_have_count(0)
    page.locator(f"#fl-{flag.pk} a").click()
    expect(page.locator("#thread-state")).to_have_value(str(flag.pk))
    expect(
        page.locator("#thread").get_by_role("button", name=re.compile("^Resolve"))
    ).to_have_count(0)


def test_a_resolve_a_colleague_clicked_a_moment_earlier_in_their_own_browser(
    page, browser, live_server, login, editor, copy_editor, claim
):
    article, flag = claim
    login(page, editor)
    open_thread(page, live_server, article, flag)
    freeze_polls(page)  # the click comes before this page's next update
    colleague = browser.new_context().new_page()
    login(colleague, copy_editor)
    open_thread(colleague, live_server, article, flag)
    colleague.get_by_role("button", name=re.compile("^Resolve")).click()
    expect(colleague.locator("#thread-head")).to_contain_text("Resolved")

    page.get_by_role("button", name=re.compile("^Resolve")).click()

    thread = page.locator("#thread")
    expect(thread.locator("[role=alert]")).to_contain_text("already resolved")
    expect(thread.get_by_role("button", name="Reopen")).to_be_visible()
    expect(page.locator(f"#fl-{flag.pk}")).to_have_attribute("data-status", "resolved")
    assert_page_intact(page)
    thaw_polls(page)
    comment_add(flag=flag, actor=copy_editor, body="Resolved it from my desk.")
    expect(page.locator("#thread-comments")).to_contain_text("from my desk", timeout=15_000)
    colleague.context.close()
