from __future__ import annotations

import pytest
from django.urls import reverse

from review.models import Flag
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_resolve

TEXT = "Alpha beta gamma. Delta epsilon zeta.\n\nEta theta iota."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="greek")


@pytest.fixture
def sentences(article):
    return list(article.sentences.order_by("position"))


def url(article, **query):
    base = reverse("review:article_detail", args=[article.slug])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_it_sends_anonymous_users_to_login(client, article):
    response = client.get(url(article))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_users_without_a_role(client, outsider, article):
    client.force_login(outsider)
    assert client.get(url(article)).status_code == 403


@pytest.mark.parametrize("who", ["editor", "copy_editor", "fact_checker", "viewer"])
def test_every_role_reads_the_page(client, request, article, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(article)).status_code == 200


def test_it_gives_each_sentence_an_addressable_span(client, editor, article, sentences):
    client.force_login(editor)
    html = client.get(url(article)).content.decode()
    for sentence in sentences:
        assert f'id="s-{sentence.pk}"' in html
    assert html.count('<p><span class="sent"') == 2  # two paragraphs


def test_overlapping_flags_both_show_as_marks(client, editor, sentences):
    one = flag_create(sentence=sentences[0], kind="style", actor=editor, start=0, end=10)
    two = flag_create(sentence=sentences[0], kind="other", actor=editor, start=6, end=16)
    client.force_login(editor)
    html = client.get(url(sentences[0].article)).content.decode()
    assert f'data-flags="{one.pk}" style="--hl:#9fd3f5"' in html
    # Innermost first (review/text/spans.py): of two equal spans, the one starting later.
    assert f'data-flags="{two.pk} {one.pk}"' in html
    assert f'data-flags="{two.pk}" style="--hl:#c8e6a0"' in html
    assert 'title="2 flags, 2 open">2</sup>' in html


def test_the_progress_line_counts_flags_by_status(client, editor, sentences):
    a = flag_create(sentence=sentences[0], kind="style", actor=editor)
    flag_create(sentence=sentences[1], kind="style", actor=editor)
    flag_resolve(flag=a, actor=editor)
    client.force_login(editor)
    html = client.get(url(sentences[0].article)).content.decode()
    assert (
        "<strong>1</strong> open · <strong>1</strong> resolved · <strong>0</strong> dismissed"
        in html
    )


def test_reviewers_get_a_flag_link_per_sentence_viewers_do_not(
    client, editor, viewer, article, sentences
):
    client.force_login(editor)
    flag_url = reverse("review:flag_new", args=[article.slug, sentences[0].pk])
    assert flag_url in client.get(url(article)).content.decode()
    client.force_login(viewer)
    html = client.get(url(article)).content.decode()
    assert "flag-link" not in html
    assert "Send reply" not in html


def test_filters_narrow_the_list_and_the_highlights(client, editor, sentences):
    style = flag_create(sentence=sentences[0], kind="style", actor=editor, start=0, end=5)
    other = flag_create(sentence=sentences[1], kind="other", actor=editor, start=0, end=5)
    client.force_login(editor)
    html = client.get(url(sentences[0].article, kind="style")).content.decode()
    assert f'id="fl-{style.pk}"' in html and f'id="fl-{other.pk}"' not in html
    assert f'data-flags="{other.pk}"' not in html
    html = client.get(url(sentences[0].article, origin="auto")).content.decode()
    assert "No flags match these filters." in html
    html = client.get(url(sentences[0].article, assignee="none", status="open")).content.decode()
    assert f'id="fl-{style.pk}"' in html


def test_a_flag_in_the_query_opens_its_thread(client, editor, sentences):
    flag = flag_create(sentence=sentences[0], kind="style", actor=editor, note="Numerals")
    comment_add(flag=flag, actor=editor, body="First reply")
    client.force_login(editor)
    html = client.get(url(sentences[0].article, flag=flag.pk)).content.decode()
    assert f'id="thread-state" name="flag" value="{flag.pk}"' in html
    assert "First reply" in html and "Numerals" in html


def test_htmx_filter_requests_get_the_review_fragment_only(client, editor, article):
    client.force_login(editor)
    response = client.get(url(article), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="review")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="review"')
    assert "<html" not in html


def test_the_poll_answers_204_while_nothing_changed(client, editor, article, sentences):
    client.force_login(editor)
    html = client.get(url(article)).content.decode()
    token = html.split('"since": "', 1)[1].split('"', 1)[0]
    changes = reverse("review:article_changes", args=[article.slug])
    assert client.get(changes, {"since": token}, HTTP_HX_REQUEST="true").status_code == 204
    flag = flag_create(sentence=sentences[1], kind="style", actor=editor, start=0, end=5)
    response = client.get(changes, {"since": token}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="sw-{sentences[1].pk}" hx-swap-oob="true"' in body
    assert f'id="sw-{sentences[0].pk}"' not in body
    assert f'id="fl-{flag.pk}"' in body
    new_token = body.split('"since": "', 1)[1].split('"', 1)[0]
    assert client.get(changes, {"since": new_token}).status_code == 204
    comment_add(flag=flag, actor=editor, body="hello")
    assert client.get(changes, {"since": new_token}).status_code == 200


def test_the_poll_sends_the_open_threads_replies(client, editor, copy_editor, sentences):
    flag = flag_create(sentence=sentences[0], kind="style", actor=editor)
    client.force_login(editor)
    changes = reverse("review:article_changes", args=[sentences[0].article.slug])
    token = client.get(url(sentences[0].article)).content.decode()
    token = token.split('"since": "', 1)[1].split('"', 1)[0]
    comment_add(flag=flag, actor=copy_editor, body="Seen it")
    body = client.get(changes, {"since": token, "flag": flag.pk}).content.decode()
    assert 'id="thread-comments"' in body and "Seen it" in body
    assert 'id="reply-form"' not in body  # a reply being typed is never replaced


def build(article, editor, copy_editor, flags_per_sentence: int):
    for sentence in article.sentences.all():
        for n in range(flags_per_sentence):
            flag = flag_create(sentence=sentence, kind="style", actor=editor, start=0, end=3)
            comment_add(flag=flag, actor=copy_editor, body=f"reply {n}")
            if n % 2:
                flag_resolve(flag=flag, actor=editor)


@pytest.mark.parametrize("flags_per_sentence", [1, 4])
def test_the_page_costs_a_fixed_number_of_queries(
    client, editor, copy_editor, make_article, django_assert_num_queries, flags_per_sentence
):
    article = make_article(" ".join(f"Sentence number {n}." for n in range(20)), slug="long")
    build(article, editor, copy_editor, flags_per_sentence)
    flag = Flag.objects.filter(article=article).first()
    client.force_login(editor)
    # Session, user, article, permissions (user's and groups' in one), the page's state (its change
    # cursor, the story's sections, the open flag's section: one query), sentences, flags
    # (kind joined, the people's names and the reply counts annotated), the open flag with its
    # people, active kinds, assignable people, the counts by kind and status, the open
    # thread's replies, the header's unread count, the facts worksheet's counts for the
    # progress line (one aggregate).
    with django_assert_num_queries(14):
        response = client.get(url(article, flag=flag.pk))
    assert response.status_code == 200
    assert Flag.objects.filter(article=article).count() == 20 * flags_per_sentence


def test_a_row_names_who_raised_it_whom_it_is_assigned_to_and_its_replies(
    client, editor, copy_editor, sentences
):
    """The list's rows carry their people's names (read with the flags, not as user rows)."""
    flag = flag_create(sentence=sentences[0], kind="style", actor=editor, assignee=copy_editor)
    comment_add(flag=flag, actor=copy_editor, body="Looking at it.")
    comment_add(flag=flag, actor=editor, body="Thanks.")
    unassigned = flag_create(sentence=sentences[1], kind="style", actor=copy_editor)
    client.force_login(editor)
    page = client.get(url(sentences[0].article)).content.decode()
    row = page.split(f'id="fl-{flag.pk}"', 1)[1].split("</li>", 1)[0]
    assert f"{editor.username} → {copy_editor.username} · 2 replies" in row
    other = page.split(f'id="fl-{unassigned.pk}"', 1)[1].split("</li>", 1)[0]
    assert copy_editor.username in other and "→" not in other and "repl" not in other
