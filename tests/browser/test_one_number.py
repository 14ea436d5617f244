"""One number per flag, in real Chromium: the number the approval refusal cites on the page is
the number of the flag's thread and of its comment in the Word file the page downloads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from review.services.flags import flag_create
from review.services.workflow import article_submit
from tests.exports.helpers import by_number, docx_anchors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TEXT = "The council met on Tuesday. Officials said more cuts were coming. The end."


def test_the_number_the_approval_cites_is_the_threads_and_the_word_comments(
    page, live_server, login, make_article, editor
):
    # Flags on another story first, and a flag raised later on an earlier sentence: the
    # blocker's number differs from its database id and from its place in the text.
    other = make_article("Another story. With its own flags.", slug="other")
    for sentence in other.sentences.all():
        flag_create(sentence=sentence, kind="style", actor=editor)
    article = make_article(TEXT, slug="council")
    first, second, _ = article.sentences.order_by("position")
    flag_create(sentence=second, kind="style", actor=editor, start=10, end=14)
    blocker = flag_create(sentence=first, kind="unverified-claim", actor=editor, severity="blocker")
    assert blocker.number != blocker.pk
    article_submit(article=article, actor=editor)

    login(page, editor)
    page.goto(f"{live_server.url}{article.get_absolute_url()}")
    workflow = page.locator("#workflow")
    workflow.locator("summary", has_text="Approve").click()
    workflow.locator("details[open] button[type=submit]").click()
    refusal = page.get_by_text(re.compile(r"open blocker flag\(s\) stop this"))
    expect(refusal).to_be_visible()
    cited = {int(n) for n in re.findall(r"#(\d+)", refusal.inner_text())}
    assert cited == {blocker.number}

    # The thread the page opens for that flag carries the same number.
    page.goto(f"{live_server.url}{article.get_absolute_url()}?flag={blocker.pk}")
    expect(page.locator("#thread-title .fnum")).to_have_text(f"#{blocker.number}")

    # And so does the Word comment on its words, in the file the Export menu downloads.
    page.locator(".export-menu summary").click()
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"Word with comments")).click()
    data = Path(download.value.path()).read_bytes()
    comment = by_number(docx_anchors(data))[blocker.number]
    assert comment["text"].startswith(f"#{blocker.number} ")
    assert comment["words"] == first.text
