"""Migration 0003 switches off the demoted rules where nobody chose their setting."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from review.models import CheckRule
from review.services.checks import checkrule_sync
from review.services.common import save_tracked

migration = importlib.import_module("review.migrations.0005_checkrule_levels")


def migration_apps():
    """The models as the migration sees them (no history signals, plain managers)."""
    loader = MigrationExecutor(connection).loader
    return loader.project_state(("review", "0002_flag_kinds_and_roles")).apps


@pytest.fixture
def old_switches(db, editor):
    """Switches as a desk had them before the demotion: every rule on."""
    rows = checkrule_sync(actor=editor)
    for row in rows:
        if not row.enabled:
            row.enabled = True
            row.save()  # as the old code stored it, with its "rule registered" history only
    return {row.rule_id: row for row in rows}


def test_untouched_switches_of_demoted_rules_are_turned_off_with_history(old_switches):
    migration.demote(migration_apps(), None)
    for rule_id in migration.DEMOTED:
        row = CheckRule.objects.get(rule_id=rule_id)
        assert row.enabled is False
        assert row.history.first().history_change_reason == migration.REASON
    assert CheckRule.objects.get(rule_id="claims.hedge").enabled is True


def test_a_switch_someone_chose_is_kept(old_switches, editor):
    row = old_switches["names.first-name"]
    row.enabled = True
    save_tracked(row, actor=editor, reason="rule switched on")
    migration.demote(migration_apps(), None)
    assert CheckRule.objects.get(rule_id="names.first-name").enabled is True


def test_undo_switches_back_only_what_it_switched(old_switches):
    migration.demote(migration_apps(), None)
    migration.undo(migration_apps(), None)
    assert all(CheckRule.objects.get(rule_id=r).enabled for r in migration.DEMOTED)
