"""Accounts: login throttling (django-axes), password change and reset, idle sessions."""

from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core import mail
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from review.accounts import client_ip
from review.middleware import REFRESHED_KEY

LOGIN = reverse("login")


def attempt(client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def counted_password_checks(monkeypatch):
    """How many times a password was actually checked against its hash."""
    calls = []
    real = User.check_password

    def check_password(self, raw):
        calls.append(self.username)
        return real(self, raw)

    monkeypatch.setattr(User, "check_password", check_password)
    return calls


def test_after_ten_wrong_passwords_even_the_right_one_is_refused_unchecked(
    client, editor, counted_password_checks
):
    for _ in range(9):
        assert attempt(client, "editor", "wrong").status_code == 200
    assert attempt(client, "editor", "wrong").status_code == 429  # the tenth starts the pause
    checks_before = len(counted_password_checks)
    locked = attempt(client, "editor", "pw-editor", address="10.9.9.9")  # another address too
    assert locked.status_code == 429
    body = locked.content.decode()
    assert "10 wrong passwords in a row" in body and "The password was not checked" in body
    assert len(counted_password_checks) == checks_before  # refused before any hashing
    assert "_auth_user_id" not in client.session


def test_the_limit_is_configurable(client, editor):
    with override_settings(AXES_FAILURE_LIMIT=3):
        for _ in range(3):
            attempt(client, "editor", "wrong")
        assert attempt(client, "editor", "pw-editor").status_code == 429


def test_failures_count_in_a_row_a_success_starts_again(client, editor):
    for _ in range(9):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "pw-editor").status_code == 302
    client.logout()
    for _ in range(9):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "pw-editor").status_code == 302


def test_one_address_guessing_many_usernames_is_paused_too(client, editor):
    for n in range(10):
        attempt(client, f"nobody{n}", "guess", address="10.0.0.7")
    assert attempt(client, "editor", "pw-editor", address="10.0.0.7").status_code == 429
    assert attempt(client, "editor", "pw-editor", address="10.0.0.8").status_code == 302


def test_an_admin_lifts_the_lockout_in_the_admin(client, editor, outsider):
    for _ in range(10):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "pw-editor").status_code == 429
    outsider.is_staff = outsider.is_superuser = True
    outsider.save()
    admin = type(client)()
    admin.force_login(outsider)
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert "editor" in admin.get(changelist).content.decode()
    ids = list(AccessAttempt.objects.filter(username="editor").values_list("pk", flat=True))
    response = admin.post(
        changelist, {"action": "delete_selected", "_selected_action": ids, "post": "yes"}
    )
    assert response.status_code == 302
    assert attempt(client, "editor", "pw-editor").status_code == 302


def test_the_lockout_ends_by_itself_after_the_cool_off(client, editor):
    for _ in range(10):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", "pw-editor").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert attempt(client, "editor", "pw-editor").status_code == 302


def test_the_login_address_behind_a_proxy_is_the_one_the_proxy_saw():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    with override_settings(REVIEW_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.9"  # the left one could be forged
    with override_settings(REVIEW_PROXY_COUNT=0):
        assert client_ip(request) == "127.0.0.1"


# Passwords.


def test_a_desk_user_changes_their_password(client, copy_editor):
    client.force_login(copy_editor)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Change your password" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-copyed",
            "new_password1": "a-longer-desk-passphrase-2026",
            "new_password2": "a-longer-desk-passphrase-2026",
        },
    )
    assert response.status_code == 302 and response.url == reverse("password_change_done")
    copy_editor.refresh_from_db()
    assert copy_editor.check_password("a-longer-desk-passphrase-2026")
    assert client.get(reverse("review:article_list")).status_code == 200  # still logged in


@override_settings(REVIEW_SITE_URL="https://desk.example.org")
def test_a_forgotten_password_is_reset_through_a_mailed_link(client, fact_checker):
    response = client.post(reverse("password_reset"), {"email": "checker@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["checker@example.com"]
    assert message.subject == "[Review desk] Choose a new password"
    link = re.search(r"https://desk\.example\.org(/account/password/reset/\S+/)", message.body)
    assert link, message.body
    form = client.get(link.group(1), follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "another-desk-pass-77",
            "new_password2": "another-desk-pass-77",
        },
    )
    assert done.status_code == 302
    fact_checker.refresh_from_db()
    assert fact_checker.check_password("another-desk-pass-77")


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302 and mail.outbox == []


# Sessions.


def test_sessions_last_a_working_day_without_a_request(settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_an_active_session_moves_its_expiry_at_most_every_few_minutes(client, editor):
    client.force_login(editor)
    client.get(reverse("review:inbox"))
    session = client.session
    first_expiry = session.get_expiry_date()
    stamped = session[REFRESHED_KEY]
    assert abs(stamped - time.time()) < 60  # stamped at login: the first page writes nothing
    client.get(reverse("review:inbox"))
    assert client.session[REFRESHED_KEY] == stamped  # a read soon after writes nothing
    session = client.session
    session[REFRESHED_KEY] = stamped - 301
    session.save()
    client.get(reverse("review:inbox"))
    assert client.session[REFRESHED_KEY] >= stamped  # refreshed: the expiry moved on
    assert client.session.get_expiry_date() >= first_expiry


def test_an_idle_session_has_ended(client, editor):
    from django.contrib.sessions.models import Session

    client.force_login(editor)
    key = client.session.session_key
    row = Session.objects.get(session_key=key)
    row.expire_date = timezone.now() - timedelta(seconds=1)
    row.save()
    response = client.get(reverse("review:article_list"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
