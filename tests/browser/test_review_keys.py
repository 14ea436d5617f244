"""Clicks and keys on the review page, in real Chromium: the right flag opens, words can be
flagged from the keyboard, focus and the address follow, and the layout holds."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review.services.flags import flag_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = (
    "The 6-foot-five-inch Illinois native had worked as a school officer since 2009.\n\n"
    "Officials said more cuts were coming. The end of the story."
)


@pytest.fixture
def story(make_article, editor):
    article = make_article(TEXT, slug="council")
    first, second, third = article.sentences.order_by("position")
    text = first.text
    start = text.index("6-foot-five-inch")
    flags = {
        # A whole-sentence claim and a style flag on words inside it (the seed's case).
        "claim": flag_create(sentence=first, kind="unverified-claim", actor=editor),
        "style": flag_create(
            sentence=first,
            kind="style",
            actor=editor,
            start=start,
            end=start + len("6-foot-five-inch"),
            suggestion="6-foot-5",
        ),
        # Two word flags overlapping on "said more".
        "wide": flag_create(
            sentence=second, kind="unverified-claim", actor=editor, start=0, end=19
        ),
        "narrow": flag_create(sentence=second, kind="style", actor=editor, start=10, end=24),
    }
    return article, (first, second, third), flags


def click_text(page, sentence_pk: int, words: str) -> None:
    """Click the middle of `words` inside a sentence, as a person would: once the words
    stay where they are (a thread that just opened can still move the page under them)."""
    box, previous = None, {}
    for _ in range(40):
        box = _middle_of(page, sentence_pk, words)
        if box == previous:
            break
        previous = box
        page.wait_for_timeout(50)
    page.mouse.click(box["x"], box["y"])


def _middle_of(page, sentence_pk: int, words: str) -> dict:
    return page.evaluate(
        """([id, words]) => {
            const el = document.getElementById(id);
            const text = el.textContent;
            const at = text.indexOf(words) + Math.floor(words.length / 2);
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            let node, seen = 0;
            while ((node = walker.nextNode())) {
                if (at < seen + node.length) break;
                seen += node.length;
            }
            const range = document.createRange();
            range.setStart(node, at - seen);
            range.setEnd(node, at - seen + 1);
            const r = range.getBoundingClientRect();
            return {x: r.left + r.width / 2, y: r.top + r.height / 2};
        }""",
        [f"s-{sentence_pk}", words],
    )


def test_clicking_flagged_words_opens_the_innermost_word_flag_not_the_whole_sentence_one(
    page, live_server, login, editor, story
):
    article, (first, _, _), flags = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    click_text(page, first.pk, "five")
    expect(page.locator("#thread-state")).to_have_value(str(flags["style"].pk))
    expect(page.locator("#thread")).to_contain_text("6-foot-5")  # the Accept button's flag
    expect(page.locator("#thread").get_by_role("button", name="Accept")).to_be_visible()


def test_a_sentence_with_a_whole_sentence_flag_still_takes_a_new_flag_by_click(
    page, live_server, login, editor, story
):
    article, (first, _, _), _ = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    click_text(page, first.pk, "Illinois")
    form = page.locator("#flag-form-slot form")
    expect(form).to_be_visible()
    expect(form.locator("blockquote")).to_have_text(first.text)
    expect(page.locator("#thread-state")).to_have_count(0)


def test_where_two_word_flags_overlap_a_click_opens_the_narrower(
    page, live_server, login, editor, story
):
    article, (_, second, _), flags = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    click_text(page, second.pk, "said more")  # under both: "narrow" covers fewer words
    expect(page.locator("#thread-state")).to_have_value(str(flags["narrow"].pk))
    expect(page.get_by_role("dialog", name="Flags on these words")).to_have_count(0)
    click_text(page, second.pk, "Officials")  # only the wide one's words
    expect(page.locator("#thread-state")).to_have_value(str(flags["wide"].pk))


def test_word_flags_on_the_same_words_offer_a_chooser(page, live_server, login, editor, story):
    article, (_, second, _), flags = story
    start = second.text.index("more cuts")
    twin = flag_create(
        sentence=second, kind="name-spelling", actor=editor, start=start, end=start + 9
    )
    same = flag_create(sentence=second, kind="style", actor=editor, start=start, end=start + 9)
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    click_text(page, second.pk, "cuts")  # under "narrow" too, which is wider than the two
    chooser = page.get_by_role("dialog", name="Flags on these words")
    expect(chooser).to_be_visible()
    items = chooser.locator("[data-open-flag]")
    expect(items).to_have_count(3)
    ids = [items.nth(i).get_attribute("data-open-flag") for i in range(3)]
    assert set(ids[:2]) == {str(twin.pk), str(same.pk)}  # the tied narrowest first
    assert ids[2] == str(flags["narrow"].pk)
    expect(items.first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(items.nth(1)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#thread-state")).to_have_value(ids[1])
    expect(chooser).to_have_count(0)

    click_text(page, second.pk, "cuts")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog", name="Flags on these words")).to_have_count(0)


def test_the_count_badge_and_f_open_every_flag_of_a_sentence_whole_sentence_ones_too(
    page, live_server, login, editor, story
):
    article, (first, _, _), flags = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(f"#sw-{first.pk} .fcount").click()
    items = page.get_by_role("dialog").locator("[data-open-flag]")
    expect(items).to_have_count(2)
    expect(items.nth(1)).to_have_attribute("data-open-flag", str(flags["claim"].pk))
    items.nth(1).click()
    expect(page.locator("#thread-state")).to_have_value(str(flags["claim"].pk))


def test_words_are_flagged_from_the_keyboard(page, live_server, login, editor, story):
    article, (_, _, third), _ = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    # Tab reaches the story as one stop: the first sentence.
    page.get_by_role("button", name=re.compile("Shortcuts")).focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    assert focused == f"s-{article.sentences.get(position=0).pk}"

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#s-{third.pk}")).to_be_focused()
    page.keyboard.press("ArrowRight")  # "The"
    page.keyboard.press("ArrowRight")  # "end"
    page.keyboard.press("Shift+ArrowRight")  # "end of"
    page.keyboard.press("Shift+ArrowRight")  # "end of the"
    expect(page.locator("#story-live")).to_contain_text("Selected: end of the")
    page.keyboard.press("Enter")
    form = page.locator("#flag-form-slot form")
    expect(form.locator("blockquote")).to_have_text("end of the")
    expect(page.locator("#ff-kind")).to_be_focused()
    page.locator("#ff-kind").select_option("style")
    page.locator("#ff-note").fill("Cut this phrase")
    page.locator("#ff-note").press("Control+Enter")
    expect(page.locator(f"#s-{third.pk} mark")).to_have_text("end of the")
    expect(page.locator("#thread .note")).to_have_text("Cut this phrase")


def test_tab_goes_from_the_story_to_the_panel_without_crossing_each_sentences_icons(
    page, live_server, login, editor, story
):
    article, _, _ = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("button", name=re.compile("Shortcuts")).focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('sentence')")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#panel')")


def test_ctrl_enter_sends_a_reply_and_focus_returns_to_the_thread_after_each_action(
    page, live_server, login, editor, story
):
    article, _, flags = story
    flag = flags["narrow"]
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    page.locator("#cm-body").fill("Checked with the desk")
    page.locator("#cm-body").press("Control+Enter")
    expect(page.locator("#thread-comments")).to_contain_text("Checked with the desk")
    expect(page.locator("#thread-comments li.comment").last).to_be_focused()

    page.keyboard.press("x")
    expect(page.locator("#thread-head")).to_contain_text("Resolved")
    expect(page.locator("#thread-title")).to_be_focused()


def test_after_a_dismiss_focus_is_on_the_threads_title_not_the_page(
    page, live_server, login, editor, story
):
    article, _, flags = story
    flag = flags["wide"]
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    page.locator("#thread-title").focus()
    page.keyboard.press("d")
    expect(page.locator("#ds-reason")).to_be_focused()
    page.keyboard.type("Checked: the council said so on the record")
    page.keyboard.press("Enter")
    expect(page.locator("#thread-head")).to_contain_text("Dismissed")
    expect(page.locator("#thread-title")).to_be_focused()


def test_j_and_k_keep_the_place_in_the_address_so_a_reload_keeps_it(
    page, live_server, login, editor, story
):
    article, _, flags = story
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    open_flags = page.locator("#flag-list li.fitem[data-status=open]")
    first, second = (open_flags.nth(i).get_attribute("data-flag") for i in (0, 1))
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("j")
    expect(page.locator("#thread-state")).to_have_value(first)
    expect(page).to_have_url(re.compile(rf"\?flag={first}$"))
    page.keyboard.press("j")
    expect(page.locator("#thread-state")).to_have_value(second)
    expect(page).to_have_url(re.compile(rf"\?flag={second}$"))
    page.reload()
    expect(page.locator("#thread-state")).to_have_value(second)
    expect(page.locator(f"#fl-{second}")).to_have_class(re.compile("current"))
    assert {first, second} <= {str(f.pk) for f in flags.values()}


def test_a_viewer_is_not_told_to_click_a_sentence_to_raise_a_flag(
    page, live_server, login, viewer, story
):
    article, (first, _, _), flags = story
    login(page, viewer)
    page.goto(live_server.url + article.get_absolute_url())
    hint = page.locator(".story-col .hint")
    expect(hint).not_to_contain_text("raise a flag")
    expect(hint).to_contain_text("read its thread")
    click_text(page, first.pk, "five")
    expect(page.locator("#thread-state")).to_have_value(str(flags["style"].pk))
    expect(page.locator("#flag-form-slot form")).to_have_count(0)


def test_an_editors_long_title_keeps_its_width_beside_the_workflow_at_1366(
    page, live_server, login, editor, make_article
):
    from review.services.workflow import article_submit

    article = make_article(TEXT, slug="long", title="The deputy who stayed outside: a long title")
    article_submit(article=article, actor=editor, note="Ready for a first read, quotes checked.")
    page.set_viewport_size({"width": 1366, "height": 768})
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    title = page.locator(".review-title h1").bounding_box()
    head = page.locator(".review-head").bounding_box()
    assert title["width"] >= 0.5 * head["width"]
    assert title["height"] < 80  # one or two lines, not a column of words
    expect(page.locator("summary", has_text="Approve")).to_be_visible()


def test_at_800_pixels_an_opened_thread_is_on_screen(page, live_server, login, editor, story):
    article, (_, _, third), flags = story
    page.set_viewport_size({"width": 800, "height": 700})
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    click_text(page, third.pk, "story")
    form = page.locator("#flag-form-slot form")
    expect(form).to_be_in_viewport()
    page.keyboard.press("Escape")
    page.locator(f"#fl-{flags['wide'].pk} a").click()
    expect(page.locator("#thread-state")).to_have_value(str(flags["wide"].pk))
    expect(page.locator("#thread-title")).to_be_in_viewport()
    expect(
        page.locator("#thread").get_by_role("button", name=re.compile("^Resolve"))
    ).to_be_in_viewport()
