"""docx: the facts worksheet as a checklist after the story (see facts_checklist).

Its paragraphs carry the desk's own styles, so the reporter's answers coming back in this
file never read the checklist as story text (review/imports/docx_reader.py skips them).
"""

from __future__ import annotations

from review.exports.data import ExportArticle
from review.exports.docx_story import paragraph, run
from review.exports.docx_styles import HEADING, NOTE
from review.exports.facts_checklist import TITLE, line, summary


def section(article: ExportArticle) -> list[str]:
    """The checklist's paragraphs (none for a story with no facts on its worksheet)."""
    if not article.facts:
        return []
    out = [paragraph(HEADING, run(TITLE)), paragraph(NOTE, run(summary(article) + "."))]
    out += [paragraph(NOTE, run(line(fact))) for fact in article.facts]
    return out
