"""Revisions, reverts and edits keep every flag honest, and the checks follow the text.

After any change every flag is on words equal to its quote, outdated (its original words
kept) or detached; unchanged sentences keep their row wherever they move, and the timeline
shows a move as a move. The automatic checks run again after every change: a problem that
comes back reopens its flag (never a second one), a dismissed flag stays dismissed.
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.constants import PROBLEM_BACK
from review.models import Flag, Sentence
from review.selectors.articles import current_text
from review.selectors.history import timeline
from review.services.checks import checks_run
from review.services.editing import sentence_edit, suggestion_accept
from review.services.flags import flag_create, flag_dismiss, flag_resolve
from review.services.revert import article_revert, sentence_revert
from review.services.revise import article_revise

STORY = (
    "The council met on Monday to discuss the budget. Sources said the plan would fail.\n\n"
    "Subscribe to our newsletter for more stories like this.\n\n"
    "Mayor Lena Brandt said the vote was close. Other branches of the library will close."
)
WITHOUT_PROMO = (
    "The council met on Monday to discuss the budget. Sources said the plan would fail.\n\n"
    "Mayor Lena Brandt said the vote was close. Other branches of the library will close."
)
MOVED = (
    "Mayor Lena Brandt said the vote was close. Other branches of the library will close.\n\n"
    "The council met on Monday to discuss the budget. Sources said the plan would fail.\n\n"
    "Subscribe to our newsletter for more stories like this."
)
PROMO = "Subscribe to our newsletter for more stories like this."


def sentence(article, text):
    return Sentence.objects.get(article=article, text=text)


def words(sentence, quote, actor, kind="other"):
    start = sentence.text.index(quote)
    return flag_create(
        sentence=sentence, kind=kind, actor=actor, start=start, end=start + len(quote)
    )


def auto(article, rule_id):
    return list(Flag.objects.filter(article=article, origin=f"check:{rule_id}").order_by("pk"))


def assert_honest(article):
    """Every flag of `article`: its stored state is the one its text shows, and an attached
    flag sits on words equal to its quote."""
    for flag in Flag.objects.filter(article=article).select_related("sentence"):
        assert flag.anchor == flag.words_state, (flag.quote, flag.anchor, flag.words_now)
        if flag.anchor == Flag.Anchor.ATTACHED:
            assert flag.words_now == flag.quote
        elif flag.anchor == Flag.Anchor.ORPHANED:
            assert flag.sentence_id is None


def revise(article, text, editor, **kw):
    article.refresh_from_db()
    return article_revise(article=article, text=text, actor=editor, **kw)


def revert_to(article, when, editor):
    article.refresh_from_db()
    return article_revert(
        article=article, when=when, expected_version=article.version, actor=editor
    )


# A moved paragraph.


def test_a_moved_paragraph_keeps_its_rows_and_every_flag_on_its_own_words(make_article, editor):
    article = make_article(STORY)
    rows = {s.text: s.pk for s in article.sentences.all()}
    sources = words(sentence(article, "Sources said the plan would fail."), "Sources said", editor)
    branches = words(
        sentence(article, "Other branches of the library will close."), "Other branches", editor
    )
    flag_resolve(flag=sources, actor=editor, note="checked")
    revise(article, MOVED, editor, run_checks=False)
    assert {s.text: s.pk for s in article.sentences.all()} == rows  # every identity kept
    for flag, quote in ((sources, "Sources said"), (branches, "Other branches")):
        flag.refresh_from_db()
        assert (flag.anchor, flag.words_now) == ("attached", quote)
    assert_honest(article)


def test_the_timeline_shows_a_moved_paragraph_as_a_move(make_article, editor):
    article = make_article(STORY)
    revise(article, MOVED, editor, run_checks=False)
    change = timeline(article, kind="text").changes[0]
    titles = [e.title for e in change.entries]
    assert titles and all(t.startswith("Moved a sentence") for t in titles), titles
    assert not any("Removed" in t or "Added" in t or "Changed" in t for t in titles)
    assert {e.action for e in change.entries} == {"moved"}
    assert change.reasons == ["revised"]


def test_a_whole_story_revert_after_a_move_keeps_every_flag_on_its_words(make_article, editor):
    article = make_article(STORY)
    before = timezone.now()
    branches = words(
        sentence(article, "Other branches of the library will close."), "Other branches", editor
    )
    whole = flag_create(sentence=sentence(article, PROMO), kind="other", actor=editor)
    revise(article, MOVED, editor, run_checks=False)
    revert_to(article, before, editor)
    article.refresh_from_db()
    assert "".join(s.text + s.separator for s in article.sentences.order_by("position")) == STORY
    branches.refresh_from_db()
    whole.refresh_from_db()
    assert (branches.anchor, branches.words_now) == ("attached", "Other branches")
    assert (whole.anchor, whole.sentence.text) == ("attached", PROMO)
    assert_honest(article)


def test_a_moved_and_edited_paragraph_marks_only_the_changed_words_outdated(make_article, editor):
    article = make_article(STORY)
    sources = words(sentence(article, "Sources said the plan would fail."), "plan", editor)
    mayor = words(sentence(article, "Mayor Lena Brandt said the vote was close."), "vote", editor)
    revise(
        article,
        MOVED.replace("the plan would fail", "the scheme would fail"),
        editor,
        run_checks=False,
    )
    sources.refresh_from_db()
    mayor.refresh_from_db()
    assert (sources.anchor, sources.quote, sources.words_now) == ("outdated", "plan", "scheme")
    assert (mayor.anchor, mayor.words_now) == ("attached", "vote")
    assert_honest(article)


# Checks follow the text.


def test_a_revert_brings_back_a_promo_line_and_reopens_its_flag_once(make_article, editor):
    article = make_article(STORY, run_checks=True)
    [promo] = auto(article, "dangling.promo")
    before = timezone.now()
    revise(article, WITHOUT_PROMO, editor)
    promo.refresh_from_db()
    assert (promo.status, promo.resolution_note, promo.anchor) == (
        "resolved",
        "no longer applies",
        "orphaned",
    )
    revert_to(article, before, editor)
    [again] = auto(article, "dangling.promo")  # one flag, not two
    assert again.pk == promo.pk
    assert (again.status, again.anchor, again.sentence.text) == ("open", "attached", PROMO)
    assert again.history.first().history_change_reason == PROBLEM_BACK
    # Re-run checks goes through the same matching: nothing new, nothing closed.
    result = checks_run(article=article, actor=editor)
    assert (result.created, result.closed, result.reopened) == (0, 0, 0)
    assert len(auto(article, "dangling.promo")) == 1
    assert_honest(article)


def test_the_timeline_says_the_problem_is_back(make_article, editor):
    article = make_article(STORY, run_checks=True)
    before = timezone.now()
    revise(article, WITHOUT_PROMO, editor)
    revert_to(article, before, editor)
    flags = [e for c in timeline(article, kind="flags").changes for e in c.entries]
    reopened = [e for e in flags if e.title.startswith("Reopened")]
    assert len(reopened) == 1
    assert PROBLEM_BACK in timeline(article, kind="flags").changes[0].reasons


def test_a_dismissed_automatic_flag_stays_dismissed_when_its_problem_returns(make_article, editor):
    article = make_article(STORY, run_checks=True)
    [promo] = auto(article, "dangling.promo")
    flag_dismiss(flag=promo, actor=editor, reason="our own house ad, it stays")
    before = timezone.now()
    revise(article, WITHOUT_PROMO, editor)
    revert_to(article, before, editor)
    checks_run(article=article, actor=editor)
    [promo] = auto(article, "dangling.promo")
    assert (promo.status, promo.resolution_note) == ("dismissed", "our own house ad, it stays")


def test_re_run_checks_reopens_rather_than_duplicates_after_a_change_without_checks(
    make_article, editor
):
    article = make_article(STORY, run_checks=True)
    [promo] = auto(article, "dangling.promo")
    revise(article, WITHOUT_PROMO, editor)
    revise(article, STORY, editor, run_checks=False)  # the line is back, on a new row
    result = checks_run(article=article, actor=editor)
    assert (result.created, result.reopened) == (0, 1)
    [again] = auto(article, "dangling.promo")
    assert (again.pk, again.status) == (promo.pk, "open")
    assert checks_run(article=article, actor=editor).created == 0


def test_an_edit_that_changes_an_automatic_flags_words_marks_it_outdated(make_article, editor):
    article = make_article(STORY, run_checks=True)
    [vague] = auto(article, "claims.vague-attribution")
    row = vague.sentence
    sentence_edit(
        sentence=row,
        text="Sources claimed the plan would fail.",
        expected_version=row.version,
        actor=editor,
    )
    [vague] = auto(article, "claims.vague-attribution")  # the same flag, no second one
    assert (vague.status, vague.anchor, vague.quote) == ("open", "outdated", "Sources said")
    assert vague.words_now == "Sources claimed"
    assert_honest(article)


def test_the_thread_of_an_outdated_flag_shows_its_original_words(make_article, editor, client):
    article = make_article(STORY, run_checks=True)
    [vague] = auto(article, "claims.vague-attribution")
    row = vague.sentence
    sentence_edit(
        sentence=row, text="Sources claimed the plan would fail.", expected_version=1, actor=editor
    )
    client.force_login(editor)
    page = client.get(vague.get_absolute_url()).content.decode()
    assert f'data-outdated="{vague.pk}"' in page
    assert '“<q class="original">Sources said</q>”' in page
    assert '<q class="now">Sources claimed</q>' in page


def test_an_edit_that_fixes_the_problem_resolves_its_flag(make_article, editor):
    article = make_article(STORY, run_checks=True)
    [vague] = auto(article, "claims.vague-attribution")
    row = vague.sentence
    sentence_edit(
        sentence=row,
        text="The treasurer, Ana Ruiz, said the plan would fail.",
        expected_version=row.version,
        actor=editor,
    )
    vague.refresh_from_db()
    assert (vague.status, vague.resolution_note) == ("resolved", "no longer applies")


def test_an_edit_that_brings_a_problem_in_raises_its_flag_at_once(make_article, editor):
    article = make_article(STORY, run_checks=True)
    row = sentence(article, "Mayor Lena Brandt said the vote was close.")
    sentence_edit(
        sentence=row, text="Officials said the vote was close.", expected_version=1, actor=editor
    )
    assert [f.quote for f in auto(article, "claims.vague-attribution") if f.status == "open"] == [
        "Sources said",
        "Officials said",
    ]


def test_a_sentence_revert_brings_the_problem_back_and_reopens_the_flag(make_article, editor):
    article = make_article(STORY, run_checks=True)
    [vague] = auto(article, "claims.vague-attribution")
    row = vague.sentence
    first = row.history.earliest("history_date")
    sentence_edit(
        sentence=row,
        text="The treasurer said the plan would fail.",
        expected_version=1,
        actor=editor,
    )
    vague.refresh_from_db()
    assert vague.status == "resolved"
    row.refresh_from_db()
    sentence_revert(
        sentence=row, history_id=first.history_id, expected_version=row.version, actor=editor
    )
    [vague] = auto(article, "claims.vague-attribution")
    assert (vague.status, vague.anchor, vague.words_now) == ("open", "attached", "Sources said")


def test_an_accepted_suggestion_resolves_as_accepted_and_a_revert_reopens_it(make_article, editor):
    article = make_article("Prices rose 10 percent on Monday. Rents rose 4%.", run_checks=True)
    [flag] = auto(article, "style.abbreviations")
    assert (flag.quote, flag.suggestion) == ("10 percent", "10%")
    before = timezone.now()
    suggestion_accept(flag=flag, actor=editor)
    flag.refresh_from_db()
    # Closed as the editor accepted it, not as "no longer applies"; its words are kept.
    assert flag.status == "resolved" and flag.resolution_note.startswith("Suggestion accepted")
    assert (flag.anchor, flag.quote, flag.words_now) == ("outdated", "10 percent", "10%")
    revert_to(article, before, editor)
    [again] = auto(article, "style.abbreviations")
    assert (again.pk, again.status, again.anchor) == (flag.pk, "open", "attached")
    assert again.history.first().history_change_reason == PROBLEM_BACK


def test_an_editors_resolution_stands_when_other_words_of_its_sentence_change(make_article, editor):
    article = make_article(STORY, run_checks=True)
    [vague] = auto(article, "claims.vague-attribution")
    flag_resolve(flag=vague, actor=editor, note="the source is protected; fine")
    row = vague.sentence
    sentence_edit(
        sentence=row,
        text="Sources said the plan would fail badly.",
        expected_version=1,
        actor=editor,
    )
    vague.refresh_from_db()
    assert (vague.status, vague.anchor) == ("resolved", "attached")
    assert len(auto(article, "claims.vague-attribution")) == 1


def test_a_fixed_problem_the_editor_resolved_reopens_when_a_revert_brings_it_back(
    make_article, editor
):
    article = make_article(STORY, run_checks=True)
    [vague] = auto(article, "claims.vague-attribution")
    before = timezone.now()
    row = vague.sentence
    sentence_edit(
        sentence=row, text="Two members said the plan would fail.", expected_version=1, actor=editor
    )
    vague.refresh_from_db()
    if vague.status == "open":  # the rule may still see "members said" as vague
        flag_resolve(flag=vague, actor=editor, note="named now")
    revert_to(article, before, editor)
    [vague] = auto(article, "claims.vague-attribution")
    assert (vague.status, vague.words_now) == ("open", "Sources said")


# Every change, at random: a property over revisions made of small word pools.

WORDS = ["red", "fox", "owl", "cat", "runs", "sits", "late", "again"]


@st.composite
def sentences(draw):
    body = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=5))
    return " ".join(body).capitalize() + "."


@st.composite
def story(draw):
    paragraphs = draw(
        st.lists(st.lists(sentences(), min_size=1, max_size=3), min_size=1, max_size=4)
    )
    return [list(p) for p in paragraphs]


def render(paragraphs) -> str:
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


@st.composite
def revised(draw, paragraphs):
    """Moves, splits, merges, edits and deletions of paragraphs and sentences."""
    ps = [list(p) for p in paragraphs]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["move", "split", "merge", "edit", "drop", "drop_p", "add"]))
        i = draw(st.integers(0, len(ps) - 1))
        p = ps[i]
        j = draw(st.integers(0, len(p) - 1))
        if op == "move" and len(ps) > 1:
            ps.insert(draw(st.integers(0, len(ps) - 1)), ps.pop(i))
        elif op == "split":
            w = p[j].rstrip(".").split()
            if len(w) >= 2:
                k = draw(st.integers(1, len(w) - 1))
                p[j : j + 1] = [" ".join(w[:k]) + ".", " ".join(w[k:]).capitalize() + "."]
        elif op == "merge" and j + 1 < len(p):
            p[j : j + 2] = [p[j].rstrip(".") + " " + p[j + 1][0].lower() + p[j + 1][1:]]
        elif op == "edit":
            w = p[j].rstrip(".").split()
            w[draw(st.integers(0, len(w) - 1))] = draw(st.sampled_from(WORDS))
            p[j] = " ".join(w).capitalize() + "."
        elif op == "drop" and sum(map(len, ps)) > 1:
            del p[j]
        elif op == "drop_p" and len(ps) > 1:
            del ps[i]
        elif op == "add":
            p.insert(j, draw(sentences()))
        ps = [q for q in ps if q]
    return ps


def raise_flags(data, article, editor) -> None:
    """Up to four flags on random sentences: whole ones, and ones on a random word."""
    rows = list(article.sentences.order_by("position"))
    for row in data.draw(st.lists(st.sampled_from(rows), max_size=4)):
        if data.draw(st.booleans()):
            flag_create(sentence=row, kind="other", actor=editor)
            continue
        w = row.text.split()
        k = data.draw(st.integers(0, len(w) - 1))
        start = len(" ".join(w[:k])) + (1 if k else 0)
        flag_create(sentence=row, kind="other", actor=editor, start=start, end=start + len(w[k]))


def edited(data, text: str) -> str:
    """One sentence as an editor might retype it: a word changed, split in two, run into
    the next (its final stop taken out), or deleted (empty)."""
    words = text.rstrip(".").split()
    op = data.draw(st.sampled_from(["edit", "split", "merge", "delete"]))
    if op == "edit":
        words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(WORDS))
        return " ".join(words).capitalize() + "."
    if op == "split" and len(words) >= 2:
        k = data.draw(st.integers(1, len(words) - 1))
        return " ".join(words[:k]) + ". " + " ".join(words[k:]).capitalize() + "."
    if op == "merge":
        return " ".join(words)
    return ""


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_edits_and_reverts_leave_every_flag_on_its_quote_outdated_or_detached(
    data, make_article, editor
):
    article = make_article(render(data.draw(story())))
    raise_flags(data, article, editor)
    start, imported = timezone.now(), current_text(article)
    for _ in range(data.draw(st.integers(1, 4))):
        rows = list(article.sentences.order_by("position"))
        row = data.draw(st.sampled_from(rows))
        text = edited(data, row.text)
        if text == row.text or (not text and len(rows) == 1):
            continue
        sentence_edit(sentence=row, text=text, expected_version=row.version, actor=editor)
        assert_honest(article)
    if data.draw(st.booleans()) and current_text(article) != imported:
        revert_to(article, start, editor)
        assert_honest(article)


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_random_revisions_leave_every_flag_on_its_quote_outdated_or_detached(
    data, make_article, editor
):
    first = data.draw(story())
    article = make_article(render(first))
    raise_flags(data, article, editor)
    version = first
    for _ in range(data.draw(st.integers(1, 3))):
        version = data.draw(revised(version))
        text = render(version)
        article.refresh_from_db()
        if text != "".join(s.text + s.separator for s in article.sentences.order_by("position")):
            article_revise(article=article, text=text, actor=editor, run_checks=False)
        assert_honest(article)


def test_a_story_too_long_for_the_request_is_checked_by_a_background_job_after_an_edit(
    make_article, editor, settings
):
    from review.jobs.models import Job

    article = make_article(STORY, run_checks=True)
    settings.REVIEW_BACKGROUND_SENTENCES = 3
    row = sentence(article, "Mayor Lena Brandt said the vote was close.")
    sentence_edit(
        sentence=row, text="Officials said the vote was close.", expected_version=1, actor=editor
    )
    [job] = Job.objects.filter(article=article, kind=Job.Kind.CHECKS)
    assert job.created_by == editor
    # The test settings run tasks at once: the job matched the findings as an edit would.
    quotes = [f.quote for f in auto(article, "claims.vague-attribution") if f.status == "open"]
    assert quotes == ["Sources said", "Officials said"]
