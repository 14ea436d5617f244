"""checks_run: findings become flags once, editors' decisions stick, fixed problems close."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from review.checks import RULES
from review.models import CheckRule, Flag
from review.services.checks import checkrule_sync, checks_run, fingerprint
from review.services.common import save_tracked
from review.services.flags import flag_dismiss

STORY = (
    "The plant will close in June, officials said Tuesday.\n\n"
    "The owner reportedly wants to sell the land."
)


def auto_flags(article):
    return Flag.objects.filter(article=article, origin__startswith="check:")


def test_seed_import_raises_flags_of_every_fixed_kind(seed_article, editor):
    result = checks_run(article=seed_article, actor=editor)
    kinds = set(auto_flags(seed_article).values_list("kind__slug", flat=True))
    assert kinds == {"name-spelling", "unverified-claim", "dangling-text", "style"}
    assert result.created == auto_flags(seed_article).count() >= 15  # figures: worksheet


def test_flags_carry_origin_quote_anchor_and_creator(make_article, editor):
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    flag = auto_flags(article).get(origin="check:claims.hedge")
    sentence = flag.sentence
    assert sentence.text[flag.start : flag.end] == flag.quote == "reportedly"
    assert flag.prefix == "The owner " and flag.suffix == " wants to sell the land."
    assert flag.kind.slug == "unverified-claim" and flag.severity == "major"
    assert flag.created_by is None and flag.status == Flag.Status.OPEN  # the desk's checker
    assert flag.history.earliest().history_user == editor  # who started the run
    assert len(flag.fingerprint) == 64 and "attribute" in flag.note
    record = flag.history.get()
    assert record.history_user == editor and record.history_change_reason == "automatic check"


def test_running_twice_creates_no_duplicates(make_article, editor):
    article = make_article(STORY)
    first = checks_run(article=article, actor=editor)
    second = checks_run(article=article, actor=editor)
    assert first.created == 2 and (second.created, second.kept, second.closed) == (0, 2, 0)
    assert auto_flags(article).count() == 2


def test_a_dismissed_flag_stays_dismissed(make_article, editor):
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    flag = auto_flags(article).get(origin="check:claims.hedge")
    flag_dismiss(flag=flag, actor=editor, reason="The sale is on the record.")
    result = checks_run(article=article, actor=editor)
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED and result.created == 0
    assert auto_flags(article).filter(origin="check:claims.hedge").count() == 1


def test_an_open_flag_whose_problem_is_gone_is_resolved(make_article, editor, copy_editor):
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    sentence = article.sentences.get(position=1)
    sentence.text = "The owner wants to sell the land, she said."
    save_tracked(sentence, actor=copy_editor, reason="edited")
    result = checks_run(article=article, actor=copy_editor)
    flag = auto_flags(article).get(origin="check:claims.hedge")
    assert result.closed == 1
    assert flag.status == Flag.Status.RESOLVED and flag.resolution_note == "no longer applies"
    assert flag.resolved_by == copy_editor and flag.resolved_at is not None
    assert flag.history.first().history_user == copy_editor


def test_an_edit_elsewhere_in_the_sentence_keeps_the_flag(make_article, editor):
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    sentence = article.sentences.get(position=1)
    sentence.text = "The owner reportedly wants to sell all the land."
    save_tracked(sentence, actor=editor, reason="edited")
    result = checks_run(article=article, actor=editor)
    assert (result.created, result.closed) == (0, 0)


def test_editor_flags_are_never_touched(make_article, editor):
    from review.services.flags import flag_create

    article = make_article(STORY)
    sentence = article.sentences.get(position=0)
    mine = flag_create(sentence=sentence, kind="other", actor=editor, note="Check the date.")
    checks_run(article=article, actor=editor)
    mine.refresh_from_db()
    assert mine.status == Flag.Status.OPEN and mine.origin == "editor"


def test_a_rule_switched_off_is_skipped_and_its_flags_left_alone(make_article, editor):
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    (rule,) = [r for r in checkrule_sync(actor=editor) if r.rule_id == "claims.hedge"]
    rule.enabled = False
    save_tracked(rule, actor=editor, reason="noisy")
    result = checks_run(article=article, actor=editor)
    # the switched-off rule, and the rules off by default, were not asked
    assert "claims.hedge" in result.skipped_rules and result.closed == 0
    assert {r.id for r in RULES if not r.default_enabled} <= set(result.skipped_rules)
    other = make_article(STORY)
    checks_run(article=other, actor=editor)
    assert not auto_flags(other).filter(origin="check:claims.hedge").exists()


def test_checkrule_sync_creates_each_rule_once_with_history(db, editor):
    rules = checkrule_sync(actor=editor)
    again = checkrule_sync(actor=editor)
    assert [r.pk for r in rules] == [r.pk for r in again]
    assert CheckRule.objects.count() == len(rules) > 10
    assert rules[0].history.get().history_user == editor


def test_viewers_cannot_run_the_checks(make_article, viewer):
    article = make_article(STORY)
    with pytest.raises(PermissionDenied):
        checks_run(article=article, actor=viewer)


def test_fact_checkers_can_run_the_checks(make_article, fact_checker):
    article = make_article(STORY)
    assert checks_run(article=article, actor=fact_checker).created == 2


def test_import_with_checks_flags_a_variant_of_a_registered_name(make_article, editor):
    from review.services.names import name_add

    name_add(full_name="Scot Peterson", actor=editor)
    article = make_article(
        "Deputy Scott Peterson stayed outside the building, the report found.",
        run_checks=True,
    )
    flag = auto_flags(article).get(origin="check:names.two-spellings")
    assert (flag.quote, flag.suggestion) == ("Scott Peterson", "Scot Peterson")


def test_fingerprint_ignores_spacing_but_not_the_words():
    from review.checks import Finding

    def finding(quote):
        return Finding(1, 0, len(quote), quote, "style", "minor", "style.x", "m")

    assert fingerprint(finding("the  the")) == fingerprint(finding("the the"))
    assert fingerprint(finding("the the")) != fingerprint(finding("a a"))


def test_a_flag_dismissed_while_the_checks_run_is_not_closed_as_no_longer_applies(
    make_article, editor, copy_editor, monkeypatch
):
    """checks_run reads the flags before it compares; an editor's dismissal that lands in
    between must survive (the flags to close are re-read under lock, still open)."""
    import review.services.checks as checks_module

    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    hedge = auto_flags(article).get(origin="check:claims.hedge")
    sentence = article.sentences.get(position=1)
    sentence.text = "The owner wants to sell the land, she said."
    save_tracked(sentence, actor=copy_editor, reason="edited")

    real_fingerprint = checks_module.fingerprint
    dismissed = []

    def fingerprint_then_dismiss(finding):
        if not dismissed:  # the editor's click, after checks_run has loaded the flags
            dismissed.append(flag_dismiss(flag=hedge, actor=copy_editor, reason="Not a hedge."))
        return real_fingerprint(finding)

    monkeypatch.setattr(checks_module, "fingerprint", fingerprint_then_dismiss)
    result = checks_run(article=article, actor=editor)
    hedge.refresh_from_db()
    assert dismissed and result.closed == 0
    assert hedge.status == Flag.Status.DISMISSED and hedge.resolution_note == "Not a hedge."
    assert hedge.history.first().history_change_reason.startswith("flag dismissed")


def test_every_flag_the_checks_raise_on_the_seed_passes_model_validation(seed_article, editor):
    checks_run(article=seed_article, actor=editor)
    flags = list(auto_flags(seed_article).select_related("sentence"))
    assert flags
    for flag in flags:
        flag.full_clean(validate_unique=False, validate_constraints=False)


@pytest.fixture
def chief(db):
    from tests.conftest import make_user

    return make_user("chief", "Editor", is_staff=True)


def test_switching_a_rule_records_on_or_off_and_keeps_its_note_unless_given_one(chief):
    from review.services.checks import checkrule_set_enabled

    (rule,) = [r for r in checkrule_sync(actor=chief) if r.rule_id == "claims.hedge"]
    checkrule_set_enabled(rule=rule, enabled=False, actor=chief, note="Too noisy.")
    checkrule_set_enabled(rule=rule, enabled=True, actor=chief)
    rule.refresh_from_db()
    assert (rule.enabled, rule.note) == (True, "Too noisy.")
    checkrule_set_enabled(rule=rule, enabled=False, actor=chief, note="Still noisy.")
    rule.refresh_from_db()
    assert rule.note == "Still noisy."
    reasons = list(
        rule.history.order_by("history_id").values_list("history_change_reason", flat=True)
    )
    assert reasons == [
        "rule registered",
        "rule switched off",
        "rule switched on",
        "rule switched off",
    ]


def test_only_the_desk_chief_switches_rules(editor):
    from review.permissions import RULES_DENIED
    from review.services.checks import checkrule_set_enabled

    (rule, *_) = checkrule_sync(actor=editor)
    with pytest.raises(PermissionDenied) as refused:
        checkrule_set_enabled(rule=rule, enabled=False, actor=editor)
    assert str(refused.value) == RULES_DENIED
    rule.refresh_from_db()
    assert rule.enabled


@pytest.mark.parametrize(
    ("created", "text"),
    [
        (0, "0 new flags, 2 closed, 3 kept"),
        (1, "1 new flag, 2 closed, 3 kept"),
        (2, "2 new flags, 2 closed, 3 kept"),
    ],
)
def test_a_run_summary_counts_new_closed_and_kept_flags(created, text):
    from review.services.checks import CheckRunResult

    assert CheckRunResult(created=created, kept=3, closed=2).summary() == text


def test_a_whole_sentence_finding_keeps_its_flag_through_an_edit_elsewhere_in_it(
    make_article, editor
):
    from review.services.editing import sentence_edit

    article = make_article("Follow us on Facebook and Twitter for more news.")
    checks_run(article=article, actor=editor)
    (flag,) = auto_flags(article).filter(origin="check:dangling.promo")
    assert (flag.start, flag.prefix, flag.suffix) == (None, "", "")
    sentence = article.sentences.get()
    sentence_edit(
        sentence=sentence,
        text="Follow us on Facebook and Twitter for all the news.",
        expected_version=sentence.version,
        actor=editor,
    )
    result = checks_run(article=article, actor=editor)
    assert (result.created, result.closed) == (0, 0)
    flag.refresh_from_db()
    assert flag.status == Flag.Status.OPEN


def test_the_same_problem_in_two_sentences_is_two_flags(make_article, editor):
    line = "The plant will close in June, officials said Tuesday."
    article = make_article(f"{line}\n\n{line}")
    checks_run(article=article, actor=editor)
    flagged = auto_flags(article).filter(origin="check:claims.vague-attribution")
    assert sorted(flagged.values_list("sentence__position", flat=True)) == [0, 1]


def test_the_checks_see_where_each_paragraph_ends(make_article, editor):
    article = make_article(
        "The council met on Monday. The mayor said the plan was\n\n"
        "The vote comes next week. Everyone waits."
    )
    # dangling.no-end is off by default (noise on published copy): this desk switched it on.
    (rule,) = [r for r in checkrule_sync(actor=editor) if r.rule_id == "dangling.no-end"]
    rule.enabled = True
    save_tracked(rule, actor=editor, reason="rule switched on")
    checks_run(article=article, actor=editor)
    (flag,) = auto_flags(article).filter(origin="check:dangling.no-end")
    assert flag.sentence.text == "The mayor said the plan was"


def test_a_viewer_is_told_who_runs_the_checks(make_article, viewer):
    from review.permissions import CHECKS_DENIED

    article = make_article(STORY)
    with pytest.raises(PermissionDenied) as refused:
        checks_run(article=article, actor=viewer)
    assert str(refused.value) == CHECKS_DENIED


def test_a_problem_found_twice_in_a_sentence_is_one_flag_and_the_rest_still_come(
    make_article, editor
):
    article = make_article("The owner reportedly sold it, reportedly. Officials said so.")
    result = checks_run(article=article, actor=editor)
    assert sorted(auto_flags(article).values_list("origin", flat=True)) == [
        "check:claims.hedge",
        "check:claims.vague-attribution",
    ]
    assert (result.created, result.kept) == (2, 0)
    again = checks_run(article=article, actor=editor)
    assert (again.created, again.kept, again.closed) == (0, 2, 0)


def test_a_flag_closed_by_the_checks_says_so_in_its_history(make_article, editor):
    article = make_article(STORY)
    checks_run(article=article, actor=editor)
    sentence = article.sentences.get(position=1)
    sentence.text = "The owner wants to sell the land, she said."
    save_tracked(sentence, actor=editor, reason="edited")
    checks_run(article=article, actor=editor)
    flag = auto_flags(article).get(origin="check:claims.hedge")
    assert flag.history.first().history_change_reason == "automatic check: no longer applies"


def test_running_the_checks_on_one_story_leaves_other_stories_flags_alone(make_article, editor):
    first = make_article(STORY)
    checks_run(article=first, actor=editor)
    second = make_article("Nothing to see here.")
    checks_run(article=second, actor=editor)
    assert set(auto_flags(first).values_list("status", flat=True)) == {Flag.Status.OPEN}


def test_an_automatic_flag_without_a_fingerprint_is_never_closed_by_the_checks(
    make_article, editor
):
    from review.services.flags import flag_create

    article = make_article("Nothing to see here.")
    legacy = flag_create(
        sentence=article.sentences.get(), kind="other", actor=editor, origin="check:claims.hedge"
    )
    checks_run(article=article, actor=editor)
    legacy.refresh_from_db()
    assert legacy.status == Flag.Status.OPEN
