"""History everywhere: every write path leaves history with a user, and every live row is
exactly its latest history record. The scenario goes through every service on the desk."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.utils import timezone

from review.models import (
    Article,
    CheckRule,
    Comment,
    Flag,
    FlagKind,
    HistoryBypassError,
    Job,
    Name,
    Notification,
    ReporterAnswer,
    Sentence,
    StoryFact,
)
from review.reference_data import SYSTEM_REASON
from review.services import (
    comments,
    editing,
    facts,
    flags,
    jobs,
    names,
    notifications,
    revert,
    workflow,
)
from review.services.articles import article_import
from review.services.checks import checkrule_set_enabled, checkrule_sync
from review.services.revise import article_revise
from tests.conftest import make_user

TRACKED = [
    Article,
    Sentence,
    FlagKind,
    Flag,
    Comment,
    Name,
    CheckRule,
    Notification,
    ReporterAnswer,
    Job,
    StoryFact,
]


def edit(sentence, text, actor):
    sentence.refresh_from_db()
    return editing.sentence_edit(
        sentence=sentence, text=text, expected_version=sentence.version, actor=actor
    )


def run_scenario(editor, copy_editor, fact_checker, seed_text):
    chief = make_user("chief", "Editor", is_staff=True)
    article = article_import(
        text=seed_text, title="Scot Peterson", slug="peterson", actor=editor, run_checks=True
    )
    first = article.sentences.get(position=0)
    second = article.sentences.get(position=1)

    flag = flags.flag_create(
        sentence=first,
        kind="name-spelling",
        actor=copy_editor,
        start=0,
        end=4,
        note="@checker please look",
        assignee=fact_checker,
        suggestion="Scott",
    )
    flags.flag_update(flag=flag, actor=copy_editor, severity="major")
    comment = comments.comment_add(flag=flag, actor=fact_checker, body="Looking, @copyed.")
    comments.comment_edit(comment=comment, actor=fact_checker, body="Checked the registry.")
    comments.comment_delete(
        comment=comments.comment_add(flag=flag, actor=fact_checker, body="oops"),
        actor=fact_checker,
    )
    names.name_add(full_name="Scot Peterson", actor=editor, note="Verified.")
    for n in Notification.objects.all():
        notifications.notification_mark_read(notification=n, actor=n.recipient)
    notifications.notifications_mark_all_read(actor=copy_editor)

    # The facts worksheet: verified, wrong (a flag), reset; the edits and the revision below
    # re-read it.
    people = article.facts.get(quote="17 people")
    facts.fact_verify(fact=people, source="Police statement", actor=fact_checker)
    facts.fact_mark_wrong(
        fact=article.facts.get(kind="money"), note="Check it.", actor=fact_checker
    )
    age = article.facts.get(kind="age")
    facts.fact_verify(fact=age, source="", actor=copy_editor)
    facts.fact_reset(fact=age, actor=editor)

    # Text edits: a change, a split, a merge, a conflict, suggestions, reverts.
    start = timezone.now()
    edit(first, first.text + " Nobody went in.", copy_editor)
    edit(second, "", editor)
    with pytest.raises(editing.EditConflict):
        editing.sentence_edit(sentence=first, text="Stale.", expected_version=0, actor=editor)
    editing.suggestion_accept(flag=flag, actor=copy_editor)
    reject = flags.flag_create(
        sentence=article.sentences.get(position=3),
        kind="style",
        actor=copy_editor,
        suggestion="x",
    )
    editing.suggestion_reject(flag=reject, actor=editor)
    first.refresh_from_db()
    revert.sentence_revert(
        sentence=first,
        history_id=first.history.last().history_id,
        expected_version=first.version,
        actor=copy_editor,
    )
    article.refresh_from_db()
    revert.article_revert(
        article=article, when=start, expected_version=article.version, actor=editor
    )
    flags.flag_reopen(flag=flag, actor=editor, reason="Recheck.")
    flags.flag_dismiss(flag=flag, actor=editor, reason="Fine as is.")

    # Workflow, with a blocker overridden.
    blocker = flags.flag_create(
        sentence=article.sentences.get(position=2),
        kind="unverified-claim",
        actor=editor,
        severity="blocker",
    )
    workflow.article_submit(article=article, actor=copy_editor)
    workflow.article_request_changes(article=article, actor=editor, note="Source it.")
    workflow.article_submit(article=article, actor=copy_editor)
    workflow.article_approve(article=article, actor=editor, override_reason="Legal cleared.")
    workflow.article_publish(article=article, actor=editor, override_reason="Legal cleared.")
    workflow.article_reopen(article=article, actor=editor)
    flags.flag_resolve(flag=blocker, actor=fact_checker, evidence="https://example.org")

    # A revision with checks, and the check switches.
    article_revise(
        article=article,
        text=seed_text.replace("Peterson", "Petersen", 1) + "\n\nA closing line.",
        actor=editor,
        run_checks=True,
    )
    rule = checkrule_sync(actor=chief)[0]
    checkrule_set_enabled(rule=rule, enabled=False, actor=chief, note="Too noisy.")

    # Background jobs (run at once here): an import, a checks run and an export.
    jobs.job_start_import(
        text="A short story. Two sentences.",
        title="Queued",
        slug="queued",
        actor=editor,
        run_checks=True,
    )
    jobs.job_start_checks(article=article, actor=editor)
    jobs.job_start_export(article=article, fmt="docx", open_only=False, actor=editor)
    return article


def latest(model, pk):
    return (
        model.history.filter(**{model._meta.pk.attname: pk})
        .order_by("-history_date", "-history_id")
        .first()
    )


def test_every_history_row_names_a_user_and_every_row_equals_its_latest_record(
    editor, copy_editor, fact_checker, seed_text
):
    run_scenario(editor, copy_editor, fact_checker, seed_text)
    problems = []
    for model in TRACKED:
        history = model.history.model
        anonymous = history.objects.filter(history_user__isnull=True)
        if model is FlagKind:
            # The one system row allowed: the five fixed kinds exist before any user does, so
            # their first history row (written by the data migrations) names no user.
            anonymous = anonymous.exclude(history_change_reason=SYSTEM_REASON, history_type="+")
        problems += [f"{model.__name__} history #{h.history_id} has no user" for h in anonymous]
        # Fields kept out of history on purpose (a job's text and file: megabytes per row)
        # have no column in the historical table.
        fields = [f for f in model._meta.concrete_fields if hasattr(model.history.model, f.attname)]
        for row in model.objects.all():
            record = latest(model, row.pk)
            if record is None:
                problems.append(f"{model.__name__} #{row.pk} has no history")
                continue
            if record.history_type == "-":
                problems.append(f"{model.__name__} #{row.pk} is live but its history says deleted")
            for f in fields:
                if getattr(row, f.attname) != getattr(record, f.attname):
                    problems.append(
                        f"{model.__name__} #{row.pk}.{f.attname}: live "
                        f"{getattr(row, f.attname)!r} != history {getattr(record, f.attname)!r}"
                    )
    assert problems == []
    assert Sentence.history.filter(history_type="-").exists()


def test_the_scenario_really_went_through_every_kind_of_change(
    editor, copy_editor, fact_checker, seed_text
):
    article = run_scenario(editor, copy_editor, fact_checker, seed_text)
    reasons = set(
        Article.history.filter(id=article.pk).values_list("history_change_reason", flat=True)
    )
    for expected in (
        "imported",
        "edited",
        "approved over 1 open blocker(s): Legal cleared.",
        "revised",
    ):
        assert expected in reasons
    assert any(r and r.startswith("reverted the text to") for r in reasons)
    assert Comment.history.filter(history_type="~").exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()


@pytest.mark.parametrize("model", TRACKED, ids=lambda m: m.__name__)
def test_queryset_update_raises_for_every_tracked_model(db, model):
    with pytest.raises(HistoryBypassError, match="writes no history"):
        model.objects.filter(pk__in=[]).update(pk=0)
    with pytest.raises(HistoryBypassError):
        model.objects.all().update()


def test_every_model_in_the_app_is_tracked():
    models = [
        m
        for m in apps.get_app_config("review").get_models()
        if not m.__name__.startswith("Historical")
    ]
    assert sorted(m.__name__ for m in models) == sorted(m.__name__ for m in TRACKED)
