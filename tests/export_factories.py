"""Small factories for the export tests: plain ExportArticles (no database) and DB rows.

Flags and comments are written with `save_tracked`, the same helper the services use, so the
rows carry history like real ones; the tests do not depend on who built the flag services.
"""

from __future__ import annotations

from datetime import UTC, datetime

from review.exports.data import (
    ExportArticle,
    ExportComment,
    ExportFlag,
    ExportParagraph,
    ExportSentence,
)

WHEN = datetime(2026, 11, 29, 9, 30, tzinfo=UTC)
KIND_COLOURS = {
    "name-spelling": ("Name spelling", "#f4a3a3"),
    "unverified-claim": ("Unverified claim", "#ffd27f"),
    "dangling-text": ("Dangling text", "#c5b3f0"),
    "style": ("Style", "#9fd3f5"),
    "other": ("Other", "#c8e6a0"),
}


def plain_sentences(paragraphs: list[list[str]]) -> tuple[ExportParagraph, ...]:
    """Sentences joined by a space inside a paragraph, paragraphs by a blank line."""
    out, offset, position = [], 0, 0
    for p_index, sentences in enumerate(paragraphs):
        row = []
        for s_index, text in enumerate(sentences):
            last_in_paragraph = s_index == len(sentences) - 1
            last = last_in_paragraph and p_index == len(paragraphs) - 1
            separator = "" if last else ("\n\n" if last_in_paragraph else " ")
            row.append(ExportSentence(position, p_index, text, separator, offset))
            offset += len(text) + len(separator)
            position += 1
        out.append(ExportParagraph(p_index, tuple(row)))
    return tuple(out)


def plain_flag(
    paragraphs: tuple[ExportParagraph, ...],
    position: int | None,
    words: str | None = None,
    *,
    id: int,
    kind: str = "other",
    occurrence: int = 0,
    **fields,
) -> ExportFlag:
    """A flag on sentence `position` (on `words` inside it, or the whole sentence); its number
    is its id unless given."""
    name, colour = KIND_COLOURS.get(kind, (kind.title(), "#ffd54f"))
    base = dict(
        id=id,
        number=id,
        url=f"http://desk.test/articles/story/#f-{id}",
        kind_slug=kind,
        kind_name=name,
        kind_colour=colour,
        severity="minor",
        status="open",
        creator="editor",
        created=WHEN,
        modified=WHEN,
    )
    if position is None:
        base.update(sentence_position=None, start=None, end=None, abs_start=None, abs_end=None)
        base.update(quote=words or "", anchor="orphaned")
        return ExportFlag(**{**base, **fields})
    sentence = next(s for p in paragraphs for s in p.sentences if s.position == position)
    if words is None:
        start, end = None, None
        rel_start, rel_end = 0, len(sentence.text)
    else:
        rel_start = -1
        for _ in range(occurrence + 1):
            rel_start = sentence.text.index(words, rel_start + 1)
        rel_end = rel_start + len(words)
        start, end = rel_start, rel_end
    base.update(
        sentence_position=position,
        start=start,
        end=end,
        abs_start=sentence.offset + rel_start,
        abs_end=sentence.offset + rel_end,
        quote=sentence.text[rel_start:rel_end],
        whole=words is None,
    )
    return ExportFlag(**{**base, **fields})


def plain_article(
    paragraphs: list[list[str]], flags=(), *, title: str = "A story", **fields
) -> ExportArticle:
    """An ExportArticle; `flags` are (position, words, {fields}) triples or ExportFlags."""
    paras = plain_sentences(paragraphs)
    built = []
    for n, spec in enumerate(flags, 1):
        if isinstance(spec, ExportFlag):
            built.append(spec)
            continue
        position, words, extra = spec
        built.append(plain_flag(paras, position, words, **{"id": n, **extra}))
    return ExportArticle(
        title=title,
        slug=fields.pop("slug", "story"),
        status=fields.pop("status", "in_review"),
        url=fields.pop("url", "http://desk.test/articles/story/"),
        text_url=fields.pop("text_url", "http://desk.test/articles/story/export/txt/"),
        exported_at=fields.pop("exported_at", WHEN),
        version=fields.pop("version", 1),
        paragraphs=paras,
        flags=tuple(built),
        **fields,
    )


def reply(author: str, body: str, *, deleted: bool = False) -> ExportComment:
    return ExportComment(author=author, body="" if deleted else body, created=WHEN, deleted=deleted)


SAMPLE = [
    [
        "Scot Peterson resigned after a video surfaced.",
        "Officials said he did “nothing,” according to reports.",
    ],
    ["Broward County Sheriff Scott Israel spoke on Thursday.", "Email In Touch at"],
]


def sample_article(**fields) -> ExportArticle:
    """Four sentences, five flags: two overlapping, one suggestion, one closed with a thread,
    one orphaned."""
    paras = plain_sentences(SAMPLE)
    flags = [
        plain_flag(
            paras,
            0,
            "Scot Peterson",
            id=11,
            number=1,
            kind="name-spelling",
            severity="major",
            note="Scot or Scott? The sheriff's name is Scott.",
            suggestion="Scott Peterson",
            comments=(reply("copyed", "Checked the court record: Scot."),),
        ),
        plain_flag(
            paras,
            1,
            "Officials said",
            id=12,
            number=2,
            kind="unverified-claim",
            severity="major",
            note="Which officials?",
            origin="check:claims.vague-attribution",
            creator="",
        ),
        plain_flag(
            paras, 1, None, id=13, number=3, kind="style", note="Quote marks around one word."
        ),
        plain_flag(
            paras,
            2,
            "Scott Israel",
            id=14,
            number=4,
            kind="name-spelling",
            status="resolved",
            resolved_by="editor",
            resolved_at=WHEN,
            resolution_note="Registry spelling.",
            comments=(
                reply("checker", "Matches the registry."),
                reply("copyed", "secret", deleted=True),
            ),
        ),
        plain_flag(
            paras,
            3,
            None,
            id=15,
            number=5,
            kind="dangling-text",
            severity="blocker",
            note="Promo boilerplate; cut it.",
        ),
        plain_flag(
            paras,
            None,
            "a sentence that was cut",
            id=16,
            number=6,
            kind="other",
            note="Was this sourced?",
        ),
    ]
    return plain_article(SAMPLE, flags, title="Scot Peterson", slug="scot-peterson", **fields)


# ---- database rows -------------------------------------------------------------------------


def make_flag(
    article,
    position: int,
    words: str | None = None,
    *,
    actor,
    kind: str = "other",
    occurrence: int = 0,
    **fields,
):
    """A Flag row on sentence `position` (on `words` inside it, or the whole sentence)."""
    from review.models import Flag, FlagKind
    from review.services.common import save_tracked

    sentence = article.sentences.get(position=position)
    if words is None:
        start = end = None
        quote = sentence.text
    else:
        start = -1
        for _ in range(occurrence + 1):
            start = sentence.text.index(words, start + 1)
        end = start + len(words)
        quote = words
    kind_row = FlagKind.objects.get(slug=kind)
    flag = Flag(
        article=article,
        sentence=sentence,
        kind=kind_row,
        start=start,
        end=end,
        quote=quote,
        severity=fields.pop("severity", kind_row.default_severity),
        created_by=fields.pop("created_by", actor),
        **fields,
    )
    save_tracked(flag, actor=actor, reason="test flag")
    return flag


def make_comment(flag, *, author, body: str, deleted: bool = False):
    from django.utils import timezone

    from review.models import Comment
    from review.services.common import save_tracked

    comment = Comment(flag=flag, author=author, body=body)
    if deleted:
        comment.deleted_at = timezone.now()
    save_tracked(comment, actor=author, reason="test comment")
    return comment


def seed_flags(article, *, editor, copy_editor, fact_checker) -> dict:
    """The seed story's human and automatic-looking flags: overlapping ones, a suggestion, a
    closed one with a thread, a dismissed one. Returns them by name."""
    from django.utils import timezone

    flags = {
        "peterson": make_flag(
            article,
            1,
            "Scot Peterson",
            actor=editor,
            kind="name-spelling",
            note="Scot or Scott? Check the court record.",
            suggestion="Scott Peterson",
        ),
        "officials": make_flag(
            article,
            0,
            "officials said",
            actor=fact_checker,
            kind="unverified-claim",
            note="Which officials?",
            origin="check:claims.vague-attribution",
            created_by=None,
        ),
        "nothing": make_flag(
            article, 0, None, actor=copy_editor, kind="style", note="Scare quotes around one word."
        ),
        "israel": make_flag(
            article,
            2,
            "Scott Israel",
            actor=editor,
            kind="name-spelling",
            status="resolved",
            resolved_by=editor,
            resolved_at=timezone.now(),
            resolution_note="Matches the registry.",
        ),
        "reportedly": make_flag(
            article,
            3,
            "reportedly",
            actor=fact_checker,
            kind="unverified-claim",
            status="dismissed",
            resolved_by=fact_checker,
            resolved_at=timezone.now(),
            resolution_note="Police report confirms it.",
        ),
    }
    make_comment(flags["peterson"], author=copy_editor, body="Court record says Scot.")
    make_comment(flags["peterson"], author=editor, body="Keep Scot, then.")
    make_comment(flags["israel"], author=fact_checker, body="old words", deleted=True)
    return flags
