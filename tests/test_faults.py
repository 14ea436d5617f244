"""Faults: a gunicorn worker killed mid-write, the whole server killed mid-import, the task
worker killed mid-import. Afterwards nothing is half-written: a story is there whole (every
sentence, every history row, its text intact) or not at all, and the desk serves again.

Marked `fault` (they start real servers and kill them; ~1 minute): `pytest -m "not fault"`
leaves them out; CI runs them.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from review.models import Article, Job, Sentence
from tests.conftest import ROOT
from tests.subprocess_env import child_env

pytestmark = [pytest.mark.fault, pytest.mark.django_db(transaction=True)]

# About 1.5 MB: long enough an import that a kill lands inside its transaction.
MANUSCRIPT = "\n\n".join(
    f"Paragraph {n} says the council met on Tuesday. The mayor, Ana Ruiz, said the budget rose "
    f"by {n} percent. Officials said more cuts were coming."
    for n in range(10000)
)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Desk:
    """gunicorn (2 workers) on the test database, and a logged-in browser-like client."""

    def __init__(self, **env: str) -> None:
        self.port = free_port()
        self.env = child_env(
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="2",
            GUNICORN_TIMEOUT="120",
            GUNICORN_ACCESS_LOG="",
            REVIEW_MAX_IMPORT_BYTES=str(4 * 1024 * 1024),
            **env,
        )
        self.server: subprocess.Popen | None = None
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.wait_healthy()

    def wait_healthy(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(self.base + "/health/", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError("the desk did not come back")

    def workers(self) -> list[int]:
        """The master's children (read from /proc: no ps needed)."""
        children = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.server.pid:
                children.append(int(entry))
        assert children, "gunicorn has no workers"
        return children

    def kill_everything(self) -> None:
        if self.server and self.server.poll() is None:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait(timeout=30)

    def login(self, username: str) -> None:
        self.opener.open(self.base + "/login/", timeout=30).read()
        self.post("/login/", {"username": username, "password": f"pw-{username}"})

    def post(self, path: str, data: dict) -> int:
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base})
        try:
            with self.opener.open(req, timeout=120) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code
        except OSError:
            return 0  # the connection died with the worker


def import_in_background(desk: Desk, slug: str) -> threading.Thread:
    thread = threading.Thread(
        target=desk.post,
        args=("/articles/new/", {"title": f"Fault {slug}", "slug": slug, "text": MANUSCRIPT}),
        daemon=True,
    )
    thread.start()
    return thread


def writing_now() -> bool:
    """Is another process inside a write transaction right now?"""
    if connection.vendor == "sqlite":
        probe = sqlite3.connect(connection.settings_dict["NAME"], timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            probe.close()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        )
        return cursor.fetchone()[0] > 0


def wait_until_writing(seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not writing_now():
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.02)
    time.sleep(0.3)  # well inside the transaction: sentences are being written


def assert_nothing_half_written() -> None:
    """Every story is whole: its sentences rebuild its text, each has its history row."""
    for article in Article.objects.all():
        rows = list(Sentence.objects.filter(article=article).order_by("position"))
        assert rows, f"{article.slug} has no sentences"
        assert "".join(s.text + s.separator for s in rows) == article.original_text
        assert Sentence.history.filter(article_id=article.pk).count() >= len(rows)
        assert article.history.exists()
    orphans = Sentence.objects.exclude(article__in=Article.objects.all())
    assert not orphans.exists()
    assert not Sentence.history.exclude(article_id__in=Article.objects.values("pk")).exists()


@pytest.fixture
def desk(editor):
    desk = Desk()
    desk.start()
    desk.login("editor")
    yield desk
    desk.kill_everything()


def test_a_worker_killed_mid_import_leaves_nothing_half_written(desk):
    thread = import_in_background(desk, "killed-worker")
    wait_until_writing()
    for pid in desk.workers():
        os.kill(pid, signal.SIGKILL)
    thread.join(timeout=60)
    desk.wait_healthy()  # the master starts new workers
    assert not Article.objects.filter(slug="killed-worker").exists()
    assert_nothing_half_written()
    # The same import, undisturbed, goes through whole.
    assert desk.post(
        "/articles/new/", {"title": "Again", "slug": "killed-worker", "text": MANUSCRIPT}
    ) in (200, 302)
    assert Article.objects.filter(slug="killed-worker").exists()
    assert_nothing_half_written()


def test_the_server_killed_mid_import_leaves_nothing_half_written_and_comes_back(desk):
    thread = import_in_background(desk, "killed-server")
    wait_until_writing()
    desk.kill_everything()
    thread.join(timeout=60)
    assert not Article.objects.filter(slug="killed-server").exists()
    assert_nothing_half_written()
    desk.start()
    desk.login("editor")
    assert desk.post(
        "/articles/new/", {"title": "Back", "slug": "killed-server", "text": "One. Two."}
    ) in (200, 302)
    assert Article.objects.filter(slug="killed-server").exists()


def test_the_task_worker_killed_mid_import_leaves_nothing_and_the_job_can_start_again(editor):
    desk = Desk(
        REVIEW_BACKGROUND_IMPORT_BYTES="1000",
        REVIEW_JOB_STALE_SECONDS="2",
        REVIEW_TASKS_BACKEND="database",  # the test settings' queue in the database
    )
    desk.start()
    try:
        desk.login("editor")
        status = desk.post(
            "/articles/new/", {"title": "Queued", "slug": "queued", "text": MANUSCRIPT}
        )
        assert status in (200, 302)
        job = Job.objects.get()
        assert job.status == "queued"
        worker_args = [
            sys.executable,
            "manage.py",
            "db_worker",
            "--backend",
            "database",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ]
        worker = subprocess.Popen(
            worker_args,
            cwd=ROOT,
            env=desk.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while Job.objects.get(pk=job.pk).step < 1:  # "Saving … sentences": the write is next
                assert time.monotonic() < deadline, "the worker never started the import"
                time.sleep(0.05)
            wait_until_writing()
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=30)
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
        job.refresh_from_db()
        assert job.status == "running" and job.article is None
        assert not Article.objects.exists()
        assert_nothing_half_written()
        time.sleep(2.5)  # silent past REVIEW_JOB_STALE_SECONDS
        assert desk.post(f"/jobs/{job.pk}/restart/", {}) in (200, 302)
        again = Job.objects.exclude(pk=job.pk).get()
        batch = subprocess.run(
            [*worker_args[:6], "--batch"],
            cwd=ROOT,
            env=desk.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert batch.returncode == 0, batch.stdout + batch.stderr
        again.refresh_from_db()
        assert again.status == "done", again.message
        assert again.article.slug == "queued"
        assert_nothing_half_written()
    finally:
        desk.kill_everything()
