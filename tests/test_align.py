"""Aligning revisions with moves, and placing flags after them (review.text.align): pure."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from review.text import align as align_module
from review.text.align import (
    ADDED,
    EDITED,
    KEPT,
    MERGED,
    MOVED,
    REMOVED,
    SPLIT,
    align,
)
from review.text.placing import FlagAt, place
from review.text.spans import ATTACHED, DETACHED, OUTDATED, context_of

STORY = [
    "The council met on Tuesday.",
    "Sources said the budget would rise by a third.",
    "Other branches of the library were closed.",
    "The mayor spoke for an hour about the roads.",
    "She said she would not resign over the cuts.",
    "Nobody asked her why.",
    "Have a tip? Email the desk.",
]


def kinds(alignment):
    return [(s.kind, s.old, s.new) for s in alignment.steps]


def flag_on(texts, index, words, key=None):
    start = texts[index].index(words)
    prefix, suffix = context_of(texts[index], start, start + len(words))
    return FlagAt(key or words, index, start, start + len(words), words, prefix, suffix)


def by_key(placed):
    return {p.key: p for p in placed}


# Alignment.


def test_an_unchanged_story_keeps_every_sentence():
    a = align(STORY, list(STORY))
    assert all(s.kind == KEPT for s in a.steps)
    assert a.source == list(range(len(STORY)))


def test_a_moved_paragraph_is_a_move_not_a_removal_and_an_addition():
    new = [STORY[0], STORY[3], STORY[4], STORY[5], STORY[1], STORY[2], STORY[6]]
    a = align(STORY, new)
    assert {s.kind for s in a.steps} <= {KEPT, MOVED}
    assert [a.source[j] for j in range(len(new))] == [0, 3, 4, 5, 1, 2, 6]
    assert not a.removed and not a.added


def test_an_unrelated_sentence_is_never_changed_into_the_moved_one():
    # Sentence 5 is replaced by something unrelated while 1-2 move into its place.
    new = [STORY[0], STORY[3], STORY[4], STORY[1], STORY[2], "The weather was fine.", STORY[6]]
    a = align(STORY, new)
    edits = [s for s in a.steps if s.kind == EDITED]
    assert edits == []
    assert (REMOVED, (5,), ()) in kinds(a)
    assert (ADDED, (), (5,)) in kinds(a)
    assert a.source[3] == 1 and a.source[4] == 2


def test_an_edit_keeps_the_sentence_identity():
    new = list(STORY)
    new[3] = "The mayor spoke for two hours about the roads."
    a = align(STORY, new)
    assert (EDITED, (3,), (3,)) in kinds(a)
    assert a.source == list(range(len(STORY)))


def test_splits_and_merges_are_recognised():
    new = [
        STORY[0] + " " + STORY[1],  # merged
        STORY[2],
        "The mayor spoke for an hour.",  # split in two
        "She talked about the roads.",
        STORY[4],
        STORY[5],
        STORY[6],
    ]
    a = align(STORY, new)
    assert (MERGED, (0, 1), (0,)) in kinds(a)
    assert (SPLIT, (3,), (2, 3)) in kinds(a)
    assert a.source[2] == 3  # the piece with most of the words keeps the row
    assert a.source[3] is None
    assert a.removed == [0] or a.removed == [1]


def test_an_edited_sentence_that_also_moved_keeps_its_identity():
    moved = "Sources said the budget would rise by a quarter."
    new = [STORY[0], STORY[2], STORY[3], STORY[4], STORY[5], moved, STORY[6]]
    a = align(STORY, new)
    step = next(s for s in a.steps if s.old == (1,))
    assert step.kind == EDITED and step.moved
    assert a.source[5] == 1


def test_identical_sentences_pair_in_order():
    old = ["Yes.", "A long sentence about roads.", "Yes.", "Another one about schools."]
    new = ["Yes.", "Another one about schools.", "Yes.", "A long sentence about roads."]
    a = align(old, new)
    assert sorted(i for i in a.source if i is not None) == [0, 1, 2, 3]
    for j, i in enumerate(a.source):
        assert old[i] == new[j]


def test_the_cost_follows_what_changed_not_the_story_length(monkeypatch):
    counted = Counter()
    real = align_module._words

    def counting(text):
        counted["words"] += 1
        return real(text)

    monkeypatch.setattr(align_module, "_words", counting)
    story = [f"Sentence number {n} says something about item {n}." for n in range(3000)]
    edited = list(story)
    edited[1500] = "Sentence number 1500 says something new about item 1500."
    align(story, edited)
    assert counted["words"] == 2  # only the edited pair was compared word by word
    counted.clear()
    moved = story[:100] + story[2000:2200] + story[100:2000] + story[2200:]
    a = align(story, moved)
    assert counted["words"] == 0  # a move is found by text alone
    assert not a.removed and not a.added


def test_a_long_rewritten_passage_is_aligned_in_a_band_not_pair_by_pair(monkeypatch):
    calls = Counter()
    real = align_module._Pairs.score

    def counting(self, old_ix, new_ix):
        calls["score"] += 1
        return real(self, old_ix, new_ix)

    monkeypatch.setattr(align_module._Pairs, "score", counting)
    old = [f"Old line {n} about the harbour and ships." for n in range(400)]
    new = [f"New line {n} about the harbour and boats." for n in range(400)]
    a = align(old, new)
    assert calls["score"] < 400 * 2 * (align_module.BAND + align_module.MAX_PARTS + 2) * 7
    assert [s.kind for s in a.steps].count(EDITED) == 400


# Placing flags.


def test_flags_on_a_moved_paragraph_stay_on_their_own_words():
    new = [STORY[0], STORY[3], STORY[4], STORY[5], STORY[1], STORY[2], STORY[6]]
    flags = [flag_on(STORY, 1, "Sources said"), flag_on(STORY, 2, "Other branches")]
    placed = by_key(place(STORY, new, align(STORY, new), flags))
    assert placed["Sources said"].state == ATTACHED
    assert placed["Sources said"].sentence == 4
    assert placed["Other branches"].sentence == 5
    assert new[5][placed["Other branches"].start : placed["Other branches"].end] == (
        "Other branches"
    )


def test_an_edited_word_makes_its_flag_outdated_over_the_new_word():
    old = ["Do not second-guess Scott on this."]
    new = ["Do not second-guess Peterson on this."]
    placed = place(old, new, align(old, new), [flag_on(old, 0, "Scott")])[0]
    assert placed.state == OUTDATED
    assert new[0][placed.start : placed.end] == "Peterson"
    assert (placed.prefix, placed.suffix) == ("Do not second-guess ", " on this.")


def test_a_revert_brings_an_outdated_flag_back_onto_its_words():
    old = ["Do not second-guess Peterson on this."]
    new = ["Do not second-guess Scott on this."]
    outdated = FlagAt("f", 0, 20, 28, "Scott", "Do not second-guess ", " on this.")
    placed = place(old, new, align(old, new), [outdated])[0]
    assert placed.state == ATTACHED
    assert new[0][placed.start : placed.end] == "Scott"


def test_a_detached_flag_comes_back_when_its_words_return_with_their_context():
    old = [STORY[0], STORY[5]]
    new = [STORY[0], STORY[6], STORY[5]]
    start = STORY[6].index("Email")
    gone = FlagAt("promo", None, start, start + 5, "Email", STORY[6][:start], " the desk.")
    whole = FlagAt("line", None, None, None, STORY[6])
    placed = by_key(place(old, new, align(old, new), [gone, whole]))
    assert (placed["promo"].state, placed["promo"].sentence) == (ATTACHED, 1)
    assert (placed["line"].state, placed["line"].sentence, placed["line"].start) == (
        ATTACHED,
        1,
        None,
    )


def test_a_common_word_never_jumps_to_another_sentence_without_its_context():
    old = ["The mayor said no.", "Then she left."]
    new = ["Then she left.", "The council said yes."]
    placed = place(old, new, align(old, new), [flag_on(old, 0, "said")])[0]
    assert placed.state == DETACHED


def test_a_flag_on_a_removed_sentence_is_detached():
    new = STORY[:5] + STORY[6:]
    placed = place(STORY, new, align(STORY, new), [flag_on(STORY, 5, "Nobody")])[0]
    assert (placed.state, placed.sentence) == (DETACHED, None)


def test_a_whole_sentence_flag_follows_its_sentence_and_is_outdated_when_it_changed():
    new = list(STORY)
    new[1] = "Sources said the budget would rise by a half."
    whole = FlagAt("claim", 1, None, None, STORY[1])
    placed = place(STORY, new, align(STORY, new), [whole])[0]
    assert (placed.state, placed.sentence, placed.start) == (OUTDATED, 1, None)


def test_words_split_across_two_new_sentences_are_outdated_on_the_first():
    old = ["He said it was fine and she agreed with him."]
    new = ["He said it was fine.", "And she agreed with him."]
    placed = place(old, new, align(old, new), [flag_on(old, 0, "fine and she")])[0]
    assert placed.state == OUTDATED
    assert placed.sentence == 0


# The property: random revisions never put a flag silently on other words.

WORDS = ["alpha", "beta", "gamma", "delta", "omega", "sigma", "kappa", "zeta", "eta", "rho"]
sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(
    lambda ws: " ".join(ws).capitalize() + "."
)


@st.composite
def revisions(draw):
    """An old story, a revised one and, per new sentence, the old index it is an untouched
    copy of (None for a sentence that was written, edited, split, merged or duplicated)."""
    old = draw(st.lists(sentence, min_size=1, max_size=14))
    work = [(text, i) for i, text in enumerate(old)]
    for _ in range(draw(st.integers(0, 6))):
        op = draw(st.sampled_from(["move", "split", "merge", "edit", "delete", "add", "dup"]))
        n = len(work)
        if op == "move" and n > 1:
            i = draw(st.integers(0, n - 1))
            j = draw(st.integers(i + 1, n))
            block, rest = work[i:j], work[:i] + work[j:]
            k = draw(st.integers(0, len(rest)))
            work = rest[:k] + block + rest[k:]
        elif op == "split" and n:
            i = draw(st.integers(0, n - 1))
            words = work[i][0].rstrip(".").split()
            if len(words) > 1:
                c = draw(st.integers(1, len(words) - 1))
                a = " ".join(words[:c]) + "."
                b = " ".join(words[c:]).capitalize() + "."
                work[i : i + 1] = [(a, None), (b, None)]
        elif op == "merge" and n > 1:
            i = draw(st.integers(0, n - 2))
            work[i : i + 2] = [(work[i][0] + " " + work[i + 1][0], None)]
        elif op == "edit" and n:
            i = draw(st.integers(0, n - 1))
            words = work[i][0].rstrip(".").split()
            w = draw(st.integers(0, len(words) - 1))
            words[w] = draw(st.sampled_from(WORDS))
            if draw(st.booleans()):
                words.insert(w, draw(st.sampled_from(WORDS)))
            text = " ".join(words) + "."
            work[i] = (text, work[i][1] if text == work[i][0] else None)
        elif op == "delete" and n > 1:
            del work[draw(st.integers(0, n - 1))]
        elif op == "add":
            work.insert(draw(st.integers(0, n)), (draw(sentence), None))
        elif op == "dup" and n:
            i = draw(st.integers(0, n - 1))
            work.insert(draw(st.integers(0, n)), (work[i][0], None))
    return old, [t for t, _ in work], [o for _, o in work]


@st.composite
def flags_on(draw, old):
    flags = []
    for key in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 9)) == 0:  # already detached
            text = draw(st.sampled_from(old))
            flags.append(FlagAt(key, None, None, None, text))
            continue
        i = draw(st.integers(0, len(old) - 1))
        text = old[i]
        if draw(st.booleans()):
            flags.append(FlagAt(key, i, None, None, text))
            continue
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        prefix, suffix = text[max(0, start - 32) : start], text[end : end + 32]
        flags.append(FlagAt(key, i, start, end, text[start:end], prefix, suffix))
    return flags


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_random_revisions_leave_every_flag_attached_to_its_quote_outdated_or_detached(data):
    old, new, origin = data.draw(revisions())
    flags = data.draw(flags_on(old))
    a = align(old, new)

    # Every sentence is accounted for once; identity is never shared.
    assert sorted(i for s in a.steps for i in s.old) == list(range(len(old)))
    assert sorted(j for s in a.steps for j in s.new) == list(range(len(new)))
    kept = [i for i in a.source if i is not None]
    assert len(kept) == len(set(kept))
    for s in a.steps:
        if s.kind in (KEPT, MOVED):
            assert old[s.old[0]] == new[s.new[0]]

    # Unchanged sentences keep their identity (an identical twin's, where the text repeats).
    old_count, new_count = Counter(old), Counter(new)
    for j, o in enumerate(origin):
        if o is None:
            continue
        if new_count[new[j]] <= old_count[new[j]]:
            assert a.source[j] is not None and old[a.source[j]] == new[j]
        if new_count[new[j]] == 1 and old_count[new[j]] == 1:
            assert a.source[j] == o

    placed = place(old, new, a, flags)
    assert [p.key for p in placed] == [f.key for f in flags]
    for flag, p in zip(flags, placed, strict=True):
        if p.state == ATTACHED:
            assert p.sentence is not None
            words = new[p.sentence] if p.start is None else new[p.sentence][p.start : p.end]
            assert words == flag.quote  # on words equal to its quote
        elif p.state == OUTDATED:
            assert p.sentence is not None
            if p.start is not None:
                assert 0 <= p.start < p.end <= len(new[p.sentence])
        else:
            assert p.state == DETACHED
            assert (p.sentence, p.start, p.end) == (None, None, None)
        if (p.start is None) != (p.end is None):
            raise AssertionError("a half span")
        # A flag on an untouched, unique sentence stays exactly where it was.
        if flag.sentence is not None:
            j = a.target_of(flag.sentence)
            text = old[flag.sentence]
            unique = old_count[text] == 1 and new_count[text] == 1
            if j is not None and origin[j] == flag.sentence and unique:
                assert (p.state, p.sentence, p.start, p.end) == (ATTACHED, j, flag.start, flag.end)


def test_a_revision_that_moves_a_paragraph_then_a_revert_keep_every_flag_on_its_words():
    v1 = STORY
    v2 = [STORY[0], STORY[3], STORY[4], "Nobody asked her why, late.", STORY[1], STORY[2], STORY[6]]
    flags = [
        flag_on(v1, 1, "Sources said"),
        flag_on(v1, 2, "other branches".capitalize()),
        FlagAt("promo", 6, None, None, STORY[6]),
        flag_on(v1, 5, "Nobody"),
    ]
    a = align(v1, v2)
    assert next(s for s in a.steps if s.old == (5,)).kind == EDITED
    placed = place(v1, v2, a, flags)
    for flag, p in zip(flags, placed, strict=True):
        assert p.state == ATTACHED, flag.key
        words = v2[p.sentence] if p.start is None else v2[p.sentence][p.start : p.end]
        assert words == flag.quote
    # The revert: the text of v1 again, the flags as v2 left them.
    back = [
        FlagAt(f.key, p.sentence, p.start, p.end, f.quote, p.prefix, p.suffix)
        for f, p in zip(flags, placed, strict=True)
    ]
    again = place(v2, v1, align(v2, v1), back)
    assert [(p.state, p.sentence, p.start, p.end) for p in again] == [
        (ATTACHED, f.sentence, f.start, f.end) for f in flags
    ]
