"""The review page's rows and sentences are drawn once per worker for the values they print
(review.views.drawn): what is kept must be exactly what the template draws from the flag or
the sentence itself, and anything a fragment prints must change the fragment."""

from __future__ import annotations

import pytest
from django.template.loader import get_template
from django.urls import reverse

from review.selectors.review import ReviewFilters, flags_for_page, review_page
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_resolve
from review.templatetags.review_tags import highlight_segments
from review.views import drawn
from review.views.review_page import decorate_rows, decorate_sentences

TEXT = "Alpha beta gamma. Delta epsilon zeta.\n\nEta theta iota."


@pytest.fixture
def article(make_article):
    return make_article(TEXT, slug="rows")


@pytest.fixture
def flag(article, editor):
    sentence = article.sentences.order_by("position").first()
    return flag_create(
        sentence=sentence, kind="style", actor=editor, note="Hyphen?", start=0, end=5
    )


def rows(article, *, current=None, filters=None):
    flags = list(flags_for_page(article))
    decorate_rows(flags, article, filters or ReviewFilters(), current)
    return {f.pk: f.row_html for f in flags}


# What the page's context holds around a fragment: a fragment that read any of it would draw
# differently here than when it is kept.
PAGE_VARIABLES = {
    "oob": True,
    "can_review": True,
    "can_edit_sentences": True,
    "article_url": "/elsewhere/",
    "current": None,
}


class Printed:
    """A fragment's values, and for any other name the object itself: a template that printed
    something of the flag's or the sentence's beyond its values would draw it here and not in
    the kept fragment."""

    def __init__(self, values, flag):
        self.__dict__.update(values._asdict())
        self._flag = flag

    def __getattr__(self, name):
        return getattr(self._flag, name)


def test_the_kept_row_is_what_the_template_draws_from_the_flag(article, flag, editor, monkeypatch):
    comment_add(flag=flag, actor=editor, body="One reply")
    (row,) = rows(article).values()
    seen = []
    monkeypatch.setattr(drawn, "row", lambda values: seen.append(values) or "")
    rows(article)
    (values,) = seen
    # Every name the row's template reads is a field of RowValues.
    # And nothing around it: the page's own variables change nothing.
    template = get_template(drawn.ROW_TEMPLATE)
    assert template.render({"flag": Printed(values, flag), **PAGE_VARIABLES}) == row
    assert f'id="fl-{flag.pk}"' in row
    assert "Style" in row and "1 reply" in row and editor.username in row


def test_a_row_is_drawn_once_for_the_same_values(article, flag):
    drawn.forget()
    first = rows(article)
    before = drawn.row.cache_info()
    again = rows(article)
    after = drawn.row.cache_info()
    assert again == first
    assert (after.hits - before.hits, after.misses - before.misses) == (1, 0)


@pytest.mark.parametrize(
    "change, printed",
    [
        ("reply", "1 reply"),
        ("resolve", "Resolved"),
        ("current", 'aria-current="true"'),
        ("filter", "status=open"),
    ],
)
def test_what_changes_what_a_row_prints_draws_it_anew(article, flag, editor, change, printed):
    before = rows(article)[flag.pk]
    assert printed not in before
    current, filters = None, None
    if change == "reply":
        comment_add(flag=flag, actor=editor, body="A reply")
    elif change == "resolve":
        flag_resolve(flag=flag, actor=editor, note="Fixed")
    elif change == "current":
        current = flag.pk
    else:
        filters = ReviewFilters(status="open")
    after = rows(article, current=current, filters=filters)[flag.pk]
    assert printed in after
    assert after != before


def test_the_page_prints_the_kept_rows(client, article, flag, editor):
    client.force_login(editor)
    page = client.get(reverse("review:article_detail", args=[article.slug]))
    (row,) = rows(article).values()
    assert row in page.content.decode()


# Sentences ---------------------------------------------------------------------------------


def sentences(article, *, can_review=True, can_edit=True, oob=False):
    page = review_page(article=article, user=None)
    decorate_sentences(
        page.sentences,
        article.get_absolute_url(),
        article.slug,
        can_review=can_review,
        can_edit=can_edit,
        oob=oob,
    )
    return {s.pk: s.html for s in page.sentences}


def test_the_kept_sentence_is_what_the_template_draws_from_the_sentence(article, flag, monkeypatch):
    first = flag.sentence_id
    html = sentences(article)[first]
    seen = []
    monkeypatch.setattr(drawn, "sentence", lambda values: seen.append(values) or "")
    sentences(article)
    values = next(v for v in seen if v.key == str(first))
    segments = highlight_segments(flag.sentence.text, [flag])
    printed = Printed(values, flag.sentence)
    printed.segments = [Printed(v, seg) for v, seg in zip(values.segments, segments, strict=True)]
    template = get_template(drawn.SENTENCE_TEMPLATE)
    assert template.render({"sentence": printed, **PAGE_VARIABLES}) == html
    assert f'<mark class="hl" data-flags="{flag.pk}"' in html
    assert "Alpha</mark> beta gamma." in html


def test_a_sentence_is_drawn_once_for_the_same_values(article, flag):
    drawn.forget()
    first = sentences(article)
    before = drawn.sentence.cache_info()
    assert sentences(article) == first
    after = drawn.sentence.cache_info()
    assert (after.hits - before.hits, after.misses - before.misses) == (len(first), 0)


@pytest.mark.parametrize(
    "change, printed, gone",
    [
        ("another flag", ">2</sup>", ">1</sup>"),
        ("resolve", "fcount done", "has-open"),
        ("no review", None, "flag-link"),
        ("no edit", None, "edit-link"),
        ("out of band", 'hx-swap-oob="true"', None),
    ],
)
def test_what_changes_what_a_sentence_prints_draws_it_anew(
    article, flag, editor, change, printed, gone
):
    before = sentences(article)[flag.sentence_id]
    options = {}
    if change == "another flag":
        flag_create(sentence=flag.sentence, kind="other", actor=editor, note="And this")
    elif change == "resolve":
        flag_resolve(flag=flag, actor=editor, note="Fixed")
    elif change == "no review":
        options["can_review"] = False
    elif change == "no edit":
        options["can_edit"] = False
    else:
        options["oob"] = True
    after = sentences(article, **options)[flag.sentence_id]
    assert after != before
    if printed:
        assert printed in after and printed not in before
    if gone:
        assert gone in before and gone not in after


def test_the_page_prints_the_kept_sentences(client, article, flag, editor):
    client.force_login(editor)
    page = client.get(reverse("review:article_detail", args=[article.slug])).content.decode()
    kept = sentences(article)
    assert all(html in page for html in kept.values())
