"""@mentions as plain data, and highlighted (escaped) in notes and replies."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from review.templatetags.mention_tags import mentions
from review.text.mentions import Piece, mention_pieces, mentioned_usernames


def test_pieces_give_the_text_back_and_mark_each_mention():
    text = "thanks @ana.ruiz. ask @bo-b, not email@x.org or a lone @"
    pieces = mention_pieces(text)
    assert "".join(p.text for p in pieces) == text
    assert [p for p in pieces if p.username] == [
        Piece("@ana.ruiz", "ana.ruiz"),
        Piece("@bo-b", "bo-b"),
    ]


def test_pieces_and_usernames_agree():
    text = "@a and @b. then @a again, @c"
    assert mentioned_usernames(text) == ["a", "b", "c"]
    assert [p.username for p in mention_pieces(text) if p.username] == ["a", "b", "a", "c"]


def test_empty_text_has_no_pieces():
    assert mention_pieces("") == []
    assert mention_pieces(None) == []


def test_the_filter_escapes_everything_and_highlights_mentions():
    html = mentions('<b>hi</b> @ana & "@bo"\nnext line', AnonymousUser())
    assert html == (
        '&lt;b&gt;hi&lt;/b&gt; <span class="mention">@ana</span> &amp; &quot;'
        '<span class="mention">@bo</span>&quot;<br>next line'
    )


def test_the_readers_own_name_stands_out(db):
    me = User(username="ana")
    html = mentions("@ana and @bo", me)
    assert '<span class="mention mention-you">@ana</span>' in html
    assert '<span class="mention">@bo</span>' in html


def test_a_mention_cannot_smuggle_markup():
    html = mentions("@x<script>alert(1)</script>", None)
    assert "<script>" not in html
    assert '<span class="mention">@x</span>&lt;script&gt;' in html


def test_the_thread_highlights_mentions_in_the_note_and_the_replies(
    client, make_article, editor, copy_editor
):
    from django.urls import reverse

    from review.services.comments import comment_add
    from review.services.flags import flag_create

    sentence = make_article("The mayor said so.").sentences.get()
    flag = flag_create(
        sentence=sentence, kind="style", actor=editor, note="@copyed <em>see</em>\nplease"
    )
    comment_add(flag=flag, actor=editor, body="ping @editor & @copyed")
    client.force_login(copy_editor)
    url = reverse("review:flag_detail", args=[flag.pk])
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert (
        '<p class="note"><span class="mention mention-you">@copyed</span> '
        "&lt;em&gt;see&lt;/em&gt;<br>please</p>"
    ) in html
    assert (
        '<p class="body">ping <span class="mention">@editor</span> &amp; '
        '<span class="mention mention-you">@copyed</span></p>'
    ) in html
