"""Settings for the test suite: the real settings with development defaults switched on.

pytest-django imports settings before any conftest runs, so the defaults live here.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")
os.environ.setdefault("DJANGO_TESTING", "1")

from config.settings import *  # noqa: F403

# One test database file per process: several test runs (developers, CI steps) may share a
# checkout, and a file (not :memory:) is what lets concurrency tests see real locking.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"review-desk-test-{os.getpid()}.sqlite3")
    }

# Jobs run inside the request in tests (honest for what the views and services do with a
# job); tests/test_jobs_worker.py runs the real database worker on the "database" backend.
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "dummy": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"},  # queued, never run
}

# Hashing passwords slowly buys nothing in tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
