"""The reporter's answers page, and the revision page taking a returned .docx."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from review.models import Comment, Flag, Job
from review.selectors.exports import export_file
from review.services.flags import flag_create
from tests.docx_factories import WordAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_article, editor):
    article = make_article("Officials said it. He left.", slug="story", title="Story")
    sentence = article.sentences.get(position=0)
    article.flag = flag_create(sentence=sentence, kind="other", actor=editor, start=0, end=9)
    return article


def answered(article) -> bytes:
    word = WordAnswer(export_file(article, "docx").data)
    word.reply(article.flag.number, "The sheriff's office.", author="Rita Reporter")
    word.done(article.flag.number)
    return word.bytes()


def _post(client, url, data: bytes, name="story-answers.docx"):
    return client.post(url, {"file": SimpleUploadedFile(name, data)}, follow=True)


def test_an_editor_uploads_the_answers_and_sees_them_in_the_history(client, editor, story):
    client.force_login(editor)
    url = reverse("review:article_answers", args=[story.slug])
    assert client.get(url).status_code == 200
    response = _post(client, url, answered(story))
    assert response.redirect_chain[-1][0] == reverse("review:article_history", args=["story"])
    body = response.content.decode()
    assert "Applied the answers from story-answers.docx: 1 reply, 1 flag resolved." in body
    assert "answers from the reporter (story-answers.docx)" in body
    assert Flag.objects.get(pk=story.flag.pk).status == "resolved"


def test_the_same_file_again_says_nothing_is_new(client, editor, story):
    client.force_login(editor)
    url = reverse("review:article_answers", args=[story.slug])
    data = answered(story)
    _post(client, url, data)
    response = _post(client, url, data)
    assert "Nothing new to apply from this file: it was applied on" in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_file_that_is_not_a_docx_is_an_error_in_the_form(client, editor, story):
    client.force_login(editor)
    url = reverse("review:article_answers", args=[story.slug])
    response = _post(client, url, b"plain text", name="notes.txt")
    assert response.status_code == 200
    assert "This is not a Word document" in response.content.decode()


def test_a_bad_docx_shows_the_readers_message(client, editor, story):
    client.force_login(editor)
    url = reverse("review:article_answers", args=[story.slug])
    response = _post(client, url, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "a.doc")
    assert "Word 97–2003 document" in response.content.decode()


def test_only_editors_may_upload_answers(client, copy_editor, story):
    client.force_login(copy_editor)
    assert client.get(reverse("review:article_answers", args=[story.slug])).status_code == 403


def test_the_revision_page_takes_a_returned_docx_as_answers(client, editor, story):
    client.force_login(editor)
    response = _post(client, reverse("review:article_revise", args=[story.slug]), answered(story))
    assert "Applied the answers from story-answers.docx" in response.content.decode()
    assert Comment.objects.get().author_name == "Rita Reporter"


def test_the_review_page_links_to_the_answers_page_for_editors(client, editor, viewer, story):
    link = reverse("review:article_answers", args=[story.slug])
    client.force_login(editor)
    assert link in client.get(story.get_absolute_url()).content.decode()
    client.force_login(viewer)
    assert link not in client.get(story.get_absolute_url()).content.decode()


def test_the_history_names_the_word_author_of_a_reply(client, editor, story):
    client.force_login(editor)
    _post(client, reverse("review:article_answers", args=[story.slug]), answered(story))
    body = client.get(reverse("review:article_history", args=[story.slug])).content.decode()
    assert "for Rita Reporter (from Word)" in body


@pytest.mark.parametrize("page", ["review:article_answers", "review:article_revise"])
def test_a_big_storys_answers_are_applied_in_the_background(client, editor, story, page, settings):
    settings.REVIEW_BACKGROUND_SENTENCES = 1  # the story's two sentences make it "big"
    client.force_login(editor)
    response = _post(client, reverse(page, args=[story.slug]), answered(story))
    job = Job.objects.get()
    assert response.redirect_chain[0][0] == job.get_absolute_url()
    assert (job.kind, job.status, job.article) == ("answers", "done", story)
    assert job.payload == ""  # applied: the file is not kept
    assert job.message.startswith("Applied the answers from story-answers.docx: 1 reply")
    assert job.steps == 1  # the form's "run the checks" was not ticked: no checks step
    assert Comment.objects.get().author_name == "Rita Reporter"
    body = response.content.decode()
    assert "applied in the background" in body and "Applied the answers" in body


def test_a_big_storys_wrong_file_is_refused_on_the_form(client, editor, story, settings):
    settings.REVIEW_BACKGROUND_SENTENCES = 1
    client.force_login(editor)
    url = reverse("review:article_answers", args=[story.slug])
    response = _post(client, url, b"not a word file", name="answers.docx")
    assert response.status_code == 200 and not Job.objects.exists()
    assert "errorlist" in response.content.decode()
