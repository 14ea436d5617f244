"""Review page server time and query count on a long, heavily flagged story.

Standalone: `python benchmarks/bench_review_page.py`. Builds a throwaway SQLite database in a
temporary directory (with history rows, as the app writes them), then times the page through
django.test.Client: 7 runs after one warm-up, median reported.

The budget is judged on the request's CPU time (process time): wall time on a shared 2-core
machine swings with whatever else runs there; both are printed.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCES, FLAGS, COMMENTS, RUNS = 2000, 1000, 2000, 7
FACTS = 1000  # on the worksheet, a third verified and a third wrong
BUDGET_MS = 300


def _setup(tmp: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ["DJANGO_DEBUG"] = "1"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()  # allows the test client's host, keeps mail in memory
    call_command("migrate", verbosity=0)


def _build():
    from django.contrib.auth.models import Group, User
    from simple_history.utils import bulk_create_with_history

    from review.models import Article, Comment, Flag, FlagKind, Sentence, StoryFact
    from review.services.common import save_tracked

    editor = User.objects.create_user("bench-editor", password="x")
    editor.groups.add(Group.objects.get(name="Editor"))
    words = [
        "The",
        "council",
        "said",
        "the",
        "budget",
        "rose",
        "by",
        "forty",
        "percent",
        "over",
        "three",
        "years",
    ]
    text_of = [" ".join(words[: 6 + n % 7]) + f" number {n}." for n in range(SENTENCES)]
    article = Article(
        title="Benchmark story", slug="bench", original_text="\n\n".join(text_of), created_by=editor
    )
    save_tracked(article, actor=editor, reason="benchmark")
    sentences = bulk_create_with_history(
        [
            Sentence(article=article, paragraph=n // 5, position=n, text=t, separator=" ")
            for n, t in enumerate(text_of)
        ],
        Sentence,
        default_user=editor,
        batch_size=500,
    )
    sentences = list(Sentence.objects.filter(article=article).order_by("position"))
    kinds = list(FlagKind.objects.all())
    step = SENTENCES // FLAGS
    flags = []
    for n in range(FLAGS):
        sentence = sentences[n * step]
        start, end = (None, None) if n % 5 == 0 else (4, 4 + 7 + n % 5)
        quote = sentence.text if start is None else sentence.text[start:end]
        flags.append(
            Flag(
                article=article,
                sentence=sentence,
                kind=kinds[n % len(kinds)],
                start=start,
                end=end,
                quote=quote,
                note=f"Check this <b>{n}</b>",
                status=("open", "open", "resolved", "dismissed")[n % 4],
                created_by=editor,
                assignee=editor if n % 3 == 0 else None,
            )
        )
        if n % 7 == 0 and start is not None:  # an overlapping second flag
            flags.append(
                Flag(
                    article=article,
                    sentence=sentence,
                    kind=kinds[0],
                    start=start + 2,
                    end=end + 3,
                    quote=sentence.text[start + 2 : end + 3],
                    created_by=editor,
                )
            )
    flags = flags[:FLAGS]
    for number, flag in enumerate(flags, start=1):
        flag.number = number
    bulk_create_with_history(flags, Flag, default_user=editor, batch_size=500)
    flags = list(Flag.objects.filter(article=article))
    bulk_create_with_history(
        [
            Comment(flag=flags[n % len(flags)], author=editor, body=f"Reply {n} @bench-editor")
            for n in range(COMMENTS)
        ],
        Comment,
        default_user=editor,
        batch_size=500,
    )
    statuses = ("unchecked", "verified", "wrong")
    bulk_create_with_history(
        [
            StoryFact(
                article=article,
                number=n + 1,
                sentence=sentences[n * 2],
                start=0,
                end=4,
                quote=sentences[n * 2].text[:4],
                kind="count",
                label=f"Count: {sentences[n * 2].text[:4]}",
                fingerprint=f"{n:064d}",
                status=statuses[n % 3],
                source="Police statement" if n % 3 == 1 else "",
                checked_by=editor if n % 3 else None,
                flag=flags[n % len(flags)] if n % 3 == 2 else None,
            )
            for n in range(FACTS)
        ],
        StoryFact,
        default_user=editor,
        batch_size=500,
    )
    return editor, article, flags[0]


def _time(client, url: str, expect: int, *, kept: bool = False) -> tuple[float, float, int]:
    """Median wall and CPU ms, and queries, of RUNS requests. Each request draws every row
    and sentence anew (a worker's first sight of the story, the budget's case) unless
    `kept`: then the worker's kept fragments serve them, as for a page reloaded unchanged."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from review.views import drawn

    client.get(url)  # warm-up: template loading, permission caches of the first request
    wall, cpu, queries = [], [], 0
    for _ in range(RUNS):
        if not kept:
            drawn.forget()
        with CaptureQueriesContext(connection) as ctx:
            started, started_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == expect, response.status_code
        queries = len(ctx.captured_queries)
    return statistics.median(wall), statistics.median(cpu), queries


def run() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        _setup(tmp)
        from django.test import Client
        from django.urls import reverse

        from review.selectors.changes import current_cursor

        editor, article, flag = _build()
        client = Client()
        client.force_login(editor)
        page = article.get_absolute_url()
        size = f"{SENTENCES:,} sentences / {FLAGS:,} flags / {COMMENTS:,} comments"
        rows = []
        for what, url, expect, budget in (
            (f"review page, {size}", page, 200, BUDGET_MS),
            (f"review page with a thread open, {size}", f"{page}?flag={flag.pk}", 200, BUDGET_MS),
            (
                f"review page with the facts panel open, {size} / {FACTS:,} facts",
                f"{page}?facts=1",
                200,
                BUDGET_MS,
            ),
            (
                "changes poll, nothing changed (204)",
                reverse("review:article_changes", args=[article.slug])
                + f"?since={current_cursor(article)}",
                204,
                50,
            ),
        ):
            wall, cpu, queries = _time(client, url, expect)
            kept = ""
            if expect == 200:
                _, kept_cpu, _ = _time(client, url, expect, kept=True)
                kept = f"; unchanged, from the kept rows and sentences: {kept_cpu:.0f} ms"
            rows.append(
                {
                    "what": what,
                    "ours": f"{cpu:.0f} ms CPU median ({wall:.0f} ms wall), {queries} queries"
                    + kept,
                    "budget": f"<= {budget} ms, fixed queries",
                    "ok": cpu <= budget,
                }
            )
        return rows


if __name__ == "__main__":
    for row in run():
        mark = "ok" if row["ok"] else "OVER"
        print(f"{row['what']:<80} {row['ours']:<44} {row['budget']:<26} {mark}")
