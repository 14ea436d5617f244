"""Fixtures shared by the whole suite: a fixed cast of users and small factories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "in-touch-scot-peterson.txt"


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Roles and flag kinds for every database test. Data migrations made them, but a
    transactional test (live server, concurrency) flushes every table when it ends."""
    names = request.fixturenames
    if "transactional_db" in names or "live_server" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db")
    else:
        return
    from review.reference_data import ensure_reference_data

    ensure_reference_data()


def make_user(username: str, role: str | None = None, **extra):
    from django.contrib.auth.models import Group, User

    from review.reference_data import ensure_reference_data

    ensure_reference_data()  # for tests that ask for users lazily (getfixturevalue)
    user = User.objects.create_user(
        username=username, password="pw-" + username, email=f"{username}@example.com", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", "Editor")


@pytest.fixture
def copy_editor(db):
    return make_user("copyed", "Copy editor")


@pytest.fixture
def fact_checker(db):
    return make_user("checker", "Fact-checker")


@pytest.fixture
def viewer(db):
    return make_user("viewer", "Viewer")


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def make_article(db, editor):
    """Import a text through the real service; checks off unless asked for."""
    from review.services.articles import article_import

    counter = {"n": 0}

    def _make(text: str = "One sentence. Two sentences.", *, slug=None, title=None, **kw):
        counter["n"] += 1
        return article_import(
            text=text,
            title=title or f"Story {counter['n']}",
            slug=slug or f"story-{counter['n']}",
            actor=kw.pop("actor", editor),
            source_name=kw.pop("source_name", "test"),
            run_checks=kw.pop("run_checks", False),
        )

    return _make


@pytest.fixture
def racing(monkeypatch, editor):
    """Someone saves a flag's sentence just as accepting its suggestion starts the edit: add
    flag pks to the returned set to make their accepts lose that race.

    The race is staged at `sentence_edit`, the public service every accept goes through
    (after reading the sentence, before locking it), not inside the accept itself.
    """
    from review.models import Flag, Sentence
    from review.services import editing
    from review.services.common import save_tracked

    real = editing.sentence_edit
    raced: set[int] = set()

    def sentence_edit(*, sentence, **kwargs):
        if Flag.objects.filter(pk__in=raced, sentence_id=sentence.pk).exists():
            row = Sentence.objects.get(pk=sentence.pk)
            row.version += 1
            save_tracked(row, actor=editor, reason="saved meanwhile")
        return real(sentence=sentence, **kwargs)

    monkeypatch.setattr(editing, "sentence_edit", sentence_edit)
    return raced


@pytest.fixture
def seed_article(make_article, seed_text):
    return make_article(seed_text, slug="peterson", title="Scot Peterson")


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure to investigate, not a pass (FAIL_ON_SKIP=1)."""
    if os.environ.get("FAIL_ON_SKIP") != "1" or exitstatus != 0:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"FAIL_ON_SKIP: {len(skipped)} test(s) skipped; CI fails on that.")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, end sessions that worker threads (live server, concurrency tests) left
    open, so the test database can be dropped cleanly at the end of the run."""
    yield
    from django.db import connection, connections

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connections.close_all()
