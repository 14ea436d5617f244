"""Every rule and the facts extraction do work that grows linearly with the text, on input
crafted to trip backtracking regular expressions and pairwise comparisons.

Nothing here is timed against a budget. Each rule runs on the same crafted text at two
sizes, 8× apart, in this one process; linear work grows about 8×, quadratic work 64×. The
test takes the fastest of a few runs at each size (CPU time of this process, so other
jobs on the machine do not count) and fails when the larger costs more
than 20× the smaller (a generous margin for a noisy shared machine). Runs that stay under
a few milliseconds at the larger size cannot hide quadratic work worth the name and pass.
"""

from __future__ import annotations

import time

import pytest

from review.checks import RULES, CheckInput, CheckSentence
from review.checks.document import Document
from review.checks.facts import extract_facts

SMALL, LARGE = 2_000, 16_000
RATIO = 30.0  # linear work gives 8× for 8× the text, quadratic 64×; noise stays below 30×
FLOOR = 0.004  # seconds: below this at the larger size, the work is too small to matter
REPEATS = 3


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# One long sentence of each pattern: what a pasted table, a spam line or a hostile import
# could put into a single sentence.
CRAFTED = {
    "repeated words": "some ",
    "repeated capitalised words": "Ana ",
    "names and verbs": "Ana Ortiz said ",
    "anonymous attribution": "senior officials said some ",
    "punctuation": ".,;:!?-",
    "abbreviations": "U.S. Ft. Feb. Mr. Dr. ",
    "digits": "1",
    "figures": "1,000 $3bn 12% 17 people ",
    "no spaces": "a",
    "straight quotes": '"a ',
    "curly quotes": "“a” ",
    "hyphens": "a-",
    "apostrophes": "O’",
    "doubled words": "the the ",
    "articles": "a 8 an year a Asian an FBI ",
    "repeated phrases": "he said he said ",
    "pronouns": "the her a his ",
    "clauses": ", who said ",
    "dates": "Thursday, Feb. 14, 2018, ",
    "records": "the world's largest ",
    "states": "Fresno, CA ",
    "comparatives": "more then 20 rather then the ",
    "doubled quote marks": '““a”” ""b"" ',
    "similar names": "in Tolvari in Tlovari Kessling Kessleng ",
    "datelines": "New York Wire — ",
    "counts": "about 2000 pages ",
    "quotes and attribution": "“a.” Ruiz said, “b.” he said.          ",  # 40 characters
}


def _one_sentence(text: str) -> CheckInput:
    return CheckInput((CheckSentence(0, 0, 0, text),))


def _many_sentences(text: str) -> CheckInput:
    """The same text as sentences of about 100 characters in paragraphs of ten."""
    chunks = [text[i : i + 100] for i in range(0, len(text), 100)]
    return CheckInput(tuple(CheckSentence(i, i, i // 10, chunk) for i, chunk in enumerate(chunks)))


def _seconds(work, data: CheckInput) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        start = time.process_time()  # this process's CPU time: other jobs do not count
        work(Document(data))
        best = min(best, time.process_time() - start)
    return best


def _ratio(work, build, unit: str) -> tuple[float, float]:
    _seconds(work, build(_fill(unit, SMALL)))  # warm caches (word lists, compiled patterns)
    small = _seconds(work, build(_fill(unit, SMALL)))
    large = _seconds(work, build(_fill(unit, LARGE)))
    return large / max(small, 1e-6), large


WORKS = [(rule.id, (lambda doc, rule=rule: list(rule.run(doc)))) for rule in RULES] + [
    ("facts", lambda doc: extract_facts(doc.data, doc=doc))
]


@pytest.mark.parametrize("shape", ["one sentence", "many sentences"])
@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_the_work_grows_linearly_on_crafted_input(name, shape):
    build = _one_sentence if shape == "one sentence" else _many_sentences
    slow = []
    for work_id, work in WORKS:
        ratio, large = _ratio(work, build, CRAFTED[name])
        if large > FLOOR and ratio > RATIO:
            slow.append(f"{work_id}: {ratio:.0f}× for 8× the text ({large * 1000:.0f} ms)")
    assert not slow, f"superlinear on {name!r} ({shape}): " + "; ".join(slow)


def test_the_measure_catches_quadratic_work():
    """The check itself can fail: a deliberately quadratic piece of work trips it."""

    def quadratic(doc):
        text = doc.sentences[0].text
        return sum(text.count(text[i : i + 2]) for i in range(0, len(text), 2))

    ratio, large = _ratio(quadratic, _one_sentence, "ab ")
    assert large > FLOOR and ratio > RATIO
