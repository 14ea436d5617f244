"""What a reporter answered in a desk export: replies, done marks, decisions, new comments.

Pure: a read `DocxDocument` and the desk's flags as plain data in, `Answers` out.

- A Word comment whose text starts with "#N" in a file carrying the desk's mark for this story
  is flag N's comment (the export wrote it). Comments in its thread are replies to flag N: by
  `w15:paraIdParent` (Word), or, since LibreOffice up to 7.4 saves no threads, by sitting on
  exactly the same words as flag N's comment. A reply the desk wrote itself (its fingerprint is
  in the file's mark or in the flag's thread now) is not an answer.
- Flag N's comment marked done answers "resolve it".
- An open suggestion the export wrote as a tracked change (the mark lists them) is undecided
  while its deletion and insertion are still in the file; once they are gone, the words in
  flag N's comment range say which way the reporter went: the new words (accepted), the old
  ones (rejected), anything else (the text edit carries it).
- Any other top-level comment is new: a new flag on its words, its replies the thread.
- The text is the story as the reporter left it, the desk's undecided suggestions read as the
  words before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from review.exports.docx_mark import reply_fingerprint
from review.imports.docx_reader import DocxDocument, WordComment
from review.imports.docx_text import StoryText, story_text

_FLAG_COMMENT = re.compile(r"#(\d+)\b")
CONTEXT = 32


@dataclass(frozen=True)
class DeskFlag:
    """What the desk knows about one of the story's flags now."""

    number: int
    status: str  # open, resolved, dismissed
    suggestion: str = ""
    replies: frozenset[str] = frozenset()  # fingerprints of its thread's comments


@dataclass
class NewThread:
    """A comment the reporter added: a new flag on `words`, with its replies."""

    root: WordComment
    replies: list[WordComment] = field(default_factory=list)
    words: str = ""
    prefix: str = ""
    suffix: str = ""
    start: int | None = None  # in the reporter's text; None when not on story text
    end: int | None = None


@dataclass
class Answers:
    story: StoryText
    replies: list[tuple[int, WordComment]] = field(default_factory=list)
    done: list[tuple[int, WordComment]] = field(default_factory=list)
    decisions: list[tuple[int, str]] = field(default_factory=list)  # (number, accepted|rejected)
    new_threads: list[NewThread] = field(default_factory=list)
    undecided: frozenset[int] = frozenset()  # the desk's tracked changes still in the file


def flag_number(comment: WordComment) -> int | None:
    match = _FLAG_COMMENT.match(comment.text.strip())
    return int(match.group(1)) if match else None


def _fingerprint(comment: WordComment) -> str:
    return reply_fingerprint(comment.author, comment.text)


def read_answers(document: DocxDocument, flags: dict[int, DeskFlag], *, matched: bool) -> Answers:
    """The answers in `document`; `matched` says the file carries this story's mark (without
    it, no comment is taken for a flag's: all are new)."""
    mark = document.mark if matched else None
    roots = [c for c in document.comments if document.root(c) is c]
    flag_comments: dict[str, int] = {}
    if mark is not None:
        for comment in roots:
            number = flag_number(comment)
            if number in flags and number not in flag_comments.values():
                flag_comments[comment.id] = number
    ranges = {
        (c.start, c.end): flag_comments[c.id]
        for c in sorted(roots, key=lambda c: -flag_comments.get(c.id, 0))
        if c.id in flag_comments
    }

    # The desk's suggestions still undecided in the file.
    undecided: set[int] = set()
    tracked = mark.tracked if mark is not None else {}
    comment_of = {n: c for c in roots if (n := flag_comments.get(c.id)) is not None}
    for number, (old, new) in tracked.items():
        comment = comment_of.get(number)
        if comment is not None:
            undecided |= _pending_pair(document, comment, old, new)
    story = story_text(document, undecided=frozenset(undecided))
    answers = Answers(story=story, undecided=frozenset(undecided))

    threads: dict[str, int] = {}  # root comment id → flag number, for the replies
    new: dict[str, NewThread] = {}
    for comment in roots:
        number = flag_comments.get(comment.id)
        if number is None and (comment.start, comment.end) in ranges and comment.start:
            # LibreOffice 7.4 writes no threads: a comment on exactly a flag's words is a
            # reply to it (its replies from the desk come back the same way).
            number = ranges[(comment.start, comment.end)]
            _reply(answers, flags[number], number, comment, mark)
            continue
        if number is not None:
            threads[comment.id] = number
            if comment.done and flags[number].status == "open":
                answers.done.append((number, comment))
            continue
        new[comment.id] = _new_thread(story, comment)
    for comment in document.comments:
        root = document.root(comment)
        if root is comment:
            continue
        if root.id in threads:
            number = threads[root.id]
            _reply(answers, flags[number], number, comment, mark)
        elif root.id in new:
            new[root.id].replies.append(comment)
    answers.new_threads = list(new.values())

    for number, (old, new_words) in sorted(tracked.items()):
        comment = comment_of.get(number)
        flag = flags.get(number)
        if comment is None or flag is None or flag.status != "open" or not flag.suggestion:
            continue
        if _pending_pair(document, comment, old, new_words):
            continue
        words = _range_words(story, comment)
        if words is None:
            continue
        if _same(words, new_words) and not _same(old, new_words):
            answers.decisions.append((number, "accepted"))
        elif _same(words, old):
            answers.decisions.append((number, "rejected"))
    return answers


def _reply(answers: Answers, flag: DeskFlag, number: int, comment: WordComment, mark) -> None:
    fingerprint = _fingerprint(comment)
    exported = mark.replies.get(number, set()) if mark is not None else set()
    if fingerprint in exported or fingerprint in flag.replies:
        return  # the desk's own words, or a reply it already has
    if not comment.text.strip():
        return
    answers.replies.append((number, comment))


def _new_thread(story: StoryText, comment: WordComment) -> NewThread:
    thread = NewThread(root=comment)
    start, end = story.locate(comment.start), story.locate(comment.end, end=True)
    if start is None or end is None:
        return thread
    text = story.text
    lo, hi = sorted((story.absolute(start), story.absolute(end)))
    thread.start, thread.end = lo, hi
    thread.words = text[lo:hi]
    thread.prefix, thread.suffix = text[max(0, lo - CONTEXT) : lo], text[hi : hi + CONTEXT]
    return thread


def _range_words(story: StoryText, comment: WordComment) -> str | None:
    start, end = story.locate(comment.start), story.locate(comment.end, end=True)
    if start is None or end is None:
        return None
    lo, hi = sorted((story.absolute(start), story.absolute(end)))
    return story.text[lo:hi]


def _pending_pair(document: DocxDocument, comment: WordComment, old: str, new: str) -> set[int]:
    """The tracked deletion of `old` and insertion of `new` inside the comment's range, if both
    are still in the file (the suggestion is undecided); else the empty set. A word processor
    may save one change as several adjacent ones, so runs of changes of one kind count."""
    if comment.start is None or comment.end is None:
        return set()
    groups: list[tuple[str, str, set[int]]] = []  # (kind, text, change indices)
    for index in range(comment.start.paragraph, comment.end.paragraph + 1):
        if index >= len(document.paragraphs):
            break
        offset = 0
        for segment in document.paragraphs[index].segments:
            seg_start, offset = offset, offset + len(segment.text)
            inside_start = index > comment.start.paragraph or seg_start >= comment.start.offset
            inside_end = index < comment.end.paragraph or offset <= comment.end.offset
            if not (segment.tracked and inside_start and inside_end):
                groups.append(("", "", set()))
                continue
            kind = document.changes[segment.change].kind
            if groups and groups[-1][0] == kind:
                last = groups[-1]
                groups[-1] = (kind, last[1] + segment.text, last[2] | {segment.change})
            else:
                groups.append((kind, segment.text, {segment.change}))
    deletion = next((g[2] for g in groups if g[0] == "del" and _same(g[1], old)), None)
    insertion = next((g[2] for g in groups if g[0] == "ins" and _same(g[1], new)), None)
    if deletion is None or insertion is None:
        return set()
    return deletion | insertion


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())
