"""The admin: names registry, and rule switches with per-rule counts."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

import review.admin.checks  # registers the ModelAdmins even if the admin package did not
from review.models import Article, CheckRule, Flag, Name
from review.services.checks import checks_run
from review.services.flags import flag_dismiss


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


@pytest.fixture
def chief_client(client, chief):
    client.force_login(chief)
    return client


def test_the_rule_list_shows_every_rule_with_its_counts(
    chief_client, editor, seed_article, django_assert_max_num_queries
):
    checks_run(article=seed_article, actor=editor)
    flag = Flag.objects.filter(origin="check:dangling.promo").first()
    flag_dismiss(flag=flag, actor=editor, reason="Figures are from the court record.")
    url = reverse("admin:review_checkrule_changelist")
    chief_client.get(url)  # creates the rows
    rows = CheckRule.objects.count()
    # session, user, sync read, count, rows with their counts (one query), and a few more;
    # the count does not grow with the number of rules or flags
    with django_assert_max_num_queries(12):
        response = chief_client.get(url)
    body = response.content.decode()
    assert response.status_code == 200 and rows >= 15
    assert "claims.contradicting-figures" in body and "names.first-name" in body
    rule = review.admin.checks.CheckRuleAdmin(CheckRule, None)
    row = rule.get_queryset(type("R", (), {})()).get(rule_id="dangling.promo")
    assert (row.raised_count, row.dismissed_count, row.open_count) == (2, 1, 1)
    # a rule demoted for noise says so, with what was measured
    assert "off (demoted)" in body and "held-out" in body


def test_switching_a_rule_off_is_stored_with_history(chief_client, chief):
    chief_client.get(reverse("admin:review_checkrule_changelist"))
    rule = CheckRule.objects.get(rule_id="claims.superlative")
    url = reverse("admin:review_checkrule_change", args=[rule.pk])
    response = chief_client.post(url, {"enabled": "", "note": "Too noisy on sports copy."})
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.enabled is False and rule.note == "Too noisy on sports copy."
    record = rule.history.first()
    assert record.history_user == chief and record.history_change_reason == "rule switched off"


def test_names_are_added_in_the_admin_with_the_verifier(chief_client, chief):
    response = chief_client.post(
        reverse("admin:review_name_add"), {"full_name": "Ana Ortiz", "note": "press office"}
    )
    assert response.status_code == 302
    name = Name.objects.get()
    assert name.verified_by == chief and name.history.get().history_user == chief


def test_the_run_checks_action_reruns_the_selected_articles(chief_client, seed_article):
    from review.admin.checks import run_checks_action

    class Admin:
        messages: list[str] = []

        def message_user(self, request, message, level=None):
            self.messages.append(message)

    request = type("Request", (), {"user": User.objects.get(username="chief")})()
    admin = Admin()
    run_checks_action(admin, request, Article.objects.filter(pk=seed_article.pk))
    assert Flag.objects.filter(article=seed_article).count() > 0
    assert "new flags" in admin.messages[-1]
