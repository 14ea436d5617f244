"""docx, part one: the story's paragraphs as runs cut at flag boundaries, coloured by kind.

python-docx anchors a comment on whole runs, so each `Piece` (a stretch covered by one set of
flags) becomes its own run; a flag's comment then spans exactly the runs of its words, and two
overlapping flags share the runs they have in common. Only python-docx is imported here.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from review.exports.common import Piece, colour_of, printable
from review.exports.data import ExportFlag


def shade(run: Run, colour: str) -> None:
    """Background colour on a run (character shading takes any colour; highlight only 16)."""
    shd = OxmlElement(
        "w:shd", attrs={qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): colour[1:]}
    )
    run._r.get_or_add_rPr().append(shd)


def underline(run: Run, style: str, colour: str) -> None:
    """A coloured underline: dotted marks closed flags, double marks overlapping ones."""
    u = OxmlElement("w:u", attrs={qn("w:val"): style, qn("w:color"): colour[1:]})
    rpr = run._r.get_or_add_rPr()
    # CT_RPr wants <w:u> before <w:shd>; insert it first so Word accepts the file.
    shd = rpr.find(qn("w:shd"))
    if shd is not None:
        shd.addprevious(u)
    else:
        rpr.append(u)


def add_text_run(paragraph: Paragraph, text: str) -> Run:
    # python-docx turns "\n" into a line break and "\t" into a tab, which is what we want for
    # line breaks inside a paragraph; characters XML cannot carry are dropped.
    return paragraph.add_run(printable(text))


def _is_whole(flag: ExportFlag) -> bool:
    return flag.start is None


def write_pieces(
    paragraph: Paragraph, pieces: list[Piece], flags: dict[int, ExportFlag]
) -> dict[int, list[Run]]:
    """Write `pieces` as runs; return each flag's runs in order (first and last anchor it)."""
    runs_of: dict[int, list[Run]] = {}
    for piece in pieces:
        run = add_text_run(paragraph, piece.text)
        if not piece.flag_ids:
            continue
        covering = [flags[fid] for fid in piece.flag_ids]
        colour = colour_of(covering[0])
        # Word-level flags come first: their colour is the one painted on the words.
        open_flags = sorted((f for f in covering if f.status == "open"), key=_is_whole)
        if not open_flags:
            underline(run, "dotted", colour)
        elif all(_is_whole(f) for f in open_flags):
            # Only whole-sentence flags here: underline, so exactly flagged words stand out.
            underline(run, "double" if len(covering) > 1 else "thick", colour_of(open_flags[0]))
        else:
            if len(covering) > 1:
                underline(run, "double", "#000000")
            shade(run, colour_of(open_flags[0]))
        for flag in covering:
            runs_of.setdefault(flag.id, []).append(run)
    return runs_of
