"""A story's imported text is read by the import and the admin only: the pages, the writes
and the history leave it alone, so their cost does not grow with the story's length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from review.models import Article


def _touching_text(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "original_text" in q["sql"]]


@pytest.fixture
def story(make_article):
    return make_article("The council met on Monday. It said nothing.\n\nThe mayor left.")


def test_the_review_page_and_its_writes_never_read_or_write_the_imported_text(
    client, editor, story
):
    client.force_login(editor)
    sentence = story.sentences.order_by("position").first()
    htmx = {"HX-Request": "true"}
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.get_absolute_url()).status_code == 200
        raised = client.post(
            f"/articles/{story.slug}/flags/new/",
            {"sentence": sentence.pk, "kind": "other", "severity": "minor", "note": "n"},
            headers=htmx,
        )
        assert raised.status_code == 200
        flag = story.flags.get()
        assert (
            client.post(f"/flags/{flag.pk}/comments/", {"body": "ok"}, headers=htmx).status_code
            == 200
        )
        assert (
            client.post(f"/flags/{flag.pk}/resolve/", {"note": "d"}, headers=htmx).status_code
            == 200
        )
        edited = client.post(
            f"/articles/{story.slug}/sentences/{sentence.pk}/edit/",
            {"text": "The council met on Tuesday.", "expected_version": 1, "reason": ""},
            headers=htmx,
        )
        assert edited.status_code == 200
        assert client.get(f"/articles/{story.slug}/history/").status_code == 200
        assert client.get("/inbox/").status_code == 200
    assert _touching_text(queries) == [], "\n".join(s[:300] for s in _touching_text(queries))


def test_the_history_keeps_no_copy_of_the_imported_text_but_a_past_version_still_has_it(
    story, editor
):
    from review.services.editing import sentence_edit

    sentence = story.sentences.order_by("position").first()
    sentence_edit(
        sentence=sentence, text="The council met on Friday.", expected_version=1, actor=editor
    )
    fields = {f.name for f in Article.history.model._meta.fields}
    assert "original_text" not in fields and "version" in fields
    oldest = Article.history.filter(id=story.pk).order_by("history_id").first()
    assert oldest.instance.original_text == Article.objects.get(pk=story.pk).original_text
    assert "The mayor left." in oldest.instance.original_text
