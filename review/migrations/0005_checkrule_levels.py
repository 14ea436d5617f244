"""Rules demoted for noise (issue 9) start off on desks that already had their switches.

A rule's level lives in code (`Rule.default_enabled`); new switches take it. A switch made
before the demotion still says "on", so this switches those rows off, but only where no
person ever touched the switch (its history is the "rule registered" row alone), and
records the change in the switch's history. Reversing it switches them back on.
"""

from __future__ import annotations

from django.db import migrations
from django.utils import timezone

# Frozen here on purpose: migrations must not import the rules, which change over time.
DEMOTED = ("names.first-name", "claims.unattributed-quote")
REASON = "rule demoted for noise: off by default (issue 9)"


def switch(apps, *, enabled: bool, only_untouched: bool, rule_ids=DEMOTED, reason=REASON) -> None:
    """Later demotions (0016) reuse this with their own rules and reason."""
    CheckRule = apps.get_model("review", "CheckRule")
    Historical = apps.get_model("review", "HistoricalCheckRule")
    now = timezone.now()
    for rule in CheckRule.objects.filter(rule_id__in=rule_ids, enabled=not enabled):
        reasons = set(
            Historical.objects.filter(id=rule.pk).values_list("history_change_reason", flat=True)
        )
        if only_untouched and not reasons <= {"rule registered", None}:
            continue  # someone chose this setting: keep it
        if not only_untouched and reason not in reasons:
            continue  # only undo what this migration did
        rule.enabled = enabled
        rule.updated_at = now
        rule.save(update_fields=["enabled", "updated_at"])
        Historical.objects.create(
            id=rule.pk,
            rule_id=rule.rule_id,
            enabled=enabled,
            note=rule.note,
            updated_at=now,
            history_date=now,
            history_change_reason=reason if not enabled else "demotion undone",
            history_type="~",
            history_user=None,
        )


def demote(apps, schema_editor):
    switch(apps, enabled=False, only_untouched=True)


def undo(apps, schema_editor):
    switch(apps, enabled=True, only_untouched=False)


class Migration(migrations.Migration):
    dependencies = [("review", "0004_conflict_origin")]

    operations = [migrations.RunPython(demote, undo)]
