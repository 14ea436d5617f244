"""Running the automatic checks on an article: findings in, Flag rows out, idempotently.

The rules (review.checks) are pure; this module feeds them the article's sentences and
the names registry, and matches what they find with the flags already on the article
(services.reconcile, the same matching after every text change): a finding seen before
keeps its flag, a new one becomes an open flag, an automatic flag whose problem is back is
reopened, and an open one whose problem is gone is resolved.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from review import permissions
from review.checks import RULES, CheckInput, CheckSentence, Finding, run_checks
from review.checks.document import Document
from review.models import Article, CheckRule, Name
from review.services.common import save_tracked
from review.services.facts import FactSyncResult, facts_sync
from review.services.reconcile import findings_reconcile


@dataclass(frozen=True, slots=True)
class CheckRunResult:
    created: int
    kept: int
    closed: int
    skipped_rules: tuple[str, ...] = ()
    reopened: int = 0
    facts: FactSyncResult | None = None  # what the run did to the facts worksheet

    def summary(self) -> str:
        back = f", {self.reopened} reopened" if self.reopened else ""
        return (
            f"{self.created} new flag{'s' if self.created != 1 else ''}, "
            f"{self.closed} closed{back}, {self.kept} kept"
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


def checks_run(*, article: Article, actor) -> CheckRunResult:
    """Run every enabled rule on `article` and reconcile the flags. Idempotent.

    Never duplicates a flag, never reopens one an editor dismissed, reopens an automatic
    flag whose problem is back, and resolves open automatic flags whose problem is gone
    ("no longer applies"): the matching of services.reconcile, the same after every text
    change. Raises PermissionDenied unless `actor` may review or import.
    """
    permissions.require(permissions.can_run_checks(actor), permissions.CHECKS_DENIED)
    with transaction.atomic():
        # Every change to the text (sentence edits, reverts, re-imports) locks the article row
        # first; holding it, the sentences read below stay as they are until the flags are
        # reconciled, so no flag is raised or closed on text that has just changed.
        Article.objects.select_for_update().only("pk").get(pk=article.pk)
        return checks_apply(article=article, actor=actor)


def checks_apply(
    *, article: Article, actor, returned: Collection[int] = (), when: datetime | None = None
) -> CheckRunResult:
    """Run the enabled rules and match their findings with the flags (services.reconcile);
    inside a transaction holding the article's row lock. `returned`: flags whose words a
    text change just brought back; `when`, that change's moment."""
    enabled = enabled_rule_ids()
    disabled = {rule.id for rule in RULES} - enabled
    data = check_input_for(article)
    doc = Document(data)  # one analysis of the story for the checks and the worksheet
    findings = run_checks(data, enabled=enabled, doc=doc)
    worksheet = facts_sync(article=article, actor=actor, data=data, doc=doc, when=when)
    done = findings_reconcile(
        article=article,
        findings=findings,
        fingerprint=fingerprint,
        texts={s.key: s.text for s in data.sentences},
        disabled=disabled,
        actor=actor,
        returned=returned,
        when=when,
    )
    return CheckRunResult(
        created=len(done.created),
        kept=done.kept - len(done.reopened),
        closed=len(done.closed),
        skipped_rules=tuple(sorted(disabled)),
        reopened=len(done.reopened),
        facts=worksheet,
    )
