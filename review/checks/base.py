"""The engine's plain data: what a rule reads (CheckInput) and what it returns (Finding).

Nothing here knows about Django. A rule is a function over a `Document` (the input plus
analyses shared by the rules, built once per article) that yields findings.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review.checks.document import Document

BLOCKER, MAJOR, MINOR = "blocker", "major", "minor"


@dataclass(frozen=True, slots=True)
class CheckSentence:
    """One sentence of the article: `key` is the caller's handle (a primary key in the app)."""

    key: Hashable
    position: int
    paragraph: int
    text: str


@dataclass(frozen=True, slots=True)
class CheckInput:
    """The story's sentences, the names registry, and the names of the desk's own outlet
    ("Riverside Herald"): an interview given to it is first-hand, not another outlet's."""

    sentences: tuple[CheckSentence, ...]
    registry: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem on a sentence; start/end None means the whole sentence."""

    key: Hashable
    start: int | None
    end: int | None
    quote: str
    kind: str
    severity: str
    rule_id: str
    message: str
    suggestion: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    """An automatic check. `flags` and `passes` are example texts (see `input_from_text`):
    the rule must raise something on each `flags` example (on the words in [[double
    brackets]] when marked) and nothing on each `passes` example. They are its tests.

    `default_enabled` is the rule's level out of the box: a rule that did not reach the
    precision target on real copy is off until the desk chief switches it on, and `why`
    says what was measured (the admin shows it beside the switch)."""

    id: str
    kind: str
    severity: str
    description: str
    check: Callable[[Document], Iterable[Finding]] = field(repr=False)
    flags: tuple[str, ...] = ()
    passes: tuple[str, ...] = ()
    default_enabled: bool = True
    why: str = ""

    def run(self, doc: Document) -> Iterator[Finding]:
        yield from self.check(doc)

    def at(
        self,
        sentence: CheckSentence,
        start: int | None,
        end: int | None,
        message: str,
        suggestion: str = "",
        severity: str | None = None,
    ) -> Finding:
        """A finding of this rule on `sentence[start:end]` (the whole sentence if None)."""
        quote = sentence.text if start is None or end is None else sentence.text[start:end]
        return Finding(
            key=sentence.key,
            start=start,
            end=end,
            quote=quote,
            kind=self.kind,
            severity=severity or self.severity,
            rule_id=self.id,
            message=message,
            suggestion=suggestion,
        )


_MARK = re.compile(r"\[\[(.+?)\]\]")


def input_from_text(text: str, registry: Iterable[str] = ()) -> tuple[CheckInput, list[str]]:
    """Build a CheckInput from example text: one sentence per line, paragraphs split by a
    blank line. Words in [[double brackets]] are returned as expected quotes (brackets
    removed from the text). A first line "Registry: Name; Name" fills the names registry,
    one "Outlet: Name" names the desk's own outlet."""
    sentences: list[CheckSentence] = []
    marked: list[str] = []
    registry = list(registry)
    outlets: list[str] = []
    while text.startswith(("Registry:", "Outlet:")):
        head, _, text = text.partition("\n")
        label, _, names = head.partition(":")
        target = registry if label == "Registry" else outlets
        target += [n.strip() for n in names.split(";") if n.strip()]
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    for paragraph, block in enumerate(paragraphs):
        for line in block.split("\n"):
            if not line.strip():
                continue
            marked.extend(_MARK.findall(line))
            clean = _MARK.sub(r"\1", line.strip())
            sentences.append(CheckSentence(len(sentences), len(sentences), paragraph, clean))
    return CheckInput(tuple(sentences), tuple(registry), tuple(outlets)), marked
