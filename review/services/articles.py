"""Importing a story: text in, a draft of addressable sentences out, all or nothing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from review import permissions
from review.models import Article, Sentence
from review.services.common import change_moment, change_reason, save_tracked
from review.text.controls import first_control
from review.text.segment import segment


def decode_manuscript(data: bytes) -> str:
    """Bytes from a file or upload → text, or a ValidationError that says what to do."""
    if b"\x00" in data:
        raise ValidationError(
            "This file looks binary (it contains NUL bytes); save the story as plain text (.txt).",
            code="binary",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValidationError(
            "This file is not UTF-8 text (byte %(byte)s at position %(pos)s cannot be read). "
            "Save it as UTF-8 (in most editors: Save As → Encoding: UTF-8) and try again.",
            code="encoding",
            params={"byte": f"0x{data[exc.start]:02x}", "pos": exc.start},
        ) from None
    return text.removeprefix("\ufeff")


def too_large_error(size: int, *, about: bool = False) -> ValidationError:
    """The one message for a story over REVIEW_MAX_IMPORT_BYTES (also used for a request
    body refused before it is read, whose size is only an upper bound: `about`)."""
    return ValidationError(
        "The text is %(about)s%(size)s bytes; the desk accepts at most %(limit)s. "
        "Split the story or ask an admin to raise REVIEW_MAX_IMPORT_BYTES.",
        code="too_large",
        params={
            "about": "about " if about else "",
            "size": f"{size:,}",
            "limit": f"{settings.REVIEW_MAX_IMPORT_BYTES:,}",
        },
    )


def validate_manuscript(text: str) -> str:
    """Check imported text and return it unchanged (a leading BOM dropped)."""
    text = text.removeprefix("\ufeff")
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > settings.REVIEW_MAX_IMPORT_BYTES:
        raise too_large_error(size)
    if not text.strip():
        raise ValidationError(
            "The text is empty; paste the story or choose a file with text in it.", code="empty"
        )
    if match := first_control(text):
        line = text.count("\n", 0, match.start()) + 1
        raise ValidationError(
            "The text contains a control character (U+%(code)04X on line %(line)s), which usually "
            "means a binary or corrupted file; save the story as plain UTF-8 text.",
            code="binary",
            params={"code": ord(match.group()), "line": line},
        )
    if any(unicodedata.category(ch) == "Cs" for ch in text):
        raise ValidationError(
            "The text contains invalid characters (lone surrogates).", code="binary"
        )
    return text


def unique_slug_for(title: str) -> str:
    # Cut, then slugify again: a cut may end on the hyphen between two words, which is not a
    # valid slug (and the import would refuse a slug the user never typed).
    base = slugify(slugify(title)[:100]) or "story"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# Line breaks and other control characters (C0, DEL, C1, the Unicode line and paragraph
# separators): a title is one line, and a mail subject with a newline in it is refused.
_TITLE_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
TITLE_MAX = 300


def clean_title(title: str) -> str:
    """A title as one trimmed line: control characters (CR and LF included) become spaces,
    runs of spaces one space. The one rule for every place that sets a title."""
    one_line = _TITLE_BREAKS.sub(" ", title or "")
    return " ".join(one_line.split())[:TITLE_MAX]


def import_prepare(*, text: str, title: str, slug: str | None, actor) -> tuple[str, str, str]:
    """Check an import before anything is written: the text, title and slug it will use, or
    a ValidationError / PermissionDenied. (The slug is checked again when saving.)"""
    permissions.require(permissions.can_import(actor), permissions.IMPORT_DENIED)
    text = validate_manuscript(text)
    title = clean_title(title)
    if not title:
        raise ValidationError({"title": "Give the story a title."}, code="required")
    slug = (slug or "").strip() or unique_slug_for(title)
    if slugify(slug) != slug:
        raise ValidationError(
            {"slug": f"“{slug}” is not a valid slug; use lower-case letters, digits and hyphens."},
            code="invalid",
        )
    _require_free_slug(slug)
    return text, title, slug


def _require_free_slug(slug: str) -> None:
    if Article.objects.filter(slug=slug).exists():
        raise ValidationError(
            {"slug": f"A story with the slug “{slug}” already exists; choose another slug."},
            code="duplicate",
        )


def build_sentences(article: Article, text: str, spans=None) -> list[Sentence]:
    """The article's sentences from `text` (segmented here unless `spans` are given)."""
    return [
        Sentence(
            article=article,
            paragraph=span.paragraph,
            position=position,
            text=text[span.start : span.end],
            separator=text[span.end : span.sep_end],
        )
        for position, span in enumerate(segment(text) if spans is None else spans)
    ]


def article_import(
    *,
    text: str,
    title: str,
    slug: str | None,
    actor,
    source_name: str = "",
    run_checks: bool = True,
    progress: Callable[[str], None] | None = None,
    on_saved: Callable[[Article], None] | None = None,
) -> Article:
    """Create a draft from plain text: the article, its sentences, their history, its checks.

    Raises ValidationError (nothing written) for empty, binary or oversized text, a bad title
    or a slug that is taken; PermissionDenied if `actor` may not import. The text is split
    into sentences before the transaction (pure work; the write lock waits for the writes
    only). A background job passes `progress` (told what comes next, outside any
    transaction) and `on_saved` (called inside the transaction, so the job records the
    story it made atomically with the story).
    """
    text, title, slug = import_prepare(text=text, title=title, slug=slug, actor=actor)
    spans = segment(text)
    if progress is not None:
        progress(f"Saving {len(spans):,} sentences with their history")
    with transaction.atomic():
        _require_free_slug(slug)
        # One timestamp for the article and its sentences: the timeline groups history rows
        # by moment, so an import reads as one change.
        moment = change_moment()
        article = Article(
            title=title,
            slug=slug,
            source_name=source_name[:300],
            original_text=text,
            created_by=actor,
        )
        article._history_date = moment
        save_tracked(article, actor=actor, reason="imported")
        bulk_create_with_history(
            build_sentences(article, text, spans),
            Sentence,
            default_user=actor,
            default_change_reason=change_reason("imported"),
            default_date=moment,
            batch_size=500,
        )
        if run_checks:
            from review.services.checks import checks_run

            checks_run(article=article, actor=actor)
        if on_saved is not None:
            on_saved(article)
    return article
