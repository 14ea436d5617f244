"""A 4.9 MB story through the background jobs, as a user does it, against a real gunicorn and
task worker: upload it, watch the job page's progress, open the story, ask for its DOCX,
watch again, download it and open it with python-docx.

Standalone: `python benchmarks/bench_jobs.py` (SQLite in a temporary folder, or
DATABASE_URL). Reports each job's time, the progress steps the page showed, and the review
page of the same story (the longest request left in a request, which gunicorn's timeout
must fit).
"""

from __future__ import annotations

import io
import re
import shutil
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import load
from benchmarks.bench_import import manuscript

TARGET_BYTES = 4_900_000
STATUS_RE = re.compile(r'<span class="badge">([^<]+)</span>\s*(?:Step (\d+) of (\d+): ([^<…]*))?')


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    body = "".join(parts).encode()
    for name, (filename, data) in files.items():
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def follow(editor: load.Editor, job_path: str, timeout: float = 900) -> tuple[float, list[str]]:
    """Poll the job page as htmx does until it is done; returns the time and the steps seen."""
    start, seen = time.monotonic(), []
    while time.monotonic() - start < timeout:
        status, text, _ = editor.request(job_path, htmx=True)
        match = STATUS_RE.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"job page {status}: {text[:300]}")
        state, step, steps, stage = match.groups()
        line = f"{state}" + (f" · step {step}/{steps}: {stage.strip()}" if step else "")
        if not seen or seen[-1] != line:
            seen.append(line)
        if state in ("Done", "Failed"):
            if state == "Failed":
                raise RuntimeError(f"job failed: {text[:500]}")
            return time.monotonic() - start, seen
        time.sleep(0.5)
    raise RuntimeError("the job did not finish in time")


def run() -> list[dict]:
    import os

    import docx

    workdir = Path(tempfile.mkdtemp(prefix="desk-jobs-"))
    database_url = os.environ.get("DATABASE_URL")
    env = load.server_env(
        database_url or f"sqlite:///{workdir}/jobs.sqlite3", str(workdir / "static")
    )
    if database_url:
        load._reset_postgres(env)
    load.prepare_database(env, editors=1)
    server = load.Server(env, workers=None)
    server.start()
    try:
        editor = load.Editor(server.base, 0, stop_at=0, think=0, seed=0)
        editor.username = "load-chief"  # an Editor: may import
        editor.login()
        text = manuscript(TARGET_BYTES).encode("utf-8")[:TARGET_BYTES].decode("utf-8", "ignore")
        body, content_type = multipart(
            {
                "title": "A very long story",
                "slug": "very-long",
                "run_checks": "on",
                "csrfmiddlewaretoken": editor.csrf(),
            },
            {"file": ("very-long.txt", text.encode("utf-8"))},
        )
        req = urllib.request.Request(
            server.base + "/articles/new/",
            data=body,
            headers={"Content-Type": content_type, "Referer": server.base + "/"},
        )
        start = time.monotonic()
        try:
            editor.opener.open(req, timeout=60)
        except urllib.error.HTTPError as exc:  # the redirect to the job page (NoRedirect)
            if exc.code != 302:
                raise
            job_path = exc.headers["Location"]
        answered = time.monotonic() - start
        import_s, import_steps = follow(editor, job_path)
        status, page, _ = editor.request(job_path)
        story = re.search(r'href="(/articles/very-long/)"', page)
        assert story, page[:500]

        start = time.monotonic()
        status, review_page, _ = editor.request("/articles/very-long/")
        review_s = time.monotonic() - start
        assert status == 200, status
        # The page shows one section; its progress line counts the whole story's flags.
        flags = sum(
            map(
                int,
                re.findall(r"<strong>(\d+)</strong> (?:open|resolved|dismissed)", review_page)[:3],
            )
        )

        status, offer, _ = editor.request("/articles/very-long/export/docx/")
        assert "Prepare the DOCX" in offer, offer[:300]
        status = editor.request("/articles/very-long/export/docx/prepare/", {})[0]
        assert status == 302, status
        # The POST answered 302 to the job page; find the newest export job on the list.
        _, jobs_page, _ = editor.request("/jobs/")
        export_path = re.search(r'href="(/jobs/\d+/)">Export', jobs_page)[1]
        export_s, export_steps = follow(editor, export_path)
        data = editor.opener.open(server.base + export_path + "download/", timeout=120).read()
        document = docx.Document(io.BytesIO(data))
        comments = len(list(document.comments))
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    mb = len(text.encode()) / 1e6
    return [
        {
            "what": f"import of {mb:.1f} MB as a background job (upload answered in "
            f"{answered:.1f} s)",
            "ours": f"{import_s:.0f} s to done; steps shown: " + " → ".join(import_steps),
            "peer": "",
            "ratio": "",
            "budget": "done, progress shown",
            "ok": "Done" in import_steps[-1] and len(import_steps) >= 3,
        },
        {
            "what": f"DOCX export of that story as a background job ({flags:,} flags)",
            "ours": f"{export_s:.0f} s to done, {len(data) / 1e6:.1f} MB, {comments:,} comments; "
            "steps: " + " → ".join(export_steps),
            "peer": "",
            "ratio": "",
            "budget": "done, opens in python-docx",
            "ok": comments > 0 and "Done" in export_steps[-1],
        },
        {
            "what": "review page of that story (its first section; the longest request left)",
            "ours": f"{review_s:.1f} s, {len(review_page.encode()) / 1e6:.0f} MB",
            "peer": "",
            "ratio": "",
            "budget": "≤ gunicorn timeout (120 s)",
            "ok": review_s < 120,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
