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
# A photo or video credit closing the line: "(Ana Ruiz/Valley Pictures)", a name alone in
# brackets after the caption's full stop ("… at dawn. (Valley Wire)"), "(Tom Lee / The
# Daily Ledger)", "Credit: Ana Ruiz/Wire", "Source: Supplied", "Ana Ruiz/Wire".
# Body copy does not end that way, so the credit alone marks the line as a caption.
_TRAILING_CREDIT = re.compile(
    r"(?:\([^()]{0,80}?(?:\S\s?/\s?\S|\bvia\s)[^()]{0,60}\)"
    r"|(?:(?<=[.!?”\"] )|^)\([A-Z][\w&.'’-]*+(?:\s[A-Z][\w&.'’-]*+){0,3}\)"
    r"|\bCredits?(?::\s*|\s+(?=[^/()]{1,60}/))\S[^()]{0,80}"
    r"|\bSource:\s*[A-Z][\w.&' -]{1,40}"
    r"|\[[A-Z][\w&.'’-]*+(?:\s[A-Z][\w&.'’-]*+){0,2}\]"
    r"|\b(?:Photo(?:graph)?s?|Pictures?|Images?)(?:\s+by|:)\s+[A-Z][^()]{1,60}"
    r"|(?<![\w/])[A-Z][\w.'’-]++(?:\s[A-Z][\w.'’-]++){1,3}\s?/\s?(?:[A-Z][\w&'’/-]*+\s?){1,5})"
    r"\s*$"
)
_CREDIT_REACH = 200
# A cheap first look before the credit pattern runs.
_CREDIT_HINTS = ("/", ")", "]", "Credit", "Source:", "Photo", "Picture", "Image")
# A credit on a line of its own: "Credit Ana Ruiz".
_CREDIT_LINE = re.compile(r"Credits?:?\s+[A-Z][\w.'’-]++(?:\s[A-Z][\w.'’-]*+){0,3}")
_WORDS = re.compile(r"[^\W\d_]+")
_LIST_MARK = re.compile(r"[-–—•*]\s|\(?[a-z0-9]{1,2}[.)]\s")


def credited(doc: Document, index: int) -> bool:
    """The sentence holds the photo credit that closes its paragraph: a caption, whatever
    its verb (cached, as no-end and this rule both ask). The paragraph is read whole, as a
    credit's initials ("Ana M. Ruiz/AP") may split it into sentences."""
    if "credited" not in doc.cache:
        found: set[int] = set()
        for group in doc.paragraphs:
            texts = [doc.sentences[i].text.strip() for i in group]
            whole = " ".join(texts)
            tail = max(0, len(whole) - _CREDIT_REACH)  # a credit is short: read the end only
            if not any(k in whole[tail:] for k in _CREDIT_HINTS):
                continue
            match = _TRAILING_CREDIT.search(whole, tail) or _CREDIT_LINE.fullmatch(whole)
            if match is None or len(whole.split()) < 2:
                continue
            at = 0
            for i, text in zip(group, texts, strict=True):
                if at + len(text) >= match.start():
                    found.add(i)
                    break
                at += len(text) + 1
        doc.cache["credited"] = frozenset(found)
    return index in doc.cache["credited"]


def _is_caption(doc: Document, index: int) -> bool:
    sentence = doc.sentences[index]
    text = sentence.text.strip()
    if credited(doc, index):
        return True
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
    from review.checks.dangling import is_boilerplate  # dangling reads credits from here

    for index, sentence in enumerate(doc.sentences):
        if (doc.headline_like[index] and not credited(doc, index)) or not _is_caption(doc, index):
            continue
        if is_boilerplate(sentence.text):
            continue  # a credit line on its own ("Photo by …") is dangling.promo's
        credit = credited(doc, index)
        why = "it ends on a photo credit" if credit else "present tense, a dated moment"
        yield CAPTION.at(
            sentence,
            None,
            None,
            f"This reads like a photo caption left in the copy ({why}): cut it, or rewrite "
            "it as part of the story.",
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
        "The vote passed.\n\nCouncil members applauded the result. (Tom Lee / The Valley Courier)",
        "The storm passed.\n\nA ferry waits out the gale at the quay Credit: Ana Ruiz/Wire",
        "The storm passed.\n\nFerries wait out the gale at the quay. (Valley Wire)",
        "The storm passed.\n\nThe quay at dawn [Valley Pictures]\n\nFerries ran at noon.",
    ),
    passes=(
        "Ana Ruiz appeared in court on March 3, 2021.\n\nShe denies the charges.",
        "The mayor speaks at the council on Monday, aides said.\nShe will take questions.",
        "Tory leader Michael Howard says the plan will cost £4bn.",
        "The loan came from Credit Suisse.\n\nIt was repaid in 2020, records show.",
        "Prices rose 3% (the highest since 1990).\n\nThe fund pays 4/5 of the cost.",
        "The storm passed.\n\n“It hit [the quay] hard,” he said.",
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
