"""services.reconcile: which automatic flags a checks run keeps, reopens, resolves or raises.

The runs go through checks_run / checks_apply (what "Re-run checks" and every text change
call); a few feed findings_reconcile findings by hand, to reach the matching's three ways
(fingerprint, place, outdated overlap) one at a time.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.db import transaction
from django.test import override_settings

from review.checks import RULES, Finding
from review.constants import PROBLEM_BACK
from review.models import Flag, Job
from review.services.checks import checks_apply, checks_run, fingerprint
from review.services.common import save_tracked
from review.services.editing import sentence_edit
from review.services.flags import flag_resolve
from review.services.reconcile import NO_LONGER_APPLIES, findings_reconcile

STORY = (
    "The plant will close in June, officials said Tuesday.\n\n"
    "The owner reportedly wants to sell the land."
)
HEDGED = "The owner reportedly wants to sell the land."
PLAIN = "The owner wants to sell the land, she said."


def hedge_flags(article):
    return Flag.objects.filter(article=article, origin="check:claims.hedge")


def set_text(sentence, text, actor):
    sentence.text = text
    save_tracked(sentence, actor=actor, reason="edited")


def apply(article, actor, **kw):
    with transaction.atomic():
        return checks_apply(article=article, actor=actor, **kw)


def reconcile(article, actor, findings):
    """findings_reconcile with `findings` of the hedge rule, the only rule asked."""
    texts = dict(article.sentences.values_list("pk", "text"))
    with transaction.atomic():
        return findings_reconcile(
            article=article,
            findings=findings,
            fingerprint=fingerprint,
            texts=texts,
            disabled={rule.id for rule in RULES} - {"claims.hedge"},
            actor=actor,
        )


def hedge(sentence, start, end, *, message="Say who reports it."):
    quote = sentence.text[start:end] if start is not None else ""
    return Finding(
        key=sentence.pk,
        start=start,
        end=end,
        quote=quote,
        kind="unverified-claim",
        severity="major",
        rule_id="claims.hedge",
        message=message,
    )


@pytest.fixture
def flagged(make_article, editor):
    """A story with its checks run: the hedge "reportedly" is flagged on sentence 1."""
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    return article, hedge_flags(article).get()


def test_a_problem_closed_as_no_longer_applying_is_reopened_when_it_is_back(flagged, editor):
    article, flag = flagged
    sentence = flag.sentence
    set_text(sentence, PLAIN, editor)
    assert checks_run(article=article, actor=editor).closed == 1
    set_text(sentence, HEDGED, editor)
    result = checks_run(article=article, actor=editor)
    flag.refresh_from_db()
    assert (result.reopened, result.created, result.closed) == (1, 0, 0)
    assert flag.status == Flag.Status.OPEN and flag.resolved_at is None
    assert flag.history.first().history_change_reason == PROBLEM_BACK
    assert hedge_flags(article).count() == 1


def test_an_editors_resolution_of_words_that_never_changed_stands(flagged, editor):
    article, flag = flagged
    flag_resolve(flag=flag, actor=editor, note="The sale is on the record.")
    result = checks_run(article=article, actor=editor)
    flag.refresh_from_db()
    assert flag.status == Flag.Status.RESOLVED
    assert flag.resolution_note == "The sale is on the record."
    assert (result.reopened, result.created, result.closed) == (0, 0, 0)


def test_an_editors_resolution_reopens_when_the_change_brought_its_words_back(flagged, editor):
    article, flag = flagged
    flag_resolve(flag=flag, actor=editor, note="Reworded.")
    result = apply(article, editor, returned=[flag.pk])
    flag.refresh_from_db()
    assert result.reopened == 1 and flag.status == Flag.Status.OPEN
    assert flag.history.first().history_change_reason == PROBLEM_BACK


def test_a_returned_flag_whose_span_no_longer_reads_its_words_stays_resolved(flagged, editor):
    article, flag = flagged
    flag_resolve(flag=flag, actor=editor, note="Reworded.")
    # the hedge is still found, but two words later than the flag's span says
    set_text(flag.sentence, "So the owner reportedly wants to sell the land.", editor)
    result = apply(article, editor, returned=[flag.pk])
    flag.refresh_from_db()
    assert result.reopened == 0 and flag.status == Flag.Status.RESOLVED


def test_the_flags_history_rows_carry_the_changes_moment(make_article, editor):
    raised, closed, back = (datetime(2020, 1, d, 9, 0, tzinfo=UTC) for d in (1, 2, 3))
    article = make_article(STORY)
    assert apply(article, editor, when=raised).created == 2
    flag = hedge_flags(article).get()
    assert flag.history.get().history_date == raised
    set_text(flag.sentence, PLAIN, editor)
    assert apply(article, editor, when=closed).closed == 1
    assert flag.history.first().history_date == closed
    set_text(flag.sentence, HEDGED, editor)
    assert apply(article, editor, when=back).reopened == 1
    latest = flag.history.first()
    assert latest.history_date == back and latest.history_change_reason == PROBLEM_BACK


def test_a_flag_is_found_by_its_fingerprint_wherever_it_sits_now(flagged, editor):
    article, flag = flagged
    other = article.sentences.exclude(pk=flag.sentence_id).get()
    flag.sentence = other  # e.g. its words moved to the new row of a split
    save_tracked(flag, actor=editor, reason="re-anchored")
    result = checks_run(article=article, actor=editor)
    assert (result.created, result.closed) == (0, 0)
    assert list(hedge_flags(article).values_list("pk", "status")) == [(flag.pk, "open")]


def test_a_flag_on_the_findings_sentence_and_words_is_the_same_problem(flagged, editor):
    article, flag = flagged
    # Its fingerprint names another row (a revert restored the line on a new one).
    flag.fingerprint = "0" * 64
    save_tracked(flag, actor=editor, reason="restored")
    result = checks_run(article=article, actor=editor)
    assert (result.created, result.closed) == (0, 0)
    assert list(hedge_flags(article).values_list("pk", "status")) == [(flag.pk, "open")]


def outdated(flag, actor, **fields):
    """`flag` as an edit of its words leaves it: outdated, its fingerprint of other words."""
    fields = {"fingerprint": "0" * 64, "anchor": Flag.Anchor.OUTDATED, **fields}
    for name, value in fields.items():
        setattr(flag, name, value)
    save_tracked(flag, actor=actor, reason="re-anchored")


def test_an_outdated_flag_overlapping_the_findings_words_is_kept(flagged, editor):
    article, flag = flagged
    outdated(flag, editor, quote="reputedly")  # an edit changed its words; the check still fires
    sentence = flag.sentence
    done = reconcile(article, editor, [hedge(sentence, 4, 20)])  # "owner reportedly"
    flag.refresh_from_db()
    assert (len(done.created), done.kept, done.closed) == (0, 1, [])
    assert flag.status == Flag.Status.OPEN and flag.anchor == Flag.Anchor.OUTDATED
    assert flag.quote == "reputedly"  # keeps its original words


def test_a_whole_sentence_finding_does_not_take_an_outdated_flag_on_some_words(flagged, editor):
    article, flag = flagged
    outdated(flag, editor, quote="reputedly")
    done = reconcile(article, editor, [hedge(flag.sentence, None, None)])
    flag.refresh_from_db()
    assert len(done.created) == 1 and done.closed == [flag]
    assert flag.status == Flag.Status.RESOLVED and flag.resolution_note == NO_LONGER_APPLIES


def test_an_outdated_whole_sentence_flag_takes_a_whole_sentence_finding(flagged, editor):
    article, flag = flagged
    outdated(flag, editor, start=None, end=None, quote="The owner is said to want to sell.")
    done = reconcile(article, editor, [hedge(flag.sentence, None, None, message="Other.")])
    flag.refresh_from_db()
    assert (len(done.created), done.kept, done.closed) == (0, 1, [])
    assert flag.status == Flag.Status.OPEN


@override_settings(REVIEW_BACKGROUND_SENTENCES=1, REVIEW_TASKS_BACKEND="dummy")
def test_a_change_to_a_long_story_queues_its_checks_for_whoever_made_it(flagged, copy_editor):
    article, flag = flagged
    sentence = flag.sentence
    sentence_edit(
        sentence=sentence, text=PLAIN, expected_version=sentence.version, actor=copy_editor
    )
    job = Job.objects.get(article=article, kind=Job.Kind.CHECKS)
    assert job.created_by == copy_editor
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN  # not checked within the request
