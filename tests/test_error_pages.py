"""Refused, missing and failed requests: a page in the desk's layout that says why, or, for
htmx, a fragment for the action's own error slot with the right status (never a page)."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from review import permissions
from review.services import flags as flag_services
from review.services.flags import flag_create, flag_resolve

HX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def flag(make_article, editor):
    article = make_article("Alpha beta gamma. Delta epsilon zeta.", slug="greek")
    sentence = article.sentences.order_by("position").first()
    return flag_create(sentence=sentence, kind="style", actor=editor, start=0, end=5)


def event(response) -> dict:
    return json.loads(response["HX-Trigger"])["desk:error"]


def test_a_refused_page_says_why_in_the_desks_layout(client, viewer, flag):
    client.force_login(viewer)
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert permissions.REVIEW_DENIED in html
    assert 'class="masthead"' in html and "desk.css" in html
    assert "403 Forbidden" not in html


def test_a_missing_page_says_so_in_the_desks_layout(client, editor):
    client.force_login(editor)
    response = client.get(reverse("review:article_detail", args=["no-such-story"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "That is no longer on the desk" in html and 'class="masthead"' in html
    assert "matches the given query" not in html  # Django's sentence names a model


def test_an_htmx_refusal_is_a_fragment_with_the_reason_not_a_page(client, viewer, flag):
    client.force_login(viewer)
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]), **HX)
    assert response.status_code == 403
    html = response.content.decode()
    assert "<html" not in html and "<body" not in html
    assert permissions.REVIEW_DENIED in html and 'role="alert"' in html
    assert event(response) == {"message": permissions.REVIEW_DENIED}
    # Nothing names a place the server cannot know: the page puts it next to what was tried.
    assert response["HX-Reswap"] == "none" and "HX-Retarget" not in response


def test_a_form_that_is_its_own_target_gets_the_message_inside_it(client, viewer, flag):
    client.force_login(viewer)
    slot = {"HTTP_HX_TRIGGER": "resolve-form", "HTTP_HX_TARGET": "resolve-form"}
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]), **HX, **slot)
    assert response.status_code == 403
    assert (response["HX-Retarget"], response["HX-Reswap"]) == ("#resolve-form", "beforeend")
    assert event(response)["target"] == "#resolve-form"


def test_the_poll_is_never_retargeted(client, viewer, flag):
    client.force_login(viewer)
    slot = {"HTTP_HX_TRIGGER": "poller", "HTTP_HX_TARGET": "poller"}
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]), **HX, **slot)
    assert "HX-Retarget" not in response and response["HX-Reswap"] == "none"


def test_an_htmx_request_for_a_missing_flag_is_a_404_fragment(client, editor, flag):
    client.force_login(editor)
    response = client.get(reverse("review:flag_detail", args=[flag.pk + 1000]), **HX)
    assert response.status_code == 404
    assert "<html" not in response.content.decode()
    assert event(response)["message"].startswith("That is no longer on the desk")


def test_an_htmx_request_that_fails_on_the_desks_side_is_a_500_fragment(editor, flag, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug with internal details")

    monkeypatch.setattr(flag_services, "flag_resolve", broken)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]), **HX)
    assert response.status_code == 500
    html = response.content.decode()
    assert "<html" not in html and "internal details" not in html
    assert "nothing was saved" in event(response)["message"]


def test_a_stale_action_is_a_conflict_showing_the_flags_current_actions(
    client, editor, copy_editor, flag
):
    flag_resolve(flag=flag, actor=copy_editor)
    client.force_login(editor)
    response = client.post(reverse("review:flag_resolve", args=[flag.pk]), **HX)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This flag is already resolved" in html
    assert 'data-status="resolved"' in html and "Reopen" in html
    assert 'id="resolve-form"' not in html


def test_a_blank_reply_is_a_400_with_the_message_in_the_reply_form(client, editor, flag):
    client.force_login(editor)
    response = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": "  "}, **HX)
    assert response.status_code == 400
    assert "Write something before sending." in response.content.decode()
