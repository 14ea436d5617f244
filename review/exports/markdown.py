"""md: Markdown with CriticMarkup: `{==words==}{>>[N] kind · severity: note<<}` for a flag, and
`{~~old~>new~~}` for an open flag's suggestion; full notes and threads as a numbered list below,
numbered by the flags' own numbers (the [N] in the text).

User text (the story included) is escaped so that nothing in it becomes raw HTML, a live link,
emphasis, a heading or a table, and no CriticMarkup of its own: `& < > { } | ~ =` become
character references (so `{==`, `~>` or `<<}` cannot form, and Python-Markdown, which leaves
the backslash before `|`, `~` and `=` in place, shows them as themselves), the other Markdown
punctuation gets a backslash (both CommonMark and Python-Markdown drop it), and the `://` and
`www.` that autolinkers look for are broken with a reference.

The facts worksheet ends the file as a list, one fact a line (review.exports.facts_checklist).

Overlapping word flags cannot nest in CriticMarkup, so a run of them becomes one highlight over
their union followed by one comment per flag. A whole-sentence flag whose sentence holds word
flags highlights nothing: its comment follows the sentence, so the word flags keep their exact
highlights.
"""

from __future__ import annotations

import re

from review.exports import facts_checklist
from review.exports.common import (
    Piece,
    details,
    headline,
    pieces_by_paragraph,
    printable,
    reply_text,
    when,
)
from review.exports.data import (
    ARTICLE_STATUS_LABELS,
    SEVERITY_LABELS,
    STATUS_LABELS,
    ExportArticle,
    ExportFlag,
    label,
)

_ENTITIES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "{": "&#123;",
    "}": "&#125;",
    "|": "&#124;",
    "~": "&#126;",
    "=": "&#61;",
}
# Punctuation that could start markup, which both CommonMark and Python-Markdown unescape
# (Python-Markdown's list is the shorter one). "-", "+" and "." matter only at a line start.
_BACKSLASHED = set("\\`*_[]()#")
# At a line start, "1." or "1)" starts a list and "-" or "+" a list or a rule ("=" is already
# an entity, so no setext heading can form).
_LINE_START = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+]))", re.MULTILINE)
_AUTOLINK = re.compile(r"(?i)(:)(?=//)|(www)(\.)")


def escape(text: str) -> str:
    """Markdown-safe literal text: renders as exactly these characters, and nothing more."""
    text = printable(text)
    out = []
    for ch in text:
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(ch)
    text = "".join(out)
    text = _LINE_START.sub(_escape_line_start, text)
    # "http://" and "www." are what autolinkers (GFM) look for.
    return _AUTOLINK.sub(lambda m: "&#58;" if m.group(1) else m.group(2) + "&#46;", text)


def _escape_line_start(m: re.Match) -> str:
    if m.group(2):
        return m.group(1) + m.group(2) + "\\" + m.group(3)
    return m.group(1) + "\\" + m.group(4)


def inline(text: str) -> str:
    """Escaped and on one line: CriticMarkup comments should not span lines."""
    return escape(" ".join(text.split()))


def _comment(flag: ExportFlag, *, on: str = "", with_suggestion: bool) -> str:
    """`on` names the flag's own words when it shares a highlight with wider flags."""
    head = f"[{flag.number}] {flag.kind_name} · {label(SEVERITY_LABELS, flag.severity)}"
    if flag.status != "open":
        head += f" · {label(STATUS_LABELS, flag.status)}"
    if on:
        head += f" on {on}"
    text = head + (f": {flag.note}" if flag.note else "")
    if with_suggestion and flag.suggestion:
        text += f" (suggested: “{flag.suggestion}”)"
    return "{>>" + inline(text) + "<<}"


def _cluster_markup(article: ExportArticle, cluster: list[ExportFlag]) -> str:
    """One highlight (or substitution) over the cluster's words, then a comment per flag.

    Only a lone open flag's suggestion becomes a substitution: a closed flag's suggestion is
    history, and two overlapping substitutions cannot both apply; those go in the comment.
    """
    words = article.text[min(f.abs_start for f in cluster) : max(f.abs_end for f in cluster)]
    only = cluster[0] if len(cluster) == 1 else None
    substitute = only is not None and bool(only.suggestion) and only.status == "open"
    comments = "".join(
        _comment(
            f,
            on="" if article.words(f) == words else f"“{article.words(f)}”",
            with_suggestion=not substitute,
        )
        for f in cluster
    )
    if substitute:
        return "{~~" + escape(words) + "~>" + escape(only.suggestion) + "~~}" + comments
    return "{==" + escape(words) + "==}" + comments


def _comment_only(flags: dict[int, ExportFlag], pieces: list[Piece]) -> set[int]:
    """Whole-sentence flags whose sentence also holds word flags: they get a comment after
    the sentence instead of a highlight that would swallow the word flags' own."""
    word_spans = [
        (f.abs_start, f.abs_end)
        for f in (flags[i] for p in pieces for i in p.flag_ids)
        if f.start is not None
    ]
    return {
        f.id
        for f in (flags[i] for p in pieces for i in p.flag_ids)
        if f.start is None and any(f.abs_start < e and s < f.abs_end for s, e in word_spans)
    }


def _paragraph(article: ExportArticle, pieces: list[Piece], flags: dict[int, ExportFlag]) -> str:
    """Plain pieces escaped as they are; each run of overlapping flags as one cluster."""
    aside = _comment_only(flags, pieces)
    out: list[str] = []
    cluster: list[ExportFlag] = []
    cluster_end = -1

    def flush() -> None:
        nonlocal cluster, cluster_end
        if cluster:
            out.append(_cluster_markup(article, cluster))
        cluster, cluster_end = [], -1

    for piece in pieces:
        if cluster and piece.start >= cluster_end:
            flush()
        own = [fid for fid in piece.flag_ids if fid not in aside]
        if not own:
            out.append(escape(piece.text))
        for fid in own:
            flag = flags[fid]
            if flag not in cluster:
                cluster.append(flag)
                cluster_end = max(cluster_end, flag.abs_end)
        ending = [flags[fid] for fid in piece.flag_ids if fid in aside]
        ending = [f for f in ending if f.abs_end == piece.end]
        if ending:
            if cluster_end <= piece.end:
                flush()
            out += [_comment(f, on="the whole sentence", with_suggestion=True) for f in ending]
    flush()
    return "".join(out)


def _note(article: ExportArticle, flag: ExportFlag, marker: str, *, named: bool = False) -> str:
    """One item of the notes list. Details sit as deep as the marker is wide (at least four
    spaces): CommonMark nests by the marker's width ("10. " is four), Python-Markdown by four."""
    words = article.words(flag)
    indent = " " * max(4, len(marker) + 1)
    head = (f"\\[{flag.number}\\] " if named else "") + f"**{escape(headline(flag))}**"
    lines = [f"{marker} {head}" + (f" — “{inline(words)}”" if words else "")]
    lines += [f"{indent}- {escape(k)}: {inline(v)}" for k, v in details(flag, words)]
    for c in flag.comments:
        who = f"{c.author or 'Unknown'}, {when(c.created)}"
        lines.append(f"{indent}- Reply from {escape(who)}: {inline(reply_text(c.body, c.deleted))}")
    return "\n".join(lines)


def _notes(article: ExportArticle, numbered: list[tuple[int, ExportFlag]]) -> list[str]:
    """The notes as one list. Numbers 1…n in a row (every flag of the story) make an ordered
    list whose numbers are the [N] of the text in any renderer; with gaps (open flags only) no
    ordered list can skip numbers, so the items are bullets that name their number."""
    consecutive = [n for n, _ in numbered] == list(range(1, len(numbered) + 1))
    if consecutive:
        return [_note(article, flag, f"{number}.") for number, flag in numbered]
    return [_note(article, flag, "-", named=True) for _, flag in numbered]


def render(article: ExportArticle) -> bytes:
    numbered = article.numbered()
    flags = {f.id: f for f in article.flags}
    status = label(ARTICLE_STATUS_LABELS, article.status)
    scope = "open flags only" if article.open_only else "all flags, with their status"
    parts = [
        f"# {inline(article.title)}",
        "",
        f"Status: {escape(status)} · version {article.version} · exported "
        f"{escape(when(article.exported_at))} · {len(numbered)} flags ({scope})  ",
        f"Source: <{article.url}>" if _safe_url(article.url) else "",
        "",
    ]
    for _, pieces in pieces_by_paragraph(article):
        parts += [_paragraph(article, pieces, flags), ""]
    if numbered:
        parts += ["## Notes", ""]
        parts += _notes(article, numbered)
        parts.append("")
    if article.facts:  # the worksheet, in the words the HTML and DOCX checklists use
        parts += [f"## {escape(facts_checklist.TITLE)}", ""]
        parts += [f"{escape(facts_checklist.summary(article))}.", ""]
        parts += [f"- {inline(facts_checklist.line(fact))}" for fact in article.facts]
        parts.append("")
    return "\n".join(parts).encode("utf-8")


def _safe_url(url: str) -> bool:
    # The article URL is ours (settings + slug), but it goes into an autolink, so check anyway.
    return bool(re.fullmatch(r"https?://[^\s<>\"'`]+", url))
