"""All automatic checks on ~1 MB of copy, beside proselint on the same text.

The seed article repeated 450 times (~1 MB), cut into sentences by the app's segmenter
(not timed), then every rule run over it: median of 3 runs. proselint 0.16 (a generic prose
linter) runs once on the same text through its Python API. Findings are reported per
1,000 words for both, to show what each tool says about newsroom copy.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

if __package__ in (None, ""):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review.checks import CheckInput, CheckSentence, run_checks
from review.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "in-touch-scot-peterson.txt"
COPIES = 450
BUDGET = 5.0  # seconds for ~1 MB


def corpus(copies: int = COPIES) -> str:
    seed = SEED.read_text(encoding="utf-8").strip()
    return "\n\n".join([seed] * copies)


def check_input(text: str) -> CheckInput:
    sentences = tuple(
        CheckSentence(key=i, position=i, paragraph=span.paragraph, text=text[span.start : span.end])
        for i, span in enumerate(segment(text))
    )
    return CheckInput(sentences=sentences, registry=("Ana Ortiz", "Priya Raman"))


def _ours(data: CheckInput) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(3):
        start = time.perf_counter()
        count = len(run_checks(data))
        times.append(time.perf_counter() - start)
    return statistics.median(times), count


def _proselint(text: str) -> tuple[float, int]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = {**DEFAULT, "max_errors": 10**9}
    start = time.perf_counter()
    count = len(LintFile("bench", text).lint(config))
    return time.perf_counter() - start, count


def run() -> list[dict]:
    text = corpus()
    words = len(text.split())
    data = check_input(text)
    seconds, findings = _ours(data)
    try:
        peer_seconds, peer_findings = _proselint(text)
        peer = f"proselint {peer_seconds:.1f} s"
        ratio = f"{peer_seconds / seconds:.1f}× faster"
        peer_rate = f"{1000 * peer_findings / words:.2f}"
    except ImportError:  # proselint is a dev dependency
        peer, ratio, peer_rate = "proselint not installed", "", "?"
    return [
        {
            "what": f"all checks, seed x{COPIES} (~{len(text.encode()) / 1e6:.1f} MB)",
            "ours": f"{seconds:.2f} s",
            "peer": peer,
            "ratio": ratio,
            "budget": f"<= {BUDGET:g} s",
            "ok": seconds <= BUDGET,
            "note": (
                f"{len(data.sentences):,} sentences; {1000 * findings / words:.1f} findings "
                f"per 1,000 words (proselint: {peer_rate})"
            ),
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
