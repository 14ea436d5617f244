"""Responses sized by what changed: raising a flag and a colleague's next poll on a long story.

Standalone: `python benchmarks/bench_changes.py`. Builds the review-page benchmark's story
(2,000 sentences, 1,000 flags, 2,000 replies, with history rows) in a throwaway SQLite
database, then, 7 times after one warm-up: editor A raises a flag on a sentence in the middle
of the story through htmx (the answer A's page swaps in), and editor B's page, which last
looked before it, polls (the answer B's page swaps in). The story's history is dated an hour
back, as a story being reviewed is. Medians of the answer's size and the
server time (CPU time of the request, and wall time), against 20 KB and 50 ms; the whole page
and the old full answers are printed beside them for scale.
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_review_page import SENTENCES, _build, _setup

RUNS = 7
BUDGET_BYTES, BUDGET_MS = 20 * 1024, 50
TOKEN = re.compile(r'"since": "([^"]*)"')
ROW = re.compile(r'<li id="fl-\d+"')
HTMX = {"HTTP_HX_REQUEST": "true"}


def _timed(call, *args, **kwargs):
    started, started_cpu = time.perf_counter(), time.process_time()
    response = call(*args, **kwargs)
    return (
        response,
        (time.process_time() - started_cpu) * 1000,
        (time.perf_counter() - started) * 1000,
    )


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-changes-") as tmp:
        _setup(tmp)
        from django.contrib.auth.models import Group, User
        from django.test import Client
        from django.urls import reverse

        from review.models import Sentence

        editor, article, _ = _build()
        # The story was imported and reviewed an hour ago, not in the last second: a poll reads
        # the history rows of the last SETTLE_SECONDS (review.selectors.changes), and a story
        # built just now would have all of its 5,000 there.
        from datetime import timedelta

        from django.utils import timezone

        from review.models import Comment, Flag

        earlier = timezone.now() - timedelta(hours=1)
        for model in (Sentence, Flag, Comment):
            model.history.all().update(history_date=earlier)
        colleague = User.objects.create_user("bench-colleague", password="x")
        colleague.groups.add(Group.objects.get(name="Copy editor"))
        a, b = Client(), Client()
        a.force_login(editor)
        b.force_login(colleague)
        page = article.get_absolute_url()
        create = reverse("review:flag_create", args=[article.slug])
        changes = reverse("review:article_changes", args=[article.slug])
        middle = Sentence.objects.get(article=article, position=SENTENCES // 2 + 1)
        page_bytes = len(b.get(page).content)

        samples = {"raise": [], "poll": []}
        for n in range(RUNS + 1):
            token = TOKEN.search(b.get(page).content.decode())[1]
            data = {"sentence": middle.pk, "kind": "style", "severity": "minor", "note": f"n{n}"}
            raised, raise_cpu, raise_wall = _timed(a.post, create, data, **HTMX)
            assert raised.status_code == 200, raised.status_code
            row = ROW.search(raised.content.decode())[0]  # the new flag's list row
            polled, poll_cpu, poll_wall = _timed(b.get, changes, {"since": token}, **HTMX)
            assert polled.status_code == 200 and row in polled.content.decode()
            if n:  # the first is the warm-up
                samples["raise"].append((len(raised.content), raise_cpu, raise_wall))
                samples["poll"].append((len(polled.content), poll_cpu, poll_wall))
            quiet = TOKEN.search(polled.content.decode())[1]
        quiet_poll, quiet_cpu, _ = _timed(b.get, changes, {"since": quiet}, **HTMX)
        assert quiet_poll.status_code == 204

        rows = []
        story = f"{SENTENCES:,} sentences / 1,000 flags / 2,000 replies"
        for key, what in (
            ("raise", f"raising a flag (htmx answer), {story}"),
            ("poll", "a colleague's next poll after it (htmx answer)"),
        ):
            size = statistics.median(s[0] for s in samples[key])
            cpu = statistics.median(s[1] for s in samples[key])
            wall = statistics.median(s[2] for s in samples[key])
            rows.append(
                {
                    "what": what,
                    "ours": f"{size / 1024:.1f} KB, {cpu:.0f} ms CPU ({wall:.0f} ms wall)",
                    "peer": f"the whole page: {page_bytes / 1024:,.0f} KB",
                    "budget": f"<= {BUDGET_BYTES // 1024} KB, <= {BUDGET_MS} ms",
                    "ok": size <= BUDGET_BYTES and cpu <= BUDGET_MS,
                }
            )
        rows.append(
            {
                "what": "the poll after that, nothing new",
                "ours": f"204, {quiet_cpu:.0f} ms CPU",
                "budget": f"<= {BUDGET_MS} ms",
                "ok": quiet_cpu <= BUDGET_MS,
            }
        )
        return rows


if __name__ == "__main__":
    for row in run():
        mark = "ok" if row["ok"] else "OVER"
        print(f"{row['what']:<70} {row['ours']:<36} {row.get('peer', ''):<26} {mark}")
