"""docx: the story as a Word document, each flag a real comment on its exact words.

Open it in Word or LibreOffice and the flags are in the comments pane, anchored where they
belong, with highlights in the kind's colour (dotted underline once a flag is closed). Flags
whose sentence is gone still export, under "Detached flags" at the end.
"""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from review.exports.common import colour_of, pieces_by_paragraph, printable, when
from review.exports.data import ARTICLE_STATUS_LABELS, ExportArticle, label
from review.exports.docx_comments import add_flag_comment
from review.exports.docx_resolved import add_resolved_part
from review.exports.docx_runs import add_text_run, shade, write_pieces


def _head(document, article: ExportArticle, count: int) -> None:
    document.add_heading(printable(article.title), level=0)
    scope = "open flags only" if article.open_only else "all flags, with their status"
    meta = document.add_paragraph()
    meta.add_run(
        f"Status: {label(ARTICLE_STATUS_LABELS, article.status)} · version {article.version}"
        f" · exported {when(article.exported_at)} · {count} flags ({scope})\n{article.url}"
    ).font.size = Pt(9)
    kinds: dict[str, str] = {}
    for flag in article.flags:
        kinds.setdefault(flag.kind_name, colour_of(flag))
    if kinds:
        legend = document.add_paragraph()
        legend.add_run("Highlights: ").font.size = Pt(9)
        for name, colour in kinds.items():
            run = legend.add_run(printable(name))
            run.font.size = Pt(9)
            shade(run, colour)
            legend.add_run(" ").font.size = Pt(9)


def _properties(document, article: ExportArticle) -> None:
    props = document.core_properties
    props.title = printable(article.title)[:255]  # python-docx caps properties at 255
    props.subject = "Review export"
    props.author = "Review desk"
    props.created = article.exported_at
    props.revision = max(1, article.version)


def build(article: ExportArticle):
    """The python-docx Document (tests and the benchmark look inside it)."""
    document = Document()
    numbered = article.numbered()
    flags = {flag.id: flag for flag in article.flags}
    _properties(document, article)
    _head(document, article, len(numbered))

    runs_of = {}
    for _, pieces in pieces_by_paragraph(article):
        runs_of.update(write_pieces(document.add_paragraph(), pieces, flags))

    # Orphaned flags, and any whose words could not be placed, still export.
    detached = [flag for flag in article.flags if flag.id not in runs_of]
    if detached:
        document.add_heading("Detached flags", level=2)
        document.add_paragraph(
            "The sentences these flags were raised on are no longer in the story; each comment "
            "sits on the words as they were."
        )
        for flag in detached:
            paragraph = document.add_paragraph()
            run = add_text_run(
                paragraph, f"“{flag.quote}”" if flag.quote else "(no words recorded)"
            )
            shade(run, colour_of(flag))
            runs_of[flag.id] = [run]

    # Comments go in numbering order, so Word's comment pane lists them as the notes do.
    done = []
    for number, flag in numbered:
        runs = runs_of.get(flag.id)
        if runs:
            pid = add_flag_comment(document, (runs[0], runs[-1]), number, flag, article.words(flag))
            if pid:
                done.append(pid)
    add_resolved_part(document, done)
    return document


def render(article: ExportArticle) -> bytes:
    out = io.BytesIO()
    build(article).save(out)
    return out.getvalue()
