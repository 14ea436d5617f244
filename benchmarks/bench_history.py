"""The history page when a long reply was rewritten into another, and the word diff alone.

Standalone: `python benchmarks/bench_history.py`. The old diff (difflib over word and
whitespace tokens) took 26.5 s on 1,000 words against 1,000 others and 249 s on 2,000; the
peer row runs it on 300 words, the most a benchmark can wait for.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.django_env import bench_user, setup_django

RUNS = 5
WORDS = 2000
BUDGET_MS = 1000


def _old_diff(old: str, new: str) -> int:
    token = re.compile(r"\w+|\s+|[^\w\s]")
    a, b = token.findall(old), token.findall(new)
    return len(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def _median_ms(fn, runs: int = RUNS) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> list[dict]:
    setup_django()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from review.services.articles import article_import
    from review.services.comments import comment_add, comment_edit
    from review.services.flags import flag_create
    from review.text.worddiff import DiffStats, word_diff

    setup_test_environment()
    editor = bench_user()
    pages = {}
    for slug, before, after in (
        ("long-reply", "a " * WORDS, "b " * WORDS),
        ("short-reply", "a b", "a c"),
    ):
        article = article_import(
            text="One sentence here. Another one.", title=slug, slug=slug, actor=editor
        )
        flag = flag_create(sentence=article.sentences.first(), kind="other", actor=editor)
        comment = comment_edit(
            comment=comment_add(flag=flag, actor=editor, body=before), actor=editor, body=after
        )
        assert comment.body == after.strip()
        client = Client()
        client.force_login(editor)
        url = f"/articles/{slug}/history/"
        assert client.get(url).status_code == 200
        pages[slug] = _median_ms(lambda url=url, client=client: client.get(url))
    stats = DiffStats()
    word_diff("a " * WORDS, "b " * WORDS, stats=stats)
    diff_ms = _median_ms(lambda: word_diff("a " * WORDS, "b " * WORDS))
    old_ms = _median_ms(lambda: _old_diff("a " * 300, "b " * 300), runs=1)
    return [
        {
            "what": f"history page, a {WORDS:,}-word reply rewritten into another",
            "ours": f"{pages['long-reply']:.0f} ms",
            "peer": f"{pages['short-reply']:.0f} ms with a 2-word reply",
            "ratio": f"{pages['long-reply'] / pages['short-reply']:.1f}×",
            "budget": f"≤ {BUDGET_MS} ms",
            "ok": pages["long-reply"] <= BUDGET_MS,
        },
        {
            "what": f"word diff, {WORDS:,} words against {WORDS:,} others",
            "ours": f"{diff_ms:.0f} ms ({stats.work:,} steps, gave up: {stats.gave_up})",
            "peer": f"old difflib diff on 300 words: {old_ms:.0f} ms",
            "ratio": f"{old_ms / diff_ms:.0f}× on 7× fewer words",
            "budget": "bounded work",
            "ok": stats.gave_up and diff_ms < BUDGET_MS,
        },
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
