"""The desk's session store (review.sessions): the same answers as Django's database store,
read with one plain statement."""

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from review.sessions import SessionStore


@pytest.mark.django_db
def test_a_saved_session_reads_back_as_djangos_store_reads_it():
    store = SessionStore()
    store["who"] = "copy desk"
    store.save()
    mine, djangos = SessionStore(store.session_key), DjangoStore(store.session_key)
    with CaptureQueriesContext(connection) as queries:
        assert mine.load() == djangos.load() == {"who": "copy desk"}
    assert len(queries) == 2  # one each
    assert mine.session_key == store.session_key


@pytest.mark.django_db
def test_an_expired_or_unknown_session_is_empty_and_forgets_its_key():
    store = SessionStore()
    store["who"] = "night editor"
    store.save()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None
    assert SessionStore(None).load() == {}


@pytest.mark.django_db
def test_the_site_uses_it_and_a_signed_in_page_reads_the_session_once(client, editor):
    from django.conf import settings

    assert settings.SESSION_ENGINE == "review.sessions"
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/inbox/").status_code == 200
    sessions = [q for q in queries if Session._meta.db_table in q["sql"]]
    assert len(sessions) == 1
