"""The load test's server side: a throwaway database with editors and stories, and gunicorn
with the task worker beside it, started and stopped as production runs them (see load.py)."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORIES = 4
SENTENCES = 60
PASSWORD = "pw-load-editor-2026"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(database_url: str, static_root: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REVIEW_"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "REVIEW_SITE_URL": "http://127.0.0.1",
        "DJANGO_STATIC_ROOT": static_root,
        "DATABASE_URL": database_url,
    }


def prepare_database(env: dict[str, str], editors: int) -> None:
    """Migrate, then make the editors and the stories, in a child process with `env`."""
    code = f"""
import django; django.setup()
from django.contrib.auth.models import Group, User
from review.services.articles import article_import
from review.services.flags import flag_create
from review.services.comments import comment_add
chief = User.objects.create_user("load-chief", password={PASSWORD!r})
chief.groups.add(Group.objects.get(name="Editor"))
roles = ["Copy editor", "Copy editor", "Fact-checker", "Editor"]
for n in range({editors}):
    user = User.objects.create_user(f"load{{n}}", password={PASSWORD!r})
    user.groups.add(Group.objects.get(name=roles[n % len(roles)]))
for s in range({STORIES}):
    text = "\\n\\n".join(
        " ".join(f"Sentence {{p * 5 + i}} of story {{s}} says the council met." for i in range(5))
        for p in range({SENTENCES} // 5)
    )
    article = article_import(text=text, title=f"Load story {{s}}", slug=f"load-{{s}}",
                             actor=chief, run_checks=False)
    for sentence in list(article.sentences.order_by("position"))[::6]:
        flag = flag_create(sentence=sentence, kind="style", actor=chief, note="seed flag")
        comment_add(flag=flag, actor=chief, body="seed reply")
"""
    for args in (["manage.py", "migrate", "--noinput", "-v0"], ["-c", code]):
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


@dataclass
class Server:
    env: dict[str, str]
    workers: int | None
    port: int = field(default_factory=free_port)
    procs: list[subprocess.Popen] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_ACCESS_LOG": ""}
        if self.workers:
            env["GUNICORN_WORKERS"] = str(self.workers)
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                cwd=ROOT,
                env=env,
                start_new_session=True,
                **quiet,
            )
        )
        # The task worker runs beside the server, as in production (it polls the queue).
        self.procs.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--no-reload", "-v0"],
                cwd=ROOT,
                env=env,
                start_new_session=True,
                **quiet,
            )
        )
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/health/", timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def cpu_seconds(self) -> float:
        """CPU time used so far by gunicorn (master, live workers, and workers it reaped):
        the server's own cost, which a busy shared machine changes far less than latency."""
        ticks = os.sysconf("SC_CLK_TCK")
        master = self.procs[0].pid
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(entry), int(fields[1])
            if pid == master:
                total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
            elif ppid == master:
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def stop(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def _reset_postgres(env: dict[str, str]) -> None:
    """A clean schema on the PostgreSQL database the run was given (it is the run's own)."""
    code = (
        "import django; django.setup(); from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('DROP SCHEMA public CASCADE'); c.execute('CREATE SCHEMA public')\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)
