"""The names registry services: add a verified spelling, verify one from a flag."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Flag, Name
from review.services.checks import checkrule_sync, checks_run
from review.services.common import save_tracked
from review.services.names import name_add, name_verify


def test_an_editor_registers_a_name_with_history(editor):
    name = name_add(full_name="  Ana   Ortiz ", actor=editor, note="Checked with her office.")
    assert (name.full_name, name.verified_by, name.note) == (
        "Ana Ortiz",
        editor,
        "Checked with her office.",
    )
    assert name.history.get().history_user == editor


@pytest.mark.parametrize("bad", ["", "   "])
def test_an_empty_name_is_refused(editor, bad):
    with pytest.raises(ValidationError, match="Give the name"):
        name_add(full_name=bad, actor=editor)


def test_a_duplicate_is_refused_whatever_the_case(editor):
    name_add(full_name="Ana Ortiz", actor=editor)
    with pytest.raises(ValidationError, match="already in the names registry"):
        name_add(full_name="ana ortiz", actor=editor)
    assert Name.objects.count() == 1


@pytest.mark.parametrize("who", ["copy_editor", "fact_checker", "viewer", "outsider"])
def test_only_editors_manage_names(request, who):
    with pytest.raises(PermissionDenied):
        name_add(full_name="Ana Ortiz", actor=request.getfixturevalue(who))


def _name_flag(make_article, editor, text):
    article = make_article(text)
    checks_run(article=article, actor=editor)
    return Flag.objects.get(article=article, origin="check:names.two-spellings")


def test_verifying_a_flag_registers_its_suggested_name_and_resolves_it(make_article, editor):
    flag = _name_flag(
        make_article,
        editor,
        "Priya Raman leads the union.\n\nRaman said no.\n\nPriya Ramen will talk.",
    )
    name = name_verify(flag=flag, actor=editor)
    flag.refresh_from_db()
    assert name.full_name == "Priya Raman"
    assert flag.status == Flag.Status.RESOLVED and flag.resolution_note == "spelling verified"
    assert flag.resolved_by == editor and flag.history.first().history_user == editor


def test_verifying_an_already_registered_name_just_resolves(make_article, editor):
    name_add(full_name="Priya Raman", actor=editor)
    flag = _name_flag(make_article, editor, "Priya Ramen leads the union.")
    assert name_verify(flag=flag, actor=editor).full_name == "Priya Raman"
    assert Name.objects.count() == 1


def test_a_flag_without_a_full_name_needs_one_typed(make_article, editor):
    # the plain first-name rule is off by default; the desk chief switches it on
    (rule,) = [r for r in checkrule_sync(actor=editor) if r.rule_id == "names.first-name"]
    rule.enabled = True
    save_tracked(rule, actor=editor, reason="desk style: surnames only")
    article = make_article("Marcus Ellery resigned.\n\nMarcus said it was time.")
    checks_run(article=article, actor=editor)
    flag = Flag.objects.get(article=article, origin="check:names.first-name")
    with pytest.raises(ValidationError, match="type the spelling"):
        name_verify(flag=flag, actor=editor)
    assert name_verify(flag=flag, actor=editor, full_name="Marcus Ellery").full_name == (
        "Marcus Ellery"
    )


def test_only_name_flags_verify_names(make_article, editor):
    article = make_article("The owner reportedly sold the land.")
    checks_run(article=article, actor=editor)
    flag = Flag.objects.get(article=article, origin="check:claims.hedge")
    with pytest.raises(ValidationError, match="Only name-spelling flags"):
        name_verify(flag=flag, actor=editor, full_name="Ana Ortiz")
