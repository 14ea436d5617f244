"""Running the automatic checks on an article: findings in, Flag rows out, idempotently.

The rules (review.checks) are pure; this module feeds them the article's sentences and
the names registry, and reconciles what they find with the flags already on the article:
a finding seen before keeps its flag (whatever an editor did with it), a new one becomes
an open flag, and an open automatic flag whose problem is gone is resolved.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from review import permissions
from review.checks import RULES, CheckInput, CheckSentence, Finding, run_checks
from review.constants import AUTOMATIC_REASON, ORIGIN_CHECK_PREFIX
from review.models import Article, CheckRule, Flag, FlagKind, Name
from review.services.common import save_tracked
from review.services.flags import _mark_closed

CONTEXT = 32  # characters of prefix/suffix kept around a quote to re-anchor it later


@dataclass(frozen=True, slots=True)
class CheckRunResult:
    created: int
    kept: int
    closed: int
    skipped_rules: tuple[str, ...] = ()

    def summary(self) -> str:
        return (
            f"{self.created} new flag{'s' if self.created != 1 else ''}, "
            f"{self.closed} closed, {self.kept} kept"
        )


def fingerprint(finding: Finding) -> str:
    """Identifies one problem across runs: the rule, the sentence and the flagged words.

    The sentence's key (its primary key) rather than its text, so an edit elsewhere in the
    sentence keeps the flag; whole-sentence findings use their message (e.g. the figures
    listed), so they survive edits that do not touch what they are about.
    """
    words = " ".join(finding.quote.split()) if finding.start is not None else finding.message
    raw = "\x1f".join([finding.rule_id, str(finding.key), words])
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def check_input_for(article: Article) -> CheckInput:
    sentences = tuple(
        CheckSentence(key=pk, position=position, paragraph=paragraph, text=text)
        for pk, position, paragraph, text in article.sentences.order_by("position").values_list(
            "pk", "position", "paragraph", "text"
        )
    )
    registry = tuple(Name.objects.values_list("full_name", flat=True))
    # The desk's own outlet: an interview given to it is first-hand, not second-hand.
    outlets = tuple(settings.REVIEW_OUTLET_NAMES)
    return CheckInput(sentences=sentences, registry=registry, outlets=outlets)


def enabled_rule_ids() -> set[str]:
    """The rules that run: each stored switch, and for a rule with no row yet its level in
    code (a rule demoted for noise is off until the desk chief switches it on)."""
    stored = dict(CheckRule.objects.values_list("rule_id", "enabled"))
    return {rule.id for rule in RULES if stored.get(rule.id, rule.default_enabled)}


def checkrule_sync(*, actor=None) -> list[CheckRule]:
    """Make sure every rule in the code has its stored switch; returns them in code order."""
    with transaction.atomic():
        stored = {rule.rule_id: rule for rule in CheckRule.objects.all()}
        missing = [
            CheckRule(rule_id=rule.id, enabled=rule.default_enabled)
            for rule in RULES
            if rule.id not in stored
        ]
        if missing:
            bulk_create_with_history(
                missing,
                CheckRule,
                default_user=actor,
                default_change_reason="rule registered",
                ignore_conflicts=True,
            )
            stored = {rule.rule_id: rule for rule in CheckRule.objects.all()}
    return [stored[rule.id] for rule in RULES if rule.id in stored]


def checkrule_set_enabled(*, rule: CheckRule, enabled: bool, actor, note: str = "") -> CheckRule:
    """Switch a rule on or off; later runs skip a rule that is off."""
    permissions.require(permissions.can_switch_rules(actor), permissions.RULES_DENIED)
    rule.enabled = enabled
    rule.note = note.strip() or rule.note
    with transaction.atomic():  # the row and its history row together
        save_tracked(
            rule, actor=actor, reason=("rule switched on" if enabled else "rule switched off")
        )
    return rule


def _prefix_suffix(text: str, start: int | None, end: int | None) -> tuple[str, str]:
    if start is None or end is None:
        return "", ""
    return text[max(0, start - CONTEXT) : start], text[end : end + CONTEXT]


def checks_run(*, article: Article, actor) -> CheckRunResult:
    """Run every enabled rule on `article` and reconcile the flags. Idempotent.

    Never duplicates a flag, never reopens one an editor resolved or dismissed, and resolves
    open automatic flags whose problem is gone ("no longer applies"). Raises
    PermissionDenied unless `actor` may review or import.
    """
    permissions.require(permissions.can_run_checks(actor), permissions.CHECKS_DENIED)
    with transaction.atomic():
        # Every change to the text (sentence edits, reverts, re-imports) locks the article row
        # first; holding it, the sentences read below stay as they are until the flags are
        # reconciled, so no flag is raised or closed on text that has just changed.
        Article.objects.select_for_update().only("pk").get(pk=article.pk)
        enabled = enabled_rule_ids()
        disabled = {rule.id for rule in RULES} - enabled
        data = check_input_for(article)
        findings = run_checks(data, enabled=enabled)
        texts = {s.key: s.text for s in data.sentences}
        kinds = {k.slug: k for k in FlagKind.objects.filter(slug__in={f.kind for f in findings})}

        existing = {
            flag.fingerprint: flag
            for flag in Flag.objects.filter(
                article=article, origin__startswith=ORIGIN_CHECK_PREFIX
            ).exclude(fingerprint="")
        }
        new: list[Flag] = []
        found: set[str] = set()
        for finding in findings:
            mark = fingerprint(finding)
            if mark in found:
                continue
            found.add(mark)
            if mark in existing:
                continue
            prefix, suffix = _prefix_suffix(texts[finding.key], finding.start, finding.end)
            new.append(
                Flag(
                    article=article,
                    sentence_id=finding.key,
                    kind=kinds[finding.kind],
                    start=finding.start,
                    end=finding.end,
                    quote=finding.quote,
                    prefix=prefix,
                    suffix=suffix,
                    severity=finding.severity,
                    note=finding.message,
                    suggestion=finding.suggestion,
                    origin=ORIGIN_CHECK_PREFIX + finding.rule_id,
                    fingerprint=mark,
                    created_by=None,  # the desk's checker; the history keeps who ran it
                )
            )
        if new:
            for flag, number in zip(new, Flag.next_numbers(article.pk, len(new)), strict=True):
                flag.number = number
            bulk_create_with_history(
                new,
                Flag,
                default_user=actor,
                default_change_reason=AUTOMATIC_REASON,
                batch_size=500,
            )

        now = timezone.now()
        candidates = [
            flag.pk
            for mark, flag in existing.items()
            if mark not in found
            and flag.status == Flag.Status.OPEN
            and flag.rule_id not in disabled  # a switched-off rule was not asked
        ]
        # The flags were read without a lock, and closing a flag locks only the flag, so an
        # editor may have resolved or dismissed one since: lock them and close only those
        # still open, never overwriting the editor's decision with "no longer applies".
        gone = (
            list(
                Flag.objects.select_for_update()
                .filter(pk__in=candidates, status=Flag.Status.OPEN)
                .order_by("pk")
            )
            if candidates
            else []
        )
        for flag in gone:
            _mark_closed(
                flag, status=Flag.Status.RESOLVED, actor=actor, when=now, note="no longer applies"
            )
        if gone:
            bulk_update_with_history(
                gone,
                Flag,
                ["status", "resolved_by", "resolved_at", "resolution_note", "updated_at"],
                default_user=actor,
                default_change_reason=f"{AUTOMATIC_REASON}: no longer applies",
                batch_size=500,
            )
    return CheckRunResult(
        created=len(new),
        kept=len(found) - len(new),
        closed=len(gone),
        skipped_rules=tuple(sorted(disabled)),
    )
