"""POST endpoints: verify a name from its flag, re-run the checks on an article."""

from __future__ import annotations

import pytest
from django.urls import reverse

from review.models import Flag, Name
from review.services.checks import checks_run

VARIANT = "Priya Raman leads the union.\n\nRaman said no.\n\nPriya Ramen will talk."


@pytest.fixture
def name_flag(make_article, editor):
    article = make_article(VARIANT)
    checks_run(article=article, actor=editor)
    return Flag.objects.get(article=article, origin="check:names.two-spellings")


def verify_url(flag):
    return reverse("review:flag_verify_name", args=[flag.pk])


def test_urls_are_where_the_review_page_expects_them(name_flag):
    assert verify_url(name_flag) == f"/flags/{name_flag.pk}/verify-name/"
    assert reverse("review:article_checks_run", args=["x"]) == "/articles/x/checks/run/"


def test_an_editor_verifies_a_name_and_returns_to_the_article(client, editor, name_flag):
    client.force_login(editor)
    response = client.post(verify_url(name_flag))
    assert response.status_code == 302
    assert response["Location"] == name_flag.article.get_absolute_url()
    name_flag.refresh_from_db()
    assert name_flag.status == Flag.Status.RESOLVED
    assert Name.objects.get().full_name == "Priya Raman"


def test_htmx_gets_a_refresh_instead_of_a_redirect(client, editor, name_flag):
    client.force_login(editor)
    response = client.post(verify_url(name_flag), headers={"HX-Request": "true"})
    assert response.status_code == 204 and response["HX-Refresh"] == "true"


def test_a_typed_spelling_wins(client, editor, name_flag):
    client.force_login(editor)
    client.post(verify_url(name_flag), {"full_name": "Priya Ramen"})
    assert Name.objects.get().full_name == "Priya Ramen"


def test_get_is_not_allowed(client, editor, name_flag):
    client.force_login(editor)
    assert client.get(verify_url(name_flag)).status_code == 405
    run = reverse("review:article_checks_run", args=[name_flag.article.slug])
    assert client.get(run).status_code == 405


@pytest.mark.parametrize("who", ["viewer", "copy_editor", "fact_checker", "outsider"])
def test_only_editors_may_verify_a_name(request, client, who, name_flag):
    client.force_login(request.getfixturevalue(who))
    assert client.post(verify_url(name_flag)).status_code == 403
    name_flag.refresh_from_db()
    assert name_flag.status == Flag.Status.OPEN and not Name.objects.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("editor", True),
        ("copy_editor", True),
        ("fact_checker", True),
        ("viewer", False),
        ("outsider", False),
    ],
)
def test_the_page_the_endpoint_and_the_service_agree_on_who_reruns_the_checks(
    request, client, who, allowed, name_flag
):
    """One predicate decides: the button shows exactly where the endpoint and the service
    accept the re-run."""
    from django.core.exceptions import PermissionDenied

    from review.permissions import can_run_checks

    user = request.getfixturevalue(who)
    article = name_flag.article
    assert can_run_checks(user) is allowed
    client.force_login(user)
    page = client.get(article.get_absolute_url())
    run = reverse("review:article_checks_run", args=[article.slug])
    assert page.status_code == (200 if who != "outsider" else 403)
    assert (f'action="{run}"' in page.content.decode()) is allowed
    assert client.post(run).status_code == (302 if allowed else 403)
    if not allowed:
        with pytest.raises(PermissionDenied):
            checks_run(article=article, actor=user)


def test_anonymous_users_are_sent_to_log_in(client, name_flag):
    response = client.post(verify_url(name_flag))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_unknown_flag_is_404(client, editor, db):
    client.force_login(editor)
    assert client.post(reverse("review:flag_verify_name", args=[999999])).status_code == 404


def test_rerun_reports_new_and_closed_flags(client, editor, make_article):
    article = make_article("The owner reportedly sold the land.")
    client.force_login(editor)
    url = reverse("review:article_checks_run", args=[article.slug])
    response = client.post(url, follow=True)
    assert "1 new flag, 0 closed." in response.content.decode()
    assert Flag.objects.filter(article=article).count() == 1
    client.post(url)
    assert Flag.objects.filter(article=article).count() == 1


def test_verifying_a_closed_flag_shows_a_message(client, editor, name_flag):
    client.force_login(editor)
    client.post(verify_url(name_flag))
    response = client.post(verify_url(name_flag), follow=True)
    assert "reopen it first" in response.content.decode()
