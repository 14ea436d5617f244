"""Issue 9's walk in real Chromium: on the demo's seed a fact-checker opens the Facts panel,
verifies "17 people" with a source, marks another figure wrong (a flag), and both show in the
story's history and in the DOCX export."""

from __future__ import annotations

import io

import docx
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import expect

from review.management.commands.demo import demo_password
from review.models import Article, Flag, StoryFact

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SOURCE = "Broward County Sheriff's Office statement, Feb. 15"
WRONG = "The records say $75,673.27."


def serious(page) -> list[str]:
    return [
        f"{v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_fact_checker_ticks_off_the_seeds_facts(page, live_server):
    with override_settings(DEBUG=True):  # the demo refuses to run otherwise
        call_command("demo", stdout=io.StringIO())
    article = Article.objects.get(source_name="in-touch-scot-peterson.txt")
    people = StoryFact.objects.get(article=article, quote="17 people")
    salary = StoryFact.objects.get(article=article, kind="money")
    total = StoryFact.objects.filter(article=article).count()

    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", "factchecker")
    page.fill("input[name=password]", demo_password("factchecker"))
    page.click("button[type=submit], input[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(live_server.url + article.get_absolute_url())
    progress = page.locator("#progress")
    expect(progress).to_contain_text(f"Facts: 0 of {total} checked, 0 wrong")
    page.evaluate("window.__same_page = true")

    # Open the panel: htmx brings the worksheet into the page.
    page.locator("#facts").get_by_role("link", name="Open the worksheet").click()
    row = page.locator(f"#fact-{people.number}")
    expect(row).to_contain_text("Count: 17 people")

    # Its link leads to its words.
    row.locator("a.fact-words").click()
    assert page.evaluate("location.hash") == f"#s-{people.sentence_id}"
    expect(page.locator(f"#s-{people.sentence_id}")).to_contain_text("17 people")

    # Verify it with a source.
    row.locator("summary").click()
    assert serious(page) == []  # the open panel and its forms
    row.locator("input[name=source]").fill(SOURCE)
    row.get_by_role("button", name="Verified").click()
    row = page.locator(f"#fact-{people.number}")
    expect(row.locator(".fact-status")).to_have_text("Verified")
    expect(row).to_contain_text(f"Source: {SOURCE}")
    expect(row).to_contain_text("by factchecker")
    expect(progress).to_contain_text(f"Facts: 1 of {total} checked, 0 wrong")

    # A refused action keeps the page and says why, in the panel.
    row = page.locator(f"#fact-{salary.number}")
    row.locator("summary").click()
    row.get_by_role("button", name="Wrong: raise a flag").click()
    row = page.locator(f"#fact-{salary.number}")
    expect(row.locator(".errorlist")).to_contain_text("Say what is wrong")

    # Mark the salary wrong: a flag on its words.
    row.locator("input[name=note]").fill(WRONG)
    row.get_by_role("button", name="Wrong: raise a flag").click()
    row = page.locator(f"#fact-{salary.number}")
    expect(row.locator(".fact-status")).to_have_text("Wrong")
    flag = Flag.objects.get(article=article, facts=salary)
    expect(row).to_contain_text(f"Flag #{flag.number}")
    expect(progress).to_contain_text(f"Facts: 2 of {total} checked, 1 wrong")
    expect(page.locator(f"#fl-{flag.pk}")).to_contain_text("Unverified claim")
    expect(page.locator(f"#s-{salary.sentence_id} mark").first).to_be_visible()
    assert page.evaluate("window.__same_page") is True  # no reload: htmx swapped fragments

    # Both in the story's history, with who did it.
    page.goto(f"{live_server.url}{article.get_absolute_url()}history/?kind=facts")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text(f"Verified fact {people.number} (Count: 17 people)")
    expect(timeline).to_contain_text(f"Marked wrong fact {salary.number}")
    expect(timeline).to_contain_text(SOURCE)
    expect(timeline).to_contain_text("factchecker")

    # And in the DOCX export, downloaded from the Export menu.
    page.goto(live_server.url + article.get_absolute_url())
    page.locator(".export-menu summary").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Word with comments (.docx)").click()
    document = docx.Document(info.value.path())
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Facts to verify")
    checklist = texts[start + 1 :]
    assert checklist[0] == f"Facts: 2 of {total} checked, 1 wrong."
    verified = next(t for t in checklist if "Count: 17 people" in t)
    assert verified.startswith("☑") and SOURCE in verified and "factchecker" in verified
    wrong = next(t for t in checklist if "$75,673.72" in t)
    assert wrong.startswith("☒") and f"flag #{flag.number}" in wrong and WRONG in wrong
