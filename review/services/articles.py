"""Importing a story: text in, a draft of addressable sentences out, all or nothing."""

from __future__ import annotations

import unicodedata

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


def validate_manuscript(text: str) -> str:
    """Check imported text and return it unchanged (a leading BOM dropped)."""
    text = text.removeprefix("\ufeff")
    limit = settings.REVIEW_MAX_IMPORT_BYTES
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > limit:
        raise ValidationError(
            "The text is %(size)s bytes; the desk accepts at most %(limit)s. "
            "Split the story or ask an admin to raise REVIEW_MAX_IMPORT_BYTES.",
            code="too_large",
            params={"size": f"{size:,}", "limit": f"{limit:,}"},
        )
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
    base = slugify(title)[:100] or "story"
    slug, n = base, 2
    while Article.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def build_sentences(article: Article, text: str) -> list[Sentence]:
    return [
        Sentence(
            article=article,
            paragraph=span.paragraph,
            position=position,
            text=text[span.start : span.end],
            separator=text[span.end : span.sep_end],
        )
        for position, span in enumerate(segment(text))
    ]


def article_import(
    *,
    text: str,
    title: str,
    slug: str | None,
    actor,
    source_name: str = "",
    run_checks: bool = True,
) -> Article:
    """Create a draft from plain text: the article, its sentences, their history, its checks.

    Raises ValidationError (nothing written) for empty, binary or oversized text, a bad title
    or a slug that is taken; PermissionDenied if `actor` may not import.
    """
    permissions.require(
        permissions.can_import(actor), "Only Editors can import stories; ask an Editor."
    )
    text = validate_manuscript(text)
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "Give the story a title."}, code="required")
    slug = (slug or "").strip() or unique_slug_for(title)
    if slugify(slug) != slug:
        raise ValidationError(
            {"slug": f"“{slug}” is not a valid slug; use lower-case letters, digits and hyphens."},
            code="invalid",
        )
    with transaction.atomic():
        if Article.objects.filter(slug=slug).exists():
            raise ValidationError(
                {"slug": f"A story with the slug “{slug}” already exists; choose another slug."},
                code="duplicate",
            )
        # One timestamp for the article and its sentences: the timeline groups history rows
        # by moment, so an import reads as one change.
        moment = change_moment()
        article = Article(
            title=title[:300],
            slug=slug,
            source_name=source_name[:300],
            original_text=text,
            created_by=actor,
        )
        article._history_date = moment
        save_tracked(article, actor=actor, reason="imported")
        bulk_create_with_history(
            build_sentences(article, text),
            Sentence,
            default_user=actor,
            default_change_reason=change_reason("imported"),
            default_date=moment,
            batch_size=500,
        )
        if run_checks:
            from review.services.checks import checks_run

            checks_run(article=article, actor=actor)
    return article
