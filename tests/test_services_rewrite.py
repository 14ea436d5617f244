"""The rewrite engine (services.rewrite) under a whole-text change: flags whose words were
gone come back when their words do, exactly where the words are, recorded as one change.

The engine's other half, replacing a run of sentences, is tested through the services that
drive it: tests/test_services_editing.py, test_services_revert.py, test_services_revise.py.
"""

from __future__ import annotations

import pytest

from review.constants import MOVED_PREFIX
from review.models import Flag
from review.services.editing import sentence_edit
from review.services.flags import flag_create
from review.services.revise import article_revise

TEXT = "Red fox runs. Blue cat sits.\n\nGreen owl flies at night."
WITHOUT_OWL = "Red fox runs. Blue cat sits."


@pytest.fixture
def article(make_article):
    return make_article(TEXT)


def at(article, position):
    return article.sentences.get(position=position)


def on(sentence, words, actor, **kw):
    start = sentence.text.index(words)
    return flag_create(
        sentence=sentence, kind="other", actor=actor, start=start, end=start + len(words), **kw
    )


def revise(article, text, actor, reason=""):
    return article_revise(article=article, text=text, actor=actor, run_checks=False, reason=reason)


def test_a_flag_whose_words_come_back_is_attached_on_them_again(article, editor):
    flag = on(at(article, 2), "owl flies", editor)
    revise(article, WITHOUT_OWL, editor)
    flag.refresh_from_db()
    assert (flag.sentence, flag.anchor) == (None, Flag.Anchor.ORPHANED)
    revise(article, TEXT, editor)
    flag.refresh_from_db()
    assert (flag.sentence, flag.anchor) == (at(article, 2), Flag.Anchor.ATTACHED)
    assert flag.sentence.text[flag.start : flag.end] == "owl flies"
    assert (flag.start, flag.end) == (6, 15)


def test_words_that_end_their_sentence_come_back_too(article, editor):
    flag = on(at(article, 2), "at night.", editor)
    revise(article, WITHOUT_OWL, editor)
    revise(article, TEXT, editor)
    flag.refresh_from_db()
    assert flag.anchor == Flag.Anchor.ATTACHED
    assert flag.sentence.text[flag.start : flag.end] == "at night."


def test_a_whole_sentence_flag_comes_back_as_a_whole_sentence_flag(article, editor):
    flag = flag_create(sentence=at(article, 2), kind="other", actor=editor)
    revise(article, WITHOUT_OWL, editor)
    revise(article, TEXT, editor)
    flag.refresh_from_db()
    assert (flag.sentence, flag.start, flag.end, flag.anchor) == (
        at(article, 2),
        None,
        None,
        Flag.Anchor.ATTACHED,
    )


def test_every_returning_flag_comes_back_whatever_the_flags_before_it(article, editor):
    kept = on(at(article, 0), "fox", editor)  # never orphaned
    lost = on(at(article, 1), "cat sits", editor)  # its words stay gone
    owl = on(at(article, 2), "owl", editor)
    night = on(at(article, 2), "night", editor)
    revise(article, "Red fox runs.", editor)
    revise(article, "Red fox runs. Brown dog naps.\n\nGreen owl flies at night.", editor)
    for flag in (kept, lost, owl, night):
        flag.refresh_from_db()
    assert [f.anchor for f in (kept, lost, owl, night)] == [
        Flag.Anchor.ATTACHED,
        Flag.Anchor.ORPHANED,
        Flag.Anchor.ATTACHED,
        Flag.Anchor.ATTACHED,
    ]
    assert [
        owl.sentence.text[owl.start : owl.end],
        night.sentence.text[night.start : night.end],
    ] == [
        "owl",
        "night",
    ]


def test_words_that_come_back_twice_return_where_their_context_matches(make_article, editor):
    article = make_article("Owls hunt mice. Owls hunt voles.")
    flag = on(at(article, 1), "Owls hunt", editor)
    assert (flag.prefix, flag.suffix) == ("", " voles.")
    revise(article, "Owls hunt mice.", editor)
    revise(article, "Owls hunt mice. Owls hunt voles.", editor)
    flag.refresh_from_db()
    assert (flag.sentence, flag.anchor) == (at(article, 1), Flag.Anchor.ATTACHED)


def test_a_returning_flag_is_recorded_as_re_anchored_by_whoever_changed_the_text(
    article, editor, copy_editor
):
    from tests.conftest import make_user

    chief = make_user("chief", "Editor")
    flag = on(at(article, 2), "owl flies", copy_editor)
    revise(article, WITHOUT_OWL, editor)
    revise(article, TEXT, chief, reason="The owl is back.")
    row = flag.history.order_by("-history_id").first()
    article.refresh_from_db()
    assert (row.history_user, row.history_change_reason) == (
        chief,
        "re-anchored: revised: The owl is back.",
    )
    assert row.history_date == article.history.first().history_date  # one change


def test_a_long_reason_is_cut_to_what_history_holds_for_returning_flags(article, editor):
    flag = on(at(article, 2), "owl flies", editor)
    revise(article, WITHOUT_OWL, editor)
    revise(article, TEXT, editor, reason="x" * 200)
    assert len(flag.history.order_by("-history_id").first().history_change_reason) == 100


# A run of sentences replaced (a sentence edit): whole-sentence flags.


def edit(sentence, text, actor):
    from review.services.editing import sentence_edit

    sentence.refresh_from_db()
    return sentence_edit(
        sentence=sentence, text=text, expected_version=sentence.version, actor=actor
    )


def test_a_whole_sentence_flag_is_attached_again_when_its_sentence_reads_as_before(article, editor):
    flag = flag_create(sentence=at(article, 0), kind="other", actor=editor)
    edit(at(article, 0), "Red fox walks.", editor)
    flag.refresh_from_db()
    assert flag.anchor == Flag.Anchor.OUTDATED
    edit(at(article, 0), "Red fox runs.", editor)
    flag.refresh_from_db()
    assert (flag.sentence, flag.anchor) == (at(article, 0), Flag.Anchor.ATTACHED)


def test_an_edit_far_from_a_flags_words_writes_no_history_for_the_flag(make_article, editor):
    article = make_article("The committee of the county council met on a cold Monday in March.")
    flag = on(at(article, 0), "committee", editor)
    edit(
        at(article, 0), "The committee of the county council met on a cold Monday in April.", editor
    )
    flag.refresh_from_db()
    assert (flag.anchor, flag.history.count()) == (Flag.Anchor.ATTACHED, 1)


def test_an_attached_flag_takes_the_new_words_around_it_as_its_context(article, editor):
    flag = on(at(article, 0), "fox", editor)
    edit(at(article, 0), "Red fox runs fast.", editor)
    flag.refresh_from_db()
    assert (flag.anchor, flag.prefix, flag.suffix) == ("attached", "Red ", " runs fast.")


def test_words_an_edit_splits_between_two_sentences_stay_on_the_first_part_outdated(
    make_article, editor
):
    article = make_article("Red fox runs fast tonight.")
    flag = on(at(article, 0), "runs fast", editor)
    edit(at(article, 0), "Red fox runs. Fast it goes tonight.", editor)
    flag.refresh_from_db()
    assert (flag.sentence.text, flag.anchor) == ("Red fox runs.", Flag.Anchor.OUTDATED)
    assert flag.sentence.text[flag.start : flag.end] == "runs."


def test_removing_a_one_sentence_first_paragraph_renumbers_everything_after_it(
    make_article, editor
):
    article = make_article("Lonely.\n\nSecond one. Third one. Fourth one.")
    edit(at(article, 0), "", editor)
    assert [(s.text, s.position, s.paragraph) for s in article.sentences.order_by("position")] == [
        ("Second one.", 0, 0),
        ("Third one.", 1, 0),
        ("Fourth one.", 2, 0),
    ]


def test_a_sentence_an_edit_adds_starts_at_version_one_and_its_neighbours_keep_theirs(
    article, editor
):
    edit(at(article, 1), "Blue cat sits. Grey dog naps.", editor)
    versions = {s.text: s.version for s in article.sentences.all()}
    assert versions == {
        "Red fox runs.": 1,
        "Blue cat sits.": 1,
        "Grey dog naps.": 1,
        "Green owl flies at night.": 1,
    }


def test_removing_one_of_two_equal_sentences_keeps_the_flag_of_either_on_the_one_left(
    make_article, editor
):
    article = make_article("Blue cat sits. Blue cat sits. Red fox runs.")
    first = on(at(article, 0), "cat", editor)
    edit(at(article, 1), "", editor)
    first.refresh_from_db()
    assert (first.anchor, first.sentence.text) == (Flag.Anchor.ATTACHED, "Blue cat sits.")
    assert first.sentence.text[first.start : first.end] == "cat"


def test_a_whole_sentence_flag_stays_on_its_sentence_when_an_edit_rewrites_its_neighbour_into_it(
    article, editor
):
    flag = flag_create(sentence=at(article, 1), kind="other", actor=editor)
    edit(at(article, 0), "Red fox, runs. Blue", editor)  # "Blue" joins the next sentence
    assert [s.text for s in article.sentences.order_by("position")][:2] == [
        "Red fox, runs.",
        "Blue Blue cat sits.",
    ]
    flag.refresh_from_db()
    assert (flag.sentence.text, flag.anchor) == ("Blue Blue cat sits.", Flag.Anchor.OUTDATED)


def test_a_flag_moved_by_an_edit_is_recorded_as_re_anchored_in_the_same_change(article, editor):
    flag = on(at(article, 0), "fox", editor)
    edit_reason = "x" * 200
    from review.services.editing import sentence_edit

    s = at(article, 0)
    sentence_edit(
        sentence=s, text="Big red fox runs.", expected_version=1, actor=editor, reason=edit_reason
    )
    row = flag.history.order_by("-history_id").first()
    sentence_row = s.history.first()
    assert row.history_user == editor and row.history_date == sentence_row.history_date
    assert row.history_change_reason == f"re-anchored: edited: {edit_reason}"[:100]


def test_a_removed_sentence_is_recorded_with_the_reason_of_its_removal(article, editor):
    s = at(article, 1)
    edit(s, "", editor)
    removal = s.history.first()
    assert (removal.history_type, removal.history_user, removal.history_change_reason) == (
        "-",
        editor,
        "edited",
    )


def test_a_revision_reports_the_sentences_whose_text_it_changed(article, editor):
    result = revise(article, "Red fox runs. Blue cat naps.\n\nGreen owl flies at night.", editor)
    assert [r.text for r in result.changed] == ["Blue cat naps."]
    assert (result.created, result.deleted) == ([], [])


def test_a_long_story_with_a_repeated_line_loses_only_the_sentence_taken_out(make_article, editor):
    lines = [f"Line {n} of the story." if n % 20 else "He said nothing." for n in range(260)]
    lines[42] = "He said nothing."  # line 41 sits between two repeated lines
    article = make_article(" ".join(lines))
    gone = article.sentences.get(position=41)
    kept = {s.pk for s in article.sentences.all()} - {gone.pk}
    result = revise(article, " ".join(lines[:41] + lines[42:]), editor)
    assert ([r.text for r in result.deleted], result.changed, result.created) == (
        ["Line 41 of the story."],
        [],
        [],
    )
    assert {s.pk for s in article.sentences.all()} == kept


def test_a_sentence_the_revision_adds_has_history_with_the_revisions_reason(article, editor):
    revise(article, TEXT + " It hunts mice.", editor, reason="added a line")
    added = article.sentences.get(text="It hunts mice.")
    (row,) = added.history.all()
    assert (row.history_change_reason, row.history_user) == ("revised: added a line", editor)


def test_a_moved_paragraph_is_written_in_its_new_place_and_recorded_as_a_move(article, editor):
    owl = at(article, 2)
    revise(article, "Green owl flies at night.\n\nRed fox runs. Blue cat sits.", editor)
    rows = list(article.sentences.order_by("position").values_list("text", "position"))
    assert rows == [("Green owl flies at night.", 0), ("Red fox runs.", 1), ("Blue cat sits.", 2)]
    reasons = {s.text: s.history.first().history_change_reason for s in article.sentences.all()}
    # the timeline shows the owl's line as a move, the others as shifted by it
    assert reasons == {
        "Green owl flies at night.": MOVED_PREFIX + "revised",
        "Red fox runs.": "revised",
        "Blue cat sits.": "revised",
    }
    owl.refresh_from_db()
    assert owl.position == 0  # the owl's row kept its identity wherever it went


def test_an_edit_beyond_recognition_keeps_the_edited_row_in_its_place(make_article, editor):
    article = make_article("Yes. The mayor met the council on Monday. Nobody came.")
    mayor = at(article, 1)
    sentence_edit(
        sentence=mayor,
        text="and then everything else changed overnight. A dog barked loudly outside.",
        expected_version=mayor.version,
        actor=editor,
    )
    # "Yes." runs into the new words: the first new sentence is nobody's; the edited row is
    # the nearest one, not the first that is free.
    mayor.refresh_from_db()
    assert (mayor.position, mayor.text) == (1, "A dog barked loudly outside.")
    assert at(article, 0).text == "Yes. and then everything else changed overnight."
