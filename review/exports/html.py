"""html: one standalone, printable page: the story with numbered highlights, notes beside it.

Inline CSS only, no scripts, nothing fetched (a Content-Security-Policy meta tag says so to the
browser too). Every string that came from a user goes through `_e`; kind colours are checked to
be #rrggbb before they reach the style sheet.
"""

from __future__ import annotations

import html

from review.exports import html_facts
from review.exports.common import (
    Isolate,
    Piece,
    colour_of,
    detail_parts,
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

STATUSES = ("open", "resolved", "dismissed")

CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; }
* { box-sizing: border-box; }
body { font: 16px/1.6 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto;
  max-width: 72rem; padding: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font: 600 1rem/1.4 system-ui, sans-serif; margin: 1.5rem 0 .5rem; }
.meta, table, .notes, .legend { font: 14px/1.5 system-ui, sans-serif; }
.meta { color: var(--muted); margin: .2rem 0; }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem; }
.story p { margin: 0 0 1em; overflow-wrap: anywhere; white-space: pre-wrap; }
mark { color: inherit; padding: 0 .05em; border-radius: 2px; }
mark.multi { box-shadow: inset 0 -2px 0 var(--ink); }
mark.whole { background: none !important; border-bottom: 3px solid; padding: 0; }
mark.closed { background: none !important; border-bottom-style: dotted; border-bottom-width: 3px; }
sup.ref { font: 600 .7em system-ui, sans-serif; }
sup.ref a { color: var(--ink); text-decoration: none; }
table { border-collapse: collapse; margin: .5rem 0 1rem; }
th, td { border: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px;
  vertical-align: -.05em; margin-right: .3em; border: 1px solid rgba(0, 0, 0, .2); }
.notes ol.flags { padding-left: 1.6rem; margin: 0; }
.notes li.note { margin: 0 0 1rem; padding-left: .4rem; border-left: 4px solid var(--rule);
  break-inside: avoid; overflow-wrap: anywhere; }
.notes .words { font-family: Georgia, serif; margin: .2rem 0; }
.notes dl { margin: .2rem 0; }
.notes dt { font-weight: 600; display: inline; }
.notes dt::after { content: ": "; }
.notes dd { display: inline; margin: 0; white-space: pre-wrap; }
.notes dd::after { content: ""; display: block; }
.notes ol.thread { list-style: none; padding-left: .8rem; margin: .3rem 0 0;
  border-left: 2px solid var(--rule); }
.notes ol.thread p { margin: 0 0 .3rem; white-space: pre-wrap; }
.notes .who { font-weight: 600; }
.notes .deleted { color: var(--muted); font-style: italic; }
.status-resolved .head, .status-dismissed .head { color: var(--muted); }
@media (max-width: 50rem) { .layout { display: block; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .layout { display: block; }
  a { color: inherit; text-decoration: none; }
  mark, .swatch { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; }
  .notes { break-before: page; }
}
"""


def _e(text: str) -> str:
    """Escape user text for HTML (attributes too), dropping characters HTML may not carry."""
    return html.escape(printable(text), quote=True)


def _kind_classes(article: ExportArticle) -> dict[str, str]:
    """Kind slug → a class name of our own; slugs never reach the markup as class names."""
    classes: dict[str, str] = {}
    for _, flag in article.numbered():
        classes.setdefault(flag.kind_slug, f"k{len(classes)}")
    return classes


def _style(article: ExportArticle, classes: dict[str, str]) -> str:
    rules = []
    colours = {f.kind_slug: colour_of(f) for f in article.flags}
    for slug, cls in classes.items():
        colour = colours[slug]
        rules.append(
            f"mark.{cls}, .swatch.{cls} {{ background: {colour}; border-color: {colour}; }}"
        )
        rules.append(f".notes li.{cls} {{ border-left-color: {colour}; }}")
    return CSS + "\n".join(rules)


def _refs(numbers: list[int]) -> str:
    """The note numbers of flags ending at one point: one superscript, separated ("3,4", not
    "34"), isolated so right-to-left words beside them cannot reorder them."""
    links = ",".join(f'<a href="#note-{n}" id="ref-{n}">{n}</a>' for n in numbers)
    return f'<sup class="ref"><bdi>{links}</bdi></sup>'


def _piece(
    piece: Piece, flags: dict[int, ExportFlag], numbers: dict[int, int], classes: dict[str, str]
) -> str:
    text = _e(piece.text)
    if not piece.flag_ids:
        return text
    covering = [flags[fid] for fid in piece.flag_ids]
    # Word-level flags give the fill; whole-sentence flags alone only underline, so the exact
    # words an editor named stand out on the printed page as on the review page.
    first = min(covering, key=lambda f: f.start is None)
    css = [classes[first.kind_slug]]
    if all(f.start is None for f in covering):
        css.append("whole")
    if len(covering) > 1:
        css.append("multi")
    if all(f.status != "open" for f in covering):
        css.append("closed")
    title = "; ".join(f"{numbers[f.id]}. {headline(f)}" for f in covering)
    out = f'<mark class="{" ".join(css)}" title="{_e(title)}">{text}</mark>'
    ending = sorted(numbers[f.id] for f in covering if f.abs_end == piece.end)
    return out + (_refs(ending) if ending else "")


def _story(article: ExportArticle, numbers: dict[int, int], classes: dict[str, str]) -> str:
    flags = {f.id: f for f in article.flags}
    out = []
    for _, pieces in pieces_by_paragraph(article):
        body = "".join(_piece(p, flags, numbers, classes) for p in pieces)
        out.append(f'<p dir="auto">{body}</p>')
    return "\n".join(out)


def _parts(parts: tuple[str, ...]) -> str:
    """A detail line: names and dates (`Isolate` parts) each in a <bdi>."""
    return "".join(f"<bdi>{_e(p)}</bdi>" if isinstance(p, Isolate) else _e(p) for p in parts)


def _note(article: ExportArticle, number: int, flag: ExportFlag, classes: dict[str, str]) -> str:
    words = article.words(flag)
    status = flag.status if flag.status in STATUSES else "other"
    back = f' <a href="#ref-{number}" aria-label="back to the text">↩</a>' if words else ""
    parts = [
        f'<li class="note {classes[flag.kind_slug]} status-{status}" id="note-{number}"'
        f' value="{number}">',
        f'<div class="head"><span class="swatch {classes[flag.kind_slug]}"></span>'
        f"<strong>{_e(flag.kind_name)}</strong> · {_e(label(SEVERITY_LABELS, flag.severity))}"
        f" · {_e(label(STATUS_LABELS, flag.status))}{back}</div>",
    ]
    if words:
        parts.append(f'<div class="words" dir="auto">“{_e(words)}”</div>')
    lines = "".join(
        f'<dt>{_e(k)}</dt><dd dir="auto">{_parts(v)}</dd>' for k, v in detail_parts(flag, words)
    )
    parts.append(f"<dl>{lines}</dl>")
    if flag.comments:
        replies = []
        for c in flag.comments:
            body_class = ' class="deleted"' if c.deleted else ' dir="auto"'
            replies.append(
                f'<li><bdi class="who">{_e(c.author or "Unknown")}</bdi> '
                f'<bdi><time datetime="{_e(c.created.isoformat())}">{_e(when(c.created))}'
                f"</time></bdi><p{body_class}>{_e(reply_text(c.body, c.deleted))}</p></li>"
            )
        parts.append(f'<ol class="thread" aria-label="Thread">{"".join(replies)}</ol>')
    parts.append("</li>")
    return "".join(parts)


def _summary(article: ExportArticle, classes: dict[str, str]) -> str:
    counts: dict[str, dict[str, int]] = {}
    names: dict[str, str] = {}
    for flag in article.flags:
        names.setdefault(flag.kind_slug, flag.kind_name)
        row = counts.setdefault(flag.kind_slug, dict.fromkeys(STATUSES, 0))
        row[flag.status] = row.get(flag.status, 0) + 1
    if not counts:
        return '<p class="meta">No flags.</p>'
    head = "".join(f"<th>{_e(label(STATUS_LABELS, s))}</th>" for s in STATUSES)
    rows = []
    for slug, row in counts.items():
        cells = "".join(f'<td class="n">{row[s]}</td>' for s in STATUSES)
        rows.append(
            f'<tr><th scope="row"><span class="swatch {classes[slug]}"></span>{_e(names[slug])}'
            f'</th>{cells}<td class="n">{sum(row.values())}</td></tr>'
        )
    totals = "".join(f'<td class="n">{sum(r[s] for r in counts.values())}</td>' for s in STATUSES)
    rows.append(
        f'<tr><th scope="row">All kinds</th>{totals}<td class="n">{len(article.flags)}</td></tr>'
    )
    return (
        f'<table><caption class="meta">Flags by kind and status</caption>'
        f"<thead><tr><th>Kind</th>{head}<th>Total</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def render(article: ExportArticle) -> bytes:
    numbered = article.numbered()
    numbers = {flag.id: n for n, flag in numbered}
    classes = _kind_classes(article)
    scope = "Open flags only." if article.open_only else "All flags, with their status."
    notes = "\n".join(_note(article, n, f, classes) for n, f in numbered)
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="referrer" content="no-referrer">
<title>{_e(article.title)} · review</title>
<style>{_style(article, classes)}</style>
</head>
<body>
<header>
<h1 dir="auto">{_e(article.title)}</h1>
<p class="meta">Status: <strong>{_e(label(ARTICLE_STATUS_LABELS, article.status))}</strong>
 · version {article.version} · exported <bdi>{_e(when(article.exported_at))}</bdi>
 · <a href="{_e(article.url)}">{_e(article.url)}</a></p>
<p class="meta">{len(numbered)} flags. {scope}</p>
</header>
<section aria-labelledby="summary"><h2 id="summary">Summary</h2>
{_summary(article, classes)}
</section>
<div class="layout">
<section class="story" aria-labelledby="story"><h2 id="story">Story</h2>
{_story(article, numbers, classes)}
</section>
<section class="notes" aria-labelledby="notes"><h2 id="notes">Notes</h2>
<ol class="flags">
{notes}
</ol>
</section>
</div>
{html_facts.section(article)}
</body>
</html>
"""
    return page.encode("utf-8")
