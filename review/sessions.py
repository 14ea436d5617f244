"""Django's database sessions, read with one plain statement.

Every request of a signed-in editor reads its session first. Django's store reads it through
the ORM (`Session.objects.get(...)`), whose query building costs several times the lookup
itself; the statement here is written once from the model's metadata and asks exactly the
same: the row with this key that has not expired. Saving, creating and deleting sessions are
Django's own. Selected by SESSION_ENGINE = "review.sessions"."""

from __future__ import annotations

import functools

from django.contrib.sessions.backends import db
from django.db import connections, router
from django.utils import timezone


@functools.cache
def _statement(model) -> str:
    meta = model._meta

    def col(name: str) -> str:
        return meta.get_field(name).column

    return (
        f"SELECT {col('session_data')} FROM {meta.db_table} "  # noqa: S608
        f"WHERE {col('session_key')} = %s AND {col('expire_date')} > %s"
    )


class SessionStore(db.SessionStore):
    def load(self):
        key = self.session_key
        if not key:
            return {}
        connection = connections[router.db_for_read(self.model)]
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_statement(self.model), [key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None  # as Django's: a missing or expired session starts anew
            return {}
        return self.decode(row[0])
