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


def test_a_name_is_registered_without_a_note_unless_one_is_given(editor):
    name = name_add(full_name="Ana Ortiz", actor=editor)
    row = name.history.get()
    assert name.note == ""
    assert (row.history_user, row.history_change_reason) == (editor, "name registered")


@pytest.mark.parametrize("bad", ["", "   ", None])
def test_an_empty_name_is_refused_beside_the_name_field(editor, bad):
    with pytest.raises(ValidationError) as refused:
        name_add(full_name=bad, actor=editor)
    assert list(refused.value.message_dict) == ["full_name"]


def test_a_name_may_be_as_long_as_the_registry_holds_and_no_longer(editor):
    longest = Name._meta.get_field("full_name").max_length
    assert len(name_add(full_name="A" * longest, actor=editor).full_name) == longest
    with pytest.raises(ValidationError) as refused:
        name_add(full_name="B" * (longest + 1), actor=editor)
    assert refused.value.message_dict == {"full_name": ["That name is too long for the registry."]}
    assert Name.objects.count() == 1


def test_a_duplicate_is_refused_beside_the_name_field(editor):
    name_add(full_name="Ana Ortiz", actor=editor)
    with pytest.raises(ValidationError) as refused:
        name_add(full_name="ANA ORTIZ", actor=editor)
    assert list(refused.value.message_dict) == ["full_name"]


def test_a_copy_editor_is_told_who_manages_names(copy_editor):
    from review.permissions import NAMES_DENIED

    with pytest.raises(PermissionDenied) as refused:
        name_add(full_name="Ana Ortiz", actor=copy_editor)
    assert str(refused.value) == NAMES_DENIED


def test_a_name_verified_on_a_flag_is_registered_by_the_verifier_from_that_flag(
    make_article, editor
):
    flag = _name_flag(
        make_article,
        editor,
        "Priya Raman leads the union.\n\nRaman said no.\n\nPriya Ramen will talk.",
    )
    name = name_verify(flag=flag, actor=editor)
    assert (name.verified_by, name.note) == (editor, f"Verified from flag #{flag.number}.")
    row = name.history.get()
    assert (row.history_user, row.history_change_reason) == (editor, "name verified on a flag")


def test_a_flag_without_a_full_name_asks_for_one_beside_the_name_field(make_article, editor):
    # the plain first-name rule is off by default; the desk chief switches it on
    (rule,) = [r for r in checkrule_sync(actor=editor) if r.rule_id == "names.first-name"]
    rule.enabled = True
    save_tracked(rule, actor=editor, reason="desk style: surnames only")
    article = make_article("Marcus Ellery resigned.\n\nMarcus said it was time.")
    checks_run(article=article, actor=editor)
    flag = Flag.objects.get(article=article, origin="check:names.first-name")
    with pytest.raises(ValidationError) as refused:
        name_verify(flag=flag, actor=editor)
    assert list(refused.value.message_dict) == ["full_name"]


def test_a_closed_name_flag_must_be_reopened_before_verifying(make_article, editor):
    from review.services.flags import flag_dismiss

    flag = _name_flag(make_article, editor, "Priya Raman leads.\n\nPriya Ramen will talk.")
    flag_dismiss(flag=flag, actor=editor, reason="Two people.")
    flag.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        name_verify(flag=flag, actor=editor)
    assert refused.value.messages == [
        "This flag is already dismissed; reopen it first to verify the name."
    ]
    assert not Name.objects.exists()
