"""Automatic editorial checks: pure rules over an article's sentences.

Each family of rules lives in its own module; `RULES` is the registry, in the order the
review page lists them. `run_checks` takes plain data and returns plain findings, so the
rules are tested, benchmarked and reused without a database.
"""

from __future__ import annotations

from collections.abc import Container

from review.checks import claims, consistency, dangling, leftovers, names, style
from review.checks.base import (
    BLOCKER,
    MAJOR,
    MINOR,
    CheckInput,
    CheckSentence,
    Finding,
    Rule,
    input_from_text,
)
from review.checks.document import Document

__all__ = [
    "BLOCKER",
    "MAJOR",
    "MINOR",
    "RULES",
    "RULES_BY_ID",
    "CheckInput",
    "CheckSentence",
    "Finding",
    "Rule",
    "default_rule_ids",
    "input_from_text",
    "run_checks",
]

RULES: tuple[Rule, ...] = (
    names.RULES + claims.RULES + consistency.RULES + dangling.RULES + leftovers.RULES + style.RULES
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
assert len(RULES_BY_ID) == len(RULES), "rule ids must be unique"


def default_rule_ids() -> frozenset[str]:
    """The rules that run out of the box (the others are off until switched on)."""
    return frozenset(rule.id for rule in RULES if rule.default_enabled)


def run_checks(
    data: CheckInput,
    *,
    skip: Container[str] = (),
    enabled: Container[str] | None = None,
    doc: Document | None = None,
) -> list[Finding]:
    """Every finding of the rules in `enabled` (default: the rules on by default) and not
    in `skip`, in sentence order then rule order. Identical findings (same rule, sentence
    and span) are kept once. Pass `doc` to share its analyses with the facts extraction.
    """
    doc = doc if doc is not None else Document(data)
    enabled = default_rule_ids() if enabled is None else enabled
    order = {s.key: i for i, s in enumerate(data.sentences)}
    seen: set[tuple] = set()
    findings: list[Finding] = []
    for rank, rule in enumerate(RULES):
        if rule.id in skip or rule.id not in enabled:
            continue
        for finding in rule.run(doc):
            identity = (finding.rule_id, finding.key, finding.start, finding.end)
            if identity in seen:
                continue
            seen.add(identity)
            findings.append((order[finding.key], finding.start or 0, rank, finding))
    findings.sort(key=lambda item: item[:3])
    return [item[3] for item in findings]
