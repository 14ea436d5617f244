"""The download view and the Export menu on the review page."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.exports.helpers import by_number, docx_anchors

pytestmark = pytest.mark.django_db

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "json": "application/ld+json; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def _url(slug: str, fmt: str) -> str:
    return reverse("review:article_export", args=[slug, fmt])


@pytest.mark.parametrize("fmt", list(TYPES))
def test_each_format_downloads_with_a_dated_file_name(client, viewer, seeded, fmt):
    client.force_login(viewer)
    response = client.get(_url("peterson", fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == TYPES[fmt]
    day = f"{timezone.localdate():%Y-%m-%d}"
    name = f"{day}-peterson.txt" if fmt == "txt" else f"{day}-peterson-review.{fmt}"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response.content


def test_an_open_flags_only_export_has_a_file_name_of_its_own(client, viewer, seeded):
    client.force_login(viewer)
    response = client.get(_url("peterson", "docx") + "?open_only=1")
    name = f"{timezone.localdate():%Y-%m-%d}-peterson-review-open.docx"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'


@pytest.mark.parametrize("fmt", ["json", "html", "md"])
def test_exported_links_use_the_address_the_desk_is_served_at(
    client, viewer, seeded, fmt, settings
):
    settings.ALLOWED_HOSTS = ["desk.example.org"]
    client.force_login(viewer)
    response = client.get(_url("peterson", fmt), HTTP_HOST="desk.example.org", secure=True)
    body = response.content.decode()
    assert "https://desk.example.org/articles/peterson/" in body
    assert "127.0.0.1:8000" not in body


def test_the_docx_download_has_a_comment_per_flag(client, editor, seeded):
    client.force_login(editor)
    response = client.get(_url("peterson", "docx"))
    assert len(by_number(docx_anchors(response.content))) == seeded.flags.count()


def test_open_only_leaves_resolved_and_dismissed_flags_out(client, editor, seeded):
    client.force_login(editor)
    all_flags = json.loads(client.get(_url("peterson", "json")).content)
    open_flags = json.loads(client.get(_url("peterson", "json") + "?open_only=1").content)
    assert all_flags["total"] == seeded.flags.count()
    assert open_flags["total"] == seeded.flags.filter(status="open").count() < all_flags["total"]


def test_the_html_download_may_run_nothing_even_from_our_origin(client, editor, seeded):
    client.force_login(editor)
    response = client.get(_url("peterson", "html"))
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_users_are_sent_to_log_in(client, seeded):
    response = client.get(_url("peterson", "docx"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_with_no_role_is_refused(client, outsider, seeded):
    client.force_login(outsider)
    assert client.get(_url("peterson", "txt")).status_code == 403


def test_an_unknown_format_or_article_is_not_found(client, editor, seeded):
    client.force_login(editor)
    assert client.get(_url("peterson", "pdf")).status_code == 404
    assert client.get(_url("no-such-story", "txt")).status_code == 404


def test_it_only_answers_get(client, editor, seeded):
    client.force_login(editor)
    assert client.post(_url("peterson", "txt")).status_code == 405


def test_the_review_page_offers_every_format_in_an_export_menu(client, viewer, seeded):
    client.force_login(viewer)
    body = client.get(reverse("review:article_detail", args=["peterson"])).content.decode()
    assert '<details class="export-menu">' in body
    for fmt in TYPES:
        assert f'href="{_url("peterson", fmt)}"' in body
    assert f'href="{_url("peterson", "docx")}?open_only=1"' in body
