"""Editing sentences: optimistic locking, re-segmenting, flags following their words."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from review.models import Article, Flag, Sentence
from review.selectors.articles import current_text
from review.services.common import save_tracked
from review.services.editing import (
    EditConflict,
    sentence_edit,
    suggestion_accept,
    suggestion_reject,
    suggestions_accept_all,
)
from review.services.flags import flag_create

TEXT = "Scot Petersen stayed outside. He did not go in.\n\nThe report came later. It was long."


def sentences(article) -> list[str]:
    return list(article.sentences.order_by("position").values_list("text", flat=True))


def at(article, position: int) -> Sentence:
    return article.sentences.get(position=position)


def edit(sentence, text, actor, **kw):
    return sentence_edit(
        sentence=sentence, text=text, expected_version=sentence.version, actor=actor, **kw
    )


def assert_invariant(article):
    rows = list(article.sentences.order_by("position"))
    assert [s.position for s in rows] == list(range(len(rows)))
    paragraphs = [s.paragraph for s in rows]
    assert paragraphs == sorted(paragraphs)
    assert paragraphs[0] == 0 and set(paragraphs) == set(range(paragraphs[-1] + 1))


@pytest.fixture
def article(make_article):
    return make_article(TEXT)


def test_an_edit_changes_the_text_and_leaves_one_history_row(article, copy_editor):
    s = at(article, 0)
    before = Sentence.history.count()
    result = edit(s, "Scot Peterson stayed outside.", copy_editor, reason="spelling")
    assert result.sentence.pk == s.pk
    s.refresh_from_db()
    assert (s.text, s.version) == ("Scot Peterson stayed outside.", 2)
    assert Sentence.history.count() == before + 1
    row = s.history.first()
    assert (row.history_user, row.history_change_reason) == (copy_editor, "edited: spelling")
    assert current_text(article) == TEXT.replace("Petersen", "Peterson")


def test_the_article_version_goes_up_by_one_per_edit(article, editor):
    edit(at(article, 0), "Scot Peterson stayed outside.", editor)
    edit(at(article, 1), "He never went in.", editor)
    article.refresh_from_db()
    assert article.version == 3
    assert article.history.first().history_change_reason == "edited"


def test_saving_the_same_text_writes_nothing(article, editor):
    before = (Sentence.history.count(), Article.history.count())
    edit(at(article, 0), "  Scot Petersen stayed outside. ", editor)
    assert (Sentence.history.count(), Article.history.count()) == before


def test_an_edit_that_adds_a_sentence_splits_it_and_shifts_the_rest(article, editor):
    s = at(article, 1)
    result = edit(s, "He did not go in. Nobody did.", editor)
    assert sentences(article) == [
        "Scot Petersen stayed outside.",
        "He did not go in.",
        "Nobody did.",
        "The report came later.",
        "It was long.",
    ]
    assert result.sentence.pk == s.pk
    assert_invariant(article)
    assert current_text(article) == TEXT.replace("go in.", "go in. Nobody did.")
    # One history row per changed sentence: the new one, and the two that moved down.
    moved = [at(article, 3), at(article, 4)]
    for row in moved:
        assert row.history.count() == 2
    assert at(article, 0).history.count() == 1


def test_removing_the_final_period_merges_with_the_next_sentence(article, editor):
    first, second = at(article, 0), at(article, 1)
    edit(first, "Scot Petersen stayed outside and", editor)
    assert sentences(article)[0] == "Scot Petersen stayed outside and He did not go in."
    assert not Sentence.objects.filter(pk=second.pk).exists()
    assert second.history.first().history_type == "-"
    assert_invariant(article)
    assert at(article, 1).text == "The report came later."


def test_an_empty_edit_removes_the_sentence_and_keeps_the_paragraph_break(article, editor):
    edit(at(article, 1), "", editor)
    assert sentences(article) == [
        "Scot Petersen stayed outside.",
        "The report came later.",
        "It was long.",
    ]
    assert at(article, 0).separator == "\n\n"
    assert_invariant(article)


def test_removing_a_one_sentence_paragraph_renumbers_the_paragraphs(make_article, editor):
    article = make_article("First.\n\nLonely.\n\nLast one.")
    edit(at(article, 1), "", editor)
    assert current_text(article) == "First.\n\nLast one."
    assert at(article, 1).paragraph == 1
    assert_invariant(article)


def test_a_blank_line_in_an_edit_starts_a_new_paragraph(article, editor):
    edit(at(article, 0), "Scot Petersen stayed outside.\n\nA new paragraph.", editor)
    assert [(s.text, s.paragraph) for s in article.sentences.order_by("position")] == [
        ("Scot Petersen stayed outside.", 0),
        ("A new paragraph.", 1),
        ("He did not go in.", 1),
        ("The report came later.", 2),
        ("It was long.", 2),
    ]
    assert_invariant(article)


def test_the_only_sentence_cannot_be_removed(make_article, editor):
    article = make_article("Alone.")
    with pytest.raises(ValidationError, match="at least one sentence"):
        edit(at(article, 0), "", editor)


def test_viewers_and_fact_checkers_cannot_edit(article, viewer, fact_checker):
    for user in (viewer, fact_checker):
        with pytest.raises(PermissionDenied, match="Editor or a Copy editor"):
            edit(at(article, 0), "Changed.", user)


def test_control_characters_are_refused(article, editor):
    with pytest.raises(ValidationError, match="control character"):
        edit(at(article, 0), "Bad\x00text.", editor)


def test_a_stale_version_raises_a_conflict_and_overwrites_nothing(article, editor, copy_editor):
    s = at(article, 0)
    edit(s, "Scot Peterson stayed outside.", editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(
            sentence=s, text="Mr. Petersen waited outside.", expected_version=1, actor=copy_editor
        )
    conflict = caught.value
    s.refresh_from_db()
    assert s.text == "Scot Peterson stayed outside."
    assert conflict.theirs == "Scot Peterson stayed outside."
    assert conflict.yours == "Mr. Petersen waited outside."
    assert conflict.base == "Scot Petersen stayed outside."
    assert conflict.theirs_by == editor
    record = Flag.objects.get(pk=conflict.record.pk)
    assert record.is_conflict and record.origin == "conflict"
    assert (record.suggestion, record.sentence_id, record.created_by) == (
        "Mr. Petersen waited outside.",
        s.pk,
        copy_editor,
    )
    assert record.history.first().history_user == copy_editor


def test_the_losing_text_can_be_taken_by_accepting_the_conflict_record(
    article, editor, copy_editor
):
    s = at(article, 0)
    edit(s, "Scot Peterson stayed outside.", editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=s, text="Mine.", expected_version=1, actor=copy_editor)
    suggestion_accept(flag=caught.value.record, actor=copy_editor)
    s.refresh_from_db()
    assert s.text == "Mine."
    texts = list(s.history.order_by("history_date").values_list("text", flat=True))
    assert texts == ["Scot Petersen stayed outside.", "Scot Peterson stayed outside.", "Mine."]


def test_editing_a_sentence_that_was_merged_away_is_a_conflict_too(article, editor, copy_editor):
    first, second = at(article, 0), at(article, 1)
    edit(first, "Scot Petersen stayed outside and", editor)
    with pytest.raises(EditConflict) as caught:
        sentence_edit(sentence=second, text="He went in.", expected_version=1, actor=copy_editor)
    assert caught.value.sentence is None
    record = caught.value.record
    assert (record.sentence, record.anchor, record.suggestion) == (None, "orphaned", "He went in.")


# Flags follow their words.


def flag_on(sentence, words, actor, **kw):
    start = sentence.text.index(words)
    return flag_create(
        sentence=sentence,
        kind="name-spelling",
        actor=actor,
        start=start,
        end=start + len(words),
        **kw,
    )


def test_a_flag_moves_with_its_words_when_text_is_added_before_them(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "stayed outside", editor)
    edit(s, "Deputy Scot Petersen stayed outside.", editor)
    flag.refresh_from_db()
    assert flag.anchor == "attached"
    s.refresh_from_db()
    assert s.text[flag.start : flag.end] == "stayed outside"


def test_a_flag_on_changed_words_becomes_outdated_and_keeps_its_quote(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "Petersen", editor)
    edit(s, "Scot Peterson stayed outside.", editor)
    flag.refresh_from_db()
    s.refresh_from_db()
    assert (flag.anchor, flag.quote) == ("outdated", "Petersen")
    assert s.text[flag.start : flag.end] == "Peterson"
    assert flag.history.first().history_user == editor


def test_a_flag_on_deleted_words_is_orphaned_not_deleted(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "outside", editor)
    edit(s, "Scot Petersen stayed.", editor)
    flag.refresh_from_db()
    assert (flag.anchor, flag.sentence_id, flag.quote) == ("orphaned", None, "outside")


def test_a_flag_on_replaced_words_is_outdated_over_the_replacement(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "stayed outside", editor)
    edit(s, "Scot Petersen left.", editor)
    flag.refresh_from_db()
    assert (flag.anchor, flag.sentence.text[flag.start : flag.end]) == ("outdated", "left")


def test_a_flag_follows_its_words_into_the_new_sentence_of_a_split(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "outside", editor)
    edit(s, "Scot Petersen stayed. Outside, he waited outside.", editor)
    flag.refresh_from_db()
    assert flag.anchor == "attached"
    assert flag.sentence.text == "Outside, he waited outside."
    assert flag.sentence.text[flag.start : flag.end] == "outside"


def test_flags_of_a_merged_sentence_move_to_the_merged_row(article, editor):
    first, second = at(article, 0), at(article, 1)
    flag = flag_on(second, "go in", editor)
    edit(first, "Scot Petersen stayed outside and", editor)
    flag.refresh_from_db()
    assert flag.sentence_id == first.pk
    assert flag.sentence.text[flag.start : flag.end] == "go in"


def test_a_whole_sentence_flag_becomes_outdated_when_its_sentence_changes(article, editor):
    s = at(article, 1)
    flag = flag_create(sentence=s, kind="dangling-text", actor=editor)
    edit(s, "He did not go inside.", editor)
    flag.refresh_from_db()
    assert (flag.sentence_id, flag.start, flag.anchor) == (s.pk, None, "outdated")


def test_unchanged_flags_write_no_history(article, editor):
    flag = flag_on(at(article, 3), "long", editor)
    edit(at(article, 0), "Scot Peterson stayed outside.", editor)
    assert flag.history.count() == 1


# Suggestions.


def test_accepting_a_suggestion_edits_the_text_and_resolves_the_flag(article, copy_editor):
    s = at(article, 0)
    flag = flag_on(s, "Petersen", copy_editor, suggestion="Peterson")
    suggestion_accept(flag=flag, actor=copy_editor)
    s.refresh_from_db()
    flag.refresh_from_db()
    assert s.text == "Scot Peterson stayed outside."
    assert flag.status == "resolved"
    assert s.history.first().history_change_reason == f"suggestion accepted (flag #{flag.number})"
    assert flag.history.first().history_change_reason == "flag resolved"


def test_a_suggestion_on_changed_words_cannot_be_accepted(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "Petersen", editor, suggestion="Peterson")
    edit(s, "Scot Pedersen stayed outside.", editor)
    with pytest.raises(ValidationError, match="changed"):
        suggestion_accept(flag=flag, actor=editor)


def test_rejecting_a_suggestion_dismisses_the_flag_and_keeps_the_text(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "Petersen", editor, suggestion="Peterson")
    suggestion_reject(flag=flag, actor=editor)
    flag.refresh_from_db()
    s.refresh_from_db()
    assert (flag.status, flag.resolution_note) == ("dismissed", "Suggestion rejected.")
    assert s.text == "Scot Petersen stayed outside."


def test_accept_all_applies_every_suggestion_of_the_kind(article, editor):
    s = at(article, 0)
    flag_on(s, "Scot", editor, suggestion="Scott")
    flag_on(s, "Petersen", editor, suggestion="Peterson")
    flag_on(at(article, 2), "report", editor, suggestion="audit")
    style = at(article, 3)
    start = style.text.index("long")
    flag_create(
        sentence=style, kind="style", actor=editor, start=start, end=start + 4, suggestion="short"
    )
    result = suggestions_accept_all(article=article, kind="name-spelling", actor=editor)
    assert (len(result.accepted), result.skipped) == (3, [])
    assert sentences(article) == [
        "Scott Peterson stayed outside.",
        "He did not go in.",
        "The audit came later.",
        "It was long.",
    ]


def test_accept_all_skips_suggestions_whose_words_changed(article, editor):
    s = at(article, 0)
    flag = flag_on(s, "Petersen", editor, suggestion="Peterson")
    edit(s, "Scot Pedersen stayed outside.", editor)
    result = suggestions_accept_all(article=article, kind="name-spelling", actor=editor)
    assert result.accepted == []
    assert [(f.pk, "changed" in why) for f, why in result.skipped] == [(flag.pk, True)]


def test_accept_all_is_for_editors_only(article, copy_editor):
    with pytest.raises(PermissionDenied, match="Only Editors"):
        suggestions_accept_all(article=article, kind="style", actor=copy_editor)


# Re-anchoring never leaves a flag on an empty span: the review page could not show it.

FOX = "Red fox runs. Blue cat sits. Green owl flies.\n"


def assert_flags_visible(article):
    for flag in Flag.objects.filter(article=article).select_related("sentence"):
        if flag.sentence is None:
            assert (flag.start, flag.end, flag.anchor) == (None, None, "orphaned")
        elif flag.start is not None:
            assert 0 <= flag.start < flag.end <= len(flag.sentence.text), flag.__dict__


def test_a_flag_whose_words_are_rewritten_is_outdated_on_the_words_that_replaced_them(
    make_article, editor
):
    article = make_article(FOX)
    owl = at(article, 2)
    # A selection's spaces at either end are dropped (review/text/spans.py, as the page does).
    flag = flag_create(sentence=owl, kind="style", actor=editor, start=9, end=16)
    assert (flag.start, flag.quote) == (10, "flies.")
    edit(owl, "Three seven. Three Three", editor)
    flag.refresh_from_db()
    # The edited sentence keeps its row; the flag stays on it, outdated, its words kept.
    assert (flag.sentence_id, flag.anchor) == (owl.pk, "outdated")
    assert flag.sentence.text == "Three seven."
    assert flag.sentence.text[flag.start : flag.end] == "seven."
    assert flag.quote == "flies."
    assert_flags_visible(article)


EDIT_WORDS = ["Red", "fox", "runs", "Blue", "cat", "Green", "owl", "flies", "Three", "seven"]
EDIT_TEXT = st.lists(
    st.one_of(st.sampled_from(EDIT_WORDS), st.sampled_from([".", " ", ". ", "\n\n"])),
    min_size=1,
    max_size=12,
).map("".join)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    flagged=st.integers(0, 2),
    span=st.tuples(st.integers(0, 17), st.integers(1, 17)),
    edited=st.integers(0, 2),
    text=EDIT_TEXT,
)
@example(flagged=2, span=(9, 16), edited=2, text="Three seven. Three Three")
def test_after_any_edit_every_flag_has_a_visible_span_or_none(
    make_article, editor, flagged, span, edited, text
):
    article = make_article(FOX)
    target = at(article, flagged)
    start = min(span[0], len(target.text) - 1)
    end = min(max(span[1], start + 1), len(target.text))
    assume(target.text[start:end].strip())
    flag_create(sentence=target, kind="style", actor=editor, start=start, end=end)
    flag_create(sentence=at(article, (flagged + 1) % 3), kind="other", actor=editor)
    try:
        edit(at(article, edited), text, editor)
    except ValidationError:
        return  # e.g. text that is only whitespace when it is the last sentence
    assert_invariant(article)
    assert_flags_visible(article)


# Approved and published stories are locked: the text changes only after a reopen.


def set_status(article, status):
    """Another request changed the status: the row changes, `article` in memory does not."""
    row = Article.objects.get(pk=article.pk)
    row.status = status
    save_tracked(row, actor=None, reason=f"set to {status} by the test")


@pytest.mark.parametrize("status", ["approved", "published"])
def test_an_approved_or_published_story_refuses_sentence_edits(article, editor, status):
    s = at(article, 0)
    set_status(article, status)  # after `s` and `article` were loaded: the lock sees it
    with pytest.raises(ValidationError, match=f"This story is {status}; reopen it") as exc:
        edit(s, "Scot Peterson stayed outside.", editor)
    assert exc.value.code == "locked"
    s.refresh_from_db()
    assert s.text == "Scot Petersen stayed outside."


def test_a_stale_edit_of_an_approved_story_is_refused_without_a_conflict_record(article, editor):
    s = at(article, 0)
    set_status(article, "approved")
    with pytest.raises(ValidationError, match="approved"):
        sentence_edit(sentence=s, text="Stale.", expected_version=0, actor=editor)
    assert not Flag.objects.filter(article=article).exists()


@pytest.mark.parametrize("status", ["draft", "in_review", "changes_requested"])
def test_the_text_can_change_while_the_story_is_worked_on(article, editor, status):
    set_status(article, status)
    edit(at(article, 0), "Scot Peterson stayed outside.", editor)
    assert sentences(article)[0] == "Scot Peterson stayed outside."


@pytest.mark.parametrize("status", ["approved", "published"])
def test_a_suggestion_cannot_be_accepted_on_an_approved_or_published_story(
    article, copy_editor, status
):
    flag = flag_on(at(article, 0), "Petersen", copy_editor, suggestion="Peterson")
    set_status(article, status)
    with pytest.raises(ValidationError, match=f"This story is {status}"):
        suggestion_accept(flag=flag, actor=copy_editor)
    flag.refresh_from_db()
    assert (flag.status, sentences(article)[0]) == ("open", "Scot Petersen stayed outside.")


def test_accept_all_is_refused_on_an_approved_story(article, editor):
    flag_on(at(article, 0), "Petersen", editor, suggestion="Peterson")
    set_status(article, "approved")
    with pytest.raises(ValidationError, match="This story is approved; reopen it"):
        suggestions_accept_all(article=article, kind="name-spelling", actor=editor)
    assert sentences(article)[0] == "Scot Petersen stayed outside."


# A sentence that changes while a suggestion is being accepted.


def test_a_suggestion_whose_sentence_changed_meanwhile_asks_to_accept_again(
    article, copy_editor, racing
):
    flag = flag_on(at(article, 0), "Petersen", copy_editor, suggestion="Peterson")
    racing.add(flag.pk)
    with pytest.raises(ValidationError, match="Someone changed this sentence meanwhile") as exc:
        suggestion_accept(flag=flag, actor=copy_editor)
    assert exc.value.code == "conflict"
    flag.refresh_from_db()
    assert flag.status == "open"
    assert Flag.objects.filter(article=article).count() == 1  # no conflict record kept


def test_accept_all_skips_a_suggestion_changed_meanwhile_and_keeps_the_others(
    article, editor, racing
):
    first = flag_on(at(article, 0), "Petersen", editor, suggestion="Peterson")
    raced = flag_on(at(article, 1), "go in", editor, suggestion="enter")
    last = flag_on(at(article, 2), "report", editor, suggestion="audit")
    racing.add(raced.pk)
    result = suggestions_accept_all(article=article, kind="name-spelling", actor=editor)
    assert [f.pk for f in result.accepted] == [first.pk, last.pk]
    assert [(f.pk, "meanwhile" in why) for f, why in result.skipped] == [(raced.pk, True)]
    assert sentences(article)[:3] == [
        "Scot Peterson stayed outside.",
        "He did not go in.",
        "The audit came later.",
    ]
    raced.refresh_from_db()
    assert raced.status == "open"
    assert Flag.objects.filter(article=article).count() == 3  # no conflict record kept


def test_rejecting_a_suggestion_with_a_reason_keeps_the_reason(article, editor):
    flag = flag_on(at(article, 0), "Petersen", editor, suggestion="Peterson")
    suggestion_reject(flag=flag, actor=editor, reason="  The court papers say Petersen. ")
    flag.refresh_from_db()
    assert flag.resolution_note == "Suggestion rejected: The court papers say Petersen."


def test_a_flag_without_a_suggestion_cannot_be_rejected_as_one(article, editor):
    flag = flag_on(at(article, 0), "Petersen", editor)
    with pytest.raises(ValidationError) as refused:
        suggestion_reject(flag=flag, actor=editor)
    assert refused.value.messages == ["This flag has no suggestion to reject."]
    flag.refresh_from_db()
    assert flag.status == "open"


def test_accept_all_takes_only_open_suggestions_of_this_story(make_article, article, editor):
    from review.models import FlagKind
    from review.services.flags import flag_resolve

    other = make_article("Scot Petersen spoke.")
    elsewhere = flag_on(at(other, 0), "Petersen", editor, suggestion="Peterson")
    flag_on(at(article, 0), "Scot", editor)  # no suggestion: nothing to accept
    closed = flag_on(at(article, 2), "report", editor, suggestion="audit")
    flag_resolve(flag=closed, actor=editor)
    wanted = flag_on(at(article, 0), "Petersen", editor, suggestion="Peterson")
    kind = FlagKind.objects.get(slug="name-spelling")
    result = suggestions_accept_all(article=article, kind=kind, actor=editor)
    assert ([f.pk for f in result.accepted], result.skipped) == ([wanted.pk], [])
    assert sentences(article)[:3] == [
        "Scot Peterson stayed outside.",
        "He did not go in.",
        "The report came later.",
    ]
    assert sentences(other) == ["Scot Petersen spoke."]
    elsewhere.refresh_from_db()
    assert elsewhere.status == "open"


def test_accepting_a_suggestion_resolves_it_with_a_note_saying_what_was_taken(article, copy_editor):
    flag = flag_on(at(article, 0), "Petersen", copy_editor, suggestion="Peterson")
    suggestion_accept(flag=flag, actor=copy_editor)
    flag.refresh_from_db()
    assert flag.resolution_note == "Suggestion accepted: “Peterson”."


def test_accepting_a_suggestion_with_a_note_keeps_it_on_the_flag_and_the_edit(article, copy_editor):
    s = at(article, 0)
    flag = flag_on(s, "Petersen", copy_editor, suggestion="Peterson")
    suggestion_accept(flag=flag, actor=copy_editor, note="  Court papers. ")
    flag.refresh_from_db()
    assert flag.resolution_note == "Court papers."
    assert s.history.first().history_change_reason == (
        f"suggestion accepted (flag #{flag.number}): Court papers."
    )


def test_a_long_accepted_suggestion_is_quoted_up_to_two_hundred_characters(make_article, editor):
    article = make_article("Short.")
    flag = flag_create(
        sentence=at(article, 0), kind="style", actor=editor, suggestion="Long " + "x" * 300 + "."
    )
    suggestion_accept(flag=flag, actor=editor)
    flag.refresh_from_db()
    assert flag.resolution_note == f"Suggestion accepted: “{('Long ' + 'x' * 300)[:200]}”."


def test_a_fact_checker_is_told_that_accepting_edits_the_text(article, editor, fact_checker):
    from review.permissions import SUGGESTION_DENIED

    flag = flag_on(at(article, 0), "Petersen", editor, suggestion="Peterson")
    with pytest.raises(PermissionDenied) as refused:
        suggestion_accept(flag=flag, actor=fact_checker)
    assert str(refused.value) == SUGGESTION_DENIED


def test_each_suggestion_that_cannot_be_accepted_says_why_and_what_to_do(article, editor):
    from review.services.flags import flag_resolve

    s = at(article, 0)
    closed = flag_on(s, "Scot", editor, suggestion="Scott")
    flag_resolve(flag=closed, actor=editor)
    bare = flag_on(s, "stayed", editor)
    whole = flag_create(sentence=at(article, 1), kind="style", actor=editor, suggestion="In.")
    gone = flag_on(at(article, 3), "long", editor, suggestion="short")
    edit(at(article, 1), "He did not go in at all.", editor)
    edit(at(article, 3), "", editor)
    refusals = {}
    for flag in (closed, bare, whole, gone):
        with pytest.raises(ValidationError) as refused:
            suggestion_accept(flag=flag, actor=editor)
        refusals[flag.pk] = refused.value.messages
    assert refusals == {
        closed.pk: ["This flag is resolved; reopen it to accept its suggestion."],
        bare.pk: ["This flag has no suggestion to accept."],
        whole.pk: [
            "The sentence changed after this suggestion was made; compare and edit it by hand."
        ],
        gone.pk: ["The words this suggestion replaces are gone; edit the text by hand."],
    }


def test_removing_the_first_sentence_of_a_paragraph_keeps_the_paragraph_break(article, editor):
    edit(at(article, 0), "", editor)
    assert current_text(article) == "He did not go in.\n\nThe report came later. It was long."
    assert_invariant(article)


def test_an_edit_in_a_later_paragraph_keeps_every_paragraph_number(make_article, editor):
    article = make_article("One.\n\nTwo here. Two there.\n\nThree.")
    edit(at(article, 1), "Two here, changed.", editor)
    edit(at(article, 2), "Two there. And more.", editor)
    assert [(s.text, s.paragraph) for s in article.sentences.order_by("position")] == [
        ("One.", 0),
        ("Two here, changed.", 1),
        ("Two there.", 1),
        ("And more.", 1),
        ("Three.", 2),
    ]
    assert_invariant(article)


def test_removing_the_only_sentence_is_refused_beside_the_text_field(make_article, editor):
    article = make_article("Alone.")
    with pytest.raises(ValidationError) as refused:
        edit(at(article, 0), "", editor)
    assert list(refused.value.message_dict) == ["text"]


# What an edit returns: the page shows the edited sentence (or what holds its place now).


def test_an_edit_returns_the_edited_sentence_and_the_rows_of_its_run(article, editor):
    s = at(article, 1)
    result = edit(s, "Nobody saw him. He did not go in.", editor)
    assert result.changed
    assert (result.sentence.pk, result.sentence.text) == (s.pk, "He did not go in.")
    assert [r.text for r in result.sentences] == [
        "Scot Petersen stayed outside.",
        "Nobody saw him.",
        "He did not go in.",
    ]


def test_removing_a_sentence_returns_the_one_that_took_its_place(make_article, editor):
    article = make_article("One here. Two here. Three here.")
    result = edit(at(article, 1), "", editor)
    assert result.sentence.text == "Three here."
    assert result.changed and [r.text for r in result.sentences] == ["One here.", "Three here."]


def test_saving_the_same_text_returns_the_sentence_as_it_is(article, editor):
    s = at(article, 0)
    result = edit(s, "  Scot Petersen stayed outside. ", editor)
    assert (result.sentence.pk, result.sentence.text, result.changed) == (
        s.pk,
        "Scot Petersen stayed outside.",
        False,
    )


def test_a_long_edit_reason_is_cut_to_what_history_holds(article, editor):
    s = at(article, 0)
    edit(s, "Scot Peterson stayed outside.", editor, reason="x" * 200)
    assert len(s.history.first().history_change_reason) == 100


def test_a_sentence_may_be_as_long_as_the_limit_and_no_longer(make_article, editor):
    from review.services.editing import TEXT_MAX

    article = make_article("Short. Other.")
    with pytest.raises(ValidationError) as refused:
        edit(at(article, 0), "x" * (TEXT_MAX + 1), editor)
    assert refused.value.message_dict == {
        "text": [f"Keep a sentence under {TEXT_MAX:,} characters; split it into several."]
    }
    edit(at(article, 0), "x" * (TEXT_MAX - 1) + ".", editor)
    # The segmenter cuts a sentence over its own length limit into pieces; the text is kept.
    from review.selectors.articles import current_text

    assert current_text(article).startswith("x" * (TEXT_MAX - 1) + ". Other.")


def test_a_control_character_is_refused_beside_the_text_field(article, editor):
    with pytest.raises(ValidationError) as refused:
        edit(at(article, 0), "Scot\x07 Petersen.", editor)
    assert list(refused.value.message_dict) == ["text"]


# The checks after an edit: they follow the text, as part of the same change.

HEDGED = "The owner reportedly wants to sell the land."


@pytest.fixture
def hedged(make_article, editor):
    """A one-sentence story whose hedge "reportedly" the checks flagged."""
    from review.services.checks import checks_run

    story = make_article(HEDGED)
    checks_run(article=story, actor=editor)
    return story, Flag.objects.get(article=story, origin="check:claims.hedge")


def test_an_edit_bringing_back_words_an_editor_resolved_reopens_their_flag(hedged, editor):
    from review.constants import PROBLEM_BACK
    from review.services.flags import flag_resolve

    story, flag = hedged
    flag_resolve(flag=flag, actor=editor, note="Reworded.")
    edit(at(story, 0), "The owner clearly wants to sell the land.", editor)
    flag.refresh_from_db()
    assert (flag.status, flag.anchor) == (Flag.Status.RESOLVED, Flag.Anchor.OUTDATED)
    edit(at(story, 0), HEDGED, editor)
    flag.refresh_from_db()
    assert (flag.status, flag.anchor) == (Flag.Status.OPEN, Flag.Anchor.ATTACHED)
    assert flag.history.first().history_change_reason == PROBLEM_BACK


def test_accepting_a_suggestion_resolves_an_automatic_flag_as_accepted(make_article, editor):
    from review.services.checks import checks_run

    story = make_article("The mayor said 10 percent of voters agreed. Turnout was 40%.")
    checks_run(article=story, actor=editor)
    flag = Flag.objects.get(article=story, suggestion="10%")
    assert flag.origin.startswith("check:")
    suggestion_accept(flag=flag, actor=editor)
    flag.refresh_from_db()
    assert at(story, 0).text == "The mayor said 10% of voters agreed."
    assert flag.status == Flag.Status.RESOLVED
    assert flag.resolution_note == "Suggestion accepted: “10%”."  # not "no longer applies"


def test_the_checks_after_an_accepted_suggestion_close_flags_in_the_accepters_name(
    hedged, editor, copy_editor
):
    story, hedge = hedged
    s = at(story, 0)
    flag = flag_on(s, "reportedly wants", editor, suggestion="wants")
    suggestion_accept(flag=flag, actor=copy_editor)
    hedge.refresh_from_db()
    assert (hedge.status, hedge.resolution_note) == (Flag.Status.RESOLVED, "no longer applies")
    assert hedge.resolved_by == copy_editor
    assert hedge.history.first().history_user == copy_editor


def test_accept_all_on_a_long_story_queues_one_checks_run_for_them_all(article, editor):
    from django.test import override_settings

    from review.models import Job

    s = at(article, 0)
    flag_on(s, "Scot", editor, suggestion="Scott")
    flag_on(s, "Petersen", editor, suggestion="Peterson")
    with override_settings(REVIEW_BACKGROUND_SENTENCES=1, REVIEW_TASKS_BACKEND="dummy"):
        result = suggestions_accept_all(article=article, kind="name-spelling", actor=editor)
    assert len(result.accepted) == 2
    assert Job.objects.filter(article=article, kind=Job.Kind.CHECKS).count() == 1
