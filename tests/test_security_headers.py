"""Every answer carries the Content-Security-Policy and the Permissions-Policy: pages,
fragments, redirects, errors, downloads, the admin and the login."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review.services.comments import comment_add
from review.services.flags import flag_create


@pytest.fixture
def story(make_article, editor):
    article = make_article("One sentence here. Another one.\n\nA third.")
    sentence = article.sentences.order_by("position").first()
    flag = flag_create(sentence=sentence, kind="style", actor=editor, suggestion="One line")
    comment_add(flag=flag, actor=editor, body="A reply @editor")
    return article, sentence, flag


def every_page(article, sentence, flag) -> list[tuple[str, dict]]:
    slug, pk = article.slug, sentence.pk
    htmx = {"HX-Request": "true"}
    pages = [
        (reverse("review:article_list"), {}),
        (reverse("review:article_list") + "?page=2", {}),
        (reverse("review:article_new"), {}),
        (article.get_absolute_url(), {}),
        (article.get_absolute_url(), {**htmx, "HX-Target": "review"}),
        (reverse("review:article_changes", args=[slug]) + "?since=0", htmx),
        (reverse("review:flag_new", args=[slug, pk]), {}),
        (reverse("review:flag_new", args=[slug, pk]), htmx),
        (reverse("review:flag_detail", args=[flag.pk]), {}),
        (reverse("review:flag_detail", args=[flag.pk]), htmx),
        (reverse("review:sentence_edit", args=[slug, pk]), {}),
        (reverse("review:sentence_history", args=[slug, pk]), {}),
        (reverse("review:article_history", args=[slug]), {}),
        (reverse("review:article_history", args=[slug]) + "?as_of=2026-01-01T00:00:00Z", {}),
        (reverse("review:article_revise", args=[slug]), {}),
        (reverse("review:suggestions_accept_all", args=[slug, "style"]), {}),
        (reverse("review:inbox"), {}),
        (reverse("password_change"), {}),
        (reverse("password_change_done"), {}),
        (reverse("review:health"), {}),
        ("/articles/no-such-story/", {}),
        ("/admin/", {}),
        ("/admin/review/flag/", {}),
        (f"/admin/review/flag/{flag.pk}/change/", {}),
        ("/admin/review/comment/", {}),
    ]
    pages += [(reverse("review:article_export", args=[slug, fmt]), {}) for fmt in ("docx", "md")]
    return pages


def assert_protected(response, where: str) -> None:
    csp = response.headers.get("Content-Security-Policy", "")
    directives = dict(
        [*part.split(" ", 1), ""][:2] for part in (p.strip() for p in csp.split(";")) if part
    )
    assert directives.get("default-src") == "'self'", where
    assert directives.get("script-src") == "'self'", where
    assert directives.get("style-src") == "'self'", where
    assert directives.get("style-src-attr") == "'unsafe-inline'", where
    assert directives.get("form-action") == "'self'", where
    assert directives.get("frame-ancestors") == "'none'", where
    assert "camera=()" in response.headers.get("Permissions-Policy", ""), where
    assert response.headers.get("X-Frame-Options") == "DENY", where


def test_every_page_carries_the_policies(client, editor, story):
    editor.is_staff = editor.is_superuser = True
    editor.save()
    client.force_login(editor)
    for url, headers in every_page(*story):
        response = client.get(url, headers=headers)
        assert response.status_code < 500, url
        assert_protected(response, f"{url} {headers}")


def test_logins_writes_redirects_and_refusals_carry_them_too(client, editor, viewer, story):
    _, _, flag = story
    assert_protected(client.get(reverse("login")), "login")
    assert_protected(client.get(reverse("password_reset")), "password reset")
    assert_protected(client.get("/"), "anonymous redirect")
    client.force_login(viewer)
    assert_protected(client.get("/admin/"), "admin redirect")
    refused = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": "no"})
    assert refused.status_code == 403
    assert_protected(refused, "403")
    client.force_login(editor)
    written = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": "yes"})
    assert written.status_code == 302
    assert_protected(written, "write")


def test_the_html_export_keeps_its_own_stricter_policy(client, editor, story):
    article, _, _ = story
    client.force_login(editor)
    response = client.get(reverse("review:article_export", args=[article.slug, "html"]))
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_pages_ship_no_inline_script_and_htmx_runs_without_eval(client, editor, story):
    import re

    article, _, _ = story
    client.force_login(editor)
    body = client.get(article.get_absolute_url()).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", body)
    assert scripts and all("src=" in tag for tag in scripts)
    assert body.count('name="htmx-config"') == 1  # htmx reads only the first one
    assert '"allowEval": false' in body and '"responseHandling"' in body
    assert "<style" not in body
    styles = re.findall(r'style="([^"]*)"', body)
    assert styles and all(
        all(decl.strip().startswith("--") for decl in s.split(";") if decl.strip()) for s in styles
    ), "style attributes carry only custom properties (colours, widths)"
