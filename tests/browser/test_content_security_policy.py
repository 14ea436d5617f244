"""The review page does all its work under the Content-Security-Policy: no violation while
raising a flag, replying, editing a sentence in place and polling for changes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from review.services.flags import flag_create
from tests.browser.test_review_page import TEXT, select_words

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI || "inline"} ${e.sample || ""}`);
});
"""


def test_the_review_page_works_without_a_single_policy_violation(
    page, live_server, login, editor, copy_editor, make_article
):
    refused = []
    page.on(
        "console",
        lambda msg: (
            refused.append(msg.text)
            if "Content Security Policy" in msg.text or "Refused to" in msg.text
            else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    article = make_article(TEXT, slug="council")
    sentence = article.sentences.get(position=1)
    flag_create(sentence=article.sentences.get(position=2), kind="style", actor=copy_editor)
    login(page, editor)
    response = page.goto(live_server.url + article.get_absolute_url())
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]

    start = sentence.text.index("Ana Ruiz")
    select_words(page, sentence.pk, start, start + len("Ana Ruiz"))
    form = page.locator("#flag-form-slot form")
    expect(form).to_be_visible()
    form.locator("select[name=kind]").select_option("name-spelling")
    form.get_by_role("button", name="Raise flag").click()
    mark = page.locator(f"#s-{sentence.pk} mark")
    expect(mark).to_have_text("Ana Ruiz")
    # The kind's colour reaches the mark through its style attribute (allowed for attributes).
    colour = mark.evaluate("el => getComputedStyle(el).getPropertyValue('--hl').trim()")
    assert colour.startswith("#")

    page.locator("#cm-body").fill("Checked against the council website.")
    page.get_by_role("button", name="Send reply").click()
    expect(page.locator("#thread-comments")).to_contain_text("council website")

    first = article.sentences.get(position=0)
    page.locator(f"#sw-{first.pk} a.edit-link").click()
    editor_box = page.locator(f"#edit-{first.pk} textarea[name=text]")
    expect(editor_box).to_be_visible()
    editor_box.fill("The council met on Wednesday.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(f"#s-{first.pk}")).to_have_text("The council met on Wednesday.")

    # At least one poll for colleagues' changes runs (every 5 s).
    with page.expect_response(lambda r: "/changes/" in r.url, timeout=15000):
        pass
    page.keyboard.press("?")
    assert page.evaluate("window.__csp") == []
    assert refused == []
