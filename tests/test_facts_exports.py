"""The facts worksheet leaves the desk: a checklist in the HTML and DOCX exports, a CSV of
its own (view and command), and it shows in the history page and the admin."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import docx
import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from review.exports import csv_facts, html
from review.exports.data import ExportArticle, ExportFact, ExportParagraph, ExportSentence
from review.models import StoryFact
from review.selectors.exports import export_file
from review.services.checks import checks_run
from review.services.facts import fact_mark_wrong, fact_verify

STORY = (
    "The council said 17 people were hurt on Friday.\n\n"
    "The mayor, Ana Ruiz, 52, said the repairs would cost $3bn over five years."
)


@pytest.fixture
def checked(make_article, editor, fact_checker):
    article = make_article(STORY, slug="council")
    checks_run(article=article, actor=editor)
    fact_verify(
        fact=article.facts.get(quote="17 people"), source="Police statement", actor=fact_checker
    )
    fact_mark_wrong(fact=article.facts.get(quote="$3bn"), note="It is $2.4bn.", actor=fact_checker)
    return article


def _csv_rows(data: bytes) -> list[dict]:
    assert data.startswith("\ufeff".encode())  # Excel needs the mark to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.mark.django_db
def test_the_csv_lists_every_fact_with_its_status(checked, fact_checker):
    export = export_file(checked, "csv", base_url="http://desk.test")
    assert export.filename.endswith("-council-facts.csv")
    assert export.content_type.startswith("text/csv")
    rows = _csv_rows(export.data)
    assert len(rows) == checked.facts.count()
    assert list(rows[0]) == [
        "Number", "Kind", "Words", "Paragraph", "Status", "Source", "Checked by",
        "Checked at", "Flag", "Note",
    ]  # fmt: skip
    by_words = {row["Words"]: row for row in rows}
    verified = by_words["17 people"]
    assert (verified["Kind"], verified["Paragraph"], verified["Status"]) == (
        "Count",
        "1",
        "Verified",
    )
    assert verified["Source"] == "Police statement" and verified["Checked by"] == "checker"
    assert verified["Checked at"]
    wrong = by_words["$3bn"]
    flag = StoryFact.objects.get(article=checked, quote="$3bn").flag
    assert (wrong["Status"], wrong["Flag"], wrong["Paragraph"]) == ("Wrong", f"#{flag.number}", "2")
    assert wrong["Note"] == "It is $2.4bn."
    assert by_words["52"]["Status"] == "Unchecked" and by_words["52"]["Kind"] == "Age"


@pytest.mark.parametrize(
    "typed, written",
    [
        ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("a = b", "a = b"),
        ("17 people", "17 people"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(typed, written):
    assert csv_facts.safe_cell(typed) == written


def _article_with(facts) -> ExportArticle:
    sentence = ExportSentence(0, 0, "It rained.", "", 0)
    return ExportArticle(
        title="T",
        slug="t",
        status="draft",
        url="http://desk.test/articles/t/",
        exported_at=datetime(2026, 12, 2, tzinfo=UTC),
        version=1,
        paragraphs=(ExportParagraph(0, (sentence,)),),
        facts=tuple(facts),
    )


def test_the_csv_defuses_a_formula_in_a_source():
    fact = ExportFact(1, "count", "Count: 3", "3", 1, "verified", source="=1+2", checked_by="@x")
    rows = _csv_rows(csv_facts.render(_article_with([fact])))
    assert rows[0]["Source"] == "'=1+2" and rows[0]["Checked by"] == "'@x"


@pytest.mark.django_db
def test_the_html_export_has_the_checklist(checked):
    page = export_file(checked, "html", base_url="http://desk.test").data.decode()
    section = page.split('<section class="facts"', 1)[1]
    assert "Facts to verify" in section
    total = checked.facts.count()
    assert f"Facts: 2 of {total} checked, 1 wrong." in section
    assert "Police statement" in section and "Verified" in section and "Wrong" in section
    assert "It is $2.4bn." in section and "$3bn" in section


@pytest.mark.django_db
def test_the_markdown_export_ends_with_the_checklist(checked):
    text = export_file(checked, "md", base_url="http://desk.test").data.decode()
    notes, facts = text.split("## Facts to verify\n", 1)
    assert "17 people" not in notes.split("## Notes")[-1]  # the checklist is its own section
    total = checked.facts.count()
    assert f"Facts: 2 of {total} checked, 1 wrong." in facts
    people = checked.facts.get(quote="17 people")
    assert f"- ☑ {people.number}. Count: 17 people \\(¶1\\) — Verified by checker" in facts
    assert "source: Police statement" in facts
    assert "- ☒ " in facts and "It is $2.4bn." in facts
    assert len([ln for ln in facts.splitlines() if ln.startswith("- ")]) == total


def test_the_markdown_checklist_escapes_what_a_checker_typed():
    from review.exports import markdown

    fact = ExportFact(1, "count", "Count: 3", "3", 1, "verified", source="<b>x</b> [y](z)")
    text = markdown.render(_article_with([fact])).decode()
    assert "<b>" not in text and "&lt;b&gt;x&lt;/b&gt; \\[y\\]\\(z\\)" in text


def test_the_html_checklist_escapes_what_a_checker_typed():
    fact = ExportFact(1, "count", "Count: 3", "3", 1, "verified", source="<script>x</script>")
    page = html.render(_article_with([fact])).decode()
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


@pytest.mark.django_db
def test_the_docx_export_has_the_checklist_in_the_desks_styles(checked):
    data = export_file(checked, "docx", base_url="http://desk.test").data
    document = docx.Document(io.BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    heading = paragraphs.index(("Review Desk Heading", "Facts to verify"))
    checklist = paragraphs[heading + 1 :]
    total = checked.facts.count()
    assert checklist[0][1] == f"Facts: 2 of {total} checked, 1 wrong."
    assert len(checklist) == 1 + total
    # The re-import skips the desk's own styles, so the checklist never reads as story text.
    assert {style for style, _ in checklist} == {"Review Desk Note"}
    texts = [text for _, text in checklist]
    verified = next(t for t in texts if "Count: 17 people" in t)
    assert verified.startswith("☑") and "Verified by checker" in verified
    assert "source: Police statement" in verified
    wrong = next(t for t in texts if "Money: $3bn" in t)
    flag = StoryFact.objects.get(article=checked, quote="$3bn").flag
    assert wrong.startswith("☒") and f"flag #{flag.number}" in wrong and "It is $2.4bn." in wrong
    assert any(t.startswith("☐") and "Age: 52" in t for t in texts)


@pytest.mark.django_db
def test_the_download_and_the_command_offer_the_csv(client, checked, editor, tmp_path):
    client.force_login(editor)
    response = client.get(reverse("review:article_export", args=[checked.slug, "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "-council-facts.csv" in response["Content-Disposition"]
    assert len(_csv_rows(response.content)) == checked.facts.count()
    page = client.get(checked.get_absolute_url()).content.decode()
    assert "Facts worksheet (.csv)" in page  # the Export menu
    out = tmp_path / "facts.csv"
    call_command("export_article", checked.slug, "--format", "csv", "-o", str(out))
    assert _csv_rows(out.read_bytes()) == _csv_rows(response.content)


@pytest.mark.django_db
def test_the_history_page_shows_who_checked_what(client, checked, editor):
    client.force_login(editor)
    page = client.get(reverse("review:article_history", args=[checked.slug])).content.decode()
    verified = checked.facts.get(quote="17 people")
    wrong = checked.facts.get(quote="$3bn")
    assert f"Verified fact {verified.number} (Count: 17 people)" in page
    assert f"Marked wrong fact {wrong.number} (Money: $3bn" in page
    assert f"(flag #{wrong.flag.number})" in page
    assert "Police statement" in page and "checker" in page
    assert f"fact {wrong.number} marked wrong" in page  # the change's reason
    # Two decisions, two entries: the worksheet filling itself in on import is not listed.
    only = client.get(
        reverse("review:article_history", args=[checked.slug]) + "?kind=facts"
    ).content.decode()
    assert only.count('class="entry kind-facts"') == 2


@pytest.mark.django_db
def test_the_admin_lists_facts_read_only_with_history(client, checked):
    chief = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(chief)
    listing = client.get(reverse("admin:review_storyfact_changelist"))
    assert listing.status_code == 200 and "17 people" in listing.content.decode()
    fact = checked.facts.get(quote="17 people")
    change = client.get(reverse("admin:review_storyfact_change", args=[fact.pk]))
    assert change.status_code == 200
    assert 'name="status"' not in change.content.decode()  # nothing to edit
    history = client.get(reverse("admin:review_storyfact_history", args=[fact.pk]))
    assert history.status_code == 200 and "fact 1 verified" in history.content.decode().lower()
    assert client.get(reverse("admin:review_storyfact_add")).status_code == 403


@pytest.mark.django_db
def test_the_checklist_never_comes_back_as_story_text(checked, editor):
    """The reporter sends the DOCX back untouched: the checklist is the desk's, not an edit."""
    from review.services.roundtrip import article_answers_apply

    before = [s.text for s in checked.sentences.order_by("position")]
    data = export_file(checked, "docx").data
    result = article_answers_apply(
        article=checked, data=data, file_name="back.docx", actor=editor, run_checks=False
    )
    assert not result.revised and result.new_flags == 0
    assert [s.text for s in checked.sentences.order_by("position")] == before
