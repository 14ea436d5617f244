"""N simulated editors against a real gunicorn, then a check that no acknowledged write is lost.

    python benchmarks/load.py                      # 8 and 32 editors, 60 s each, SQLite
    python benchmarks/load.py --editors 32 --seconds 60
    DATABASE_URL=postgres://... python benchmarks/load.py --editors 8 32

Each editor logs in through the login form, opens one of a few stories and then, until the
time is up, does what an editor on the review page does, in this mix: polls for colleagues'
changes (as the page does every 5 s), reloads the page, raises a flag on a sentence, replies
in a thread, edits a sentence in place (sometimes from a stale version, which must end in a
conflict whose losing text is kept), resolves a flag, reads the history. `--think` is the
mean pause between an editor's actions (0: as fast as the server answers, a capacity test).

Afterwards every write the server acknowledged is looked up in the database and in its
history: a reply by its text and author, a flag by its note, an edit by its text, a conflict
by its kept suggestion, a resolution by the flag's history. The table reports requests/s,
p50/p95/p99 per action, errors (5xx, timeouts, and 4xx that the action cannot give), refusals
the desk is right to give (resolving a flag someone else just resolved), lost writes, and
the machine's load average (the machine may be shared: read the figures beside it).
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.load_server import (
    PASSWORD,
    ROOT,
    STORIES,
    Server,
    _reset_postgres,
    prepare_database,
    server_env,
)

__all__ = ["PASSWORD", "Editor", "Server", "_reset_postgres", "prepare_database", "server_env"]
MIX = {  # action → weight
    "poll": 40,
    "page": 10,
    "raise": 10,
    "reply": 15,
    "edit": 10,
    "stale_edit": 4,
    "resolve": 8,
    "history": 3,
}
TIMEOUT = 30


# One simulated editor -----------------------------------------------------------------


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


TOKEN_RE = re.compile(r'"since": "([^"]*)"')
SENTENCE_RE = re.compile(r'data-sentence="(\d+)"')
FLAG_RE = re.compile(r'id="fl-(\d+)"')
VERSION_RE = re.compile(r'name="expected_version" value="(\d+)"')


@dataclass
class Outcome:
    action: str
    status: int
    seconds: float
    ok: bool
    refused: bool = False


class Editor(threading.Thread):
    """One editor: logs in and opens the page, waits for `go`, then acts until `stop_at`.

    Logging in is kept out of the measured time: a password check costs about a second of
    CPU by design (PBKDF2), and editors log in once a day, not once a minute."""

    def __init__(
        self,
        base: str,
        n: int,
        stop_at: float,
        think: float,
        seed: int,
        ready: threading.Semaphore | None = None,
        go: threading.Event | None = None,
    ):
        super().__init__(daemon=True)
        self.base, self.n, self.stop_at, self.think = base, n, stop_at, think
        self.ready, self.go = ready, go
        self.username = f"load{n}"
        self.slug = f"load-{n % STORIES}"
        self.rng = random.Random(seed)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.outcomes: list[Outcome] = []
        self.acked: list[tuple] = []  # what the server said it wrote, checked afterwards
        self.samples: list[str] = []
        self.token = ""
        self.sentences: list[int] = []
        self.flags: list[int] = []
        self.versions: dict[int, int] = {}
        self.i = 0

    # HTTP.

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict | None = None, htmx: bool = False):
        headers = {"Referer": self.base + "/"}
        if htmx:
            headers["HX-Request"] = "true"
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        start = time.perf_counter()
        try:
            with self.opener.open(req, timeout=TIMEOUT) as resp:
                text = resp.read().decode("utf-8", "replace")
                status = resp.status
        except urllib.error.HTTPError as exc:
            text = exc.read().decode("utf-8", "replace")
            status = exc.code
        except OSError as exc:  # a timeout or a refused connection
            text, status = str(exc), 599
        return status, text, time.perf_counter() - start

    def record(self, action, status, seconds, ok, refused=False, detail=""):
        self.outcomes.append(Outcome(action, status, seconds, ok, refused))
        if not ok and not refused and len(self.samples) < 5:
            self.samples.append(f"{action} {status} {detail[:120]}")

    # Actions.

    def login(self) -> None:
        self.request("/login/")
        status, text, _ = self.request("/login/", {"username": self.username, "password": PASSWORD})
        if status != 302:
            raise RuntimeError(f"{self.username} could not log in: {status} {text[:200]}")

    def page(self, action: str = "page") -> None:
        status, text, t = self.request(f"/articles/{self.slug}/")
        self.record(action, status, t, status == 200)
        if status == 200:
            self.token = (TOKEN_RE.search(text) or [None, ""])[1]
            self.sentences = [int(x) for x in SENTENCE_RE.findall(text)]
            self.flags = [int(x) for x in FLAG_RE.findall(text)]

    def poll(self) -> None:
        path = f"/articles/{self.slug}/changes/?since={urllib.parse.quote(self.token)}"
        status, text, t = self.request(path, htmx=True)
        self.record("poll", status, t, status in (200, 204))
        if status == 200 and (m := TOKEN_RE.search(text)):
            self.token = m[1]

    def raise_flag(self) -> None:
        sentence = self.rng.choice(self.sentences)
        note = f"load-flag {self.username} {self.i}"
        status, text, t = self.request(
            f"/articles/{self.slug}/flags/new/",
            {"sentence": sentence, "kind": "other", "severity": "minor", "note": note},
            htmx=True,
        )
        ok = status == 200
        self.record("raise", status, t, ok, detail=text)
        if ok:
            self.acked.append(("flag", self.username, note))
            self.flags += [int(x) for x in FLAG_RE.findall(text)][-1:]

    def reply(self) -> None:
        flag = self.rng.choice(self.flags)
        body = f"load-reply {self.username} {self.i}"
        status, text, t = self.request(f"/flags/{flag}/comments/", {"body": body}, htmx=True)
        ok = status == 200
        self.record("reply", status, t, ok, detail=text)
        if ok:
            self.acked.append(("reply", self.username, body))

    def edit(self, stale: bool) -> None:
        """Load the form (its version), then save; a stale save uses a version one behind
        what the form said, so it must end in a conflict that keeps the text."""
        sentence = self.rng.choice(self.sentences)
        form = f"/articles/{self.slug}/sentences/{sentence}/edit/"
        status, text, t = self.request(form, htmx=True)
        if status == 404:  # merged away meanwhile (only our edits change text: never)
            self.record("edit", status, t, False, detail="sentence gone")
            return
        match = VERSION_RE.search(text)
        if status != 200 or not match:
            perms = status == 403  # a fact-checker cannot edit text: a right refusal
            self.record("edit", status, t, perms, refused=perms, detail=text)
            return
        version = int(match[1])
        if stale:
            if version <= 1:
                return  # nothing older to be stale against yet
            version -= 1
        words = f"Sentence edited by {self.username} as number {self.i} says the board met."
        status, text, t = self.request(
            form, {"text": words, "expected_version": version, "reason": "load"}, htmx=True
        )
        action = "stale_edit" if stale else "edit"
        if status == 200 and 'class="conflict"' in text:
            # A conflict: expected for a stale save, possible for a fresh one (a colleague
            # saved between our form and our save). Either way the text must be kept.
            self.record(action, status, t, True)
            self.acked.append(("conflict", self.username, words))
        elif status == 204 or (status == 200 and f'id="sw-{sentence}"' in text):
            # Saved: the answer is the sentence and the changed fragments (204 with
            # HX-Location when the edit split or joined sentences).
            self.record(action, status, t, True)
            self.acked.append(("edit", self.username, words))
        else:
            self.record(action, status, t, False, detail=text)

    def resolve(self) -> None:
        flag = self.rng.choice(self.flags)
        status, text, t = self.request(f"/flags/{flag}/resolve/", {"note": "load"}, htmx=True)
        if status == 200:
            self.record("resolve", status, t, True)
            self.acked.append(("resolve", self.username, flag))
        elif status == 409:
            # Someone was quicker: the desk answers a stale action with 409 and the flag's
            # current state (views/responses.refusal_status).
            self.record("resolve", status, t, True, refused=True)
        elif status == 403:
            self.record("resolve", status, t, True, refused=True)  # a role that cannot
        else:
            self.record("resolve", status, t, False, detail=text)

    def history(self) -> None:
        status, _, t = self.request(f"/articles/{self.slug}/history/")
        self.record("history", status, t, status == 200)

    def run(self) -> None:
        try:
            self.login()
        except RuntimeError as exc:
            self.record("login", 0, 0.0, False, detail=str(exc))
            return
        finally:
            if self.ready is not None:
                self.ready.release()
        if self.go is not None:
            self.go.wait()
            self.outcomes.clear()
        self.page()
        actions, weights = zip(*MIX.items(), strict=True)
        while time.monotonic() < self.stop_at:
            self.i += 1
            action = self.rng.choices(actions, weights)[0]
            if not self.sentences:
                action = "page"
            elif action in ("reply", "resolve") and not self.flags:
                action = "raise"
            {
                "poll": self.poll,
                "page": self.page,
                "raise": self.raise_flag,
                "reply": self.reply,
                "edit": lambda: self.edit(stale=False),
                "stale_edit": lambda: self.edit(stale=True),
                "resolve": self.resolve,
                "history": self.history,
            }[action]()
            if self.think:
                time.sleep(min(self.rng.expovariate(1 / self.think), 4 * self.think))


# Verification --------------------------------------------------------------------------


def verify(env: dict[str, str], acked: list[tuple]) -> dict:
    """Look every acknowledged write up in the database and its history (child process)."""
    path = Path(tempfile.mkdtemp(prefix="desk-load-")) / "acked.json"
    path.write_text(json.dumps(acked))
    code = f"""
import json, django; django.setup()
from review.models import Comment, Flag, Sentence
acked = json.load(open({str(path)!r}))
lost = []
for kind, user, what in acked:
    if kind == "reply":
        ok = Comment.objects.filter(body=what, author__username=user).exists() and \\
             Comment.history.filter(body=what, history_user__username=user).exists()
    elif kind == "flag":
        ok = Flag.objects.filter(note=what, created_by__username=user).exists() and \\
             Flag.history.filter(note=what, history_type="+").exists()
    elif kind == "edit":
        ok = Sentence.history.filter(text=what, history_user__username=user).exists()
    elif kind == "conflict":
        ok = Flag.objects.filter(suggestion=what, created_by__username=user).exists() and \\
             Flag.history.filter(suggestion=what, history_type="+").exists()
    elif kind == "resolve":
        ok = Flag.history.filter(id=what, status="resolved", history_user__username=user).exists()
    if not ok:
        lost.append([kind, user, what])
print(json.dumps({{"checked": len(acked), "lost": lost}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(out.stderr)
    shutil.rmtree(path.parent, ignore_errors=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# One run -------------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def machine_seconds() -> float:
    """Wall time of 10 M additions in plain Python: how fast this machine is at the moment.
    A shared machine's speed moves by a third within an hour, more than most changes do,
    so every run prints it beside its figures (about 1.0 s on the team's machines idle)."""
    start = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return time.perf_counter() - start


def run_load(
    *,
    editors: int,
    seconds: float,
    think: float,
    workers: int | None,
    database_url: str | None,
    port: int | None = None,
) -> dict:
    workdir = Path(tempfile.mkdtemp(prefix="desk-load-"))
    url = database_url or f"sqlite:///{workdir}/load.sqlite3"
    env = server_env(url, str(workdir / "static"))
    if database_url:
        _reset_postgres(env)
    prepare_database(env, editors)
    server = Server(env, workers, **({"port": port} if port else {}))
    server.start()
    try:
        ready, go = threading.Semaphore(0), threading.Event()
        crew = [
            Editor(server.base, n, 0.0, think, seed=n, ready=ready, go=go) for n in range(editors)
        ]
        for editor in crew:
            editor.start()
        for _ in crew:  # everyone logged in: the measured time starts now
            ready.acquire(timeout=600)
        machine_before = machine_seconds()
        load_before = os.getloadavg()
        cpu_before = server.cpu_seconds()
        own_before = time.process_time()
        started = time.monotonic()
        for editor in crew:
            editor.stop_at = started + seconds
        go.set()
        for editor in crew:
            editor.join(timeout=seconds + TIMEOUT + 30)
        elapsed = time.monotonic() - started
        load_after = os.getloadavg()
        cpu_used = server.cpu_seconds() - cpu_before
        own_used = time.process_time() - own_before
    finally:
        server.stop()
    machine_after = machine_seconds()
    outcomes = [o for e in crew for o in e.outcomes]
    acked = [a for e in crew for a in e.acked]
    check = verify(env, acked)
    shutil.rmtree(workdir, ignore_errors=True)
    by_action: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_action[o.action].append(o)
    times = [o.seconds for o in outcomes]
    return {
        "editors": editors,
        "seconds": round(elapsed, 1),
        "think": think,
        "database": "postgresql" if database_url else "sqlite",
        "workers": workers or 2 * (os.cpu_count() or 1) + 1,
        "requests": len(outcomes),
        "rps": len(outcomes) / elapsed,
        "p50_ms": 1000 * percentile(times, 50),
        "p95_ms": 1000 * percentile(times, 95),
        "p99_ms": 1000 * percentile(times, 99),
        "server_cpu_ms_per_request": 1000 * cpu_used / max(1, len(outcomes)),
        # The editors themselves run on the same cores: what they cost is not the server's.
        "client_cpu_ms_per_request": 1000 * own_used / max(1, len(outcomes)),
        "errors": sum(not o.ok for o in outcomes),
        "refused": sum(o.refused for o in outcomes),
        "writes": len(acked),
        "lost": len(check["lost"]),
        "lost_samples": check["lost"][:5],
        "error_samples": sorted({s for e in crew for s in e.samples})[:8],
        "actions": {
            name: {
                "n": len(items),
                "p50_ms": 1000 * statistics.median(o.seconds for o in items),
                "p95_ms": 1000 * percentile([o.seconds for o in items], 95),
                "errors": sum(not o.ok for o in items),
            }
            for name, items in sorted(by_action.items())
        },
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in load_after],
        "cpus": os.cpu_count(),
        "machine_seconds": [round(machine_before, 2), round(machine_after, 2)],
    }


def table(results: list[dict]) -> str:
    head = (
        "| editors | db | think | workers | req/s | p50 ms | p95 ms | p99 ms | errors "
        "| refused | writes | lost | server CPU ms/req | load generator CPU ms/req "
        "| load avg (1 min, before → after) |"
    )
    rule = "|" + "---|" * 15
    rows = [
        f"| {r['editors']} | {r['database']} | {r['think']:g} s | {r['workers']} | "
        f"{r['rps']:.0f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['p99_ms']:.0f} | "
        f"{r['errors']} | {r['refused']} | {r['writes']} | {r['lost']} | "
        f"{r['server_cpu_ms_per_request']:.0f} | {r['client_cpu_ms_per_request']:.0f} | "
        f"{r['loadavg_before'][0]} → {r['loadavg_after'][0]} ({r['cpus']} cores) |"
        for r in results
    ]
    lines = [head, rule, *rows, ""]
    for r in results:
        per = ", ".join(
            f"{name} {a['n']}× p95 {a['p95_ms']:.0f} ms"
            + (f" ({a['errors']} errors)" if a["errors"] else "")
            for name, a in r["actions"].items()
        )
        lines.append(f"- {r['editors']} editors: {per}")
        before, after = r["machine_seconds"]
        lines.append(f"  machine: 10 M additions in {before} s before, {after} s after")
        if r["error_samples"]:
            lines.append(f"  errors: {'; '.join(r['error_samples'])}")
        if r["lost_samples"]:
            lines.append(f"  LOST: {r['lost_samples']}")
    return "\n".join(lines)


def run() -> list[dict]:
    """For benchmarks/run.py: 8 and 32 editors (LOAD_SECONDS each, default 20)."""
    seconds = float(os.environ.get("LOAD_SECONDS", "20"))
    rows = []
    for editors in (8, 32):
        r = run_load(
            editors=editors,
            seconds=seconds,
            think=float(os.environ.get("LOAD_THINK", "0")),
            workers=None,
            database_url=os.environ.get("DATABASE_URL"),
        )
        rows.append(
            {
                "what": f"load: {editors} editors, {r['seconds']:.0f} s, {r['database']}, "
                f"think {r['think']:g} s (load avg {r['loadavg_after'][0]})",
                "ours": f"{r['rps']:.0f} req/s, p95 {r['p95_ms']:.0f} ms, {r['errors']} errors, "
                f"{r['lost']} lost of {r['writes']}",
                "peer": "",
                "ratio": "",
                "budget": "0 errors, 0 lost" + (", p95 ≤ 500 ms" if editors == 32 else ""),
                "ok": r["errors"] == 0
                and r["lost"] == 0
                and (editors != 32 or r["p95_ms"] <= 500 or r["database"] != "sqlite"),
            }
        )
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editors", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between actions")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--json", action="store_true", help="print the raw results as JSON")
    parser.add_argument("--port", type=int, default=None, help="gunicorn's port (default: free)")
    args = parser.parse_args()
    results = []
    for editors in args.editors:
        print(f"running {editors} editors for {args.seconds:g} s ...", file=sys.stderr, flush=True)
        results.append(
            run_load(
                editors=editors,
                seconds=args.seconds,
                think=args.think,
                workers=args.workers,
                database_url=os.environ.get("DATABASE_URL"),
                port=args.port,
            )
        )
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0 if all(r["errors"] == 0 and r["lost"] == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
