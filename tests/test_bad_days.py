"""Hostile or unlucky input: a paste too big to read, a title with line breaks, a mention
toggled in and out of a reply."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from review.models import Article, Notification
from review.services.articles import article_import, clean_title
from review.services.comments import comment_add, comment_edit
from review.services.flags import flag_create, flag_update

NEW = reverse("review:article_new")


def test_a_seven_megabyte_paste_gets_the_import_forms_size_message(client, editor, settings):
    client.force_login(editor)
    response = client.post(NEW, {"title": "Huge", "text": "word " * (7 * 1024 * 1024 // 5)})
    assert response.status_code == 413
    body = response.content.decode()
    assert "the desk accepts at most 5,242,880" in body
    assert "REVIEW_MAX_IMPORT_BYTES" in body
    assert 'name="title"' in body  # the import form, ready to try again
    assert "Bad Request" not in body
    assert not Article.objects.exists()


def test_a_big_upload_elsewhere_gets_a_plain_size_page_not_a_bare_400(client, editor, make_article):
    article = make_article("One. Two.")
    client.force_login(editor)
    response = client.post(
        reverse("review:article_transition", args=[article.slug, "submit"]),
        {"note": "x" * (7 * 1024 * 1024)},
    )
    assert response.status_code == 413
    assert "That was too large to send" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_a_too_big_revision_gets_the_revise_forms_size_message(client, editor, make_article):
    article = make_article("One. Two.")
    client.force_login(editor)
    response = client.post(
        reverse("review:article_revise", args=[article.slug]), {"text": "y" * (7 * 1024 * 1024)}
    )
    assert response.status_code == 413
    body = response.content.decode()
    assert "Upload a revised version" in body and "the desk accepts at most" in body


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Budget\r\nvote", "Budget vote"),
        ("  Tabs\tand\x0bvertical\x1ftabs ", "Tabs and vertical tabs"),
        ("Line\u2028separator\u0085next", "Line separator next"),
        ("Plain title", "Plain title"),
    ],
)
def test_titles_become_one_trimmed_line(raw, clean):
    assert clean_title(raw) == clean


def test_an_imported_title_with_line_breaks_is_stored_as_one_line_and_mail_still_goes(
    editor, copy_editor, django_capture_on_commit_callbacks
):
    article = article_import(
        text="The mayor spoke.",
        title="Council\r\nBcc: everyone@example.com",
        slug="council",
        actor=editor,
        run_checks=False,
    )
    assert article.title == "Council Bcc: everyone@example.com"
    with django_capture_on_commit_callbacks(execute=True):
        flag_create(
            sentence=article.sentences.get(), kind="other", actor=editor, note="@copyed look"
        )
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject and mail.outbox[0].to == ["copyed@example.com"]


def test_a_title_edited_in_the_admin_is_cleaned_the_same_way(client, editor, make_article):
    article = make_article("One. Two.")
    editor.is_staff = editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    response = client.post(
        reverse("admin:review_article_change", args=[article.pk]),
        {
            "title": "Two\nlines",
            "slug": article.slug,
            "source_name": "",
            "sentences-TOTAL_FORMS": "0",
            "sentences-INITIAL_FORMS": "0",
            "sentences-MIN_NUM_FORMS": "0",
            "sentences-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Two lines"


def test_toggling_a_mention_out_and_back_in_notifies_once(
    make_article, editor, copy_editor, django_capture_on_commit_callbacks
):
    article = make_article("The mayor said so.")
    flag = flag_create(sentence=article.sentences.get(), kind="other", actor=editor)
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(flag=flag, actor=editor, body="@copyed please look")
        for body in ("please look", "@copyed please look", "nobody", "@copyed again"):
            comment = comment_edit(comment=comment, actor=editor, body=body)
    assert Notification.objects.filter(recipient=copy_editor).count() == 1
    assert len(mail.outbox) == 1


def test_a_new_reply_mentioning_the_same_person_is_a_new_notification(
    make_article, editor, copy_editor
):
    article = make_article("The mayor said so.")
    flag = flag_create(sentence=article.sentences.get(), kind="other", actor=editor)
    comment_add(flag=flag, actor=editor, body="@copyed one")
    comment_add(flag=flag, actor=editor, body="@copyed two")
    assert Notification.objects.filter(recipient=copy_editor).count() == 2


def test_toggling_a_mention_in_a_flags_note_notifies_once(make_article, editor, copy_editor):
    article = make_article("The mayor said so.")
    flag = flag_create(
        sentence=article.sentences.get(), kind="other", actor=editor, note="@copyed see"
    )
    flag = flag_update(flag=flag, actor=editor, note="see")
    flag = flag_update(flag=flag, actor=editor, note="@copyed see again")
    assert Notification.objects.filter(recipient=copy_editor).count() == 1
