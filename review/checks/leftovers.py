"""Leftovers from the page the copy came from: photo captions in the body, and paragraphs
that begin in the middle of a sentence (a lost line or a link's words cut away).

A caption reads unlike a story: one sentence on its own line, in the present tense
("Tomas Ferrer appears in court…"), about a moment pinned to a full date or a position in
the frame ("left", "centre"), often with a credit. Promo lines, credits and link furniture
are in dangling.py (`dangling.promo`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.checks.base import MAJOR, Finding, Rule
from review.checks.document import Document
from review.checks.figures import figures_of

KIND = "dangling-text"
_CAPTION_VERB = re.compile(
    r"\b(?:appears|poses|speaks|stands|walks|arrives|leaves|attends|looks|smiles|waves|"
    r"holds|sits|talks|gestures|celebrates|reacts|listens|watches|delivers|addresses|"
    r"greets|shakes|hugs|kisses|answers|testifies|enters|exits|performs|sings|signs|"
    r"visits|prays|mourns|cries|laughs|kneels|(?:is|are)\s+(?:seen|pictured|shown|"
    r"photographed|escorted|led))\b"
)
_POSITION = re.compile(
    r"[(,]\s*(?:left|right|centre|center|second\s+(?:left|right)|top|bottom|front|rear|"
    r"foreground|background|L|R|C)\s*[),]|\bfrom\s+left\b|\bin\s+this\s+(?:\w+\s+)?"
    r"(?:photo|image|picture|file\s+photo)\b"
)
_CREDIT = re.compile(r"\((?:[A-Z][\w.&' -]{1,40})?(?:Photo|Images?|Pictures?|/)[^()]{0,60}\)\s*$")
_WORDS = re.compile(r"[^\W\d_]+")
_LIST_MARK = re.compile(r"[-–—•*]\s|\(?[a-z0-9]{1,2}[.)]\s")


def _is_caption(doc: Document, index: int) -> bool:
    sentence = doc.sentences[index]
    text = sentence.text.strip()
    if len(doc.paragraph_of[index]) != 1 or not text or not text[0].isupper():
        return False
    if not (6 <= len(text.split()) <= 45):
        return False
    verb = _CAPTION_VERB.search(text, 0, min(len(text), 90))
    if verb is None or not text[: verb.start()].strip():
        return False
    if _CREDIT.search(text) or _POSITION.search(text):
        return True
    return any(f.kind == "date" and f.year for f in figures_of(doc, index))


def check_captions(doc: Document) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if doc.headline_like[index] or not _is_caption(doc, index):
            continue
        yield CAPTION.at(
            sentence,
            None,
            None,
            "This reads like a photo caption left in the copy (present tense, a dated "
            "moment): cut it, or rewrite it as part of the story.",
        )


def check_mid_sentence(doc: Document) -> Iterator[Finding]:
    """A paragraph (after the first) whose first word is in lower case: the start of its
    sentence went missing, or a line was split where it should not be."""
    for group in doc.paragraphs[1:]:
        index = group[0]
        sentence = doc.sentences[index]
        text = sentence.text.lstrip(" “\"‘'([")
        words = _WORDS.findall(text)
        if not text or not text[0].islower() or not words:
            continue
        first = words[0]
        if len(first) > 1 and any(c.isupper() for c in first[1:]):
            continue  # "iPhone", "eBay": brands that start in lower case
        if _LIST_MARK.match(text) or "@" in first or text.startswith(("http", "www.")):
            continue
        if len(group) == 1 and len(words) <= 6 and not text.rstrip().endswith((".", "?", "!")):
            continue  # a stray fragment: dangling.fragment says so
        yield MID_SENTENCE.at(
            sentence,
            0,
            min(len(sentence.text), len(sentence.text) - len(text) + len(first)),
            "This paragraph starts in the middle of a sentence (in lower case): words before "
            "it are missing. Restore them or rewrite the start.",
        )


CAPTION = Rule(
    id="dangling.caption",
    kind=KIND,
    severity=MAJOR,
    description="A photo caption left in the body of the story.",
    check=check_captions,
    flags=(
        "The trial opened on Monday.\n\n"
        "Ana Ruiz appears in court on March 3, 2021, in Salem, Ore.\n\n"
        "She denies the charges.",
        "The mayor resigned.\n\nMayor Tom Lee, left, speaks to reporters outside City Hall.",
        "The team won.\n\nThe captain holds the trophy aloft (Photo: Ana Ruiz/Getty Images)",
    ),
    passes=(
        "Ana Ruiz appeared in court on March 3, 2021.\n\nShe denies the charges.",
        "The mayor speaks at the council on Monday, aides said.\nShe will take questions.",
        "Tory leader Michael Howard says the plan will cost £4bn.",
    ),
)
MID_SENTENCE = Rule(
    id="dangling.mid-sentence",
    kind=KIND,
    severity=MAJOR,
    description="A paragraph that begins mid-sentence, in lower case.",
    check=check_mid_sentence,
    flags=(
        "Ana Ruiz won the 800m.\n\n[[won]] the men's 400m, with Tom Lee fourth.",
        "The council met on Monday.\n\n[[and]] the vote was delayed again until June.",
    ),
    passes=(
        "The council met on Monday.\n\niPhone sales rose in May, the firm said.",
        "The council met on Monday.\n\n- the vote was delayed\n- the mayor left",
        "The council met on Monday.\n\nana ortiz",
    ),
)

RULES = (CAPTION, MID_SENTENCE)
