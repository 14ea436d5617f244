"""The workflow: every transition, every refusal, per role; blockers and overrides."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Article
from review.services.flags import flag_create, flag_resolve
from review.services.workflow import (
    article_approve,
    article_publish,
    article_reopen,
    article_request_changes,
    article_submit,
    available_transitions,
)

S = Article.Status


@pytest.fixture
def article(make_article):
    return make_article("Scot Peterson stayed outside. He did not go in.")


def set_status(article, status, actor):
    """Walk the article to `status` through the real services."""
    path = {
        S.DRAFT: [],
        S.IN_REVIEW: [article_submit],
        S.CHANGES_REQUESTED: [article_submit, article_request_changes],
        S.APPROVED: [article_submit, article_approve],
        S.PUBLISHED: [article_submit, article_approve, article_publish],
    }[status]
    for step in path:
        step(article=article, actor=actor)
    assert article.status == status
    return article


def test_a_copy_editor_submits_a_draft_with_a_note(article, copy_editor):
    article_submit(article=article, actor=copy_editor, note="Ready for the desk.")
    article.refresh_from_db()
    assert (article.status, article.status_note, article.status_changed_by) == (
        S.IN_REVIEW,
        "Ready for the desk.",
        copy_editor,
    )
    assert article.status_changed_at is not None
    row = article.history.first()
    assert (row.history_user, row.history_change_reason) == (
        copy_editor,
        "submitted for review: Ready for the desk.",
    )


def test_the_happy_path_runs_from_draft_to_published(article, editor):
    article_submit(article=article, actor=editor)
    article_request_changes(article=article, actor=editor, note="Source the claim.")
    assert article.status == S.CHANGES_REQUESTED
    article_submit(article=article, actor=editor)
    article_approve(article=article, actor=editor)
    article_publish(article=article, actor=editor)
    assert article.status == S.PUBLISHED
    reasons = list(
        article.history.order_by("history_date").values_list("history_change_reason", flat=True)
    )
    assert reasons == [
        "imported",
        "submitted for review",
        "changes requested: Source the claim.",
        "submitted for review",
        "approved",
        "published",
    ]


@pytest.mark.parametrize("start", [S.APPROVED, S.PUBLISHED])
def test_an_editor_reopens_an_approved_or_published_story(article, editor, start):
    set_status(article, start, editor)
    article_reopen(article=article, actor=editor, note="Correction needed.")
    assert article.status == S.IN_REVIEW


@pytest.mark.parametrize(
    ("verb", "start"),
    [
        (article_submit, S.IN_REVIEW),
        (article_submit, S.APPROVED),
        (article_request_changes, S.DRAFT),
        (article_request_changes, S.APPROVED),
        (article_approve, S.DRAFT),
        (article_approve, S.CHANGES_REQUESTED),
        (article_publish, S.IN_REVIEW),
        (article_publish, S.PUBLISHED),
        (article_reopen, S.DRAFT),
        (article_reopen, S.IN_REVIEW),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused(article, editor, verb, start):
    set_status(article, start, editor)
    with pytest.raises(ValidationError, match="Reload the page"):
        verb(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status == start


@pytest.mark.parametrize(
    ("verb", "start"),
    [
        (article_request_changes, S.IN_REVIEW),
        (article_approve, S.IN_REVIEW),
        (article_publish, S.APPROVED),
        (article_reopen, S.APPROVED),
    ],
)
def test_only_editors_request_changes_approve_publish_and_reopen(
    article, editor, copy_editor, fact_checker, viewer, verb, start
):
    set_status(article, start, editor)
    for user in (copy_editor, fact_checker, viewer):
        with pytest.raises(PermissionDenied, match="Only Editors"):
            verb(article=article, actor=user)
    article.refresh_from_db()
    assert article.status == start


def test_fact_checkers_and_viewers_cannot_submit(article, fact_checker, viewer, outsider):
    for user in (fact_checker, viewer, outsider):
        with pytest.raises(PermissionDenied, match="Editors and Copy editors"):
            article_submit(article=article, actor=user)


def blocker(article, editor):
    sentence = article.sentences.get(position=0)
    return flag_create(
        sentence=sentence,
        kind="unverified-claim",
        actor=editor,
        severity="blocker",
        start=0,
        end=13,
    )


@pytest.mark.parametrize("verb", [article_approve, article_publish])
def test_open_blockers_stop_approval_and_publishing_and_are_listed(article, editor, verb):
    set_status(article, S.IN_REVIEW if verb is article_approve else S.APPROVED, editor)
    flag = blocker(article, editor)
    with pytest.raises(ValidationError) as caught:
        verb(article=article, actor=editor)
    message = " ".join(caught.value.messages)
    assert f"#{flag.number}" in message and "Scot Peterson" in message
    assert "give a reason to override" in message


def test_a_resolved_blocker_no_longer_stops_approval(article, editor):
    set_status(article, S.IN_REVIEW, editor)
    flag_resolve(flag=blocker(article, editor), actor=editor)
    article_approve(article=article, actor=editor)
    assert article.status == S.APPROVED


def test_an_editor_overrides_blockers_with_a_reason_that_is_recorded(article, editor):
    set_status(article, S.IN_REVIEW, editor)
    flag = blocker(article, editor)
    article_approve(article=article, actor=editor, override_reason="Lawyer cleared it.")
    article.refresh_from_db()
    assert article.status == S.APPROVED
    assert f"#{flag.number}" in article.status_note and "Lawyer cleared it." in article.status_note
    reason = article.history.first().history_change_reason
    assert reason == "approved over 1 open blocker(s): Lawyer cleared it."


def test_overriding_needs_the_override_permission(article, editor):
    from django.contrib.auth.models import Permission

    editor.user_permissions.clear()
    group = editor.groups.get()
    group.permissions.remove(Permission.objects.get(codename="override_blockers"))
    editor = type(editor).objects.get(pk=editor.pk)
    set_status(article, S.IN_REVIEW, editor)
    blocker(article, editor)
    with pytest.raises(ValidationError) as caught:
        article_approve(article=article, actor=editor)
    assert "override" not in " ".join(caught.value.messages)
    with pytest.raises(PermissionDenied, match="override permission"):
        article_approve(article=article, actor=editor, override_reason="Trust me.")


def test_available_transitions_follow_state_and_role(article, editor, copy_editor, viewer):
    assert [t.verb for t in available_transitions(article, copy_editor)] == ["submit"]
    assert [t.verb for t in available_transitions(article, viewer)] == []
    set_status(article, S.IN_REVIEW, editor)
    assert [t.verb for t in available_transitions(article, editor)] == [
        "request_changes",
        "approve",
    ]
    assert available_transitions(article, copy_editor) == []


@pytest.mark.parametrize("status", [S.APPROVED, S.PUBLISHED])
def test_reopening_an_approved_or_published_story_lets_the_text_change_again(
    article, editor, status
):
    from review.services.editing import sentence_edit

    set_status(article, status, editor)
    sentence = article.sentences.get(position=0)
    label = "published" if status == S.PUBLISHED else "approved"
    with pytest.raises(ValidationError, match=f"This story is {label}; reopen it"):
        sentence_edit(
            sentence=sentence, text="Scot Peterson waited.", expected_version=1, actor=editor
        )
    article_reopen(article=article, actor=editor, note="A correction.")
    sentence_edit(sentence=sentence, text="Scot Peterson waited.", expected_version=1, actor=editor)
    sentence.refresh_from_db()
    assert sentence.text == "Scot Peterson waited."


# The steps that lead back to where each step starts, to take it a second time.
BACK = {
    article_approve: [article_reopen],
    article_publish: [article_reopen, article_approve],
    article_reopen: [article_approve],
    article_request_changes: [article_submit],
}


@pytest.mark.parametrize(
    ("step", "start"),
    [
        (article_approve, S.IN_REVIEW),
        (article_publish, S.APPROVED),
        (article_reopen, S.APPROVED),
        (article_request_changes, S.IN_REVIEW),
    ],
)
def test_every_step_keeps_the_note_it_is_given_and_none_when_given_none(
    article, editor, step, start
):
    set_status(article, start, editor)
    step(article=article, actor=editor, note="For the record.")
    article.refresh_from_db()
    assert article.status_note == "For the record."
    for back in BACK[step]:
        back(article=article, actor=editor)
    step(article=article, actor=editor)
    article.refresh_from_db()
    assert article.status_note == ""


def test_only_this_storys_blockers_stop_its_approval(article, make_article, editor):
    other = make_article("Scot Peterson spoke. Nobody listened.")
    blocker(other, editor)
    set_status(article, S.IN_REVIEW, editor)
    article_approve(article=article, actor=editor)
    assert article.status == S.APPROVED


def test_blockers_are_listed_in_reading_order_with_their_first_sixty_characters(
    make_article, editor
):
    article = make_article("A" * 70 + ". Second sentence here.")
    first, second = article.sentences.order_by("position")
    late = flag_create(sentence=second, kind="unverified-claim", actor=editor, severity="blocker")
    early = flag_create(sentence=first, kind="unverified-claim", actor=editor, severity="blocker")
    set_status(article, S.IN_REVIEW, editor)
    with pytest.raises(ValidationError) as caught:
        article_approve(article=article, actor=editor)
    message = caught.value.messages[0]
    assert (
        f"#{early.number} Unverified claim on “{'A' * 60}”; "
        f"#{late.number} Unverified claim on “Second sentence here.”"
    ) in message


def test_a_step_taken_by_its_verb_has_no_note_and_no_override_unless_given(article, editor):
    from review.services.workflow import article_transition

    set_status(article, S.IN_REVIEW, editor)
    blocker(article, editor)
    with pytest.raises(ValidationError, match="open blocker"):
        article_transition(article=article, verb="approve", actor=editor)
    article_transition(article=article, verb="request_changes", actor=editor)
    article.refresh_from_db()
    assert (article.status, article.status_note) == (S.CHANGES_REQUESTED, "")


def test_an_unknown_step_is_refused_as_not_a_step(article, editor):
    from review.services.workflow import NOT_A_STEP, article_transition

    with pytest.raises(ValidationError) as refused:
        article_transition(article=article, verb="archive", actor=editor)
    assert refused.value.messages == [NOT_A_STEP]


def test_a_step_from_the_wrong_state_names_the_state_and_where_the_step_applies(article, editor):
    with pytest.raises(ValidationError) as refused:
        article_reopen(article=article, actor=editor)
    assert refused.value.messages == [
        "This story is draft; “Reopen” applies only to stories that are approved or "
        "published. Reload the page to see its current state."
    ]


def test_a_note_may_be_as_long_as_the_limit_and_no_longer(article, editor):
    from review.services.workflow import NOTE_MAX

    with pytest.raises(ValidationError) as refused:
        article_submit(article=article, actor=editor, note="x" * (NOTE_MAX + 1))
    assert refused.value.messages == [f"Keep the note under {NOTE_MAX:,} characters."]
    article_submit(article=article, actor=editor, note="x" * NOTE_MAX)
    assert article.status == S.IN_REVIEW


def test_an_override_reason_may_be_as_long_as_the_limit_and_no_longer(article, editor):
    from review.services.workflow import NOTE_MAX

    set_status(article, S.IN_REVIEW, editor)
    blocker(article, editor)
    with pytest.raises(ValidationError, match="Keep the note under"):
        article_approve(article=article, actor=editor, override_reason="x" * (NOTE_MAX + 1))
    article_approve(article=article, actor=editor, override_reason="x" * NOTE_MAX)
    assert article.status == S.APPROVED
    assert len(article.history.first().history_change_reason) == 100  # cut to what it holds


def test_a_step_that_checks_no_blockers_ignores_an_override_reason(article, editor):
    from review.services.workflow import NOTE_MAX, article_transition

    article_transition(
        article=article, verb="submit", actor=editor, override_reason="x" * (NOTE_MAX + 1)
    )
    article.refresh_from_db()
    assert (article.status, article.status_note) == (S.IN_REVIEW, "")
    assert article.history.first().history_change_reason == "submitted for review"


def test_an_override_keeps_the_note_under_the_blockers_it_overrode(article, editor):
    set_status(article, S.IN_REVIEW, editor)
    flag = blocker(article, editor)
    article_approve(article=article, actor=editor, override_reason="Cleared.", note="Run it.")
    article.refresh_from_db()
    assert article.status_note == (
        f"Overrode 1 open blocker(s) (#{flag.number} Unverified claim on “Scot Peterson”): "
        "Cleared.\nRun it."
    )
    article_reopen(article=article, actor=editor)
    article_approve(article=article, actor=editor, override_reason="Cleared again.")
    article.refresh_from_db()
    assert article.status_note.endswith("): Cleared again.")


def test_without_the_override_permission_blockers_must_be_resolved_or_dismissed(article, editor):
    from django.contrib.auth.models import Permission

    group = editor.groups.get()
    group.permissions.remove(Permission.objects.get(codename="override_blockers"))
    editor = type(editor).objects.get(pk=editor.pk)
    set_status(article, S.IN_REVIEW, editor)
    blocker(article, editor)
    with pytest.raises(ValidationError) as caught:
        article_approve(article=article, actor=editor)
    assert caught.value.messages[0].endswith(". Resolve or dismiss them first.")
