"""The round trip's plan: which of a file's answers are new, and applying them.

`AnswerPlan` works out, before anything is written, what the ledger has not seen (replies,
decisions, done marks, new comments, the merged text); `apply` then writes it through the
services, inside the caller's transaction and `one_change`. See review/services/roundtrip.py.
"""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction

from review.imports.answers import Answers, NewThread
from review.imports.docx_reader import DocxDocument, WordComment
from review.imports.merge import Conflict, Item, Merged, comparable, merge, rebuild
from review.models import Comment, Flag, ReporterAnswer, Sentence
from review.selectors.history import sentences_as_of
from review.services.common import change_moment, save_tracked
from review.services.editing import suggestion_accept, suggestion_reject
from review.services.flags import flag_create
from review.services.revise import article_revise, current_text
from review.services.word_comments import (
    ORIGIN,
    attribution,
    author_of,
    flag_from_placement,
    place,
    reply_from_comment,
    resolve_as_done,
    story_sentences,
)
from review.text import anchor


def _key(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def _when(comment: WordComment) -> str:
    return comment.date.isoformat() if comment.date else ""


def _folded(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(rows) -> tuple[list[str], list[str]]:
    """Paragraph texts and the whitespace after each, from sentences in order."""
    texts: list[str] = []
    seps: list[str] = []
    current = None
    for row in rows:
        if row.paragraph != current:
            if texts:
                texts[-1] = texts[-1][: len(texts[-1]) - len(seps[-1])]
            texts.append("")
            seps.append("")
            current = row.paragraph
        texts[-1] += row.text + row.separator
        seps[-1] = row.separator
    if texts:
        texts[-1] = texts[-1][: len(texts[-1]) - len(seps[-1])]
    return texts, seps


class AnswerPlan:
    """The answers still to apply, worked out before anything is written."""

    def __init__(self, article, document: DocxDocument, answers: Answers, flags, ledger, result):
        self.article, self.document, self.answers = article, document, answers
        self.flags, self.ledger, self.result = flags, ledger, result
        mark = document.mark
        self.export_id = mark.export_id if mark is not None else ""
        self.replies = [
            (n, c, k)
            for n, c in answers.replies
            if (k := _key("reply", n, author_of(c), _when(c), _folded(c.text))) not in ledger
        ]
        self.decisions = [
            (n, d, k)
            for n, d in answers.decisions
            if (k := _key(d, n, self.export_id)) not in ledger
        ]
        self.done = [
            (n, c, k)
            for n, c in answers.done
            if (k := _key("done", n, self.export_id)) not in ledger
        ]
        self.new_threads = []
        self.new_replies = []  # (flag of an earlier upload's new comment, reply, key)
        for thread in answers.new_threads:
            root_key = _key(
                "comment",
                author_of(thread.root),
                _when(thread.root),
                _folded(thread.root.text),
                thread.words,
            )
            earlier = ledger.get(root_key)
            if earlier is None:
                self.new_threads.append((thread, root_key))
                continue
            for reply in thread.replies:
                key = _key("reply", root_key, author_of(reply), _when(reply), _folded(reply.text))
                if key not in ledger and earlier.flag is not None:
                    self.new_replies.append((earlier.flag, reply, key))
        result.already = (
            len(answers.replies)
            - len(self.replies)
            + len(answers.decisions)
            - len(self.decisions)
            + len(answers.done)
            - len(self.done)
            + len(answers.new_threads)
            - len(self.new_threads)
        )
        self._text_plan()

    def _text_plan(self) -> None:
        rows = list(Sentence.objects.filter(article=self.article).order_by("position"))
        self.ours, self.seps = _paragraphs(rows)
        theirs = self.answers.story.paragraphs
        mark = self.document.mark
        base = None
        if mark is None or mark.version == self.article.version:
            base = self.ours
        elif mark.exported_at is not None:
            then = sentences_as_of(self.article, mark.exported_at)
            base = _paragraphs(then)[0] if then else None
        if base is None:
            # Where the file started is unknown: every difference is the editors' call.
            probe = merge(self.ours, theirs, self.ours)
            self.merged = Merged(
                [Item(self.ours[i], i, kept=True) for i in range(len(self.ours))],
                [Conflict(i.ours or 0, i.text) for i in probe.items if not i.kept],
            )
        else:
            self.merged = merge(base, theirs, self.ours)
        self.edit_key = _key("edit", self.export_id, comparable(self.answers.story.text))
        self.revise = self.merged.changed and self.edit_key not in self.ledger
        self.conflicts = [
            (c, k)
            for c in self.merged.conflicts
            if (k := _key("conflict", self.export_id, comparable(c.theirs))) not in self.ledger
        ]

    def has_work(self) -> bool:
        return bool(
            self.replies
            or self.decisions
            or self.done
            or self.new_threads
            or self.new_replies
            or self.revise
            or self.conflicts
        )

    # writing

    def apply(self, *, actor, file_name: str, digest: str) -> None:
        self.actor, self.file_name, self.digest = actor, file_name, digest
        for number, comment, key in self.replies:
            reply = reply_from_comment(flag=self.flags[number], comment=comment, actor=actor)
            self._record(key, "reply", comment, flag=self.flags[number], comment_row=reply)
            self.result.replies += 1
        for flag, comment, key in self.new_replies:
            reply = reply_from_comment(flag=flag, comment=comment, actor=actor)
            self._record(key, "reply", comment, flag=flag, comment_row=reply)
            self.result.replies += 1
        for number, decision, key in self.decisions:
            self._decide(number, decision, key)
        for number, comment, key in self.done:
            flag = Flag.objects.get(pk=self.flags[number].pk)
            if flag.status == Flag.Status.OPEN:
                resolve_as_done(flag=flag, file_name=self.file_name, actor=actor)
                self.result.resolved += 1
            self._record(key, "done", comment, flag=flag)
        self._apply_text()
        self._apply_new_threads()

    def _decide(self, number: int, decision: str, key: str) -> None:
        flag = Flag.objects.get(pk=self.flags[number].pk)
        if flag.status != Flag.Status.OPEN:
            self._record(key, decision, None, flag=flag, summary="already closed on the desk")
            return
        where = f"in Word ({self.file_name})"
        if decision == "rejected":
            suggestion_reject(flag=flag, actor=self.actor, reason=f"rejected {where}")
            self.result.rejected += 1
        else:
            try:
                # A savepoint: a refused accept undoes only itself.
                with transaction.atomic():
                    # The checks run once, after the whole round trip (services.roundtrip).
                    suggestion_accept(
                        flag=flag, actor=self.actor, note=f"Accepted {where}.", checks=False
                    )
            except ValidationError as exc:
                self.result.not_applied.append(
                    f"{flag.label}'s suggestion ({' '.join(exc.messages)})"
                )
                self._record(key, decision, None, flag=flag, summary="could not be applied")
                return
            self.result.accepted += 1
        self._record(key, decision, None, flag=flag)

    def _apply_text(self) -> None:
        if self.revise:
            target = rebuild(self.merged, self.ours, self.seps)
            if target != current_text(self.article):
                article_revise(
                    article=self.article, text=target, actor=self.actor, run_checks=False
                )
                self.article.refresh_from_db()
                self.result.revised = True
            self._record(self.edit_key, "edit", None, summary="text revised")
        if not self.conflicts:
            return
        sentences = story_sentences(self.article)
        by_paragraph: dict[int, Sentence] = {}
        for sentence in sentences:
            by_paragraph.setdefault(sentence.paragraph, sentence)
        order = [i.ours for i in self.merged.items]
        for conflict, key in self.conflicts:
            index = order.index(conflict.ours) if conflict.ours in order else 0
            sentence = by_paragraph.get(index) or sentences[0]
            flag = flag_create(
                sentence=sentence,
                kind="other",
                severity=Flag.Severity.MAJOR,
                note=(
                    f"The reporter changed this paragraph in Word ({self.file_name}), but it "
                    "changed on the desk too since the export; compare and edit it by hand. "
                    f"Their version: “{conflict.theirs}”"
                )[:5000],
                origin=ORIGIN,
                actor=self.actor,
            )
            self._record(key, "edit", None, flag=flag, summary="paragraph changed on both sides")
            self.result.conflicts += 1

    def _apply_new_threads(self) -> None:
        if not self.new_threads:
            return
        sentences = story_sentences(self.article)
        text = "".join(s.text + s.separator for s in sentences)
        for thread, key in self.new_threads:
            flag = self._new_flag(thread, sentences, text)
            if flag is None:
                self.result.not_applied.append(
                    f"a comment by {author_of(thread.root)} that is not on the story's text"
                )
                self._record(key, "comment", thread.root, summary="not on the story's text")
                continue
            self.result.new_flags += 1
            self._record(key, "comment", thread.root, flag=flag)
            for reply in thread.replies:
                row = reply_from_comment(flag=flag, comment=reply, actor=self.actor)
                reply_key = _key("reply", key, author_of(reply), _when(reply), _folded(reply.text))
                self._record(reply_key, "reply", reply, flag=flag, comment_row=row)
                self.result.replies += 1
            if thread.root.done:
                resolve_as_done(flag=flag, file_name=self.file_name, actor=self.actor)
                self.result.resolved += 1

    def _new_flag(self, thread: NewThread, sentences, text: str) -> Flag | None:
        if thread.start is None:
            return None
        story = self.answers.story.text
        if text == story or comparable(text) == comparable(story):
            start, end = thread.start, thread.end
        else:
            quote = anchor.Quote(thread.words, thread.prefix, thread.suffix)
            found = anchor.locate(quote, text, near=thread.start) if thread.words.strip() else None
            if found is None:
                near = min(thread.start, max(len(text) - 1, 0))
                start, end = near, near
            else:
                # locate gives (start, context score): the words keep their length.
                start = found[0]
                end = start + len(thread.words)
        placed = place(sentences, start, end)
        if placed is None:
            return None
        return flag_from_placement(placed, thread.root, actor=self.actor)

    def _record(
        self,
        key: str,
        kind: str,
        comment,
        *,
        flag=None,
        comment_row: Comment | None = None,
        summary: str = "",
    ) -> None:
        row = ReporterAnswer(
            article=self.article,
            key=key,
            kind=kind,
            flag=flag,
            comment=comment_row,
            author_name=author_of(comment)[:200] if comment is not None else "",
            summary=(summary or (attribution(comment) if comment is not None else kind))[:300],
            file_name=self.file_name[:300],
            file_sha256=self.digest,
            applied_by=self.actor,
            applied_at=change_moment(),
        )
        save_tracked(row, actor=self.actor, reason="answer applied")
        self.ledger[key] = row
