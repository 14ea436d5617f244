"""The one read behind every export: an article's sentences, flags and threads as plain data.

Four queries whatever the article's size (the article itself is already loaded):
1. its sentences, in position order;
2. its flags with kind, creator, assignee and resolver joined;
3. the flags' comments with their authors joined (one prefetch);
4. its facts worksheet, with checkers and flag numbers joined.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone

from review.exports import get_format
from review.exports.data import (
    ExportArticle,
    ExportComment,
    ExportFact,
    ExportFlag,
    ExportParagraph,
    ExportSentence,
)
from review.models import Article, Comment, Flag, Sentence, StoryFact
from review.text import spans
from review.text.paragraphs import by_paragraph


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _paragraphs(sentences: list[Sentence]) -> tuple[tuple[ExportParagraph, ...], dict]:
    """Paragraphs of ExportSentences with absolute offsets; and sentence pk → ExportSentence."""
    by_pk: dict[int, ExportSentence] = {}
    offset = 0
    for s in sentences:
        by_pk[s.pk] = ExportSentence(s.position, s.paragraph, s.text, s.separator, offset)
        offset += len(s.text) + len(s.separator)
    built = tuple(
        ExportParagraph(rows[0].paragraph, tuple(rows)) for rows in by_paragraph(by_pk.values())
    )
    return built, by_pk


def _span(flag: Flag, sentence: ExportSentence) -> spans.Shown:
    """Where the flag is shown on its sentence and in which state: the page's answer
    (review.text.spans.shown), so an outdated flag is the same words in every format."""
    return spans.shown(sentence.text, flag.start, flag.end, flag.quote)


def _flag(flag: Flag, sentence: ExportSentence | None, article_url: str) -> ExportFlag:
    anchor, whole = flag.anchor, False
    if sentence is None or flag.anchor == Flag.Anchor.ORPHANED:
        position = abs_start = abs_end = None
    else:
        where = _span(flag, sentence)
        # The state comes from the text as it reads now, never from a stored field: words
        # changed since the flag was raised make it outdated, its original words shown.
        anchor, whole = where.state, where.whole
        position = sentence.position
        abs_start, abs_end = sentence.offset + where.start, sentence.offset + where.end
    comments = tuple(
        ExportComment(
            author=_name(c.author) or c.author_name,
            body="" if c.deleted_at else c.body,
            created=c.created_at,
            deleted=c.deleted_at is not None,
            id=c.pk,
        )
        for c in flag.comments.all()
    )
    return ExportFlag(
        id=flag.pk,
        url=f"{article_url}#{flag.anchor_id}",
        sentence_position=position,
        start=flag.start,
        end=flag.end,
        abs_start=abs_start,
        abs_end=abs_end,
        quote=flag.quote,
        kind_slug=flag.kind.slug,
        kind_name=flag.kind.name,
        kind_colour=flag.kind.colour,
        severity=flag.severity,
        status=flag.status,
        anchor=anchor,
        note=flag.note,
        suggestion=flag.suggestion,
        origin=flag.origin,
        # An automatic flag is the desk's finding: who started the run stays in the history.
        creator="" if flag.is_auto else _name(flag.created_by),
        created=flag.created_at,
        modified=flag.updated_at,
        assignee=_name(flag.assignee),
        resolved_by=_name(flag.resolved_by),
        resolved_at=flag.resolved_at,
        resolution_note=flag.resolution_note,
        evidence=flag.evidence,
        comments=comments,
        number=flag.number,
        whole=whole,
    )


def _facts(article: Article, by_pk: dict[int, ExportSentence]) -> tuple[ExportFact, ...]:
    """The worksheet in text order, facts whose words are gone last (one query)."""
    rows = (
        StoryFact.objects.filter(article=article)
        .select_related("checked_by")
        .annotate(flag_number=F("flag__number"))
    )
    out = []
    for fact in rows:
        sentence = by_pk.get(fact.sentence_id)
        gone = sentence is None or fact.is_gone
        order = (1, 0, 0, fact.number) if gone else (0, sentence.position, fact.start, fact.number)
        exported = ExportFact(
            number=fact.number,
            kind=fact.kind,
            label=fact.label,
            words=fact.quote,
            paragraph=None if sentence is None else sentence.paragraph + 1,
            status=fact.status,
            source=fact.source,
            note=fact.note,
            checked_by=_name(fact.checked_by),
            checked_at=fact.checked_at,
            flag_number=fact.flag_number,
            gone=gone,
        )
        out.append((order, exported))
    return tuple(fact for _, fact in sorted(out, key=lambda pair: pair[0]))


def site_url(request=None) -> str:
    """The address the desk is served at: the request's own (scheme and host, checked
    against ALLOWED_HOSTS) when there is one, settings.REVIEW_SITE_URL otherwise."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.REVIEW_SITE_URL


def export_data(article: Article, *, include_closed: bool = True, base_url: str) -> ExportArticle:
    """Everything the renderers need, read in a fixed number of queries (see the module doc).

    `base_url` is the site's address (settings.REVIEW_SITE_URL), used for the article's and
    each flag's URL in the exports; `include_closed=False` leaves resolved and dismissed flags
    out.
    """
    sentences = list(
        Sentence.objects.filter(article=article)
        .order_by("position")
        .only("position", "paragraph", "text", "separator")
    )
    paragraphs, by_pk = _paragraphs(sentences)
    flags = Flag.objects.filter(article=article).select_related(
        "kind", "created_by", "assignee", "resolved_by"
    )
    if not include_closed:
        flags = flags.filter(status=Flag.Status.OPEN)
    flags = flags.order_by("pk").prefetch_related(
        Prefetch(
            "comments",
            queryset=Comment.objects.select_related("author").order_by("created_at", "pk"),
        )
    )
    base = base_url.rstrip("/")
    url = base + article.get_absolute_url()
    return ExportArticle(
        title=article.title,
        slug=article.slug,
        status=article.status,
        url=url,
        exported_at=timezone.localtime(timezone.now()),
        version=article.version,
        paragraphs=paragraphs,
        flags=tuple(_flag(f, by_pk.get(f.sentence_id), url) for f in flags),
        open_only=not include_closed,
        source_name=article.source_name,
        text_url=base + reverse("review:article_export", args=[article.slug, "txt"]),
        facts=_facts(article, by_pk),
    )


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes


def export_file(
    article: Article, fmt: str, *, open_only: bool = False, base_url: str | None = None
) -> ExportFile:
    """One format of one article, ready to send or save: the path the view, the command and
    the admin action share. Raises `UnknownFormatError` (a KeyError) for an unknown format.

    `base_url` is where the desk is served (`site_url(request)`); REVIEW_SITE_URL without."""
    export_format = get_format(fmt)
    data = export_data(
        article,
        include_closed=not open_only,
        base_url=base_url if base_url is not None else site_url(),
    )
    return ExportFile(
        export_format.filename(data), export_format.content_type, export_format.render(data)
    )
