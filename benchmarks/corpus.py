"""Reading a directory of real stories for measuring the checks (never for tests).

A story file is a headline on the first line, a blank line, then the body. The stories are
split by a fixed seed into a tuning part (rules may be adjusted while looking at it) and a
held-out part that is only ever measured and judged, so precision on it estimates how the
rules do on copy nobody has looked at.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from review.checks import CheckInput, CheckSentence
from review.text.segment import segment

SPLIT_SEED = 20261203
HELD_OUT_SHARE = 0.4


@dataclass(frozen=True, slots=True)
class Story:
    name: str
    headline: str
    body: str

    @property
    def words(self) -> int:
        return len(self.body.split())


def read_story(path: Path) -> Story:
    text = path.read_text(encoding="utf-8")
    headline, _, body = text.partition("\n")
    return Story(path.stem, headline.strip(), body.strip("\n") + "\n")


def load(directory: Path) -> list[Story]:
    """Every story file in `directory` (not the README or manifest), by name."""
    paths = sorted(p for p in directory.glob("*.txt") if p.name.lower() != "readme.txt")
    if not paths:
        raise SystemExit(f"No story files (*.txt) in {directory}: give the corpus directory.")
    return [read_story(p) for p in paths]


def split(stories: list[Story]) -> tuple[list[Story], list[Story]]:
    """(tuning, held_out): a fixed random split by story name."""
    names = sorted(s.name for s in stories)
    random.Random(SPLIT_SEED).shuffle(names)
    held = set(names[: round(len(names) * HELD_OUT_SHARE)])
    return [s for s in stories if s.name not in held], [s for s in stories if s.name in held]


def part(stories: list[Story], which: str) -> list[Story]:
    if which == "all":
        return stories
    tuning, held_out = split(stories)
    return {"tuning": tuning, "heldout": held_out}[which]


def check_input(body: str, registry: tuple[str, ...] = ()) -> CheckInput:
    """The body cut into sentences as the import does."""
    return CheckInput(
        tuple(
            CheckSentence(i, i, span.paragraph, body[span.start : span.end])
            for i, span in enumerate(segment(body))
        ),
        registry,
    )
