"""User text (article, notes, suggestions, replies, names) never becomes markup or script."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review.services.comments import comment_add
from review.services.flags import flag_create

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    '<button hx-post="/logout/" hx-trigger="load">x</button>',
    '"><svg onload=alert(1)>',
]
HX = {"HTTP_HX_REQUEST": "true"}


def assert_inert(html: str) -> None:
    for raw in (
        "<script>alert",
        "<img src=x",
        'href="javascript:',
        '<button hx-post="/logout',
        "<svg onload",
    ):
        assert raw not in html, raw
    assert "&lt;" in html  # the payload is there, as text


@pytest.fixture
def setup(make_article, editor, copy_editor):
    text = " ".join(f"Payload {i}: {p}." for i, p in enumerate(PAYLOADS))
    article = make_article(text, slug="xss", title="<script>alert('title')</script>")
    flags = []
    for i, sentence in enumerate(article.sentences.order_by("position")):
        payload = PAYLOADS[i % len(PAYLOADS)]
        flag = flag_create(
            sentence=sentence,
            kind="other",
            actor=editor,
            start=0,
            end=min(12, len(sentence.text)),
            note=f"note {payload} @copyed",
            suggestion=f"suggest {payload}",
        )
        comment_add(flag=flag, actor=copy_editor, body=f"reply {payload} @editor")
        flags.append(flag)
    return article, flags


def test_the_review_page_escapes_every_field(client, editor, setup):
    article, flags = setup
    client.force_login(editor)
    for flag in flags:
        html = client.get(article.get_absolute_url() + f"?flag={flag.pk}").content.decode()
        assert_inert(html)
        assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in html


def test_the_fragments_escape_every_field(client, editor, setup):
    article, flags = setup
    client.force_login(editor)
    for flag in flags:
        assert_inert(
            client.get(reverse("review:flag_detail", args=[flag.pk]), **HX).content.decode()
        )
        response = client.post(
            reverse("review:comment_add", args=[flag.pk]), {"body": PAYLOADS[0]}, **HX
        )
        assert_inert(response.content.decode())
    changes = reverse("review:article_changes", args=[article.slug])
    # The cursor of a page that has seen nothing: every flag, sentence and reply is "new".
    since_nothing = client.get(changes, {"since": "0.0.0.0.0.0", "flag": flags[0].pk})
    assert all(f'id="fl-{flag.pk}"' in since_nothing.content.decode() for flag in flags)
    assert_inert(since_nothing.content.decode())
    sentence = flags[0].sentence
    form = client.get(reverse("review:flag_new", args=[article.slug, sentence.pk]), **HX)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in form.content.decode()
    assert "<script>alert(1)" not in form.content.decode()


def test_the_inbox_escapes_replies_and_quotes(client, copy_editor, setup):
    client.force_login(copy_editor)
    html = client.get(reverse("review:inbox")).content.decode()
    assert_inert(html)


def test_the_admin_escapes_flags_and_comments(admin_client, setup):
    _, flags = setup
    for path in (
        reverse("admin:review_flag_changelist"),
        reverse("admin:review_flag_change", args=[flags[0].pk]),
        reverse("admin:review_comment_changelist"),
        reverse("admin:review_flag_changelist") + "?q=script",
    ):
        html = admin_client.get(path).content.decode()
        for raw in ("<script>alert(1)", "<img src=x", "<svg onload"):
            assert raw not in html, (path, raw)


def test_a_hostile_kind_colour_never_reaches_the_style_attribute(client, editor, setup):
    from review.models import FlagKind
    from review.services.common import save_tracked

    kind = FlagKind.objects.get(slug="other")
    kind.colour = "red;}"
    save_tracked(kind, actor=editor)
    article, _ = setup
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "red;}" not in html
    assert "--hl:#ffd54f" in html
