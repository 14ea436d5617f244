"""html: the facts worksheet as a checklist table after the notes (see facts_checklist)."""

from __future__ import annotations

import html

from review.exports.common import printable
from review.exports.data import ExportArticle
from review.exports.facts_checklist import COLUMNS, TICKS, TITLE, cells, summary


def _e(text: str) -> str:
    return html.escape(printable(text), quote=True)


def section(article: ExportArticle) -> str:
    """The checklist section ("" for a story with no facts on its worksheet)."""
    if not article.facts:
        return ""
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in COLUMNS)
    rows = []
    for fact in article.facts:
        row = cells(fact)
        tick = TICKS.get(fact.status, TICKS["unchecked"])
        first = f'<td class="n"><span aria-hidden="true">{tick}</span> {_e(row[0])}</td>'
        rest = "".join(f'<td dir="auto">{_e(cell)}</td>' for cell in row[1:])
        rows.append(
            f'<tr class="fact-{_e(fact.status)}" id="fact-{fact.number}">{first}{rest}</tr>'
        )
    return (
        f'<section class="facts" aria-labelledby="facts"><h2 id="facts">{_e(TITLE)}</h2>\n'
        f'<p class="meta">{_e(summary(article))}.</p>\n'
        f"<table><thead><tr>{head}</tr></thead><tbody>\n"
        + "\n".join(rows)
        + "\n</tbody></table>\n</section>"
    )
