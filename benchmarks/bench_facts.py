"""The facts worksheet's writes on a ~1 MB story: the first sync (every fact and its history
row) and a re-run that changes nothing, against the checks' 5 s budget.

The extraction itself is in bench_checks (CPU time, beside proselint); this is what a checks
run adds in the database: the worksheet rows.
"""

from __future__ import annotations

import statistics
import time

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.django_env import setup_django

BUDGET_S = 5.0


def run() -> list[dict]:
    setup_django()
    from benchmarks.bench_import import manuscript
    from benchmarks.django_env import bench_user
    from review.checks.document import Document
    from review.models import StoryFact
    from review.services.articles import article_import
    from review.services.checks import check_input_for
    from review.services.facts import facts_sync

    text = manuscript()
    user = bench_user()
    first, again, count = [], [], 0
    for n in range(3):
        article = article_import(
            text=text, title=f"Facts {n}", slug=f"facts-{n}", actor=user, run_checks=False
        )
        data = check_input_for(article)
        doc = Document(data)
        start = time.perf_counter()
        facts_sync(article=article, actor=user, data=data, doc=doc)
        first.append(time.perf_counter() - start)
        start = time.perf_counter()
        facts_sync(article=article, actor=user, data=data, doc=doc)
        again.append(time.perf_counter() - start)
        count = StoryFact.objects.filter(article=article).count()
        assert StoryFact.history.filter(article_id=article.pk).count() == count
    median_first, median_again = statistics.median(first), statistics.median(again)
    return [
        {
            "what": f"facts worksheet on {len(text.encode()) / 1e6:.2f} MB ({count:,} facts + "
            "history), first sync / re-run",
            "ours": f"{median_first:.2f} s / {median_again:.2f} s, medians of 3",
            "peer": "",
            "ratio": f"{median_first / BUDGET_S:.2f} of budget",
            "budget": f"<= {BUDGET_S:.0f} s",
            "ok": median_first <= BUDGET_S,
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
