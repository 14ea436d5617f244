"""The review page in real Chromium: choose words, raise a flag, discuss, resolve by keyboard."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from review.services.comments import comment_add
from review.services.flags import flag_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = (
    "The council met on Tuesday. Mayor Ana Ruiz said the budget rose 40 percent.\n\n"
    "Officials said more cuts were coming. Email the desk at."
)
XSS = '<img src=x onerror="window.__xss=1">'


def select_words(page, sentence_pk: int, start: int, end: int) -> None:
    """Select characters [start, end) of a sentence as a mouse would, then release."""
    page.evaluate(
        """([id, start, end]) => {
            const el = document.getElementById(id);
            const text = el.firstChild;
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, end);
            const sel = window.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
            el.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        [f"s-{sentence_pk}", start, end],
    )


def click_sentence(page, sentence_pk: int) -> None:
    """Click just inside the first line of a sentence (an inline span may wrap)."""
    box = page.evaluate(
        "id => { const r = document.getElementById(id).getClientRects()[0];"
        " return {x: r.left, y: r.top, h: r.height}; }",
        f"s-{sentence_pk}",
    )
    page.mouse.click(box["x"] + 4, box["y"] + box["h"] / 2)


def test_an_editor_flags_words_discusses_and_resolves_by_keyboard(
    page, live_server, login, editor, copy_editor, make_article
):
    article = make_article(TEXT, slug="council")
    sentence = article.sentences.get(position=1)
    start = sentence.text.index("Ana Ruiz")
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("#progress")).to_contain_text("0 open")

    page.evaluate("window.__same_page = true")
    select_words(page, sentence.pk, start, start + len("Ana Ruiz"))
    form = page.locator("#flag-form-slot form")
    expect(form).to_be_visible()
    expect(form.locator("blockquote")).to_have_text("Ana Ruiz")
    form.locator("select[name=kind]").select_option("name-spelling")
    form.locator("textarea[name=note]").fill(f"Check the spelling {XSS} @copyed")
    form.locator("input[name=suggestion]").fill("Ana Ruíz")
    form.get_by_role("button", name="Raise flag").click()

    mark = page.locator(f"#s-{sentence.pk} mark")
    expect(mark).to_have_text("Ana Ruiz")
    expect(page.locator("#progress")).to_contain_text("1 open")
    expect(page.locator("#flag-list li.fitem")).to_have_count(1)
    expect(page.locator("#flag-form-slot form")).to_have_count(0)
    # The stored payload shows as text and never ran.
    expect(page.locator("#thread .note")).to_contain_text(XSS)
    assert page.evaluate("window.__xss") is None
    assert page.evaluate("window.__same_page")  # no reload happened
    flag_pk = page.locator("#thread-state").input_value()
    # A reload keeps it (the address follows the thread once it has opened: wait for it).
    expect(page).to_have_url(
        re.compile(re.escape(f"{article.get_absolute_url()}?flag={flag_pk}") + "$")
    )

    page.locator("#thread-title").click()
    page.keyboard.press("r")
    expect(page.locator("#cm-body")).to_be_focused()
    page.keyboard.type("Her name has an accent, per the city website.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#thread-comments")).to_contain_text("per the city website")
    expect(page.locator("#flag-list")).to_contain_text("1 reply")

    page.locator("#thread-title").click()
    page.keyboard.press("x")
    expect(page.locator("#progress")).to_contain_text("0 open · 1 resolved · 0 dismissed")
    expect(page.locator("#thread-head")).to_contain_text("Resolved by editor")
    expect(mark).to_have_class(re.compile(r"\bclosed\b"))


def test_clicking_a_sentence_flags_it_whole_and_j_k_move_between_open_flags(
    page, live_server, login, editor, make_article
):
    article = make_article(TEXT, slug="council")
    first, second, third, _ = article.sentences.order_by("position")
    a = flag_create(sentence=first, kind="style", actor=editor, start=4, end=11)
    b = flag_create(sentence=third, kind="unverified-claim", actor=editor, start=0, end=14)
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())

    click_sentence(page, second.pk)
    form = page.locator("#flag-form-slot form")
    expect(form.locator("blockquote")).to_have_text(second.text)
    page.keyboard.press("Escape")
    expect(page.locator("#flag-form-slot form")).to_have_count(0)

    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("j")
    expect(page.locator(f"#fl-{a.pk}")).to_have_class(re.compile("current"))
    expect(page.locator("#thread-state")).to_have_value(str(a.pk))
    page.keyboard.press("j")
    expect(page.locator(f"#fl-{b.pk}")).to_have_class(re.compile("current"))
    expect(page.locator("#thread-state")).to_have_value(str(b.pk))
    page.keyboard.press("k")
    expect(page.locator("#thread-state")).to_have_value(str(a.pk))

    page.keyboard.press("d")
    expect(page.locator("#ds-reason")).to_be_focused()
    page.keyboard.type("House style allows it")
    page.get_by_role("button", name="Dismiss flag").click()
    expect(page.locator("#progress")).to_contain_text("1 open · 0 resolved · 1 dismissed")

    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-dialog")).to_be_visible()


def test_a_colleagues_flag_and_reply_appear_without_a_reload(
    page, live_server, login, editor, copy_editor, make_article
):
    article = make_article(TEXT, slug="council")
    sentence = article.sentences.get(position=0)
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("#progress")).to_contain_text("0 open")

    flag = flag_create(sentence=sentence, kind="style", actor=copy_editor, start=4, end=11)
    expect(page.locator(f"#s-{sentence.pk} mark")).to_have_text("council", timeout=15_000)
    expect(page.locator("#progress")).to_contain_text("1 open")

    page.locator(f"#fl-{flag.pk} a").click()
    expect(page.locator("#thread-state")).to_have_value(str(flag.pk))
    page.locator("#cm-body").fill("Draft I am still typing")
    comment_add(flag=flag, actor=copy_editor, body="Colleague's reply")
    expect(page.locator("#thread-comments")).to_contain_text("Colleague's reply", timeout=15_000)
    expect(page.locator("#cm-body")).to_have_value("Draft I am still typing")


def test_a_colleagues_new_flags_are_filed_in_text_order_and_changed_rows_replaced(
    page, live_server, login, editor, copy_editor, make_article
):
    """The poll carries only the changed rows; the page's script files a new one where the
    text puts it and replaces a changed one, never duplicating it."""
    from review.services.flags import flag_resolve

    article = make_article(TEXT, slug="council")
    first, second, third, _ = article.sentences.order_by("position")
    middle = flag_create(sentence=second, kind="style", actor=copy_editor, start=0, end=5)
    login(page, editor)
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.locator("#flag-rows li.fitem")).to_have_count(1)

    after = flag_create(sentence=third, kind="other", actor=copy_editor, start=0, end=9)
    before = flag_create(sentence=first, kind="style", actor=copy_editor, start=4, end=11)
    rows = page.locator("#flag-rows li.fitem")
    expect(rows).to_have_count(3, timeout=15_000)
    assert rows.evaluate_all("els => els.map(e => e.id)") == [
        f"fl-{before.pk}",
        f"fl-{middle.pk}",
        f"fl-{after.pk}",
    ]
    expect(page.locator("#flag-updates li")).to_have_count(0)

    flag_resolve(flag=middle, actor=copy_editor)
    expect(page.locator(f"#fl-{middle.pk}")).to_have_attribute(
        "data-status", "resolved", timeout=15_000
    )
    expect(rows).to_have_count(3)
    expect(page.locator("#progress")).to_contain_text("2 open · 1 resolved")
    # The new rows open their threads like the others.
    page.locator(f"#fl-{before.pk} a").click()
    expect(page.locator("#thread-state")).to_have_value(str(before.pk))


def test_everything_works_without_javascript(browser, live_server, editor, make_article):
    article = make_article(TEXT, slug="council")
    sentence = article.sentences.get(position=0)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", f"pw-{editor.username}")
    page.click("button[type=submit]")
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(f"#sw-{sentence.pk} a.flag-link").click()
    page.locator("select[name=kind]").select_option("style")
    page.locator("textarea[name=note]").fill("Spell out the day")
    page.get_by_role("button", name="Raise flag").click()
    expect(page.locator("#progress")).to_contain_text("1 open")
    expect(page.locator("#thread")).to_contain_text("Spell out the day")
    page.locator("#cm-body").fill("Agreed")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#thread-comments")).to_contain_text("Agreed")
    page.get_by_role("button", name=re.compile("^Resolve")).click()
    expect(page.locator("#progress")).to_contain_text("0 open · 1 resolved")
    context.close()
