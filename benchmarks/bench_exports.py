"""Exports of a long story (2,000 sentences, 1,000 flags with threads) in every format.

Built as plain data in memory (no database: the selector's cost is pinned by query-count tests),
so this measures the renderers. The DOCX peer is raw python-docx doing the least the job needs:
the same paragraphs, one run per sentence, and 1,000 `add_comment` calls with one-line text.
Timings are medians of 3.
"""

from __future__ import annotations

import io
import statistics
import time
from datetime import UTC, datetime, timedelta

if __package__ in (None, ""):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from review.exports import FORMATS
from review.exports.data import (
    ExportArticle,
    ExportComment,
    ExportFlag,
    ExportParagraph,
    ExportSentence,
)

SENTENCES = 2000
FLAGS = 1000
PER_PARAGRAPH = 5
BUDGETS_S = {"docx": 5.0, "html": 1.0, "md": 1.0, "json": 1.0, "txt": 0.1}
KINDS = [
    ("name-spelling", "Name spelling", "#f4a3a3"),
    ("unverified-claim", "Unverified claim", "#ffd27f"),
    ("dangling-text", "Dangling text", "#c5b3f0"),
    ("style", "Style", "#9fd3f5"),
    ("other", "Other", "#c8e6a0"),
]
WHEN = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def long_article() -> ExportArticle:
    """2,000 sentences in paragraphs of five; 1,000 flags, every fourth one overlapping another,
    a fifth of them closed, each with two replies."""
    paragraphs, offset = [], 0
    sentences: list[ExportSentence] = []
    for p in range(SENTENCES // PER_PARAGRAPH):
        row = []
        for k in range(PER_PARAGRAPH):
            position = p * PER_PARAGRAPH + k
            text = (
                f"Sheriff Scott Israel said on Thursday that deputy Scot Peterson, {position}, "
                f"reportedly waited outside Building {position % 40} for about six minutes."
            )
            separator = " " if k < PER_PARAGRAPH - 1 else "\n\n"
            row.append(ExportSentence(position, p, text, separator, offset))
            offset += len(text) + len(separator)
        paragraphs.append(ExportParagraph(p, tuple(row)))
        sentences.extend(row)
    flags = []
    for n in range(FLAGS):
        sentence = sentences[(n * 2) % SENTENCES]
        word = ("Scot Peterson", "Scott Israel", "reportedly", "Thursday")[n % 4]
        if n % 4 == 3:
            start, end = 0, len(sentence.text)  # whole sentence: overlaps the other flags there
        else:
            start = sentence.text.index(word)
            end = start + len(word)
        slug, name, colour = KINDS[n % len(KINDS)]
        flags.append(
            ExportFlag(
                id=n + 1,
                number=n + 1,
                url=f"http://desk.test/articles/long/#f-{n + 1}",
                sentence_position=sentence.position,
                start=start,
                end=end,
                abs_start=sentence.offset + start,
                abs_end=sentence.offset + end,
                quote=sentence.text[start:end],
                kind_slug=slug,
                kind_name=name,
                kind_colour=colour,
                severity=("major", "minor", "blocker")[n % 3],
                status="resolved" if n % 5 == 0 else "open",
                note=f"Flag {n}: check this against the court record and the sheriff's office.",
                suggestion="Scott Peterson" if n % 4 == 0 else "",
                creator="editor",
                created=WHEN,
                modified=WHEN + timedelta(minutes=n),
                comments=(
                    ExportComment("copyed", "Court record says Scot, one t.", WHEN),
                    ExportComment("editor", "Keep it, then.", WHEN + timedelta(minutes=1)),
                ),
            )
        )
    return ExportArticle(
        title="A long story",
        slug="long",
        status="in_review",
        url="http://desk.test/articles/long/",
        exported_at=WHEN,
        version=1,
        paragraphs=tuple(paragraphs),
        flags=tuple(flags),
    )


def raw_python_docx(article: ExportArticle) -> bytes:
    """The peer: same paragraphs, a run per sentence, a one-line comment per flag."""
    from docx import Document

    document = Document()
    runs = {}
    for paragraph in article.paragraphs:
        p = document.add_paragraph()
        for sentence in paragraph.sentences:
            runs[sentence.position] = p.add_run(sentence.text + " ")
    for flag in article.flags:
        run = runs[flag.sentence_position]
        document.add_comment(run, text=flag.note, author=flag.creator, initials="E")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def median_time(fn, *args) -> tuple[float, object]:
    times, result = [], None
    for _ in range(3):
        start = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run() -> list[dict]:
    article = long_article()
    size = f"{SENTENCES:,} sentences / {FLAGS:,} flags"
    rows = []
    peer_s, _ = median_time(raw_python_docx, article)
    for name, fmt in FORMATS.items():
        seconds, data = median_time(fmt.render, article)
        budget = BUDGETS_S[name]
        row = {
            "what": f"{name.upper()} export, {size}",
            "ours": f"{seconds:.2f} s ({len(data) / 1e6:.1f} MB)",
            "peer": "",
            "ratio": f"{seconds / budget:.2f} of budget",
            "budget": f"<= {budget:g} s",
            "ok": seconds <= budget,
        }
        if name == "docx":
            row["peer"] = f"raw python-docx add_comment x{FLAGS:,}: {peer_s:.2f} s"
            row["ratio"] = f"{seconds / peer_s:.1f}x"
        rows.append(row)
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
