from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Flag, Notification, Sentence
from review.services.common import save_tracked
from review.services.flags import (
    flag_create,
    flag_dismiss,
    flag_reopen,
    flag_resolve,
    flag_update,
    flag_update_check,
)

TEXT = "The mayor, Ana Ruiz, said the budget rose 40 percent. Officials said more."


@pytest.fixture
def article(make_article):
    return make_article(TEXT)


@pytest.fixture
def sentence(article):
    return article.sentences.order_by("position").first()


@pytest.fixture
def flag(sentence, editor):
    return flag_create(sentence=sentence, kind="name-spelling", actor=editor, start=11, end=19)


def last_history(flag):
    return flag.history.order_by("-history_id").first()


def test_it_raises_a_flag_on_words_with_quote_and_context(sentence, editor):
    flag = flag_create(
        sentence=sentence, kind="name-spelling", actor=editor, start=11, end=19, note="Check"
    )
    assert flag.quote == "Ana Ruiz"
    assert flag.prefix == "The mayor, "
    assert flag.suffix.startswith(", said the budget")
    assert len(flag.suffix) <= 32
    assert flag.severity == "major"  # the kind's default
    assert flag.status == Flag.Status.OPEN
    assert flag.origin == "editor"
    assert flag.article_id == sentence.article_id
    assert flag.created_by == editor


def test_it_raises_a_flag_on_the_whole_sentence_without_a_span(sentence, copy_editor):
    flag = flag_create(sentence=sentence, kind="style", actor=copy_editor, severity="blocker")
    assert (flag.start, flag.end) == (None, None)
    assert flag.quote == sentence.text
    assert flag.severity == "blocker"


def test_a_span_covering_the_whole_sentence_is_stored_as_the_whole_sentence(sentence, editor):
    flag = flag_create(
        sentence=sentence, kind="style", actor=editor, start=0, end=len(sentence.text)
    )
    assert (flag.start, flag.end) == (None, None)


@pytest.mark.parametrize(
    ("start", "end"), [(5, 5), (10, 4), (0, 999), (-1, 3), (3, None), (None, 3), (3, 4)]
)
def test_it_refuses_a_span_outside_the_sentence_or_empty(sentence, editor, start, end):
    # (3, 4) is the single space between "The" and "mayor": not words.
    with pytest.raises(ValidationError):
        flag_create(sentence=sentence, kind="style", actor=editor, start=start, end=end)
    assert not Flag.objects.exists()


def test_it_refuses_an_unknown_kind_and_a_bad_severity(sentence, editor):
    with pytest.raises(ValidationError):
        flag_create(sentence=sentence, kind="no-such-kind", actor=editor)
    with pytest.raises(ValidationError):
        flag_create(sentence=sentence, kind="style", actor=editor, severity="apocalyptic")


def test_viewers_and_outsiders_cannot_raise_flags(sentence, viewer, outsider):
    for actor in (viewer, outsider):
        with pytest.raises(PermissionDenied):
            flag_create(sentence=sentence, kind="style", actor=actor)
    assert not Flag.objects.exists()


def test_fact_checkers_raise_resolve_and_dismiss(sentence, fact_checker):
    one = flag_create(sentence=sentence, kind="unverified-claim", actor=fact_checker)
    two = flag_create(sentence=sentence, kind="style", actor=fact_checker, start=0, end=3)
    resolved = flag_resolve(flag=one, actor=fact_checker, evidence="https://example.org/budget")
    dismissed = flag_dismiss(flag=two, actor=fact_checker, reason="House style allows it")
    one.refresh_from_db()
    two.refresh_from_db()
    assert (resolved.status, one.status, one.evidence, one.resolved_by) == (
        Flag.Status.RESOLVED,
        Flag.Status.RESOLVED,
        "https://example.org/budget",
        fact_checker,
    )
    assert (dismissed.status, two.status, two.resolution_note, two.resolved_by) == (
        Flag.Status.DISMISSED,
        Flag.Status.DISMISSED,
        "House style allows it",
        fact_checker,
    )


def test_raising_a_flag_writes_history_with_the_actor(flag, editor):
    row = last_history(flag)
    assert row.history_type == "+"
    assert row.history_user == editor
    assert row.history_change_reason == "flag raised"


def test_resolving_sets_who_when_note_and_evidence_with_history(flag, copy_editor):
    flag = flag_resolve(flag=flag, actor=copy_editor, note="Fixed", evidence="city records")
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED
    assert flag.resolved_by == copy_editor
    assert flag.resolved_at is not None
    assert (flag.resolution_note, flag.evidence) == ("Fixed", "city records")
    row = last_history(flag)
    assert (row.history_user, row.status, row.history_change_reason) == (
        copy_editor,
        "resolved",
        "flag resolved",
    )


def test_resolving_a_resolved_flag_says_so(flag, editor):
    flag_resolve(flag=flag, actor=editor)
    with pytest.raises(ValidationError, match="already resolved"):
        flag_resolve(flag=flag, actor=editor)


def test_resolving_uses_the_stored_state_not_a_stale_object(flag, editor, copy_editor):
    stale = Flag.objects.get(pk=flag.pk)
    flag_dismiss(flag=flag, actor=editor, reason="Not an error")
    with pytest.raises(ValidationError, match="already dismissed"):
        flag_resolve(flag=stale, actor=copy_editor)


def test_dismissing_needs_a_reason(flag, editor):
    with pytest.raises(ValidationError) as caught:
        flag_dismiss(flag=flag, actor=editor, reason="   ")
    assert "reason" in caught.value.message_dict
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_dismissing_records_the_reason(flag, editor):
    flag_dismiss(flag=flag, actor=editor, reason="Spelled right")
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED
    assert flag.resolution_note == "Spelled right"
    assert last_history(flag).history_change_reason.startswith("flag dismissed")


def test_a_dismissed_flag_cannot_be_dismissed_or_resolved(flag, editor):
    flag_dismiss(flag=flag, actor=editor, reason="No")
    with pytest.raises(ValidationError, match="already dismissed"):
        flag_dismiss(flag=flag, actor=editor, reason="Again")
    with pytest.raises(ValidationError, match="already dismissed"):
        flag_resolve(flag=flag, actor=editor)


def test_reopening_clears_the_resolution_and_history_keeps_it(flag, editor, fact_checker):
    flag_resolve(flag=flag, actor=editor, note="done")
    flag = flag_reopen(flag=flag, actor=fact_checker)
    assert flag.status == Flag.Status.OPEN
    assert flag.resolved_by is None and flag.resolved_at is None
    assert flag.resolution_note == ""
    flag.refresh_from_db()  # and so it was saved, not only set
    assert (flag.status, flag.resolved_by, flag.resolved_at, flag.resolution_note) == (
        Flag.Status.OPEN,
        None,
        None,
        "",
    )
    rows = list(flag.history.order_by("history_id").values_list("status", "resolution_note"))
    assert rows == [("open", ""), ("resolved", "done"), ("open", "")]
    assert last_history(flag).history_user == fact_checker


def test_reopening_an_open_flag_says_so(flag, editor):
    with pytest.raises(ValidationError, match="already open"):
        flag_reopen(flag=flag, actor=editor)


@pytest.mark.parametrize("action", ["resolve", "dismiss", "reopen", "update"])
def test_viewers_cannot_change_flags(flag, viewer, action):
    calls = {
        "resolve": lambda: flag_resolve(flag=flag, actor=viewer),
        "dismiss": lambda: flag_dismiss(flag=flag, actor=viewer, reason="x"),
        "reopen": lambda: flag_reopen(flag=flag, actor=viewer),
        "update": lambda: flag_update(flag=flag, actor=viewer, note="x"),
    }
    with pytest.raises(PermissionDenied):
        calls[action]()
    flag.refresh_from_db()
    assert flag.status == "open" and flag.note == ""


def test_updating_changes_only_the_fields_given(flag, editor):
    flag = flag_update(flag=flag, actor=editor, kind="style", note="Use the full name")
    assert flag.kind.slug == "style"
    assert flag.note == "Use the full name"
    assert flag.severity == "major"
    assert last_history(flag).history_change_reason == "flag changed: kind, note"


def test_a_closed_flag_must_be_reopened_before_it_changes(flag, editor):
    flag_resolve(flag=flag, actor=editor)
    with pytest.raises(ValidationError, match="reopen it"):
        flag_update(flag=flag, actor=editor, note="late")


def test_a_flag_cannot_be_assigned_to_a_viewer(flag, editor, viewer):
    with pytest.raises(ValidationError) as caught:
        flag_update(flag=flag, actor=editor, assignee=viewer)
    assert "assignee" in caught.value.message_dict


def test_assigning_notifies_and_emails_the_assignee_once(
    flag, editor, fact_checker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        flag_update(flag=flag, actor=editor, assignee=fact_checker)
        flag_update(flag=flag, actor=editor, note="still them", assignee=fact_checker)
    notes = Notification.objects.filter(recipient=fact_checker)
    assert [n.reason for n in notes] == ["assigned"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [fact_checker.email]
    assert "assigned you" in mail.outbox[0].subject


def test_assigning_yourself_notifies_nobody(flag, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        flag_update(flag=flag, actor=editor, assignee=editor)
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_mention_in_a_note_notifies_existing_users_but_not_the_actor(
    sentence, editor, copy_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        flag_create(
            sentence=sentence,
            kind="other",
            actor=editor,
            note="@copyed please look; cc @editor and @nobody-here.",
        )
    assert [(n.recipient, n.reason) for n in Notification.objects.all()] == [
        (copy_editor, "mention")
    ]
    assert [m.to for m in mail.outbox] == [[copy_editor.email]]


def test_editing_a_note_notifies_only_newly_mentioned_people(
    flag, editor, copy_editor, fact_checker
):
    flag_update(flag=flag, actor=editor, note="@copyed look")
    flag_update(flag=flag, actor=editor, note="@copyed look, and @checker too")
    assert sorted(n.recipient.username for n in Notification.objects.all()) == [
        "checker",
        "copyed",
    ]


def test_a_rolled_back_write_sends_no_mail(sentence, editor, copy_editor):
    # Without executing on-commit callbacks (the test's transaction never commits), no mail.
    flag_create(sentence=sentence, kind="other", actor=editor, note="@copyed")
    assert mail.outbox == []


# The sentence as it is now, not as the caller loaded it


def _retext(sentence, text, actor):
    """Someone else saves new text for the sentence; the caller's instance is now stale."""
    current = Sentence.objects.get(pk=sentence.pk)
    current.text = text
    current.version += 1
    save_tracked(current, actor=actor, reason="edited")


def test_raising_a_flag_takes_the_words_from_the_sentence_as_it_is_now(
    sentence, editor, copy_editor
):
    stale = Sentence.objects.get(pk=sentence.pk)
    _retext(sentence, "The mayor, Anna Ruiz, said the budget rose 40 percent.", copy_editor)
    flag = flag_create(sentence=stale, kind="name-spelling", actor=editor, start=11, end=20)
    assert flag.quote == "Anna Ruiz"
    assert (flag.prefix, flag.suffix) == ("The mayor, ", ", said the budget rose 40 percen")
    flag.refresh_from_db()
    assert flag.sentence.text[flag.start : flag.end] == flag.quote


def test_a_span_that_fit_the_loaded_sentence_but_not_the_current_one_is_refused(
    sentence, editor, copy_editor
):
    stale = Sentence.objects.get(pk=sentence.pk)
    _retext(sentence, "The mayor spoke.", copy_editor)
    with pytest.raises(ValidationError, match="not inside this sentence"):
        flag_create(sentence=stale, kind="other", actor=editor, start=20, end=30)
    assert not Flag.objects.exists()


def test_raising_a_flag_on_a_sentence_removed_meanwhile_says_so(sentence, editor):
    stale = Sentence.objects.get(pk=sentence.pk)
    current = Sentence.objects.get(pk=sentence.pk)
    current._history_user = editor
    current.delete()
    with pytest.raises(ValidationError) as caught:
        flag_create(sentence=stale, kind="other", actor=editor)
    assert caught.value.code == "sentence_gone" and "reload the page" in caught.value.message
    assert not Flag.objects.exists()


# Flag.clean: a flag points at words of its own story


def test_a_flag_on_a_sentence_of_another_story_is_invalid(flag, make_article):
    other = make_article("Another story entirely.").sentences.get()
    flag.sentence = other
    with pytest.raises(ValidationError, match="belongs to another story"):
        flag.full_clean()


@pytest.mark.parametrize(("start", "end"), [(11, None), (None, 19), (19, 11), (11, 11), (0, 99)])
def test_a_span_outside_its_sentence_is_invalid(flag, start, end):
    flag.start, flag.end = start, end
    with pytest.raises(ValidationError) as caught:
        flag.full_clean()
    assert caught.value.messages[0].endswith(("select the words again.", "the whole sentence."))


def test_an_outdated_flag_squeezed_to_nothing_can_still_be_resolved(flag, editor):
    # Re-anchoring leaves a flag whose words were deleted outdated, with an empty span.
    flag.anchor, flag.start, flag.end = Flag.Anchor.OUTDATED, 5, 5
    flag._history_user = editor
    flag.save()
    flag_resolve(flag=flag, actor=editor, note="The words are gone.")
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED


def test_update_check_refuses_what_flag_update_refuses_and_writes_nothing(flag, editor, viewer):
    with pytest.raises(ValidationError) as caught:
        flag_update_check(flag=flag, actor=editor, assignee=viewer, note="x")
    assert "assignee" in caught.value.message_dict
    with pytest.raises(PermissionDenied):
        flag_update_check(flag=flag, actor=viewer, note="x")
    flag_update_check(flag=flag, actor=editor, note="fine", kind="style")
    flag.refresh_from_db()
    assert (flag.note, flag.kind.slug, flag.history.count()) == ("", "name-spelling", 1)


def test_a_new_severity_is_kept_and_an_empty_one_takes_the_kinds_default(flag, editor):
    assert flag_update(flag=flag, actor=editor, severity="blocker").severity == "blocker"
    flag = flag_update(flag=flag, actor=editor, severity="")
    assert flag.severity == "major"  # name-spelling's default
    flag = flag_update(flag=flag, actor=editor, kind="style", severity="")
    flag.refresh_from_db()
    assert (flag.kind.slug, flag.severity) == ("style", "minor")  # the new kind's default


def test_a_note_and_a_suggestion_can_be_cleared(sentence, editor):
    flag = flag_create(
        sentence=sentence, kind="style", actor=editor, note="Check", suggestion="Ana Ruíz"
    )
    flag_update(flag=flag, actor=editor, note="", suggestion="")
    flag.refresh_from_db()
    assert (flag.note, flag.suggestion) == ("", "")


@pytest.mark.parametrize("field", ["note", "suggestion"])
def test_a_too_long_note_or_suggestion_is_refused_beside_its_field(flag, editor, field):
    from review.services.flags import NOTE_MAX

    for check in (flag_update_check, flag_update):
        with pytest.raises(ValidationError) as refused:
            check(flag=flag, actor=editor, **{field: "x" * (NOTE_MAX + 1)})
        assert list(refused.value.message_dict) == [field]
    flag.refresh_from_db()
    assert getattr(flag, field) == ""


def test_assigning_someone_new_notifies_them_at_once(
    flag, editor, copy_editor, fact_checker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        flag_update(flag=flag, actor=editor, assignee=fact_checker)
        assert Notification.objects.filter(recipient=fact_checker, reason="assigned").count() == 1
        flag_update(flag=flag, actor=editor, assignee=copy_editor)
    assert Notification.objects.filter(recipient=copy_editor, reason="assigned").count() == 1
    assert Notification.objects.filter(recipient=fact_checker).count() == 1


def test_reopening_records_why_when_a_reason_is_given(flag, editor):
    flag_resolve(flag=flag, actor=editor)
    flag_reopen(flag=flag, actor=editor)
    assert last_history(flag).history_change_reason == "flag reopened"
    flag_resolve(flag=flag, actor=editor)
    flag_reopen(flag=flag, actor=editor, reason="  The name is still wrong. ")
    assert last_history(flag).history_change_reason == "flag reopened: The name is still wrong."


@pytest.mark.parametrize("reason", ["", None])
def test_dismissing_with_no_reason_at_all_is_refused(flag, editor, reason):
    with pytest.raises(ValidationError) as caught:
        flag_dismiss(flag=flag, actor=editor, reason=reason)
    assert list(caught.value.message_dict) == ["reason"]
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_dismissing_clears_evidence_and_names_the_first_eighty_characters_of_the_reason(
    flag, editor
):
    flag_resolve(flag=flag, actor=editor, evidence="https://example.org/minutes")
    flag_reopen(flag=flag, actor=editor)
    reason = "Spelled right in the council minutes, " + "x" * 100
    flag_dismiss(flag=flag, actor=editor, reason=reason)
    flag.refresh_from_db()
    assert (flag.evidence, flag.resolution_note) == ("", reason)
    assert last_history(flag).history_change_reason == f"flag dismissed: {reason[:80]}"


def test_resolving_without_a_note_or_evidence_leaves_both_empty(flag, editor):
    flag_resolve(flag=flag, actor=editor)
    flag.refresh_from_db()
    assert (flag.status, flag.resolution_note, flag.evidence) == (Flag.Status.RESOLVED, "", "")
    flag_reopen(flag=flag, actor=editor)
    flag_resolve(flag=flag, actor=editor, note=None, evidence=None)
    flag.refresh_from_db()
    assert (flag.resolution_note, flag.evidence) == ("", "")


@pytest.mark.parametrize("field", ["note", "evidence"])
def test_a_too_long_resolution_note_or_evidence_is_refused_beside_its_field(flag, editor, field):
    from review.services.flags import NOTE_MAX

    with pytest.raises(ValidationError) as refused:
        flag_resolve(flag=flag, actor=editor, **{field: "x" * (NOTE_MAX + 1)})
    assert list(refused.value.message_dict) == [field]
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_a_flag_raised_by_hand_is_the_editors_and_a_control_character_is_refused_on_its_field(
    make_article, editor
):
    sentence = make_article("The mayor said so.").sentences.get()
    flag = flag_create(sentence=sentence, kind="other", actor=editor, note="Source?")
    assert flag.origin == "editor"
    with pytest.raises(ValidationError) as exc:
        flag_create(sentence=sentence, kind="other", actor=editor, note="Bell\x07 here")
    assert list(exc.value.message_dict) == ["note"]
    assert "control character" in exc.value.message_dict["note"][0]


def test_a_flag_raised_with_a_checks_fingerprint_is_the_checks_flag(make_article, editor):
    from review.checks import Finding
    from review.services.checks import checks_run, fingerprint

    article = make_article("The owner reportedly wants to sell the land.")
    s = article.sentences.get()
    start, end = 10, 20  # "reportedly"
    mark = fingerprint(
        Finding(s.pk, start, end, "reportedly", "unverified-claim", "major", "claims.hedge", "")
    )
    raised = flag_create(
        sentence=s,
        kind="unverified-claim",
        actor=editor,
        start=start,
        end=end,
        origin="check:claims.hedge",
        fingerprint=mark,
    )
    assert raised.fingerprint == mark
    result = checks_run(article=article, actor=editor)
    # the checks find their own flag: kept, not raised again nor closed
    assert (result.created, result.closed) == (0, 0)
    assert list(Flag.objects.filter(article=article).values_list("pk", flat=True)) == [raised.pk]
