"""Aligning a revision (review.text.align) and placing its flags (review.text.placing) on long
stories: cost follows what changed.

A story of N sentences (the seed's sentences, numbered so each is unique, as in real copy),
revised three ways: one sentence edited; a ten-sentence paragraph moved from the top to the
bottom; one sentence in twenty edited. Each is aligned, and 1,000 flags placed, at N = 2,000
and N = 8,000; medians of 5 runs. The peer is the pairing the rewrite engine uses today
(difflib.SequenceMatcher over the sentence texts, which pairs rows but finds no moves).

Budgets: a moved paragraph on 2,000 sentences is aligned and its flags placed in <= 50 ms;
four times the story costs at most 6x the time for the same change (linear, not quadratic).
"""

from __future__ import annotations

import random
import statistics
import time
from difflib import SequenceMatcher
from pathlib import Path

if __package__ in (None, ""):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review.text.align import align
from review.text.placing import FlagAt, place
from review.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "in-touch-scot-peterson.txt"
SIZES = (2000, 8000)
FLAGS = 1000
RUNS = 5
BUDGET_MS = 50.0
GROWTH = 6.0


def story(n: int) -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    base = [text[s.start : s.end] for s in segment(text)]
    return [f"{base[i % len(base)].rstrip('.')} ({i})." for i in range(n)]


def revisions(old: list[str]) -> dict[str, list[str]]:
    rng = random.Random(7)
    one = list(old)
    one[len(old) // 2] = one[len(old) // 2].replace(" the ", " a ", 1) + " Added."
    moved = old[10:] + old[:10]
    many = list(old)
    for i in range(0, len(old), 20):
        words = many[i].split()
        words[rng.randrange(len(words))] = "changed"
        many[i] = " ".join(words)
    return {"one edit": one, "moved paragraph": moved, "1 in 20 edited": many}


def flags_on(old: list[str]) -> list[FlagAt]:
    rng = random.Random(11)
    flags = []
    for key in range(FLAGS):
        i = rng.randrange(len(old))
        text = old[i]
        start = rng.randrange(max(1, len(text) - 8))
        end = min(len(text), start + 8)
        flags.append(FlagAt(key, i, start, end, text[start:end], text[max(0, start - 32) : start]))
    return flags


def _median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure() -> dict[tuple[str, int], tuple[float, float]]:
    results = {}
    for n in SIZES:
        old = story(n)
        flags = flags_on(old)
        for name, new in revisions(old).items():

            def ours(old=old, new=new, flags=flags):
                place(old, new, align(old, new), flags)

            def peer(old=old, new=new):
                SequenceMatcher(None, old, new, autojunk=False).get_opcodes()

            results[(name, n)] = (_median_ms(ours), _median_ms(peer))
    return results


def run() -> list[dict]:
    results = measure()
    rows = []
    small, large = SIZES
    for name in ("one edit", "moved paragraph", "1 in 20 edited"):
        ours_s, peer_s = results[(name, small)]
        ours_l, _ = results[(name, large)]
        growth = ours_l / ours_s if ours_s else 0.0
        ok = growth <= GROWTH and (name != "moved paragraph" or ours_s <= BUDGET_MS)
        rows.append(
            {
                "what": f"align a revision ({name}) + place {FLAGS:,} flags, {small:,} sentences",
                "ours": f"{ours_s:.1f} ms ({large:,} sentences: {ours_l:.1f} ms, {growth:.1f}x)",
                "peer": f"difflib pairing alone {peer_s:.1f} ms (no moves)",
                "ratio": f"{ours_s / peer_s:.1f}x" if peer_s else "-",
                "budget": (f"<= {BUDGET_MS:.0f} ms; " if name == "moved paragraph" else "")
                + f"4x story <= {GROWTH:.0f}x time",
                "ok": ok,
            }
        )
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
