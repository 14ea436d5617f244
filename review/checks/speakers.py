"""Who says each quotation: the attribution in its own sentences, an introducing sentence
("The chief said:"), or the speech it continues.

News English attributes a quotation beside it ('"…," Ortiz said.' / 'said Ortiz' /
'according to Ortiz'), introduces it ('Ortiz said:'), or lets it go on: the next sentence
or paragraph opens another quotation by the same speaker ('"…," Ortiz said. "We will…"'),
and a speech running over paragraphs reopens each with a new mark. A quotation standing
alone after a paragraph with no speech in it has no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from review.checks import lexicon as lx
from review.checks.cast import COURTESY, Cast, cast_of
from review.checks.document import Document, Quotation

_VERBS = "|".join(sorted(lx.SPEECH_VERBS - {"according"}))
_VERB = re.compile(rf"\b(?:{_VERBS}|according\s+to|put\s+it|called|described)\b", re.I)
_NAME = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady)\.?\s)?[A-Z][\w’'-]{0,30}+"
    r"(?:\s(?:[A-Z][\w’'-]{0,30}+|de|la|van|von|der|da|di|le|du|al|bin)){0,4}"
)
# the speaker after the verb: "said Ana Ruiz", "said Ruiz", "said the union official"
_AFTER = re.compile(
    rf"\s{{1,3}}(?P<name>{_NAME})"
    r"|\s{1,3}(?P<np>(?:the|a|an|his|her|their|one|another)\s[\w’'-]{1,30}+"
    r"(?:\s[\w’'-]{1,30}+){0,5}?)(?=\s{0,3}[,.;:]|$)"
)
# the speaker before the verb: "Ana Ruiz said", "Ruiz, 34, said", "she said"
_BEFORE = re.compile(
    rf"(?P<name>{_NAME})(?:,\s[^,]{{1,60}},)?\s(?:has\s|had\s|also\s|then\s|later\s)?$"
    r"|(?P<pronoun>\b(?:he|she|they|He|She|They))\s(?:has\s|had\s|also\s|then\s|later\s)?$"
    r"|(?P<np>\b(?:the|a|an|his|her|their|The|A|An|His|Her|Their)\s[\w’'-]{1,30}+"
    r"(?:\s[\w’'-]{1,30}+){0,4}?)"
    r"(?:,\s[^,]{1,60},)?\s$"
)
_NAME_AFTER_NP = re.compile(rf",\s(?P<name>{_NAME})")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s(?:also\s|widely\s)?$")
_INTRO_END = re.compile(r":\s*$")
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class Speech:
    """A quotation with its speaker: `speaker` as the story names them ("Ann Ross", "the
    union official", "" when nobody is named), `how` the way it was found: "own" (its
    sentences attribute it), "introduced", "continues" (the speech before goes on),
    "embedded" (a few quoted words inside a sentence of reporting) or "" (none)."""

    quotation: Quotation
    speaker: str
    how: str
    named_by: str = ""  # the words that named the speaker ("Jim", "Bell", "he")


def speeches(doc: Document) -> list[Speech]:
    """One Speech per quotation of the document, in order (cached)."""
    if "speeches" not in doc.cache:
        doc.cache["speeches"] = _find(doc)
    return doc.cache["speeches"]


def people_of(doc: Document) -> list[tuple[int, int, str]]:
    """(sentence, offset, full name) of every mention of a person, in order (cached)."""
    if "people" not in doc.cache:
        doc.cache["people"] = _people_in_order(cast_of(doc))
    return doc.cache["people"]


def _find(doc: Document) -> list[Speech]:
    cast = cast_of(doc)
    people = people_of(doc)
    out: list[Speech] = []
    previous: Speech | None = None
    named: Speech | None = None  # the last speech whose speaker is known
    for quotation in doc.quotations:
        speech = _own(doc, cast, people, quotation)
        if speech is None and previous is not None and _continues(doc, previous, quotation):
            speech = Speech(quotation, previous.speaker, "continues", previous.named_by)
        if speech is None:
            speech = _introduced(doc, cast, people, quotation)
        if speech is None and named is not None and _same_voice(doc, people, named, quotation):
            speech = Speech(quotation, named.speaker, "continues", named.named_by)
        if speech is None and _embedded(doc, quotation):
            speech = Speech(quotation, "", "embedded")
        if speech is None:
            speech = Speech(quotation, "", "")
        out.append(speech)
        previous = speech
        if speech.speaker and speech.how in ("own", "introduced", "continues"):
            named = speech
    # A speech whose attribution comes after it, in a later quotation of the same run
    # ('"We lost the barn. "The hay went too," Ortiz said.'), is that speaker's too.
    for i in range(len(out) - 2, -1, -1):
        if (
            out[i].how == ""
            and out[i + 1].how in ("own", "continues")
            and _joined(doc, out[i].quotation, out[i + 1].quotation)
        ):
            out[i] = Speech(out[i].quotation, out[i + 1].speaker, "continues", out[i + 1].named_by)
    return out


def _people_in_order(cast: Cast) -> list[tuple[int, int, str]]:
    """(sentence, offset, full name) of every mention of a person, in story order."""
    marks = [(m.index, m.start, " ".join(m.names)) for m in cast.full_mentions]
    for m in cast.single_mentions:
        full = _resolve(cast, m.names[0])
        if full:
            marks.append((m.index, m.start, full))
    return sorted(marks)


def _resolve(cast: Cast, name: str) -> str:
    """A name as the story writes it, resolved to a cast member's full name if unique."""
    words = name.split()
    while len(words) > 1 and (words[0].rstrip(".") in COURTESY or words[0] in lx.TITLES):
        words = words[1:]  # "Mr Ruiz", "Principal Ty Thompson"
    if not words:
        return ""
    joined = " ".join(words)
    if joined in cast.people:
        return joined
    if len(words) == 1:
        matches = cast.by_last.get(joined) or cast.by_first.get(joined) or []
        if len(matches) == 1:
            return matches[0].full
    return joined if len(words) > 1 else ""


def _last_person_before(people: list[tuple[int, int, str]], index: int, start: int) -> str:
    i = bisect_left(people, (index, start, ""))
    return people[i - 1][2] if i else ""


def attribution(
    doc: Document, cast: Cast, people: list[tuple[int, int, str]], index: int
) -> tuple[str, str] | None:
    """(speaker, the words naming them) of an attribution in sentence `index`, or None.
    A name wins over a description ("the union official"), which wins over a bare verb.
    Cached per sentence: a sentence of many quotations is read once."""
    cache = doc.cache.setdefault("attributions", {})
    if index not in cache:
        cache[index] = _attribution(doc, cast, people, index)
    return cache[index]


def _attribution(
    doc: Document, cast: Cast, people: list[tuple[int, int, str]], index: int
) -> tuple[str, str] | None:
    text = doc.unquoted_text(index)
    described: tuple[str, str] | None = None
    unclear: tuple[str, str] | None = None
    for verb in _VERB.finditer(text):
        if _PASSIVE.search(text, max(0, verb.start() - 12), verb.start()):
            continue  # "is said to", "was told": not someone saying it
        after = _AFTER.match(text, verb.end())
        if after is not None and after.group("name") and not _ordinary(after.group("name")):
            words = after.group("name")
            return _resolve(cast, words) or words, words
        if after is not None and after.group("np"):
            named = _NAME_AFTER_NP.match(text, after.end())
            if named is not None:  # "said the union official, Ann Ross"
                words = named.group("name")
                return _resolve(cast, words) or words, words
        before = _BEFORE.search(text, max(0, verb.start() - 90), verb.start())
        if before is not None and before.group("name") and not _ordinary(before.group("name")):
            words = before.group("name")
            return _resolve(cast, words) or words, words
        if before is not None and before.group("pronoun"):
            who = _last_person_before(people, index, verb.start())
            return who or before.group("pronoun"), before.group("pronoun")
        if described is None:
            subject = _first_person_in(people, index, verb.start())
            if subject:
                described = (subject, subject)  # "Sheriff Ana Ruiz, who…, said"
            elif before is not None and before.group("np"):
                described = (before.group("np"), before.group("np"))
            elif after is not None and after.group("np"):
                described = (after.group("np"), after.group("np"))
        if unclear is None:
            unclear = ("", verb.group())  # "…, she was told": attributed, speaker unclear
    return described or unclear


def _first_person_in(people: list[tuple[int, int, str]], index: int, before: int) -> str:
    i = bisect_left(people, (index, -1, ""))
    if i < len(people) and people[i][0] == index and people[i][1] < before:
        return people[i][2]
    return ""


def _ordinary(words: str) -> bool:
    return words.split()[0].lower() in lx.COMMON_OPENERS and len(words.split()) == 1


def _own(doc: Document, cast: Cast, people, quotation: Quotation) -> Speech | None:
    for index in sorted({i for i, _, _ in quotation.pieces}):
        found = attribution(doc, cast, people, index)
        if found is not None:
            return Speech(quotation, found[0], "own", found[1])
    return None


def _introduced(doc: Document, cast: Cast, people, quotation: Quotation) -> Speech | None:
    """The sentence before introduces it: "The mayor said:" or "She echoed that on Monday."
    (a sentence of reporting with a verb of saying and no quotation of its own)."""
    index = quotation.first - 1
    if index < 0 or (doc.quoted[index] and not _INTRO_END.search(doc.unquoted_text(index))):
        return None
    same_paragraph = doc.sentences[index].paragraph == doc.sentences[quotation.first].paragraph
    text = doc.unquoted_text(index)
    found = attribution(doc, cast, people, index)
    if not same_paragraph and not _INTRO_END.search(text):
        # "Ana Ruiz, of the union, said the leaflet was…" ¶ "The town will not stand it.":
        # a paragraph of her reported speech, then her words
        if found is None or not found[0] or found[0] not in cast.people:
            return None
        return Speech(quotation, found[0], "introduced", found[1])
    if found is None and same_paragraph:
        named = {full for i, _, full in people if i == index}
        if len(named) == 1:  # "…grew out of research by Dr Ana Ruiz. "We are trying…"
            (who,) = named
            found = (who, who)
    if found is None:
        if not _INTRO_END.search(text):
            return None
        found = ("", "")  # "The chief answered on Monday:"
    return Speech(quotation, found[0], "introduced", found[1])


def _same_voice(doc: Document, people, named: Speech, quotation: Quotation) -> bool:
    """No one else has been named since the last speaker's words, a few sentences back:
    a profile or an interview goes on in one voice ("… says Costin. … "It's all about…")."""
    start, end = named.quotation.last, quotation.first
    if end - start > 8:
        return False
    cast = cast_of(doc)
    for index in range(start + 1, end):
        found = attribution(doc, cast, people, index)
        if found is not None and found[0] and found[0] != named.speaker:
            return False  # "Berrios said the district…": another voice came in between
    lo, hi = bisect_left(people, (start + 1, -1, "")), bisect_left(people, (end, -1, ""))
    between = {full for _, _, full in people[lo:hi]}
    if len(between) > 2:
        return False
    if named.speaker in _names(doc, people):
        return between <= {named.speaker}
    return len(between) <= 1  # "says the Waterford man" … "Costin" … "It was…"


def _names(doc: Document, people: list[tuple[int, int, str]]) -> frozenset[str]:
    if "people_names" not in doc.cache:
        doc.cache["people_names"] = frozenset(full for _, _, full in people)
    return doc.cache["people_names"]


def _embedded(doc: Document, quotation: Quotation) -> bool:
    """A few quoted words inside a sentence of the reporter's ("called it "a disgrace"")."""
    counts = doc.cache.setdefault("unquoted_words", {})
    for i in {i for i, _, _ in quotation.pieces}:
        if i not in counts:
            counts[i] = len(_WORDS.findall(doc.unquoted_text(i), 0)[:3])
        if counts[i] >= 3:
            return True
    return False


def _continues(doc: Document, previous: Speech, quotation: Quotation) -> bool:
    """The quotation goes on with the speech before it: reopened or carried over a
    paragraph break, or it opens the sentence right after an attributed quotation."""
    if not previous.how or previous.how == "embedded":
        return False
    if quotation.reopened:
        return True
    last_paragraph = doc.sentences[previous.quotation.last].paragraph
    paragraph = doc.sentences[quotation.first].paragraph
    gap = quotation.first - previous.quotation.last
    if paragraph == last_paragraph:
        return gap <= 2
    # the next paragraph: the speech carries on when the paragraph before ended in it
    ends_paragraph = doc.paragraph_of[previous.quotation.last][-1] == previous.quotation.last
    return paragraph == last_paragraph + 1 and ends_paragraph and gap == 1


def _joined(doc: Document, quotation: Quotation, after: Quotation) -> bool:
    return after.reopened or (
        after.first - quotation.last <= 1
        and doc.sentences[after.first].paragraph == doc.sentences[quotation.last].paragraph
    )
