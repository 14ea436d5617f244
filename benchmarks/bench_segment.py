"""Sentence segmentation against pySBD: speed on the same text, and the English Golden Rules.

Ours is timed as the median of 3 runs. pySBD is slow (seconds per megabyte) and its speed
falls as the text grows, so it runs once on the whole text, and once fed paragraph by
paragraph (its faster mode, the fairer peer for an app that could do the same).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

if __package__ in (None, ""):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review.text.segment import segment, split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "in-touch-scot-peterson.txt"
GOLDEN = ROOT / "tests" / "conformance" / "golden_rules_en.json"
COPIES = 500
BUDGET = 10.0  # times pySBD's sentences per second


def corpus(copies: int = COPIES) -> str:
    seed = SEED.read_text(encoding="utf-8")
    return "\n\n".join([seed] * copies)


def _ours_rate(text: str) -> tuple[float, int]:
    times, count = [], 0
    for _ in range(3):
        start = time.perf_counter()
        count = len(segment(text))
        times.append(time.perf_counter() - start)
    return count / statistics.median(times), count


def _peer_rate(segmenter, pieces: list[str]) -> float:
    start = time.perf_counter()
    count = sum(len(segmenter.segment(piece)) for piece in pieces)
    return count / (time.perf_counter() - start)


def _golden_score(split) -> str:
    cases = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]
    passed = sum([s.strip() for s in split(c["text"])] == c["sentences"] for c in cases)
    return f"{passed}/{len(cases)}"


def run() -> list[dict]:
    text = corpus()
    size = f"{len(text) / 1e6:.1f} M chars"
    ours, count = _ours_rate(text)
    try:
        import pysbd
    except ImportError:
        return [
            {
                "what": "segmentation",
                "ours": f"{ours:,.0f} sentences/s",
                "ok": None,
                "note": "pySBD is not installed; install requirements-dev.txt to compare",
            }
        ]
    seg = pysbd.Segmenter(language="en", clean=False)
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    rows = []
    for label, pieces in (("whole text", [text]), ("paragraph by paragraph", paragraphs)):
        peer = _peer_rate(seg, pieces)
        rows.append(
            {
                "what": f"segmentation, seed x{COPIES} ({size}), pySBD {label}",
                "ours": f"{ours:,.0f} sentences/s ({count:,} sentences, median of 3)",
                "peer": f"pySBD {peer:,.0f} sentences/s (1 run)",
                "ratio": f"{ours / peer:.1f}x",
                "budget": f">= {BUDGET:g}x",
                "ok": ours / peer >= BUDGET,
            }
        )
    ours_score = _golden_score(split_sentences)
    peer_score = _golden_score(seg.segment)
    rows.append(
        {
            "what": "segmentation, English Golden Rules",
            "ours": ours_score,
            "peer": f"pySBD {peer_score}",
            "ratio": "",
            "budget": "48/48",
            "ok": ours_score == "48/48",
        }
    )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
