"""Eight editors writing at once through a real server: errors and lost writes.

gunicorn (4 sync workers) serves the app on loopback; 8 threads, each logged in as its own
copy editor, post replies to one flag's thread as fast as they can for a fixed time. Every
reply the server acknowledged must be in the database afterwards (no lost writes), and no
request may fail ("database is locked" is the classic SQLite failure).
"""

from __future__ import annotations

import http.cookiejar
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.django_env import ROOT, setup_django

WRITERS = 8
SECONDS = float(os.environ.get("BENCH_CONCURRENCY_SECONDS", "10"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare() -> int:
    """Users and one flag to discuss; returns the flag's pk."""
    from django.contrib.auth.models import Group, User

    from benchmarks.django_env import bench_user
    from review.models import FlagKind
    from review.services.articles import article_import
    from review.services.flags import flag_create

    editor = bench_user()
    article = article_import(
        text="One sentence to argue about. Another.",
        title="Race",
        slug="race",
        actor=editor,
        run_checks=False,
    )
    group = Group.objects.get(name="Copy editor")
    for n in range(WRITERS):
        user = User.objects.create_user(f"writer{n}", password="pw-bench-writer")
        user.groups.add(group)
    flag = flag_create(
        sentence=article.sentences.first(), kind=FlagKind.objects.get(slug="other"), actor=editor
    )
    return flag.pk


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Count the write, not the page it redirects to."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Writer(threading.Thread):
    def __init__(self, base: str, n: int, flag_pk: int, stop_at: float):
        super().__init__(daemon=True)
        self.base, self.n, self.flag_pk, self.stop_at = base, n, flag_pk, stop_at
        self.ok = self.errors = 0
        self.error_samples: list[str] = []
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )
        self.jar = jar

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base})
        try:
            with self.opener.open(req, timeout=60) as resp:
                return resp.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def run(self) -> None:
        self.opener.open(self.base + "/login/", timeout=30).read()
        self.post("/login/", {"username": f"writer{self.n}", "password": "pw-bench-writer"})
        i = 0
        while time.monotonic() < self.stop_at:
            status = self.post(f"/flags/{self.flag_pk}/comments/", {"body": f"w{self.n}-{i}"})
            if status < 400:
                self.ok += 1
            else:
                self.errors += 1
                if len(self.error_samples) < 3:
                    self.error_samples.append(str(status))
            i += 1


def run() -> list[dict]:
    setup_django()
    from django.conf import settings

    from review.models import Comment

    flag_pk = prepare()
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        stop_at = time.monotonic() + SECONDS
        writers = [Writer(base, n, flag_pk, stop_at) for n in range(WRITERS)]
        for w in writers:
            w.start()
        for w in writers:
            w.join()
    finally:
        server.terminate()
        server.wait(timeout=30)
    acknowledged = sum(w.ok for w in writers)
    errors = sum(w.errors for w in writers)
    stored = Comment.objects.filter(flag_id=flag_pk).count()
    lost = acknowledged - stored
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    samples = sorted({s for w in writers for s in w.error_samples})
    return [
        {
            "what": f"{WRITERS} editors replying at once, {SECONDS:.0f} s, gunicorn x4 ({engine})",
            "ours": f"{acknowledged / SECONDS:.0f} writes/s, {errors} errors, {lost} lost",
            "peer": "",
            "ratio": "",
            "budget": "0 errors, 0 lost",
            "ok": errors == 0 and lost == 0 and acknowledged > 0,
            "note": f"error statuses: {', '.join(samples)}" if samples else "",
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
