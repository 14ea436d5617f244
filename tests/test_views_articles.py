from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from review.models import Article
from tests.conftest import SEED

NEW = reverse("review:article_new")
LIST = reverse("review:article_list")


@pytest.mark.parametrize("url", [LIST, NEW, "/articles/some-story/"])
def test_anonymous_users_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_user_without_a_role_gets_403(client, outsider):
    client.force_login(outsider)
    assert client.get(LIST).status_code == 403


def test_the_list_shows_title_status_and_sentence_count(client, viewer, seed_article):
    client.force_login(viewer)
    response = client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Scot Peterson" in body
    assert "Draft" in body
    assert ">22<" in body


def test_the_list_filters_by_status(client, viewer, seed_article):
    client.force_login(viewer)
    body = client.get(LIST, {"status": "approved"}).content.decode()
    assert "Scot Peterson" not in body


def test_the_list_costs_the_same_queries_however_many_stories(
    client, viewer, make_article, django_assert_num_queries
):
    client.force_login(viewer)
    make_article("One. Two.")
    # session, user, permissions (user's and groups' in one), the count of stories (pager), the
    # page of articles with their counts (subqueries), the unread inbox count
    with django_assert_num_queries(6):
        client.get(LIST)
    for _ in range(5):
        make_article("Three. Four. Five.")
    with django_assert_num_queries(6):
        client.get(LIST)


def test_the_list_shows_fifty_stories_a_page_newest_first_keeping_the_filter(
    client, viewer, make_article
):
    from review.views.articles import STORIES_PER_PAGE

    for n in range(STORIES_PER_PAGE + 3):
        make_article("One. Two.", title=f"Numbered story {n:03d}")
    client.force_login(viewer)
    first = client.get(LIST).content.decode()
    assert "Numbered story 052" in first and "Numbered story 002" not in first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = client.get(LIST, {"page": 2, "status": "draft"}).content.decode()
    assert "Numbered story 002" in second and "Numbered story 052" not in second
    assert 'href="?status=draft&amp;page=1"' in second
    assert client.get(LIST, {"page": "999"}).status_code == 200  # past the end: the last page


def test_the_article_page_shows_every_sentence_with_a_stable_id(client, viewer, seed_article):
    client.force_login(viewer)
    body = client.get(seed_article.get_absolute_url()).content.decode()
    for sentence in seed_article.sentences.all():
        assert f'id="s-{sentence.pk}"' in body


def test_an_unknown_article_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get("/articles/nope/").status_code == 404


@pytest.mark.parametrize("role", ["viewer", "copy_editor", "fact_checker"])
def test_only_editors_may_open_the_upload_page(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(NEW).status_code == 403
    response = client.post(NEW, {"title": "T", "text": "Hello."})
    assert response.status_code == 403
    assert not Article.objects.exists()


def test_an_editor_imports_pasted_text(client, editor):
    client.force_login(editor)
    response = client.post(NEW, {"title": "City budget", "text": "One.\r\n\r\nTwo."})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == article.get_absolute_url()
    assert article.original_text == "One.\n\nTwo."


def test_an_editor_uploads_a_file(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("story.txt", SEED.read_bytes(), content_type="text/plain")
    response = client.post(NEW, {"title": "Peterson", "slug": "peterson", "file": upload})
    assert response.status_code == 302
    assert Article.objects.get().sentences.count() == 22


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "T", "text": "   "}, "Choose a .docx or .txt file, or paste"),
        ({"title": "", "text": "Hello."}, "Give the story a title"),
        ({"title": "T", "text": "Bad\x01byte."}, "control character"),
    ],
)
def test_upload_errors_are_shown_in_the_form(client, editor, data, message):
    client.force_login(editor)
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_a_latin1_file_is_refused_with_advice(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("story.txt", "Café.".encode("latin-1"))
    response = client.post(NEW, {"title": "T", "file": upload})
    assert "not UTF-8" in response.content.decode()
    assert not Article.objects.exists()


def test_a_taken_slug_is_shown_on_the_slug_field(client, editor, make_article):
    make_article("Old.", slug="taken")
    client.force_login(editor)
    response = client.post(NEW, {"title": "T", "slug": "taken", "text": "New."})
    assert "already exists" in response.content.decode()
    assert Article.objects.count() == 1


def test_pasted_text_is_kept_exactly_whitespace_included(client, editor):
    client.force_login(editor)
    client.post(NEW, {"title": "T", "text": "  Indented lead.\r\n\r\nTwo.\r\n"})
    assert Article.objects.get().original_text == "  Indented lead.\n\nTwo.\n"


def test_an_editor_uploads_a_word_document_and_its_comments_become_flags(client, editor):
    from tests.docx_factories import WordFile

    word = WordFile()
    word.heading("Council votes")
    runs = word.paragraph("The council ", "voted 5-2", " on Tuesday.")
    word.comment(runs[1], "Check the count.")
    client.force_login(editor)
    upload = SimpleUploadedFile("council.docx", word.bytes())
    response = client.post(NEW, {"file": upload}, follow=True)
    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    assert article.title == "Council votes"
    assert article.flags.get().quote == "voted 5-2"
    assert "1 Word comment became a flag" in response.content.decode()


def test_a_bad_word_document_is_shown_in_the_form(client, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    response = client.post(NEW, {"file": upload, "title": "T"})
    assert response.status_code == 200
    assert "save it as a Word Document (.docx)" in response.content.decode()
    assert not Article.objects.exists()
