"""Import of a ~1 MB manuscript (sentences and their history rows) against the 5 s budget."""

from __future__ import annotations

import statistics
import time

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.django_env import ROOT, setup_django

BUDGET_S = 5.0


def manuscript(target_bytes: int = 1_000_000) -> str:
    seed = (ROOT / "seeds" / "in-touch-scot-peterson.txt").read_text(encoding="utf-8")
    copies = target_bytes // len(seed.encode()) + 1
    return "\n\n".join([seed] * copies)


def run() -> list[dict]:
    setup_django()
    from benchmarks.django_env import bench_user
    from review.models import Sentence
    from review.services.articles import article_import

    text = manuscript()
    user = bench_user()
    times, count = [], 0
    for n in range(3):
        start = time.perf_counter()
        article = article_import(
            text=text, title=f"Bench {n}", slug=f"bench-{n}", actor=user, run_checks=False
        )
        times.append(time.perf_counter() - start)
        count = article.sentences.count()
        assert Sentence.history.filter(article_id=article.pk).count() == count
    median = statistics.median(times)
    return [
        {
            "what": f"import {len(text.encode()) / 1e6:.2f} MB ({count:,} sentences + history)",
            "ours": f"{median:.2f} s median of 3",
            "peer": "",
            "ratio": f"{median / BUDGET_S:.2f} of budget",
            "budget": f"<= {BUDGET_S:.0f} s",
            "ok": median <= BUDGET_S,
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
