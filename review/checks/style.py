"""House style, after the AP Stylebook: numerals, abbreviations, punctuation, typos."""

from __future__ import annotations

import re
from collections.abc import Iterator

from review.checks import lexicon as lx
from review.checks.base import MINOR, Finding, Rule
from review.checks.document import Document

KIND = "style"
_I = re.IGNORECASE

_UNITS = [
    *("one", "two", "three", "four", "five", "six"),
    *("seven", "eight", "nine", "ten", "eleven", "twelve"),
]
_SMALL = {word: i for i, word in enumerate(_UNITS, start=1)}
_TEENS = ["thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_N = r"\d{1,2}|" + "|".join(_UNITS)

_HEIGHT = re.compile(
    rf"\b({_N})-(?:foot|feet)-({_N})(?:-inch(?:es)?)?(?![\w-])"
    rf"|\b({'|'.join(_UNITS)})-(foot|inch)(?![\w-])",
    _I,
)
_AGE = re.compile(
    rf"\b({'|'.join(_UNITS + _TEENS + _TENS)})(?:-(\w+))?-(year|month|week)-old\b", _I
)
_BIG_SPELLED = re.compile(
    rf"(?<![\w-])(ten|eleven|twelve|{'|'.join(_TEENS)}|(?:{'|'.join(_TENS)})(?:-(?:"
    rf"{'|'.join(_UNITS[:9])}))?)(?![\w-])"
)
# a postal code after "City, " and before punctuation, a ZIP code or the end
_STATE = re.compile(
    r"\b[A-Z][a-z]{0,30}+(?:[ -][A-Z][a-z]{0,30}+){0,3}, ([A-Z]{2})(?=\s*$|[.,;:)!?](?![A-Z])|\s\d)"
)
# a dateline in capitals with a postal code: "PORTLAND, OR (AP) —", "AUSTIN, TX —"
_DATELINE_STATE = re.compile(r"^[A-Z][A-Z.' -]+, ([A-Z]{2})(?=\s*(?:\(|—|–|--|-\s))")
# party and state after a lawmaker's name: "Sen. Ana Ortiz, D-NV," is AP's "D-Nev."
_PARTY_STATE = re.compile(r"(?<![\w-])([DRI])-([A-Z]{2})(?![\w-])")
_PLACE = re.compile(r"\b(Ft|Mt|Pt)\.(?= [A-Z])")
_PLACE_WORDS = {"Ft": "Fort", "Mt": "Mount", "Pt": "Point"}
_MONTH_DAY = re.compile(
    r"\b(January|February|August|September|October|November|December)(?= \d{1,2}\b)"
    r"|\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)(?= \d{1,2}\b)|\b(Sep)\.(?= \d{1,2}\b)"
)
_PERCENT = re.compile(r"\b(\d+(?:\.\d+)?) ?(?:percent|per cent)\b")
_PERCENT_SIGN = re.compile(r"\d ?%")
_SHORT_MONTH_DAY = re.compile(r"\b(Jan|Feb|Aug|Sept?|Oct|Nov|Dec)\.?(?= \d{1,2}\b)")
_SPELLED_MONTH = {
    "Jan": "January",
    "Feb": "February",
    "Aug": "August",
    "Sept": "September",
    "Sep": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
_CLAUSE_VERBS = list(
    lx.words(
        "said says told added announced explained insisted argued wrote testified confirmed "
        "denied warned acknowledged stated declared noted"
    )
)
_CLAUSE = re.compile(r",\s+(?:who|which|whose)\s+[^,;:—–()“”\"]+")
_LEAD = re.compile(r",\s+")
# A verb straight after the clause's "said" (past a time phrase) belongs to the clause:
# ", which the council said in May had cost twice the estimate" needs no comma.
_INNER_VERB = re.compile(
    r"(?:\s(?:last|this|earlier|previously|recently|on|in|at)(?:\s[\w’'-]+){0,2}?)?"
    r"\s(?:had|has|have|was|were|is|are|would|will|could|might|may|should|must|did|"
    r"does|do)\b"
)
_CLAUSE_VERB = re.compile(r"\s(" + "|".join(_CLAUSE_VERBS) + r")\b")
_NOT_BEFORE_VERB = lx.words(
    "and or but also has had have was is were are who then never not once later be been "
    "being can could would will may might must"
)
# "the the", not "on on-site" (a word and a compound) nor words around a blanked quotation
_SUBORDINATORS = lx.words(
    "after when because as while before if that since until though although once where unless"
)
_DOUBLED = re.compile(r"\b([^\W\d_]++)\s++(\1)\b(?![-’'])", _I)
_DOUBLES_OK = lx.words(
    "had that is do bye no so very really yeah ha blah tut knock night well ma pa papa mama "
    "chop can bora pom there"
)  # "there there" consoles, and "no there there" says a thing has no substance


def _number(word: str) -> str:
    return word if word.isdigit() else str(_SMALL[word.lower()])


def _spelled_value(words: str) -> int:
    parts = words.lower().split("-")
    numbers = {w: i for i, w in enumerate(_UNITS, 1)} | {w: 13 + i for i, w in enumerate(_TEENS)}
    numbers |= {w: 20 + 10 * i for i, w in enumerate(_TENS)}
    return sum(numbers[p] for p in parts)


def check_heights(doc: Document) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if not doc.has_any(index, _HEIGHT_KEYS):
            continue
        for match in _HEIGHT.finditer(doc.unquoted_text(index)):
            if match.group(1):
                want = f"{_number(match.group(1))}-foot-{_number(match.group(2))}"
            else:
                want = f"{_number(match.group(3))}-{match.group(4).lower()}"
            if match.group() == want:
                continue
            yield HEIGHT.at(
                sentence,
                match.start(),
                match.end(),
                f"AP style writes heights and dimensions in figures: “{want}”.",
                suggestion=want,
            )


_NUMBER_WORDS = frozenset(_UNITS + _TEENS + _TENS)


# A count of thousands without its comma ("about 2000 pages"): a quantifier before it and
# a plural noun after it say it is a count, not a year ("in 2000", "the 2020 elections").
_THOUSANDS = re.compile(
    r"\b(?:about|around|nearly|almost|some|over|than|least|roughly|approximately|only|just|"
    r"estimated|another|additional|extra)\s+([1-9]\d{3})\s+(?:[a-z]{2,20}s|people|children)\b",
    _I,
)


_QUANTIFIERS = lx.words(
    "about around nearly almost some over than least roughly approximately only just "
    "estimated another additional extra"
)
_YEAR_BEFORE = re.compile(r"\b(?:in|since|from|by|until|till|before|after|of|to|circa)\s+$", _I)


def check_numerals(doc: Document) -> Iterator[Finding]:
    for index, sentence in enumerate(doc.sentences):
        if doc.has_any(index, _QUANTIFIERS) and not doc.post_signatures[index]:
            for match in _THOUSANDS.finditer(sentence.text):
                if _YEAR_BEFORE.search(sentence.text, max(0, match.start() - 12), match.start()):
                    continue  # "since about 1990 prices": a year
                digits = match.group(1)
                want = f"{digits[0]},{digits[1:]}"
                yield NUMERALS.at(
                    sentence,
                    match.start(1),
                    match.end(1),
                    f"A count of thousands takes a comma: “{want}”.",
                    suggestion=want,
                )
        if not doc.has_any(index, _NUMBER_WORDS):
            continue
        text = doc.unquoted_text(index)
        for match in _AGE.finditer(text):
            if not text[: match.start()].strip(" “\"‘'("):
                continue  # "Fifteen-year-old Ana Ruiz…": a sentence may open spelled out
            spelled = match.group(1) + (f"-{match.group(2)}" if match.group(2) else "")
            try:
                number = _spelled_value(spelled)
            except KeyError:
                continue  # "ten-and-a-half-year-old" and the like: leave to the editor
            want = f"{number}-{match.group(3)}-old"
            yield NUMERALS.at(
                sentence,
                match.start(),
                match.end(),
                f"AP style gives ages in figures: “{want}”.",
                suggestion=want,
            )
        for match in _BIG_SPELLED.finditer(text):
            if not text[: match.start()].strip(" “\"‘'("):
                continue  # a number that opens a sentence is spelled out
            if _AGE.match(text, match.start()) or _IDIOM_BEFORE.search(
                text, max(0, match.start() - 30), match.start()
            ):
                continue
            want = str(_spelled_value(match.group()))
            yield NUMERALS.at(
                sentence,
                match.start(),
                match.end(),
                f"AP style uses figures for 10 and above: “{want}”.",
                suggestion=want,
            )


# "one in ten", "a one-day fifty", "his third fifty": idiom and cricket, not a count
_IDIOM_BEFORE = re.compile(
    r"\b(?:one|nine|two)\s+(?:in|out\s+of)\s+$|\b(?:his|her|their|first|second|third|"
    r"fourth|fifth|maiden|one-day|test|half-century|quick|fine|brisk)\s+$",
    _I,
)
_STATE_HINT = re.compile(r", [A-Z]{2}\b")
_MONTH_KEYS = lx.words(
    "january february august september october november december jan feb aug sept sep oct nov dec"
)
_PERCENT_KEYS = frozenset({"percent", "per"})
_HEIGHT_KEYS = frozenset({"foot", "feet", "inch", "inches"})


def check_abbreviations(doc: Document) -> Iterator[Finding]:
    spelled: list = []  # "12 percent", asked about once for the story
    spelled_months: list = []  # "November 8"
    short_months: list = []  # "Nov. 8"
    signs = 0  # "12%"
    for index, sentence in enumerate(doc.sentences):
        text = doc.unquoted_text(index)
        states = _STATE.finditer(text) if _STATE_HINT.search(text) else ()
        for match in states:
            code = match.group(1)
            if code not in lx.STATE_BY_POSTAL:
                continue
            name, ap = lx.STATE_BY_POSTAL[code]
            yield ABBREVIATIONS.at(
                sentence,
                match.start(1),
                match.end(1),
                f"“{code}” is a postal code; AP style writes “{ap}” in datelines and "
                f"captions and “{name}” in running text.",
                suggestion=ap,
            )
        for match in _DATELINE_STATE.finditer(text):
            code = match.group(1)
            if code in lx.STATE_BY_POSTAL:
                ap = lx.STATE_BY_POSTAL[code][1]
                yield ABBREVIATIONS.at(
                    sentence,
                    match.start(1),
                    match.end(1),
                    f"“{code}” is a postal code; AP datelines use “{ap}”.",
                    suggestion=ap,
                )
        for match in _PARTY_STATE.finditer(text) if "-" in text else ():
            party, code = match.groups()
            if code not in lx.STATE_BY_POSTAL:
                continue
            want = f"{party}-{lx.STATE_BY_POSTAL[code][1]}"
            yield ABBREVIATIONS.at(
                sentence,
                match.start(),
                match.end(),
                f"AP style abbreviates the state after a party letter: “{want}”, "
                "not the postal code.",
                suggestion=want,
            )
        for match in _PLACE.finditer(text) if "t." in text else ():
            word = _PLACE_WORDS[match.group(1)]
            yield ABBREVIATIONS.at(
                sentence,
                match.start(),
                match.end(),
                f"AP style spells out “{word}” in place names.",
                suggestion=word,
            )
        if doc.post_signatures[index]:
            continue  # a quoted post keeps its date as posted
        if doc.has_any(index, _MONTH_KEYS):
            for match in _MONTH_DAY.finditer(text):
                if match.group(1):
                    spelled_months.append((sentence, match))
            short_months.extend((sentence, m) for m in _SHORT_MONTH_DAY.finditer(text))
        if doc.has_any(index, _PERCENT_KEYS):
            spelled.extend((sentence, match) for match in _PERCENT.finditer(text))
        if "%" in text:
            signs += len(_PERCENT_SIGN.findall(text))
    # Months and the % sign are a paper's own style (on unseen copy every such flag was the
    # house style of a paper that is not AP): only a story that mixes both forms is asked
    # to choose, once, and toward the form it uses most.
    if spelled_months and short_months:
        few, many = sorted((spelled_months, short_months), key=len)
        sentence, match = few[0]
        other, month = many[0][1].group(0), match.group(0)
        if few is spelled_months:
            want = lx.MONTHS.get(month) or month[:3] + "."
        else:
            want = _SPELLED_MONTH[match.group(1)]
        more = len(few) - 1
        also = f" (and {more} more)" if more else ""
        yield ABBREVIATIONS.at(
            sentence,
            match.start(),
            match.end(),
            f"This story writes months before a date both ways (“{month}”, “{other}”)"
            f"{also}: use one, “{want}”.",
            suggestion=want,
        )
    if spelled and signs:
        sentence, match = spelled[0]
        want = f"{match.group(1)}%"
        more = len(spelled) - 1
        also = f" (and {more} more in this story)" if more else ""
        yield ABBREVIATIONS.at(
            sentence,
            match.start(),
            match.end(),
            f"This story uses both the % sign and “percent”: use one, “{want}”{also}.",
            suggestion=want,
        )


def check_unclosed_clauses(doc: Document) -> Iterator[Finding]:
    """ ", who … said" where the clause never closes: the comma before the verb is missing."""
    for index, sentence in enumerate(doc.sentences):
        text = doc.unquoted_text(index)
        for clause in _CLAUSE.finditer(text):
            body = clause.group()
            verbs = list(_CLAUSE_VERB.finditer(body))
            if not verbs:
                continue
            verb = verbs[-1]
            opener = len(_LEAD.match(body).group())
            inside = body[opener : verb.start()].split()
            if len(inside) < 4 or inside[-1].lower() in _NOT_BEFORE_VERB:
                continue
            if any(w.lower() in _SUBORDINATORS for w in inside[1:]):
                continue  # "which it raised after WMC said": the verb is the inner clause's
            if inside[-1].endswith("ly"):
                continue
            if _INNER_VERB.match(body, verb.end()):
                continue  # "which the council said in May had cost": said is inner
            start = clause.start() + opener
            end = clause.start() + verb.start()
            words = text[start:end]
            yield CLAUSE.at(
                sentence,
                start,
                end,
                "This clause opens with a comma but never closes: add a comma before "
                f"“{verb.group(1)}” so the sentence's subject keeps its verb.",
                suggestion=words + ",",
            )


def check_doubled(doc: Document) -> Iterator[Finding]:
    """A word typed twice, inside quotations too: nobody says "a a", and a speaker's real
    repetitions ("no, no", "very very") are left alone."""
    for sentence in doc.sentences:
        for match in _DOUBLED.finditer(sentence.text):
            if match.group(1).lower() in _DOUBLES_OK:
                continue
            word = match.group(1)
            if (len(word) == 1 and word.isupper()) or (
                word[0].isupper() and match.group(2)[0].isupper()
            ):
                continue  # initials ("D J J Bravo") and titles ("Gimme Gimme Gimme")
            yield DOUBLED.at(
                sentence,
                match.start(),
                match.end(),
                f"“{match.group(1)}” is written twice.",
                suggestion=match.group(1),
            )


# "then" after a comparative, where "than" was meant: "more then 20", "rather then wait".
# Not "life was better then", "things were harder then, and" (then: at that time).
_COMPARATIVES = (
    r"more|less|fewer|rather|other|better|worse|greater|higher|lower|larger|smaller|bigger|"
    r"shorter|cheaper|faster|slower|stronger|weaker|older|younger|wider|deeper|heavier"
)
_THEN = re.compile(
    rf"\b(?:{_COMPARATIVES})\s+(then)\s+"
    r"(?=[$£€\d]|(?-i:[A-Z]{1,3})\$?\d|(?:a|an|the|this|that|these|those|any|anyone|anything|ever|expected|usual|"
    r"before|planned|forecast|anticipated|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|half|double|twice|his|her|"
    r"their|its|our|my|your|he|she|we|they|I|you|it|him|them|us|me)\b)",
    _I,
)


def check_then_than(doc: Document) -> Iterator[Finding]:
    """ "then" (next in time) after a comparative, where "than" (in comparison) was meant:
    "more then 20 people", "rather then wait". The next words must be what a comparison
    compares with (a figure, a noun phrase, a pronoun, "ever", "expected"), so "it was
    better then, and" and "they were younger then" are left alone."""
    for index, sentence in enumerate(doc.sentences):
        if not doc.has_any(index, _THEN_KEYS):
            continue
        text = sentence.text
        for match in _THEN.finditer(text):
            word = match.group(1)
            if word == "Then":
                continue
            yield THEN_THAN.at(
                sentence,
                match.start(1),
                match.end(1),
                f"“{text[match.start() : match.end(1)]}”: a comparison takes “than”.",
                suggestion="than" if word.islower() else "Than",
            )


_THEN_KEYS = frozenset({"then"})

# A quotation closed on a full stop and then attributed: 'in the city." Ruiz said, adding'.
_STOP_BEFORE_SAID = re.compile(
    r"(?<=\w)(\.)[”\"]\s+(?:(?:[A-Z][\w’'-]+\s){1,3}|(?:he|she|they|we|I)\s)"
    r"(?:said|says|added|adds|explained|told\s(?:him|her|them|us|me|reporters))(?=\s*[,.]|$)"
    r"|(?<=\w)(\.)[”\"]\s+(?:said|says|added)\s(?:[A-Z][\w’'-]+\s?){1,3}(?=[,.]|$)"
)


def check_stop_before_attribution(doc: Document) -> Iterator[Finding]:
    """A full stop that closes a quotation its attribution then follows in the same
    sentence ('equity in the city." Chao said, adding …'): the quotation ends on a comma.
    Not a new sentence that reports more ('"We won." Ortiz said the team played well.')."""
    for index, sentence in enumerate(doc.sentences):
        if not doc.has_any(index, _SAID_KEYS):
            continue
        previous = doc.sentences[index - 1].text.rstrip() if index else ""
        if (
            previous.endswith(('."', ".”"))
            and index - 1 in doc.paragraph_of[index]
            and _SAID_OPENS.match(sentence.text)
        ):
            # the splitter cut 'in the city." Chao said, adding …' after the full stop
            before = doc.sentences[index - 1]
            yield STOP_BEFORE_SAID.at(
                before,
                len(previous) - 2,
                len(previous) - 1,
                "A quotation followed by its attribution ends on a comma, not a full stop.",
                suggestion=",",
            )
        for match in _STOP_BEFORE_SAID.finditer(sentence.text):
            start = match.start(1) if match.group(1) else match.start(2)
            yield STOP_BEFORE_SAID.at(
                sentence,
                start,
                start + 1,
                "A quotation followed by its attribution ends on a comma, not a full stop.",
                suggestion=",",
            )


_SAID_OPENS = re.compile(
    r"(?:(?:[A-Z][\w’'-]+\s){1,3}|(?:he|she|they|we|I)\s)"
    r"(?:said|says|added|adds|explained)(?:\s*\.\s*$|\s*,(?!\s*[“\"]))"
)
_SAID_KEYS = frozenset({"said", "says", "added", "adds", "explained", "told"})


# Two quotation marks in a row ("““We…", "…end.””"): one was typed twice.
_DOUBLE_MARK = re.compile(
    r"“\s?“|”\s?”|(?<=\s)\"\"(?=\w)|(?<=\w)\"\"(?=[\s.,;:!?]|$)|“\"|\"“|”\"|\"”"
)


def check_doubled_quote_marks(doc: Document) -> Iterator[Finding]:
    for sentence in doc.sentences:
        text = sentence.text
        if _MAYBE_DOUBLE.search(text) is None:
            continue
        for match in _DOUBLE_MARK.finditer(text):
            mark = match.group()[-1]
            yield DOUBLE_MARK.at(
                sentence,
                match.start(),
                match.end(),
                "Two quotation marks in a row: one was typed twice.",
                suggestion=mark,
            )


_MAYBE_DOUBLE = re.compile(r"[“”\"]\s?[“”\"]")


# "a"/"an" goes by the sound of the next word, not its letter. The next word, past an
# opening quote or bracket: digits, a capitalised initialism, or a word.
_ARTICLE = re.compile(r"(?<![\w’'.-])(a|an|A|An)\s++[“\"‘'(]?+([\w’'.&-]++)")
# Initialisms read letter by letter: an "an" letter is one whose name starts with a vowel.
_AN_LETTERS = frozenset("AEFHILMNORSX")
# Capitalised words read letter by letter although they hold a vowel (those without a
# vowel always are): the common ones of news copy. Acronyms said as words (NATO, NASA)
# are left alone.
_SPELLED_OUT = lx.words(
    "fbi cia ceo cfo coo eu uk un us usa ngo hiv icu suv mba ira epa faa fda fcc nfl nba "
    "nhl mlb led lgbt rsvp bbc itv nypd lapd sec irs imf oecd"
)
# Vowel letters with a consonant sound ("a one-off", "a European", "a unit", "a U-turn")
_YOU_SOUND = re.compile(
    r"(?:one(?!rous|ida)|once|eu|ewe|ouija|unan|us[aeu]|ut[aeio]|ur[aeiou]|uk|uga|ubi|ufo|uv)"
)
_LEAD_DIGITS = re.compile(r"\d+")
_VOWEL = re.compile("[AEIOU]")
# silent "h"; any other "an h…" is left alone ("an historic" is an accepted form)
_SILENT_H = re.compile(r"(?:hour|honest|honor|honour|heir)")


def _wants_an(word: str) -> bool | None:
    """Whether `word` takes "an" (None: cannot tell, say nothing)."""
    if word[0].isdigit():
        lead = _LEAD_DIGITS.match(word).group(0)
        if lead.startswith("8"):
            return True  # eight, eighty, 800
        # eleven, eighteen, and years read in pairs ("an 1896 law", "an 1100 deadline")
        return lead in ("11", "18") or (len(lead) == 4 and lead[:2] in ("11", "18"))
    if word.islower() and "." in word.strip("."):
        return None  # an address is read either way ("an fbi.gov", "a google.com")
    head = word.split("-")[0].replace(".", "")
    if not head or not head[0].isalpha():
        return None
    if head.isupper() and (len(head) == 1 or head.lower() in _SPELLED_OUT or "." in word):
        return head[0] in _AN_LETTERS  # "an X-ray", "an FBI", "a U.S."
    if head.isupper():
        # capitals with no vowel after the first letter are read letter by letter ("an MP");
        # others may be said as a word (NATO, ROTC): say nothing
        return None if _VOWEL.search(head[1:]) else head[0] in _AN_LETTERS
    low = word.lower()
    if low[0] in "aeiou":
        if low.startswith("uni"):
            return None  # "a union", "an uninsured driver"
        if low.startswith("un") and not low.startswith("unan"):
            return True  # "an unusual"
        return not _YOU_SOUND.match(low)
    if low[0] == "h":
        return bool(_SILENT_H.match(low))
    return False


def check_articles(doc: Document) -> Iterator[Finding]:
    """ "a 8-year-old", "a Asian", "an year": the article does not fit the sound after it."""
    for sentence in doc.sentences:
        text = sentence.text
        if "a " not in text and "A " not in text and "n " not in text:
            continue
        for match in _ARTICLE.finditer(text):
            article, word = match.groups()
            if article[0].isupper() and (
                text[: match.start()].strip(" “\"‘'(") or word[0].isupper()
            ):
                continue  # a letter ("Plan A and B") or an initial ("A Adams, N Astle")
            wants = _wants_an(word)
            if wants is None or (article.lower() == "an") == wants:
                continue
            if article.lower() == "an" and word[0].lower() == "h":
                continue  # "an historic", "an hotel": old but accepted
            right = ("an" if wants else "a") if article.islower() else ("An" if wants else "A")
            yield ARTICLE.at(
                sentence,
                match.start(1),
                match.end(1),
                f"“{article} {word}”: before this sound the article is “{right.lower()}”.",
                suggestion=right,
            )


_SAYING = lx.words("said says told tells thought thinks")
_NEXT_WORD = re.compile(r"\s++(\w++)")
# A phrase of two to four words typed twice in a row ("he said he said")
_REPEATED = re.compile(r"(?<![\w’'-])((?:\w++['’]?\w*+\s++){1,3}\w++)\s++(\1)(?![\w’'-])", _I)


def check_repeated_phrases(doc: Document) -> Iterator[Finding]:
    """A run of words written twice with nothing between: a paste or an edit left behind."""
    for sentence in doc.sentences:
        for match in _REPEATED.finditer(sentence.text):
            words = match.group(1).lower().split()
            if len(set(words)) == 1:
                continue  # one word repeated: the doubled-word rule's
            rest = _NEXT_WORD.match(sentence.text, match.end())
            if rest and words[-1] in _SAYING:
                continue  # "He said he said nothing": reported speech about speaking
            if rest and rest.group(1).lower() == words[0]:
                continue  # "time and time and time again": a speaker's emphasis
            yield REPEATED.at(
                sentence,
                match.start(),
                match.end(),
                f"“{match.group(1)}” is written twice in a row.",
                suggestion=match.group(1),
            )


# "the her", "a his": a word was dropped or left over between them
_DETERMINER_PRONOUN = re.compile(
    r"(?<![\w’'-])(the|a|an|The|A|An)\s++(he|she|him|her|his|hers|they|them|their|we|our|"
    r"my|your|its)(?![\w’'-])"
)


def check_determiner_pronouns(doc: Document) -> Iterator[Finding]:
    for sentence in doc.sentences:
        for match in _DETERMINER_PRONOUN.finditer(sentence.text):
            yield DETERMINER.at(
                sentence,
                match.start(),
                match.end(),
                f"“{match.group(0)}”: an article before a pronoun; a word is missing or left over.",
            )


HEIGHT = Rule(
    id="style.heights",
    kind=KIND,
    severity=MINOR,
    description="Heights and dimensions in figures (“6-foot-5”, not “six-foot-five-inch”).",
    check=check_heights,
    flags=("The [[5-foot-ten-inch]] guard scored 20.", "A [[six-foot]] fence went up."),
    passes=("The 6-foot-5 center scored 20.", "He stands 6 feet 5 inches tall."),
)
NUMERALS = Rule(
    id="style.numerals",
    kind=KIND,
    severity=MINOR,
    description="Figures for ages and for numbers from 10 (“a 7-year-old”, “15 buses”).",
    check=check_numerals,
    flags=(
        "A [[seven-year-old]] girl was hurt.",
        "The city bought [[fifteen]] buses.",
        "The court unsealed about [[2000]] pages.",
    ),
    passes=(
        "Fifteen buses arrived.",
        "The court unsealed about 2,000 pages in 2000 and more since 2019.",
        "Since about 1990 prices have doubled.",
        "The city bought nine buses.",
        "A 7-year-old was hurt.",
        "One in ten voters stayed home.",
        "Seven-year-old Ana Ruiz won the spelling bee.",
        "Ruiz made his third fifty of the series.",
    ),
)
ABBREVIATIONS = Rule(
    id="style.abbreviations",
    kind=KIND,
    severity=MINOR,
    description=(
        "AP abbreviations: states (“Calif.”), places (“Fort”); months and percent only where "
        "a story writes them both ways."
    ),
    check=check_abbreviations,
    flags=(
        "The hearing was held in Fresno, [[CA]].",
        "The base at [[Ft.]] Bragg reopened.",
        "The vote is set for [[September]] 12.\nThe count is on Oct. 3.\nResults come Nov. 9.",
        "Turnout rose [[12 percent]].\nCosts rose 4%.",
        "Sen. Ana Ortiz, [[D-NV]], voted no.",
        "AUSTIN, [[TX]] (AP) — The Legislature adjourned.",
    ),
    passes=(
        "Sen. Ana Ortiz, D-Nev., voted no.",
        "Rep. Ana Ortiz, R-Texas, voted yes.",
        "AUSTIN, Texas (AP) — The Legislature adjourned.",
        "The AR-15 and the M-16 were on display.",
        "The hearing was held in Fresno, Calif.",
        "The vote is set for September.",
        "The vote is set for September 12.\nThe count is on October 3.",
        "Turnout rose 12%.",
        "Turnout rose 12 percent.\nCosts rose 4 percent.",
        "Ortiz, OK with the plan, voted yes.",
    ),
)
CLAUSE = Rule(
    id="style.unclosed-clause",
    kind=KIND,
    severity=MINOR,
    description="A non-restrictive clause opened with a comma and not closed before the verb.",
    check=check_unclosed_clauses,
    flags=("Mayor Ana Ortiz, [[who vetoed the bill in March last year]] said she would not run.",),
    passes=(
        "Mayor Ana Ortiz, who vetoed the bill in March, said she would not run.",
        "Ortiz, who has long said she would not run, left.",
        "The firm, which was founded in 1990 and said little, closed.",
        "The bridge, which the council said in May had cost twice the estimate, opened.",
    ),
)
DOUBLED = Rule(
    id="style.doubled-word",
    kind=KIND,
    severity=MINOR,
    description="A word written twice in a row (“the the”).",
    check=check_doubled,
    flags=(
        "The council approved [[the the]] budget.",
        "It is [[a a]] virus that spreads.",
        "“It was [[the the]] worst storm,” she said.",
    ),
    passes=(
        "C H Gayle and D J J Bravo opened.",
        "“No, no, no,” she said.",
        "She starred in Gimme Gimme Gimme.",
        "What he had had was enough.",
        "She said that that was final.",
        "Staff were trained on on-site safety.",
        "He spoke of the “positive campaign” the party hoped for.",
    ),
)

ARTICLE = Rule(
    id="style.a-an",
    kind=KIND,
    severity=MINOR,
    description="“a” or “an” that does not fit the next word’s sound (“a 8-year-old”, “an year”).",
    check=check_articles,
    flags=(
        "[[A]] 8-year-old boy was hurt.",
        "She is [[a]] Asian American writer.",
        "It took [[an]] year to build.",
        "Agents from [[a]] FBI field office came.",
        "He had [[a]] 11-point lead.",
    ),
    passes=(
        "An 8-year-old boy was hurt.",
        "It was a one-off payment.",
        "He waited an hour.",
        "She is a European diplomat.",
        "Each unit has a unique code.",
        "An FBI agent and a U.S. marshal came.",
        "A NATO summit opened.",
        "It was an historic vote.",
        "He had a 110-point lead in an 1896 race.",
        "An X-ray showed a break.",
        "A union vote and an uninsured driver.",
        "A Adams, N Astle and C Cairns batted.",
        "Mail came from an fbi.gov address.",
    ),
)
REPEATED = Rule(
    id="style.repeated-phrase",
    kind=KIND,
    severity=MINOR,
    description="A phrase of two or more words written twice in a row (“he said he said”).",
    check=check_repeated_phrases,
    flags=(
        "“We will rebuild,” [[he said he said]].",
        "The council voted [[to approve the to approve the]] budget.",
    ),
    passes=(
        "“Never again, never again,” she said.",
        "He said he said nothing wrong.",
        "He said, he said.",
        "More and more people came, day after day.",
        "He has said so time and time and time again.",
        "The the the.",
    ),
)
DETERMINER = Rule(
    id="style.determiner-pronoun",
    kind=KIND,
    severity=MINOR,
    description="An article before a personal pronoun (“the her”, “a his”): a word dropped.",
    check=check_determiner_pronouns,
    flags=("She thanked [[the her]] coach.", "It was [[a his]] first goal."),
    passes=(
        "She thanked her coach.",
        "It was the It girl of the season.",
        "The US team won.",
        "It was a he-said-she-said dispute.",
    ),
)

THEN_THAN = Rule(
    id="style.then-than",
    kind=KIND,
    severity=MINOR,
    description="“then” after a comparative where “than” was meant (“more then 20”).",
    check=check_then_than,
    flags=(
        "The storm cut power to more [[then]] 4,000 homes.",
        "She picked tea rather [[then]] the coffee.",
        "Turnout was higher [[then]] expected.",
        "Nobody other [[then]] the mayor spoke.",
    ),
    passes=(
        "The roads were quieter then, and the rents lower.",
        "Life was harder then.",
        "She paid more, then left.",
        "They raised more then spent it all.",
        "It rained more than ever.",
        "Fares were cheaper then for students.",
    ),
)
DOUBLE_MARK = Rule(
    id="style.doubled-quote-mark",
    kind=KIND,
    severity=MINOR,
    description="Two quotation marks in a row (“““We…”): one typed twice.",
    check=check_doubled_quote_marks,
    flags=(
        "[[““]]We will rebuild,” the mayor said.",
        "“We will rebuild[[””]] the mayor said.",
        'He said [[""]]no" twice.',
    ),
    passes=(
        "“We will rebuild,” the mayor said. “Soon.”",
        '"We will rebuild," she said. "Soon."',
        "“He called it ‘a disgrace’” and left.",
    ),
)

STOP_BEFORE_SAID = Rule(
    id="style.stop-before-attribution",
    kind=KIND,
    severity=MINOR,
    description="A quotation closed on a full stop before its attribution (“…city.” Ruiz said).",
    check=check_stop_before_attribution,
    flags=(
        "“We will rebuild the pier[[.]]” Ortiz said, adding that funds were short.",
        '"It was hard[[.]]" she said.',
        "“It was hard[[.]]” said Coach Ana Ruiz.",
        "“There is more equity in the city[[.]]” Ana Ruiz said, adding that rents rose.",
    ),
    passes=(
        "“We will rebuild the pier,” Ortiz said.",
        "“We won.” Ortiz said the team had played well.",
        '"It was hard." She said it twice.',
        '"It was hard," she said. "We won."',
    ),
)

RULES = (
    HEIGHT,
    NUMERALS,
    ABBREVIATIONS,
    CLAUSE,
    DOUBLED,
    REPEATED,
    ARTICLE,
    DETERMINER,
    THEN_THAN,
    DOUBLE_MARK,
    STOP_BEFORE_SAID,
)
