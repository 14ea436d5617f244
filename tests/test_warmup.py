"""The master's warm-up before gunicorn forks its workers (review.warmup)."""

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext

from review.warmup import template_names, warm


def test_every_template_of_the_desk_is_found():
    names = template_names()
    assert "review/article_detail.html" in names
    assert "registration/login.html" in names or any(n.startswith("registration/") for n in names)
    assert all(n.endswith((".html", ".txt")) for n in names)


@pytest.mark.django_db
def test_warm_up_compiles_every_template_and_never_touches_the_database():
    with CaptureQueriesContext(connection) as queries:
        loaded = warm()
    # A connection opened before the fork would be shared by every worker.
    assert len(queries) == 0
    assert loaded["templates"] == len(template_names())
    assert loaded["url_patterns"] > 0
    # The cached loader now holds them: a worker forked from here compiles nothing.
    engine = engines["django"].engine
    cached = [loader for loader in engine.template_loaders if hasattr(loader, "get_template_cache")]
    assert cached, "the desk runs with Django's cached template loader"
    assert len(cached[0].get_template_cache) >= loaded["templates"]
