"""An edit with the checks following the text, on a 2,000-sentence story.

Standalone: `python benchmarks/bench_reconcile.py`. Imports the seed story repeated to about
2,000 sentences (with its automatic flags) into a throwaway SQLite database, then times, as
medians of 7 runs after one warm-up:

- a sentence edit as the app saves it: the rewrite engine, then the checks on the whole
  story matched with its flags (services.reconcile);
- the same edit without the checks (the engine alone), to show what the checks add;
- "Re-run checks" on the unchanged story;
- an uploaded revision that moves a paragraph, with its checks.

Wall time and CPU time of this process are both printed; the budget is on CPU time (the
machines are shared).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

if __package__ in (None, ""):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.django_env import ROOT, bench_user, setup_django

SEED = ROOT / "seeds" / "in-touch-scot-peterson.txt"
TARGET = 2000
RUNS = 7
BUDGET_MS = 500  # an edit, checks included, on a 2,000-sentence story


def _timed(fn) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def _measure() -> dict[str, tuple[float, float]]:
    from review.models import Flag, Sentence
    from review.services.articles import article_import
    from review.services.checks import checks_run
    from review.services.editing import sentence_edit
    from review.services.revise import article_revise

    editor = bench_user()
    seed = SEED.read_text(encoding="utf-8").strip()
    article = article_import(
        text=seed, title="probe", slug="probe", actor=editor, source_name="bench", run_checks=False
    )
    per_copy = article.sentences.count()
    copies = max(1, round(TARGET / per_copy))
    text = "\n\n".join([seed] * copies)
    article = article_import(
        text=text, title="Benchmark", slug="bench", actor=editor, source_name="bench"
    )
    sentences = article.sentences.count()
    flags = Flag.objects.filter(article=article).count()
    middle = Sentence.objects.get(article=article, position=sentences // 2)
    results: dict[str, tuple[float, float]] = {"size": (sentences, flags)}

    def edit(checks: bool, n: int):
        row = Sentence.objects.get(pk=middle.pk)
        words = row.text.rstrip(".").split()
        words[-1] = f"{words[-1]}{n}"
        sentence_edit(
            sentence=row,
            text=" ".join(words) + ".",
            expected_version=row.version,
            actor=editor,
            checks=checks,
        )

    for checks, name in ((True, "edit with checks"), (False, "edit without checks")):
        edit(checks, 0)  # warm-up
        samples = [_timed(lambda n=n, c=checks: edit(c, n + 1)) for n in range(RUNS)]
        results[name] = _median(samples)

    checks_run(article=article, actor=editor)
    results["re-run checks"] = _median(
        [_timed(lambda: checks_run(article=article, actor=editor)) for _ in range(RUNS)]
    )

    # A revision moving the first copy's first paragraph to the end, and back.
    parts = text.split("\n\n")
    moved = "\n\n".join(parts[1:] + parts[:1])
    samples = []
    for n in range(3):
        article.refresh_from_db()
        target = moved if n % 2 == 0 else "\n\n".join(parts)
        current = "".join(s.text + s.separator for s in article.sentences.order_by("position"))
        if current == target:
            continue
        samples.append(
            _timed(lambda t=target: article_revise(article=article, text=t, actor=editor))
        )
    results["revision moving a paragraph, with checks"] = _median(samples)
    return results


def run() -> list[dict]:
    setup_django()
    results = _measure()
    sentences, flags = results.pop("size")
    wall, cpu = results["edit with checks"]
    _bare_wall, bare_cpu = results["edit without checks"]
    rows = [
        {
            "what": f"an edit with its checks (reconcile), {sentences:,} sentences / {flags:,} "
            "automatic flags (`bench_reconcile`)",
            "ours": f"{cpu:.0f} ms CPU ({wall:.0f} ms wall); without the checks {bare_cpu:.0f} ms",
            "budget": f"<= {BUDGET_MS} ms",
            "ok": cpu <= BUDGET_MS,
        }
    ]
    for name in ("re-run checks", "revision moving a paragraph, with checks"):
        wall, cpu = results[name]
        rows.append(
            {"what": f"{name}, the same story", "ours": f"{cpu:.0f} ms CPU ({wall:.0f} ms wall)"}
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
