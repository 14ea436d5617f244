"""Notes, suggestions, replies and reasons refuse control characters, as article text does:
they would break exports and PostgreSQL refuses NUL outright."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from review.models import Comment, Flag
from review.services.comments import comment_add
from review.services.flags import flag_create, flag_dismiss, flag_resolve
from review.services.workflow import article_submit

pytestmark = pytest.mark.django_db

BAD = ["nul\x00", "bell\x07", "esc\x1b[31m", "del\x7f"]


@pytest.fixture
def flag(make_article, editor):
    article = make_article("Scot Peterson resigned. He left.")
    return flag_create(sentence=article.sentences.get(position=0), kind="other", actor=editor)


@pytest.mark.parametrize("text", BAD)
def test_a_flag_note_or_suggestion_with_a_control_character_is_refused(flag, editor, text):
    sentence = flag.sentence
    with pytest.raises(ValidationError) as note:
        flag_create(sentence=sentence, kind="other", actor=editor, note=text)
    assert "control character" in str(note.value)
    with pytest.raises(ValidationError):
        flag_create(sentence=sentence, kind="other", actor=editor, suggestion=text)
    assert Flag.objects.count() == 1


@pytest.mark.parametrize("text", BAD)
def test_a_reply_with_a_control_character_is_refused(flag, editor, text):
    with pytest.raises(ValidationError) as exc:
        comment_add(flag=flag, actor=editor, body=f"Checked {text}")
    assert exc.value.message_dict["body"][0].startswith("This text contains a control character")
    assert not Comment.objects.exists()


def test_reasons_and_notes_when_closing_refuse_control_characters(flag, editor):
    with pytest.raises(ValidationError):
        flag_dismiss(flag=flag, actor=editor, reason="not a problem\x00")
    with pytest.raises(ValidationError):
        flag_resolve(flag=flag, actor=editor, note="fixed\x1b")
    with pytest.raises(ValidationError):
        article_submit(article=flag.article, actor=editor, note="ready\x07")
    flag.refresh_from_db()
    assert flag.status == "open"


def test_tabs_line_breaks_and_form_feeds_are_still_fine(flag, editor):
    comment_add(flag=flag, actor=editor, body="One\tTwo\r\nThree\x0cFour")
    assert Comment.objects.get().body == "One\tTwo\r\nThree\x0cFour"
