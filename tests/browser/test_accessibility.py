"""axe-core on the pages people live on: no serious or critical violations."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from review.services.comments import comment_add
from review.services.flags import flag_create, flag_update

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "The council met on Tuesday. Mayor Ana Ruiz said the budget rose 40 percent.\n\nMore."


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def flagged(make_article, editor, copy_editor):
    article = make_article(TEXT, slug="council")
    first, second, _ = article.sentences.order_by("position")
    flag = flag_create(sentence=second, kind="name-spelling", actor=editor, start=6, end=14)
    flag_create(sentence=second, kind="unverified-claim", actor=editor, start=10, end=40)
    flag_create(sentence=first, kind="style", actor=editor)
    flag_update(flag=flag, actor=editor, assignee=copy_editor)
    comment_add(flag=flag, actor=editor, body="@copyed please check")
    return article, flag


def test_the_review_page_with_a_thread_open_has_no_serious_violations(
    page, live_server, login, editor, flagged
):
    article, flag = flagged
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    page.locator(f"#sw-{flag.sentence_id} a.flag-link").click()
    page.locator("#flag-form-slot form").wait_for()
    assert serious(page) == []


def test_the_inbox_and_the_article_list_have_no_serious_violations(
    page, live_server, login, copy_editor, flagged
):
    login(page, copy_editor)
    assert serious(page) == []
    page.goto(f"{live_server.url}/inbox/")
    assert serious(page) == []


def test_the_chooser_and_keyboard_word_choice_have_no_serious_violations(
    page, live_server, login, editor, flagged
):
    article, flag = flagged
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    page.locator(f"#sw-{flag.sentence_id} .fcount").click()
    page.get_by_role("dialog", name="Flags on these words").wait_for()
    assert serious(page) == []
    page.keyboard.press("Escape")
    page.get_by_role("button", name=re.compile("Shortcuts")).focus()
    page.keyboard.press("Tab")  # back to the sentence the story's tab stop last was on
    expect(page.locator(f"#s-{flag.sentence_id}")).to_be_focused()
    page.keyboard.press("Shift+ArrowRight")
    page.keyboard.press("Shift+ArrowRight")
    expect(page.locator(f"#s-{flag.sentence_id}")).to_have_class(re.compile("choosing"))
    assert serious(page) == []


def test_the_review_page_for_a_viewer_has_no_serious_violations(
    page, live_server, login, viewer, flagged
):
    article, flag = flagged
    login(page, viewer)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    assert serious(page) == []


def test_the_mention_list_and_the_edit_forms_warning_have_no_serious_violations(
    page, live_server, login, editor, copy_editor, flagged
):
    from review.services.editing import sentence_edit

    article, flag = flagged
    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={flag.pk}")
    page.locator("#cm-body").click()
    page.locator("#cm-body").press_sequentially("@co")
    page.get_by_role("listbox", name="People to mention").wait_for()
    assert serious(page) == []
    page.keyboard.press("Escape")
    first = article.sentences.order_by("position").first()
    page.locator(f"#sw-{first.pk} a.edit-link").click()
    sentence_edit(
        sentence=first, text="The council met on Monday.", expected_version=1, actor=copy_editor
    )
    expect(page.locator(f"#edit-{first.pk} .edit-stale")).to_be_visible(timeout=8000)
    assert serious(page) == []
