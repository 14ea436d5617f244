"""The facts worksheet's services: sync with the text, verify, mark wrong (a flag), reset."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from review.models import Flag, StoryFact
from review.services.checks import checks_run
from review.services.editing import sentence_edit
from review.services.facts import fact_mark_wrong, fact_reset, fact_verify, facts_sync
from review.services.revise import article_revise

pytestmark = pytest.mark.django_db

STORY = (
    "The council said 17 people were hurt on Friday.\n\n"
    "The mayor, Ana Ruiz, 52, said the repairs would cost $3bn over five years.\n\n"
    "Nobody else was hurt in the town."
)


@pytest.fixture
def story(make_article, editor):
    article = make_article(STORY, slug="council")
    checks_run(article=article, actor=editor)
    return article


def _fact(article, words: str) -> StoryFact:
    return StoryFact.objects.get(article=article, quote=words)


def test_the_seed_gets_its_figures_on_the_worksheet(seed_article, editor):
    checks_run(article=seed_article, actor=editor)
    facts = {f.quote: f for f in StoryFact.objects.filter(article=seed_article)}
    assert facts["17 people"].kind == "count"
    assert facts["17 people"].label == "Count: 17 people"
    assert facts["$75,673.72"].kind == "money"
    assert facts["19"].detail == "Nikolas Cruz"
    assert all(f.status == StoryFact.Status.UNCHECKED for f in facts.values())
    # Numbered in text order, from 1.
    numbers = list(
        StoryFact.objects.filter(article=seed_article)
        .order_by("sentence__position", "start")
        .values_list("number", flat=True)
    )
    assert numbers == sorted(numbers) and numbers[0] == 1


def test_an_import_with_checks_fills_the_worksheet(make_article):
    article = make_article(STORY, slug="with-checks", run_checks=True)
    kinds = {f.quote: f.kind for f in article.facts.all()}
    assert kinds["17 people"] == "count"
    assert kinds["$3bn"] == "money"
    assert kinds["52"] == "age"


def test_the_sync_is_idempotent_and_writes_no_history_when_nothing_changed(story, editor):
    before = StoryFact.history.filter(article_id=story.pk).count()
    assert before == story.facts.count() > 0
    result = facts_sync(article=story, actor=editor)
    assert (result.created, result.updated, result.gone) == (0, 0, 0)
    assert StoryFact.history.filter(article_id=story.pk).count() == before


def test_verify_keeps_the_source_and_who_and_when_in_history(story, fact_checker):
    fact = _fact(story, "17 people")
    fact_verify(fact=fact, source="  https://example.org/police-report  ", actor=fact_checker)
    fact.refresh_from_db()
    assert fact.status == StoryFact.Status.VERIFIED
    assert fact.source == "https://example.org/police-report"
    assert fact.checked_by == fact_checker and fact.checked_at is not None
    row = fact.history.latest()
    assert row.history_user == fact_checker
    assert row.history_change_reason == f"fact {fact.number} verified"
    assert row.status == "verified" and row.source == fact.source
    assert fact.history.count() == 2  # found, verified


def test_mark_wrong_raises_a_flag_on_the_facts_words(story, fact_checker):
    fact = _fact(story, "$3bn")
    fact_mark_wrong(fact=fact, note="The budget says $2.4bn.", actor=fact_checker)
    fact.refresh_from_db()
    assert fact.status == StoryFact.Status.WRONG
    flag = fact.flag
    assert flag is not None and flag.status == Flag.Status.OPEN
    assert flag.kind.slug == "unverified-claim"
    assert flag.sentence_id == fact.sentence_id
    assert (flag.start, flag.end, flag.quote) == (fact.start, fact.end, "$3bn")
    assert "$2.4bn" in flag.note and f"Fact {fact.number}" in flag.note
    assert flag.created_by == fact_checker
    # One change: the flag's and the fact's history rows share the moment and the reason.
    fact_row, flag_row = fact.history.latest(), flag.history.latest()
    assert fact_row.history_date == flag_row.history_date
    assert fact_row.history_change_reason == flag_row.history_change_reason
    assert fact_row.history_user == flag_row.history_user == fact_checker
    with pytest.raises(ValidationError, match="already marked wrong"):
        fact_mark_wrong(fact=fact, note="again", actor=fact_checker)
    with pytest.raises(ValidationError, match="reset it"):
        fact_verify(fact=fact, source="x", actor=fact_checker)


def test_mark_wrong_needs_a_note(story, fact_checker):
    fact = _fact(story, "$3bn")
    with pytest.raises(ValidationError) as info:
        fact_mark_wrong(fact=fact, note="  ", actor=fact_checker)
    assert "note" in info.value.error_dict
    assert not Flag.objects.filter(article=story).exists()


def test_reset_puts_it_back_to_unchecked_and_keeps_the_flag(story, fact_checker):
    fact = _fact(story, "$3bn")
    fact_mark_wrong(fact=fact, note="wrong", actor=fact_checker)
    flag_pk = StoryFact.objects.get(pk=fact.pk).flag_id
    fact_reset(fact=fact, actor=fact_checker)
    fact.refresh_from_db()
    assert fact.status == StoryFact.Status.UNCHECKED
    assert fact.checked_by is None and fact.flag is None and fact.note == ""
    assert Flag.objects.filter(pk=flag_pk, status=Flag.Status.OPEN).exists()
    statuses = list(fact.history.order_by("history_id").values_list("status", flat=True))
    assert statuses == ["unchecked", "wrong", "unchecked"]
    with pytest.raises(ValidationError, match="already unchecked"):
        fact_reset(fact=fact, actor=fact_checker)


def test_a_viewer_may_not_check_facts(story, viewer):
    fact = _fact(story, "17 people")
    for action in (
        lambda: fact_verify(fact=fact, source="", actor=viewer),
        lambda: fact_mark_wrong(fact=fact, note="no", actor=viewer),
        lambda: fact_reset(fact=fact, actor=viewer),
    ):
        with pytest.raises(PermissionDenied, match="cannot check facts"):
            action()
    assert StoryFact.objects.get(pk=fact.pk).status == StoryFact.Status.UNCHECKED


def test_a_copy_editor_may(story, copy_editor):
    fact = _fact(story, "17 people")
    fact_verify(fact=fact, source="", actor=copy_editor)
    assert StoryFact.objects.get(pk=fact.pk).status == StoryFact.Status.VERIFIED


def test_status_survives_re_running_the_checks(story, editor, fact_checker):
    fact = _fact(story, "17 people")
    fact_verify(fact=fact, source="police", actor=fact_checker)
    checks_run(article=story, actor=editor)
    checks_run(article=story, actor=editor)
    again = StoryFact.objects.get(pk=fact.pk)
    assert (again.status, again.source, again.number) == ("verified", "police", fact.number)
    assert story.facts.filter(quote="17 people").count() == 1


def test_status_survives_an_edit_of_an_unrelated_sentence(story, editor, fact_checker):
    fact = _fact(story, "17 people")
    fact_verify(fact=fact, source="police", actor=fact_checker)
    other = story.sentences.get(text__startswith="Nobody")
    sentence_edit(
        sentence=other,
        text="Nobody else was hurt in the small town.",
        expected_version=other.version,
        actor=editor,
    )
    checks_run(article=story, actor=editor)
    again = StoryFact.objects.get(pk=fact.pk)
    assert again.status == "verified" and again.anchor == "attached"


def test_a_fact_follows_its_words_through_an_edit_elsewhere_in_its_sentence(
    story, editor, fact_checker
):
    fact = _fact(story, "17 people")
    fact_verify(fact=fact, source="police", actor=fact_checker)
    sentence = fact.sentence
    sentence_edit(
        sentence=sentence,
        text="The county council said on Saturday that 17 people were hurt on Friday.",
        expected_version=sentence.version,
        actor=editor,
    )
    checks_run(article=story, actor=editor)
    again = StoryFact.objects.get(pk=fact.pk)
    assert again.status == "verified" and again.anchor == "attached"
    assert sentence.__class__.objects.get(pk=again.sentence_id).text[again.start : again.end] == (
        "17 people"
    )


REPEATED = "\n\n".join(
    f"Report {n} said 40 homes were flooded in the valley." for n in range(1, 13)
)


def test_an_edit_writes_only_the_facts_it_touched_when_the_same_words_recur(
    make_article, editor, fact_checker
):
    # Twelve sentences with the same figure: removing it from the first moves the occurrence
    # number of every later one, which must not rewrite (and add history to) all of them.
    article = make_article(REPEATED, slug="repeated", run_checks=True)
    first, *_, last = article.sentences.order_by("position")
    later = StoryFact.objects.get(article=article, sentence=last, quote="40 homes")
    fact_verify(fact=later, source="council", actor=fact_checker)
    before = StoryFact.history.filter(article_id=article.pk).count()
    sentence_edit(
        sentence=first,
        text="Report 1 said some homes were flooded in the valley.",
        expected_version=first.version,
        actor=editor,
    )
    written = StoryFact.history.filter(article_id=article.pk).count() - before
    assert written <= 2  # the first sentence's fact gone (and any new fact of its new words)
    # The last one, now the 11th occurrence, still follows its words through an edit
    # elsewhere in its sentence, with its status.
    last.refresh_from_db()
    sentence_edit(
        sentence=last,
        text="Report 12 also said 40 homes were flooded in the valley.",
        expected_version=last.version,
        actor=editor,
    )
    again = StoryFact.objects.get(pk=later.pk)
    assert (again.status, again.anchor, again.sentence_id) == ("verified", "attached", last.pk)
    assert StoryFact.objects.filter(article=article, anchor="attached").count() == 11


def test_a_gone_fact_comes_back_with_its_status_when_its_words_return_among_repeats(
    make_article, editor, fact_checker
):
    article = make_article(REPEATED, slug="repeated-back", run_checks=True)
    sentences = list(article.sentences.order_by("position"))
    middle = sentences[5]
    fact = StoryFact.objects.get(article=article, sentence=middle, quote="40 homes")
    fact_verify(fact=fact, source="council", actor=fact_checker)
    original = middle.text
    sentence_edit(
        sentence=middle,
        text="Report 6 said that homes were flooded.",
        expected_version=middle.version,
        actor=editor,
    )
    assert StoryFact.objects.get(pk=fact.pk).anchor == "gone"
    middle.refresh_from_db()
    sentence_edit(sentence=middle, text=original, expected_version=middle.version, actor=editor)
    again = StoryFact.objects.get(pk=fact.pk)
    assert (again.status, again.anchor) == ("verified", "attached")


def test_a_fact_whose_words_changed_is_kept_as_gone_and_the_new_words_are_unchecked(
    story, editor, fact_checker
):
    fact = _fact(story, "17 people")
    fact_verify(fact=fact, source="police", actor=fact_checker)
    sentence = fact.sentence
    sentence_edit(
        sentence=sentence,
        text="The council said 16 people were hurt on Friday.",
        expected_version=sentence.version,
        actor=editor,
    )
    result = checks_run(article=story, actor=editor)
    assert result is not None
    old = StoryFact.objects.get(pk=fact.pk)
    assert old.anchor == "gone" and old.status == "verified" and old.source == "police"
    new = _fact(story, "16 people")
    assert new.status == "unchecked" and new.number > max(
        f.number for f in story.facts.exclude(pk=new.pk)
    )
    with pytest.raises(ValidationError, match="no longer in the story"):
        fact_mark_wrong(fact=old, note="x", actor=fact_checker)
    # The words come back: so does the fact, with its status.
    sentence.refresh_from_db()
    sentence_edit(
        sentence=sentence,
        text="The council said 17 people were hurt on Friday.",
        expected_version=sentence.version,
        actor=editor,
    )
    checks_run(article=story, actor=editor)
    back = StoryFact.objects.get(pk=fact.pk)
    assert back.anchor == "attached" and back.status == "verified"


def test_a_revision_that_drops_the_sentence_keeps_the_fact_detached(story, editor, fact_checker):
    fact = _fact(story, "$3bn")
    fact_mark_wrong(fact=fact, note="check", actor=fact_checker)
    article_revise(
        article=story,
        text="The council said 17 people were hurt on Friday.\n\nNobody else was hurt in the town.",
        actor=editor,
    )
    old = StoryFact.objects.get(pk=fact.pk)
    assert old.sentence_id is None and old.anchor == "gone"
    assert old.status == "wrong" and old.flag_id is not None
    assert _fact(story, "17 people").anchor == "attached"


def test_the_same_words_in_two_identical_sentences_are_two_facts(make_article, editor):
    text = "He said 40 jobs would go.\n\nHe said 40 jobs would go."
    article = make_article(text, slug="twice")
    checks_run(article=article, actor=editor)
    checks_run(article=article, actor=editor)
    rows = list(article.facts.filter(quote="40 jobs"))
    assert len(rows) == 2 and len({r.fingerprint for r in rows}) == 2
    assert len({r.sentence_id for r in rows}) == 2


def test_an_edit_re_reads_the_worksheet_so_a_fact_follows_its_words(story, editor, fact_checker):
    fact = _fact(story, "17 people")
    sentence = fact.sentence
    sentence_edit(
        sentence=sentence,
        text="On Friday the council said 17 people were hurt.",
        expected_version=sentence.version,
        actor=editor,
    )
    moved = StoryFact.objects.get(pk=fact.pk)
    assert moved.start != fact.start and moved.anchor == "attached"
    fact_mark_wrong(fact=moved, note="It was 16.", actor=fact_checker)
    assert StoryFact.objects.get(pk=fact.pk).flag.quote == "17 people"


def test_mark_wrong_refuses_words_that_moved_before_the_checks_ran(story, editor, fact_checker):
    """A long story's checks follow an edit in the background: until they have, the fact's
    stored place may not hold its words, and no flag is raised on the wrong ones."""
    from review.services.common import save_tracked

    fact = _fact(story, "17 people")
    sentence = fact.sentence
    sentence.text = "On Friday the council said 17 people were hurt."
    save_tracked(sentence, actor=editor, reason="edited; checks still to come")
    with pytest.raises(ValidationError, match="re-run the checks"):
        fact_mark_wrong(fact=fact, note="x", actor=fact_checker)
    assert not Flag.objects.filter(article=story).exclude(origin__startswith="check:").exists()


def test_one_sync_is_one_moment_in_the_history(make_article, editor):
    article = make_article(STORY, slug="moment")
    checks_run(article=article, actor=editor)
    found = StoryFact.history.filter(article_id=article.pk, history_type="+")
    assert found.count() > 3
    assert found.values("history_date").distinct().count() == 1
    assert set(found.values_list("history_user_id", flat=True)) == {editor.pk}


def test_the_demo_fills_the_seeds_worksheet(settings):
    from io import StringIO

    from django.core.management import call_command

    from review.models import Article

    settings.DEBUG = True
    call_command("demo", stdout=StringIO())
    seed = Article.objects.get(source_name="in-touch-scot-peterson.txt")
    quotes = set(seed.facts.values_list("quote", flat=True))
    assert {"17 people", "$75,673.72", "Feb. 14"} <= quotes
    count = seed.facts.count()
    call_command("demo", stdout=StringIO())  # again: nothing new
    assert seed.facts.count() == count


def test_check_article_says_what_it_did_to_the_worksheet(seed_article, editor):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("check_article", seed_article.slug, "--user", editor.username, stdout=out)
    count = seed_article.facts.count()
    assert f"Facts worksheet: {count} new, 0 gone" in out.getvalue()
    out = StringIO()
    call_command("check_article", seed_article.slug, "--user", editor.username, stdout=out)
    assert "Facts worksheet: 0 new, 0 gone" in out.getvalue()
