"""Word comments as desk flags and replies: shared by the .docx import and the round trip.

A reporter's comment becomes a flag of kind "other" on its exact words, origin "import", with
the Word author's name and date in the note; each reply in its Word thread becomes a reply in
the flag's thread under the Word author's name (the desk user of that name where there is
one); a comment marked done resolves its flag. Everything goes through the flag and comment
services, with the importing user as the actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from review.exports.common import when
from review.imports.docx_reader import WordComment
from review.imports.docx_text import StoryText
from review.models import Article, Comment, Flag, Sentence
from review.services.comments import BODY_MAX, comment_add
from review.services.flags import NOTE_MAX, flag_create, flag_resolve
from review.services.people import desk_user_named

ORIGIN = "import"
UNKNOWN = "someone in Word"


def author_of(comment: WordComment) -> str:
    return " ".join(comment.author.split()) or UNKNOWN


def attribution(comment: WordComment) -> str:
    """ "Rita Reporter in Word, 2026-12-01 10:03 UTC" """
    moment = f", {when(comment.date)}" if comment.date else ""
    return f"{author_of(comment)} in Word{moment}"


def note_for(comment: WordComment) -> str:
    text = comment.text.strip() or "(an empty comment)"
    note = f"{attribution(comment)}: {text}"
    return note if len(note) <= NOTE_MAX else note[: NOTE_MAX - 1] + "…"


@dataclass(frozen=True)
class Placed:
    sentence: Sentence
    start: int | None  # None: the whole sentence
    end: int | None


def place(sentences: list[Sentence], start: int, end: int) -> Placed | None:
    """Words [start, end) of the article's text (its sentences in order) as a span of one
    sentence: the one they start in, cut to it, without the white space a selection often
    takes along; a point, or only white space, is the whole sentence there. None when the
    article has no sentences."""
    text = "".join(s.text + s.separator for s in sentences)
    words = text[start:end]
    if words.strip():
        start += len(words) - len(words.lstrip())
        end -= len(words) - len(words.rstrip())
    else:
        end = start
    offset = 0
    for sentence in sentences:
        length = len(sentence.text)
        in_separator = offset + length <= start < offset + length + len(sentence.separator)
        if (
            start < offset + length
            or (sentence is sentences[-1])
            or (in_separator and end <= start)
        ):
            lo = min(max(start - offset, 0), length)
            hi = min(max(end - offset, lo), length)
            if hi <= lo or (lo, hi) == (0, length):
                return Placed(sentence, None, None)
            return Placed(sentence, lo, hi)
        offset += length + len(sentence.separator)
    return None


def flag_from_comment(
    *,
    sentences: list[Sentence],
    story: StoryText,
    comment: WordComment,
    actor,
) -> Flag | None:
    """A flag on the words the comment is anchored on; None when they are not story text."""
    start = story.locate(comment.start)
    end = story.locate(comment.end, end=True)
    if start is None or end is None:
        return None
    lo, hi = story.absolute(start), story.absolute(end)
    placed = place(sentences, min(lo, hi), max(lo, hi))
    if placed is None:
        return None
    return flag_from_placement(placed, comment, actor=actor)


def flag_from_placement(placed: Placed, comment: WordComment, *, actor) -> Flag:
    return flag_create(
        sentence=placed.sentence,
        kind="other",
        start=placed.start,
        end=placed.end,
        note=note_for(comment),
        origin=ORIGIN,
        actor=actor,
    )


def reply_from_comment(*, flag: Flag, comment: WordComment, actor) -> Comment:
    """The Word reply in the flag's thread, under its author's name."""
    user = desk_user_named(comment.author)
    body = comment.text.strip() or "(an empty reply)"
    if len(body) > BODY_MAX:
        body = body[: BODY_MAX - 1] + "…"
    return comment_add(
        flag=flag, actor=actor, body=body, author=user, author_name=author_of(comment)
    )


def resolve_as_done(*, flag: Flag, file_name: str, actor) -> Flag:
    """Word does not record who marked a comment done, only that it is: the note says where."""
    return flag_resolve(flag=flag, actor=actor, note=f"Marked done in Word ({file_name}).")


def story_sentences(article: Article) -> list[Sentence]:
    return list(Sentence.objects.filter(article=article).order_by("position"))
