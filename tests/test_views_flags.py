from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from review.models import Comment, Flag
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_resolve

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def article(make_article):
    return make_article("Alpha beta gamma. Delta epsilon zeta.", slug="greek")


@pytest.fixture
def sentence(article):
    return article.sentences.order_by("position").first()


@pytest.fixture
def flag(sentence, editor):
    return flag_create(sentence=sentence, kind="style", actor=editor, start=0, end=5)


@pytest.fixture
def comment(flag, copy_editor):
    return comment_add(flag=flag, actor=copy_editor, body="A reply")


def write_urls(article, flag, comment) -> dict[str, tuple[str, dict]]:
    return {
        "create": (
            reverse("review:flag_create", args=[article.slug]),
            {"sentence": flag.sentence_id, "kind": "other", "note": "x"},
        ),
        "update": (
            reverse("review:flag_update", args=[flag.pk]),
            {"kind": "other", "severity": "minor", "note": "changed"},
        ),
        "resolve": (reverse("review:flag_resolve", args=[flag.pk]), {}),
        "dismiss": (reverse("review:flag_dismiss", args=[flag.pk]), {"reason": "no"}),
        "reopen": (reverse("review:flag_reopen", args=[flag.pk]), {}),
        "reply": (reverse("review:comment_add", args=[flag.pk]), {"body": "hi"}),
        "edit": (reverse("review:comment_edit", args=[comment.pk]), {"body": "edited"}),
        "delete": (reverse("review:comment_delete", args=[comment.pk]), {}),
    }


WRITES = ["create", "update", "resolve", "dismiss", "reopen", "reply", "edit", "delete"]


@pytest.mark.parametrize("action", WRITES)
def test_every_write_answers_get_with_405_and_changes_nothing(
    client, editor, article, flag, comment, action
):
    client.force_login(editor)
    path, _ = write_urls(article, flag, comment)[action]
    assert client.get(path).status_code == 405
    flag.refresh_from_db()
    comment.refresh_from_db()
    assert (flag.status, flag.note, comment.body, comment.deleted_at) == (
        "open",
        "",
        "A reply",
        None,
    )
    assert Flag.objects.count() == 1 and Comment.objects.count() == 1


@pytest.mark.parametrize("action", WRITES)
def test_viewers_get_403_on_every_write(client, viewer, article, flag, comment, action):
    client.force_login(viewer)
    path, data = write_urls(article, flag, comment)[action]
    assert client.post(path, data).status_code == 403
    assert client.post(path, data, **HX).status_code == 403


@pytest.mark.parametrize("action", WRITES)
def test_anonymous_writes_are_sent_to_login(client, article, flag, comment, action):
    path, data = write_urls(article, flag, comment)[action]
    response = client.post(path, data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("action", ["resolve", "reply", "create"])
def test_csrf_is_enforced_on_writes_including_htmx(editor, article, flag, comment, action):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    path, data = write_urls(article, flag, comment)[action]
    assert csrf_client.post(path, data).status_code == 403
    assert csrf_client.post(path, data, **HX).status_code == 403
    # With the token htmx sends (hx-headers on <body>), the same request goes through.
    page = csrf_client.get(article.get_absolute_url())
    token = page.content.decode().split('"X-CSRFToken": "', 1)[1].split('"', 1)[0]
    response = csrf_client.post(path, data, HTTP_X_CSRFTOKEN=token, **HX)
    assert response.status_code == 200


def test_raising_a_flag_with_htmx_returns_fragments_only(client, copy_editor, sentence):
    client.force_login(copy_editor)
    response = client.post(
        reverse("review:flag_create", args=[sentence.article.slug]),
        {"sentence": sentence.pk, "start": 6, "end": 10, "kind": "style", "note": "Lower case"},
        **HX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and "<body" not in html
    flag = Flag.objects.get()
    assert (flag.quote, flag.created_by) == ("beta", copy_editor)
    assert f'id="sw-{sentence.pk}" hx-swap-oob="true"' in html
    assert f'id="fl-{flag.pk}"' in html
    assert 'id="thread" class="thread card"' in html
    assert 'id="flag-form-slot" class="flag-form-slot" hx-swap-oob="true"></div>' in html
    # The progress line's flag counts follow; the worksheet's count does not (no fact changed).
    assert 'id="flag-progress" class="flag-progress" hx-swap-oob="true"' in html
    assert "facts-progress" not in html


def test_raising_a_flag_without_javascript_redirects_to_its_thread(client, editor, sentence):
    client.force_login(editor)
    response = client.post(
        reverse("review:flag_create", args=[sentence.article.slug]),
        {"sentence": sentence.pk, "kind": "other"},
    )
    flag = Flag.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"?flag={flag.pk}#thread")


def test_the_no_javascript_flag_form_page_works(client, editor, sentence):
    client.force_login(editor)
    path = reverse("review:flag_new", args=[sentence.article.slug, sentence.pk])
    response = client.get(path + "?start=6&end=10")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "beta</blockquote>" in html
    assert 'name="start" value="6"' in html
    fragment = client.get(path, **HX).content.decode()
    assert "<html" not in fragment and 'id="flag-form-slot"' in fragment


def test_the_flag_form_is_not_for_viewers(client, viewer, sentence):
    client.force_login(viewer)
    path = reverse("review:flag_new", args=[sentence.article.slug, sentence.pk])
    assert client.get(path).status_code == 403


def test_a_bad_span_comes_back_as_a_400_form_with_the_error(client, editor, sentence):
    client.force_login(editor)
    path = reverse("review:flag_create", args=[sentence.article.slug])
    data = {"sentence": sentence.pk, "start": 3, "end": 999, "kind": "style"}
    response = client.post(path, data, **HX)
    assert response.status_code == 400
    assert "not inside this sentence" in response.content.decode()
    assert client.post(path, data).status_code == 400
    assert not Flag.objects.exists()


def test_a_sentence_of_another_article_cannot_be_flagged(client, editor, make_article, article):
    other = make_article("Other text here.", slug="other").sentences.get()
    client.force_login(editor)
    path = reverse("review:flag_create", args=[article.slug])
    assert client.post(path, {"sentence": other.pk, "kind": "style"}).status_code == 400


def test_the_thread_is_a_fragment_for_htmx_and_a_redirect_otherwise(client, viewer, flag, comment):
    client.force_login(viewer)
    path = reverse("review:flag_detail", args=[flag.pk])
    fragment = client.get(path, **HX)
    assert fragment.status_code == 200
    assert fragment.content.decode().lstrip().startswith('<section id="thread"')
    assert "A reply" in fragment.content.decode()
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].endswith(f"flag={flag.pk}#thread")


def test_resolve_dismiss_and_reopen_by_htmx(client, fact_checker, flag):
    client.force_login(fact_checker)
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]), {"note": "ok"}, **HX)
    assert response.status_code == 200
    assert "<strong>0</strong> open · <strong>1</strong> resolved" in response.content.decode()
    again = client.post(reverse("review:flag_resolve", args=[flag.pk]), {}, **HX)
    assert again.status_code == 409  # the state changed meanwhile
    assert "This flag is already resolved" in again.content.decode()
    assert client.post(reverse("review:flag_reopen", args=[flag.pk]), **HX).status_code == 200
    response = client.post(reverse("review:flag_dismiss", args=[flag.pk]), {"reason": ""}, **HX)
    assert response.status_code == 400
    assert "Say why the flag is dismissed" in response.content.decode()
    response = client.post(
        reverse("review:flag_dismiss", args=[flag.pk]), {"reason": "Fine as is"}, **HX
    )
    assert response.status_code == 200
    flag.refresh_from_db()
    assert (flag.status, flag.resolution_note) == ("dismissed", "Fine as is")


def test_without_javascript_a_refused_action_shows_the_page_with_the_error(client, editor, flag):
    flag_resolve(flag=flag, actor=editor)
    client.force_login(editor)
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]))
    assert response.status_code == 409
    html = response.content.decode()
    assert "<html" in html and "This flag is already resolved" in html


def test_updating_a_flag_assigns_it(client, editor, fact_checker, flag):
    client.force_login(editor)
    response = client.post(
        reverse("review:flag_update", args=[flag.pk]),
        {"kind": "other", "severity": "blocker", "note": "n", "assignee": fact_checker.pk},
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.kind.slug, flag.severity, flag.assignee) == ("other", "blocker", fact_checker)


def test_replies_edits_and_deletes_by_their_author(client, copy_editor, editor, flag, comment):
    client.force_login(copy_editor)
    response = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": "More"}, **HX)
    assert response.status_code == 200 and "More" in response.content.decode()
    client.post(reverse("review:comment_edit", args=[comment.pk]), {"body": "Edited"}, **HX)
    comment.refresh_from_db()
    assert comment.body == "Edited" and comment.edited_at
    response = client.post(reverse("review:comment_delete", args=[comment.pk]), **HX)
    assert "Comment deleted" in response.content.decode()
    assert "Edited" not in response.content.decode()
    client.force_login(editor)
    other = Comment.objects.exclude(pk=comment.pk).get()
    assert client.post(reverse("review:comment_delete", args=[other.pk])).status_code == 403


def test_an_empty_reply_is_a_400_with_the_error(client, editor, flag):
    client.force_login(editor)
    response = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": " "}, **HX)
    assert response.status_code == 400
    assert "Write something before sending." in response.content.decode()


def test_a_missing_flag_is_404(client, editor):
    client.force_login(editor)
    assert client.post(reverse("review:flag_resolve", args=[999])).status_code == 404
    assert client.get(reverse("review:flag_detail", args=[999])).status_code == 404


def test_a_reply_answers_with_its_row_and_thread_and_leaves_the_counts_alone(
    client, copy_editor, flag
):
    client.force_login(copy_editor)
    response = client.post(
        reverse("review:comment_add", args=[flag.pk]), {"body": "Checked."}, **HX
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="fl-{flag.pk}"' in html and "Checked." in html  # the row and the thread
    # A reply moves no count and no highlight: none of them is sent again.
    assert "flag-counts" not in html and "flag-progress" not in html and "f-status" not in html
    assert 'id="sw-' not in html
