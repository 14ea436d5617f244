"""The revise page: an Editor uploads a revised draft."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from review.selectors.articles import current_text

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="story")


def test_the_revise_page_uploads_a_revision(client, article, editor):
    client.force_login(editor)
    url = reverse("review:article_revise", args=[article.slug])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("v2.txt", b"A whole new story.\n\nWith two paragraphs.")
    response = client.post(url, {"file": upload, "reason": "second draft"})
    assert response.status_code == 302
    assert current_text(article) == "A whole new story.\n\nWith two paragraphs."
    article.refresh_from_db()
    assert article.history.first().history_change_reason == "revised: second draft"


def test_the_revise_page_is_for_editors(client, article, copy_editor):
    client.force_login(copy_editor)
    assert client.get(reverse("review:article_revise", args=[article.slug])).status_code == 403


def test_an_unchanged_revision_is_refused_on_the_form(client, article, editor):
    client.force_login(editor)
    url = reverse("review:article_revise", args=[article.slug])
    response = client.post(url, {"text": TEXT})
    assert response.status_code == 200
    assert "nothing to revise" in response.content.decode()
    article.refresh_from_db()
    assert article.version == 1
