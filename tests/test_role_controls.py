"""Controls a role cannot use are not offered: the page asks the permission and workflow
predicates (review.permissions, services.workflow.is_editable), the services refuse anyway."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review.services.editing import sentence_edit
from review.services.workflow import article_approve, article_submit


@pytest.fixture
def article(make_article):
    return make_article("Alpha beta gamma. Delta epsilon zeta.", slug="greek")


def test_a_viewer_is_not_told_to_raise_flags_nor_offered_the_keys(client, viewer, article):
    client.force_login(viewer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "to raise a flag" not in html
    assert "raise a flag on the chosen words" not in html
    assert "resolve the open flag" not in html
    assert 'class="flag-link"' not in html


def test_a_reviewer_is_told_how_to_raise_a_flag(client, copy_editor, article):
    client.force_login(copy_editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "to raise a flag" in html and "resolve the open flag" in html


def _history(client, article) -> str:
    return client.get(reverse("review:article_history", args=[article.slug])).content.decode()


def test_an_approved_storys_history_offers_no_revert(client, editor, article):
    sentence = article.sentences.order_by("position").first()
    sentence_edit(
        sentence=sentence, text="Alpha beta.", expected_version=sentence.version, actor=editor
    )
    client.force_login(editor)
    assert "Revert the text to this point" in _history(client, article)
    article_submit(article=article, actor=editor)
    article_approve(article=article, actor=editor)
    assert "Revert the text to this point" not in _history(client, article)
