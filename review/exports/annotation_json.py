"""json: every flag as a W3C Web Annotation (JSON-LD) in one AnnotationCollection.

Positions are Unicode code points from the start of the article's current text (Python string
indices already are; UTF-16 offsets would be wrong past the first emoji). The selectors'
`source` is that text itself: the clean-text export (format text/plain), not the review page,
whose HTML the offsets do not count in. Status, severity, the flag's number and the rest of the
desk's workflow go in `desk:` terms, declared by a second @context object. Strings pass through
`printable`, so no control character (PostgreSQL's jsonb refuses \u0000) leaves the desk.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from review.exports.common import creator_name, iso, printable
from review.exports.data import ExportArticle, ExportComment, ExportFlag
from review.text import spans

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = spans.CONTEXT  # prefix/suffix length: the flags' own (review.text.spans)


def namespace(article: ExportArticle) -> str:
    """The desk's own vocabulary, under the site the article lives on."""
    parts = urlsplit(article.url)
    return f"{parts.scheme}://{parts.netloc}/ns/desk#"


def _agent(name: str, *, software: bool = False) -> dict:
    return {"type": "Software" if software else "Person", "name": name}


def _textual(value: str, purpose: str, **extra) -> dict:
    return {
        "type": "TextualBody",
        "purpose": purpose,
        "value": value,
        "format": "text/plain",
        **extra,
    }


def _reply(comment: ExportComment) -> dict:
    body = _textual(
        "(comment deleted)" if comment.deleted else comment.body,
        "commenting",
        creator=_agent(comment.author or "Unknown"),
        created=iso(comment.created),
    )
    if comment.deleted:
        body["desk:deleted"] = True
    return body


def _target(article: ExportArticle, flag: ExportFlag) -> dict | str:
    if flag.is_detached:
        # The words are gone from the text, so no selector could resolve: the target is the
        # article as a whole, and the old words go in `desk:detachedQuote`.
        return article.url
    text = article.text
    start, end = flag.abs_start, flag.abs_end
    quote = {"type": "TextQuoteSelector", "exact": spans.quote_of(text, start, end)}
    prefix, suffix = spans.context_of(text, start, end, CONTEXT_CHARS)
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    source = {"id": article.text_url or article.url, "type": "Text", "format": "text/plain"}
    return {
        "source": source,
        "type": "SpecificResource",
        "selector": [quote, {"type": "TextPositionSelector", "start": start, "end": end}],
    }


def annotation(article: ExportArticle, flag: ExportFlag) -> dict:
    bodies = [_textual(flag.kind_slug, "tagging")]
    if flag.note:
        bodies.append(_textual(flag.note, "commenting"))
    bodies.extend(_reply(c) for c in flag.comments)
    if flag.suggestion:
        bodies.append(_textual(flag.suggestion, "editing"))
    anno = {
        "@context": [ANNO_CONTEXT, {"desk": namespace(article)}],
        "id": flag.url,
        "type": "Annotation",
        "motivation": "assessing",
        "creator": _agent(creator_name(flag), software=flag.is_auto),
        "created": iso(flag.created),
        "modified": iso(flag.modified or flag.created),
        "body": bodies,
        "target": _target(article, flag),
        "desk:number": flag.number,
        "desk:status": flag.status,
        "desk:severity": flag.severity,
        "desk:kindName": flag.kind_name,
        "desk:anchor": flag.anchor,
        "desk:origin": flag.origin,
    }
    optional = {
        "desk:assignee": flag.assignee,
        "desk:resolvedBy": flag.resolved_by,
        "desk:resolvedAt": iso(flag.resolved_at),
        "desk:resolutionNote": flag.resolution_note,
        "desk:evidence": flag.evidence,
    }
    if flag.is_detached:
        optional["desk:detachedQuote"] = flag.quote
    elif flag.is_outdated or article.words(flag) != flag.quote:
        # Its words changed since it was raised: the selectors give the words now, this the
        # words it was raised on.
        optional["desk:originalQuote"] = flag.quote
    anno.update({k: v for k, v in optional.items() if v})
    if not anno["created"]:
        del anno["created"], anno["modified"]
    return anno


def collection(article: ExportArticle) -> dict:
    items = [annotation(article, flag) for _, flag in article.numbered()]
    base = article.url.split("#", 1)[0]
    return {
        "@context": [ANNO_CONTEXT, {"desk": namespace(article)}],
        "id": f"{base}#annotations",
        "type": "AnnotationCollection",
        "label": f"Review flags on “{article.title}”",
        "total": len(items),
        "generated": iso(article.exported_at),
        "desk:articleVersion": article.version,
        "desk:articleStatus": article.status,
        "desk:openOnly": article.open_only,
        "first": {
            "id": f"{base}#annotations-page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


def _printable(value):
    """Every string without control characters, except the quote selectors': the story's text
    never holds NUL (imports refuse it), and its exact words must match the text."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict) and value.get("type") == "TextQuoteSelector":
        return value
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    return value


def render(article: ExportArticle) -> bytes:
    # ensure_ascii=False keeps emoji and right-to-left text readable; JSON is UTF-8 anyway.
    data = _printable(collection(article))
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
