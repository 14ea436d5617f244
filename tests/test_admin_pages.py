from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse


@pytest.fixture
def admin_client_logged(client, db):
    user = User.objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "name",
    [
        "admin:review_article_changelist",
        "admin:review_sentence_changelist",
        "admin:review_flagkind_changelist",
        "admin:index",
    ],
)
def test_admin_lists_load(admin_client_logged, seed_article, name):
    assert admin_client_logged.get(reverse(name)).status_code == 200


def test_admin_article_page_shows_sentences_and_history(admin_client_logged, seed_article):
    change = reverse("admin:review_article_change", args=[seed_article.pk])
    body = admin_client_logged.get(change).content.decode()
    assert "nikolas cruz" in body
    history = reverse("admin:review_article_history", args=[seed_article.pk])
    assert admin_client_logged.get(history).status_code == 200


def test_the_five_fixed_kinds_cannot_be_deleted_in_admin(admin_client_logged):
    from review.models import FlagKind

    kind = FlagKind.objects.get(slug="style")
    url = reverse("admin:review_flagkind_delete", args=[kind.pk])
    assert admin_client_logged.get(url).status_code == 403
