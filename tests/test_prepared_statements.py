"""On PostgreSQL a statement a connection repeats is prepared, so the server stops planning
it each time (config/settings.py; the load test measured the gain); on SQLite nothing changes.
"""

from __future__ import annotations

import pytest
from django.db import connection

from review.models import FlagKind

pytestmark = pytest.mark.django_db


def _slugs() -> set[str]:
    # A shape of query nothing else runs, so that only this test can have prepared it.
    kinds = FlagKind.objects.filter(active=True).exclude(colour="none of them")
    return set(kinds.values_list("slug", flat=True))


def _prepared() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"review_flagkind"."colour" = $1%'],
        )
        return cursor.fetchone()[0]


def test_a_statement_run_past_the_threshold_is_prepared_on_postgresql():
    slugs = _slugs()
    if connection.vendor != "postgresql":
        assert "server_side_binding" not in connection.settings_dict["OPTIONS"]
        assert slugs  # the data migration's kinds, read as on PostgreSQL
        return
    assert _prepared() == 0
    for _ in range(connection.settings_dict["OPTIONS"]["prepare_threshold"]):
        assert _slugs() == slugs
    assert _prepared() == 1
