"""Bad days for the database: down, full, read-only. Users get a 503 with Retry-After and a
plain page that needs no database; /health/ tells the proxy; the desk recovers by itself."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from review.middleware import REFRESHED_KEY
from review.models import Comment
from review.services.flags import flag_create

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(make_article, editor):
    article = make_article("One sentence here. Another one.")
    flag = flag_create(sentence=article.sentences.first(), kind="style", actor=editor)
    return article, flag


@contextmanager
def database_down(monkeypatch):
    """Every new connection fails as if the server were gone; the open one is dropped."""
    from django.db import connections

    connection.close()
    cls = type(connections["default"])

    def refuse(self, conn_params):
        raise OperationalError("connection refused: the database server is down")

    with monkeypatch.context() as m:
        m.setattr(cls, "get_new_connection", refuse)
        yield
    connection.close()


@contextmanager
def failing_statements(message: str, *, when=lambda sql: True):
    """Statements matching `when` fail with `message` (a full disk, a read-only database)."""

    def wrapper(execute, sql, params, many, context):
        if when(sql):
            raise OperationalError(message)
        return execute(sql, params, many, context)

    connection.ensure_connection()
    with connection.execute_wrapper(wrapper):
        yield


def is_write(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))


def assert_unavailable(response, *, through_the_stack: bool = True) -> None:
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    body = response.content.decode()
    assert "The desk is unavailable for a moment" in body
    assert "Traceback" not in body
    if through_the_stack:
        assert "Content-Security-Policy" in response.headers


def test_a_database_outage_answers_503_and_the_desk_recovers_by_itself(
    client, editor, story, monkeypatch
):
    article, _ = story
    client.force_login(editor)
    with database_down(monkeypatch):
        assert_unavailable(client.get(article.get_absolute_url()))
        assert_unavailable(client.get(reverse("review:article_list")))
        health = client.get(reverse("review:health"))
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_logging_in_during_an_outage_answers_503(client, editor, monkeypatch):
    with database_down(monkeypatch):
        page = client.get(reverse("login"))  # needs no database: a plain form
        assert page.status_code == 200
        response = client.post(reverse("login"), {"username": "editor", "password": "pw-editor"})
        assert_unavailable(response)
    response = client.post(reverse("login"), {"username": "editor", "password": "pw-editor"})
    assert response.status_code == 302


def test_a_full_disk_answers_503_and_writes_nothing_half(client, editor, story):
    _, flag = story
    client.force_login(editor)
    with failing_statements("database or disk is full", when=is_write):
        response = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": "Hi"})
    assert_unavailable(response)
    assert not Comment.objects.exists() and not Comment.history.exists()


def test_a_read_only_database_answers_503_to_writes_and_still_serves_reads(client, editor, story):
    article, flag = story
    client.force_login(editor)
    if connection.vendor == "sqlite":
        set_read_only, set_writable = "PRAGMA query_only = ON", "PRAGMA query_only = OFF"
    else:
        set_read_only = "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY"
        set_writable = "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute(set_read_only)
    try:
        assert client.get(article.get_absolute_url()).status_code == 200
        response = client.post(reverse("review:comment_add", args=[flag.pk]), {"body": "Hi"})
        assert_unavailable(response)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(set_writable)
    assert not Comment.objects.exists()


def touches_session(sql: str) -> bool:
    return is_write(sql) and "django_session" in sql


def test_a_failed_idle_refresh_still_serves_the_page(client, editor, story):
    """Saving the session's new expiry (after the view) fails on a full disk: the page the
    view made still goes out; the refresh waits for the next request."""
    article, _ = story
    client.force_login(editor)
    session = client.session
    session[REFRESHED_KEY] = 0  # due for a refresh on the next request
    session.save()
    with failing_statements("database or disk is full", when=touches_session):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert client.session[REFRESHED_KEY] == 0


def test_a_failure_saving_a_session_that_matters_is_a_503_not_a_400(client, editor):
    """Anything else in the session (a login, messages that overflowed their cookie) is
    worth an outage answer when it cannot be saved; Django alone would answer a bare 400."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.http import HttpResponse
    from django.test import RequestFactory

    from review.middleware import SessionMiddleware

    store = SessionStore()
    store["kept"] = "before"
    store.save()

    def view(request):
        request.session["kept"] = "something the next page needs"
        return HttpResponse("made")

    request = RequestFactory().get("/")
    request.COOKIES["sessionid"] = store.session_key
    with failing_statements("database or disk is full", when=touches_session):
        response = SessionMiddleware(view)(request)
    assert_unavailable(response, through_the_stack=False)


def test_the_outage_page_touches_no_database(monkeypatch):
    from review.outage import outage_response

    with database_down(monkeypatch), connection.execute_wrapper(_no_queries):
        response = outage_response()
    assert response.status_code == 503


def _no_queries(execute, sql, params, many, context):
    raise AssertionError(f"the outage page ran a query: {sql}")


# /health/


def test_health_says_ok_when_the_database_answers_and_every_migration_is_applied(client):
    response = client.get(reverse("review:health"))
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "migrations": "ok", "status": "ok"}


def test_health_is_503_with_unapplied_migrations(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    from review.views import health

    class Pending:
        app_label, name = "review", "0099_future"

    monkeypatch.setattr(health, "_migrated", set())
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [(Pending, 0)])
    response = client.get(reverse("review:health"))
    assert response.status_code == 503
    assert response.json()["migrations"] == "1 not applied: review.0099_future"


def test_health_needs_no_login_and_is_never_cached(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
