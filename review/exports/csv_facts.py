"""csv: the story's facts worksheet, one fact a row (COLUMNS in facts_checklist), for a
spreadsheet.

UTF-8 with a byte-order mark (Excel reads the file as UTF-8 only with one; LibreOffice and
Python's csv ignore it) and CRLF line ends, as RFC 4180 has them.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return, which some
strip first) as a formula: the story's own words and anything a checker typed as a source
("=HYPERLINK(…)", "@SUM(…)") would run on the desk chief's machine. Such cells get a leading
apostrophe, which spreadsheets show as text and hide; a reader sees the words as they are.
"""

from __future__ import annotations

import csv
import io

from review.exports.common import printable
from review.exports.data import ExportArticle
from review.exports.facts_checklist import COLUMNS, cells

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """The cell as text a spreadsheet will not evaluate (see the module's doc)."""
    text = printable(text)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def render(article: ExportArticle) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for fact in article.facts:
        writer.writerow([safe_cell(cell) for cell in cells(fact)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
