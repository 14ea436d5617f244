"""The facts worksheet as a checklist: the rows every format prints (HTML, DOCX, CSV).

Pure: takes an ExportArticle's `facts` and returns plain strings, so the three formats say the
same thing in the same order with the same words.
"""

from __future__ import annotations

from review.checks.facts import KIND_LABELS
from review.exports.common import when
from review.exports.data import ExportArticle, ExportFact, label

FACT_STATUS_LABELS = {"unchecked": "Unchecked", "verified": "Verified", "wrong": "Wrong"}
TICKS = {"unchecked": "☐", "verified": "☑", "wrong": "☒"}
COLUMNS = (
    "Number",
    "Kind",
    "Words",
    "Paragraph",
    "Status",
    "Source",
    "Checked by",
    "Checked at",
    "Flag",
    "Note",
)
TITLE = "Facts to verify"


def progress_line(*, checked: int, total: int, wrong: int) -> str:
    """ "Facts: 3 of 41 checked, 1 wrong": the review page's progress line says it so too."""
    return f"Facts: {checked} of {total} checked, {wrong} wrong"


def summary(article: ExportArticle) -> str:
    present = [f for f in article.facts if not f.gone]
    return progress_line(
        checked=sum(f.status != "unchecked" for f in present),
        total=len(present),
        wrong=sum(f.status == "wrong" for f in present),
    )


def status_text(fact: ExportFact) -> str:
    text = label(FACT_STATUS_LABELS, fact.status)
    return f"{text} (words gone)" if fact.gone else text


def kind_text(fact: ExportFact) -> str:
    return KIND_LABELS.get(fact.kind, fact.kind.capitalize())


def cells(fact: ExportFact) -> tuple[str, ...]:
    """One row, in COLUMNS order, as text."""
    return (
        str(fact.number),
        kind_text(fact),
        fact.words,
        "" if fact.paragraph is None else str(fact.paragraph),
        status_text(fact),
        fact.source,
        fact.checked_by,
        when(fact.checked_at),
        "" if fact.flag_number is None else f"#{fact.flag_number}",
        fact.note,
    )


def line(fact: ExportFact) -> str:
    """One fact as a line of a printed checklist: "☑ 3. Count: 17 people (¶1) — Verified by
    ann on 2026-12-02 14:05 · source: police statement"."""
    where = f" (¶{fact.paragraph})" if fact.paragraph is not None else ""
    out = f"{TICKS.get(fact.status, '☐')} {fact.number}. {fact.label}{where} — {status_text(fact)}"
    if fact.checked_by:
        out += f" by {fact.checked_by}"
    if fact.checked_at:
        out += f" on {when(fact.checked_at)}"
    if fact.source:
        out += f" · source: {fact.source}"
    if fact.flag_number is not None:
        out += f" · flag #{fact.flag_number}"
    if fact.note:
        out += f" · {fact.note}"
    return out
