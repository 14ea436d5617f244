"""All automatic checks and the facts extraction on ~1 MB of copy, beside proselint.

The seed article repeated 450 times (~1 MB), cut into sentences by the app's segmenter
(not timed), then every rule (those off by default too) and the facts worksheet run over
it, sharing one analysis of the story: median of 3 runs. proselint 0.16 (a generic prose
linter) runs once on the same text through its Python API. Both are timed in CPU time of
this process (the machines are shared: wall time measures the neighbours too). Findings
are reported per 1,000 words for both, to show what each tool says about newsroom copy.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

if __package__ in (None, ""):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review.checks import RULES, CheckInput, CheckSentence, run_checks
from review.checks.document import Document
from review.checks.facts import extract_facts
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


def _ours(data: CheckInput) -> tuple[float, int, int]:
    times, count, facts = [], 0, 0
    every_rule = {rule.id for rule in RULES}
    for _ in range(3):
        start = time.process_time()
        doc = Document(data)
        count = len(run_checks(data, enabled=every_rule, doc=doc))
        facts = len(extract_facts(data, doc=doc))
        times.append(time.process_time() - start)
    return statistics.median(times), count, facts


def _proselint(text: str) -> tuple[float, int]:
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    CheckRegistry().register_many(__register__)
    config = {**DEFAULT, "max_errors": 10**9}
    start = time.process_time()
    count = len(LintFile("bench", text).lint(config))
    return time.process_time() - start, count


def run() -> list[dict]:
    text = corpus()
    words = len(text.split())
    data = check_input(text)
    seconds, findings, facts = _ours(data)
    peer_seconds = None
    try:
        peer_seconds, peer_findings = _proselint(text)
        peer = f"proselint {peer_seconds:.1f} s"
        ratio = f"{peer_seconds / seconds:.1f}× faster"
        peer_rate = f"{1000 * peer_findings / words:.2f}"
    except ImportError:  # proselint is a dev dependency
        peer, ratio, peer_rate = "proselint not installed", "", "?"
    return [
        {
            "what": f"all checks + facts, seed x{COPIES} (~{len(text.encode()) / 1e6:.1f} MB)",
            "ours": f"{seconds:.2f} s",
            "peer": peer,
            "ratio": ratio,
            "budget": f"<= {BUDGET:g} s",
            "ok": seconds <= BUDGET and (peer_seconds is None or seconds <= peer_seconds),
            "note": (
                f"{len(data.sentences):,} sentences; {1000 * findings / words:.1f} findings "
                f"and {1000 * facts / words:.1f} facts per 1,000 words (proselint: "
                f"{peer_rate} findings)"
            ),
        }
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
