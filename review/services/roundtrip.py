"""The reporter's answer: a desk export that came back from Word or LibreOffice, applied.

`article_answers_apply` reads the file (review/imports/answers.py says what counts as an
answer) and applies every answer not applied before, through the ordinary services, as ONE
change in the timeline ("answers from the reporter (file name)"), all or nothing:

- a reply in a flag's Word thread → a reply in the flag's thread, under the Word author's
  name (the desk user of that name or email where there is one);
- the flag's comment marked done → the flag resolved;
- a tracked change the export wrote for a suggestion, accepted → `suggestion_accept`;
  rejected → `suggestion_reject`;
- the text as the reporter left it → a revision (`article_revise`: flags re-anchor, history
  keeps every sentence), merged paragraph by paragraph with what the desk changed since the
  export; a paragraph both changed becomes a flag quoting the reporter's version;
- a new Word comment → a new flag on its words, its replies the thread, done → resolved.

Every applied answer is a `ReporterAnswer` row keyed by what it is, so uploading the same
file again (or a later save of it) applies nothing twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction

from review import permissions
from review.exports.docx_mark import reply_fingerprint
from review.imports.answers import DeskFlag, read_answers
from review.models import Article, Flag, ReporterAnswer
from review.services.common import one_change
from review.services.docx_import import read_upload
from review.services.roundtrip_plan import AnswerPlan

DENIED = "Only Editors can apply a reporter's answers; ask an Editor."


@dataclass
class AnswersResult:
    file_name: str
    replies: int = 0
    resolved: int = 0
    accepted: int = 0
    rejected: int = 0
    new_flags: int = 0
    revised: bool = False
    conflicts: int = 0
    not_applied: list[str] = field(default_factory=list)
    already: int = 0  # answers in the file applied by an earlier upload
    previous_upload: object = None  # when this very file was applied before

    @property
    def applied(self) -> int:
        return (
            self.replies
            + self.resolved
            + self.accepted
            + self.rejected
            + self.new_flags
            + self.conflicts
            + int(self.revised)
        )

    @property
    def summary(self) -> str:
        if not self.applied:
            text = "Nothing new to apply from this file"
            if self.previous_upload is not None:
                text += f": it was applied on {self.previous_upload:%Y-%m-%d %H:%M}"
            elif self.already:
                text += f": its {self.already} answers were applied before"
            text += "."
            if self.not_applied:
                text += " Not applied: " + "; ".join(self.not_applied) + "."
            return text
        parts = []
        for count, one, many in (
            (self.replies, "reply", "replies"),
            (self.resolved, "flag resolved", "flags resolved"),
            (self.accepted, "suggestion accepted", "suggestions accepted"),
            (self.rejected, "suggestion rejected", "suggestions rejected"),
            (self.new_flags, "new flag", "new flags"),
            (
                self.conflicts,
                "paragraph changed on both sides (flagged)",
                "paragraphs changed on both sides (flagged)",
            ),
        ):
            if count:
                parts.append(f"{count} {one if count == 1 else many}")
        if self.revised:
            parts.append("the text revised")
        text = f"Applied the answers from {self.file_name}: " + ", ".join(parts) + "."
        if self.already:
            text += f" {self.already} answers were applied before and were skipped."
        if self.not_applied:
            text += " Not applied: " + "; ".join(self.not_applied) + "."
        return text


def answers_prepare(*, article: Article, data: bytes, actor):
    """The returned file read, if `actor` may apply it to `article`: a readable .docx that
    was not exported from another story. Raises PermissionDenied or ValidationError. A big
    story's job (services.jobs) asks at upload, so a wrong file is refused at once."""
    permissions.require(permissions.can_import(actor), DENIED)
    document = read_upload(data)
    mark = document.mark
    if mark is not None and mark.story != article.slug:
        raise ValidationError(
            f"This file was exported from the story “{mark.story}”, not from “{article.slug}”; "
            "upload it on that story's page.",
            code="other_story",
        )
    return document


def article_answers_apply(
    *, article: Article, data: bytes, file_name: str, actor, run_checks: bool = True
) -> AnswersResult:
    """Apply a returned .docx to `article`; see the module doc.

    Raises ValidationError (nothing written) for a file that is not a readable .docx, was
    exported from another story or changes the text of an approved story; PermissionDenied
    unless `actor` may import.
    """
    document = answers_prepare(article=article, data=data, actor=actor)
    mark = document.mark
    name = PurePath(file_name).name or "answer.docx"
    digest = hashlib.sha256(data).hexdigest()
    result = AnswersResult(file_name=name)
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        flags = {
            f.number: f
            for f in Flag.objects.filter(article=locked).prefetch_related("comments__author")
        }
        answers = read_answers(document, _desk_flags(flags), matched=mark is not None)
        ledger = {
            row.key: row
            for row in ReporterAnswer.objects.filter(article=locked).select_related("flag")
        }
        plan = AnswerPlan(locked, document, answers, flags, ledger, result)
        if not plan.has_work():
            previous = next((r for r in ledger.values() if r.file_sha256 == digest), None)
            result.previous_upload = previous.applied_at if previous else None
            return result
        with one_change(reason=f"answers from the reporter ({name})"):
            plan.apply(actor=actor, file_name=name, digest=digest)
    article.version = locked.version
    if run_checks and (result.revised or result.accepted):
        from review.services.checks import checks_run

        checks_run(article=locked, actor=actor)
    return result


def _desk_flags(flags: dict[int, Flag]) -> dict[int, DeskFlag]:
    return {
        number: DeskFlag(
            number,
            flag.status,
            flag.suggestion,
            frozenset(
                reply_fingerprint(c.author_label, "(comment deleted)" if c.deleted_at else c.body)
                for c in flag.comments.all()
            ),
        )
        for number, flag in flags.items()
    }
