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
        "admin:review_reporteranswer_changelist",
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


def _action_names(response) -> set[str]:
    form = response.context["action_form"]  # None when no action is left
    return {name for name, _ in form.fields["action"].choices} if form else set()


@pytest.mark.parametrize("model", ["article", "sentence"])
def test_articles_and_sentences_cannot_be_deleted_in_admin(
    admin_client_logged, make_article, editor, model
):
    from review.models import Article, Flag, Sentence
    from review.services.flags import flag_create

    article = make_article("One claim. Two claims.")
    sentence = article.sentences.order_by("position").first()
    flag_create(sentence=sentence, kind="other", actor=editor, note="keep me")
    obj = article if model == "article" else sentence
    url = reverse(f"admin:review_{model}_delete", args=[obj.pk])
    assert admin_client_logged.get(url).status_code == 403
    assert admin_client_logged.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse(f"admin:review_{model}_changelist")
    assert "delete_selected" not in _action_names(admin_client_logged.get(changelist))
    admin_client_logged.post(
        changelist, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    )
    counts = (Article.objects.count(), Sentence.objects.count(), Flag.objects.count())
    assert counts == (1, 2, 1)


def _article_form(article) -> dict:
    sentences = list(article.sentences.order_by("position"))
    data = {
        "title": article.title,
        "slug": article.slug,
        "source_name": article.source_name,
        "sentences-TOTAL_FORMS": str(len(sentences)),
        "sentences-INITIAL_FORMS": str(len(sentences)),
        "sentences-MIN_NUM_FORMS": "0",
        "sentences-MAX_NUM_FORMS": "1000",
    }
    for i, sentence in enumerate(sentences):
        data[f"sentences-{i}-id"] = sentence.pk
        data[f"sentences-{i}-article"] = article.pk
    return data


def test_editing_an_article_in_admin_keeps_a_status_and_version_changed_meanwhile(
    admin_client_logged, make_article, editor, monkeypatch
):
    """The admin loads the row, then validates the form, then saves: a transition or an
    edit that lands in between must not be written back over."""
    from review.admin.articles import ArticleAdmin
    from review.models import Article
    from review.services.common import save_tracked

    article = make_article("One claim. Two claims.")
    real_get_object = ArticleAdmin.get_object

    def get_object_then_someone_submits(self, request, object_id, from_field=None):
        loaded = real_get_object(self, request, object_id, from_field)
        if request.method == "POST":
            other = Article.objects.get(pk=loaded.pk)
            other.status, other.version = Article.Status.IN_REVIEW, other.version + 1
            save_tracked(other, actor=editor, reason="submitted")
        return loaded

    monkeypatch.setattr(ArticleAdmin, "get_object", get_object_then_someone_submits)
    url = reverse("admin:review_article_change", args=[article.pk])
    data = _article_form(article) | {"title": "A better title"}
    response = admin_client_logged.post(url, data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status, article.version) == (
        "A better title",
        Article.Status.IN_REVIEW,
        2,
    )
    record = article.history.order_by("-history_id").first()
    assert (record.title, record.status, record.version) == ("A better title", "in_review", 2)
    assert record.history_change_reason == "edited in admin"
