"""md: Markdown with CriticMarkup: `{==words==}{>>kind · severity: note<<}` for a flag, and
`{~~old~>new~~}` for an open flag's suggestion; full notes and threads as a numbered list below.

User text (the story included) is escaped so that nothing in it becomes raw HTML, a live link,
emphasis, a heading or a table, and no CriticMarkup of its own: `& < > { }` become character
references (so `{==`, `~>` or `<<}` cannot form), the other Markdown punctuation gets a
backslash, and the `://` and `www.` that autolinkers look for are broken with a reference.

Overlapping flags cannot nest in CriticMarkup, so a run of overlapping flags becomes one
highlight over their union followed by one comment per flag.
"""

from __future__ import annotations

import re

from review.exports.common import (
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

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"}
_BACKSLASHED = set("\\`*_[]()#|~")
# At a line start, "1." or "1)" starts a list and "-", "+", "=" a list, a rule or a heading.
_LINE_START = re.compile(r"^(\s*)(?:(\d+)([.)])|([-+=]))", re.MULTILINE)
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


def _comment(number: int, flag: ExportFlag, *, on: str = "", with_suggestion: bool) -> str:
    """`on` names the flag's own words when it shares a highlight with wider flags."""
    head = f"[{number}] {flag.kind_name} · {label(SEVERITY_LABELS, flag.severity)}"
    if flag.status != "open":
        head += f" · {label(STATUS_LABELS, flag.status)}"
    if on:
        head += f" on “{on}”"
    text = head + (f": {flag.note}" if flag.note else "")
    if with_suggestion and flag.suggestion:
        text += f" (suggested: “{flag.suggestion}”)"
    return "{>>" + inline(text) + "<<}"


def _cluster_markup(
    article: ExportArticle, cluster: list[ExportFlag], numbers: dict[int, int]
) -> str:
    """One highlight (or substitution) over the cluster's words, then a comment per flag.

    Only a lone open flag's suggestion becomes a substitution: a closed flag's suggestion is
    history, and two overlapping substitutions cannot both apply; those go in the comment.
    """
    words = article.text[min(f.abs_start for f in cluster) : max(f.abs_end for f in cluster)]
    only = cluster[0] if len(cluster) == 1 else None
    substitute = only is not None and bool(only.suggestion) and only.status == "open"
    comments = "".join(
        _comment(
            numbers[f.id],
            f,
            on="" if article.words(f) == words else article.words(f),
            with_suggestion=not substitute,
        )
        for f in cluster
    )
    if substitute:
        return "{~~" + escape(words) + "~>" + escape(only.suggestion) + "~~}" + comments
    return "{==" + escape(words) + "==}" + comments


def _paragraph(article: ExportArticle, pieces, flags: dict[int, ExportFlag], numbers) -> str:
    """Plain pieces escaped as they are; each run of overlapping flags as one cluster."""
    out: list[str] = []
    cluster: list[ExportFlag] = []
    cluster_end = -1
    for piece in pieces:
        if cluster and piece.start >= cluster_end:
            out.append(_cluster_markup(article, cluster, numbers))
            cluster, cluster_end = [], -1
        if not piece.flag_ids:
            out.append(escape(piece.text))
            continue
        for fid in piece.flag_ids:
            flag = flags[fid]
            if flag not in cluster:
                cluster.append(flag)
                cluster_end = max(cluster_end, flag.abs_end)
    if cluster:
        out.append(_cluster_markup(article, cluster, numbers))
    return "".join(out)


def _note(article: ExportArticle, number: int, flag: ExportFlag) -> str:
    words = article.words(flag)
    lines = [f"{number}. **{escape(headline(flag))}**" + (f" — “{inline(words)}”" if words else "")]
    # A numbered list with the details as a nested list (three spaces: under "1. ").
    lines += [f"   - {escape(k)}: {inline(v)}" for k, v in details(flag, words)]
    for c in flag.comments:
        who = f"{c.author or 'Unknown'}, {when(c.created)}"
        lines.append(f"   - Reply from {escape(who)}: {inline(reply_text(c.body, c.deleted))}")
    return "\n".join(lines)


def render(article: ExportArticle) -> bytes:
    numbered = article.numbered()
    numbers = {flag.id: n for n, flag in numbered}
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
        parts += [_paragraph(article, pieces, flags, numbers), ""]
    if numbered:
        parts += ["## Notes", ""]
        parts += [_note(article, n, f) for n, f in numbered]
        parts.append("")
    return "\n".join(parts).encode("utf-8")


def _safe_url(url: str) -> bool:
    # The article URL is ours (settings + slug), but it goes into an autolink, so check anyway.
    return bool(re.fullmatch(r"https?://[^\s<>\"'`]+", url))
