"""Figures in a sentence, read the way a fact-checker reads them: money with its currency
and multiplier ("$3bn" is three billion dollars), percentages, counts of people and
things, ages, durations, dates, years and weekdays.

The scan is linear: numbers and number words are found by one pass of a simple pattern,
and each is then read from a bounded window around it (never a pattern that can run to
the end of the sentence from every position).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from review.checks.lexicon import words
from review.checks.people import ROLE_NOUNS

SMALL = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
MULTIPLIERS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
CURRENCY_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}
DOLLAR_PREFIXES = {"US": "USD", "A": "AUD", "C": "CAD", "NZ": "NZD", "HK": "HKD", "S": "SGD"}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "pounds": "GBP",
    "pound": "GBP",
    "sterling": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "rupees": "INR",
    "pence": "GBP-pence",
    "p": "GBP-pence",
    "cents": "USD-cents",
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIME_UNITS = {
    "second": "seconds",
    "minute": "minutes",
    "hour": "hours",
    "day": "days",
    "week": "weeks",
    "month": "months",
    "year": "years",
    "decade": "decades",
    "century": "centuries",
    "centurie": "centuries",
}
# Nouns counted in news copy whose plural does not end in -s, and -s words that are not
# plural count nouns.
IRREGULAR_PLURALS = words(
    "people children men women police staff personnel cattle sheep fish dead injured "
    "wounded missing homeless elderly crew"
)
NOT_COUNT_NOUNS = words(
    "is was has does this its his us as less unless thus yes plus bus gas news series "
    "percent cents pence times"
)

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# One token per number: digits with thousands separators and decimals, or a number word.
_NUMBER = re.compile(
    r"(?<![\w.,/])(?P<digits>\d{1,3}(?:,\d{3})++(?:\.\d++)?(?![\d,/])|\d++(?:\.\d++)?(?![/\d]))"
    r"|\b(?P<word>(?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|dozen|a\sdozen|dozens|hundreds|thousands|"
    r"millions))\b"
)
# Only digits: the scan for sentences that hold no number word (most of them).
_DIGITS = re.compile(
    r"(?<![\w.,/])(?P<digits>\d{1,3}(?:,\d{3})++(?:\.\d++)?(?![\d,/])|\d++(?:\.\d++)?(?![/\d]))"
)
NUMBER_WORDS = words(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred dozen dozens hundreds thousands millions"
)
_WEEKDAY_WORDS = frozenset(w.lower() for w in WEEKDAYS)
_WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_ANY_DIGIT = re.compile(r"\d")
_CURRENCY_BEFORE = re.compile(r"(?:US|A|C|NZ|HK|S)?[$£€¥₹]\s?$|\b(?:USD|GBP|EUR|Rs\.?)\s$")
_SPELLED_TAIL = re.compile(r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?", re.I)
_MULTIPLIER = re.compile(
    r"(?:\s?(?P<short>bn|mn|tn|m|k|b)\b|\s(?P<long>thousand|million|billion|trillion)\b)"
)
_CURRENCY_AFTER = re.compile(r"\s?(?P<word>dollars|pounds|euros|yen|rupees|pence|cents|p)\b")
_PERCENT = re.compile(r"\s?(?:%|per\s?cent\b|percent\b)|\s(?P<points>percentage\s+points?)\b")
_AGE_AFTER = re.compile(r"-(?P<unit>year|month|week)s?-old\b|\s(?:years?\s)?old\b(?!er)")
_DURATION = re.compile(
    r"(?P<hyphen>[\s-])(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?"
    r"\b(?!-old| old)"
)
# Up to two modifiers, then the counted noun: "17 people", "12 million working people".
_COUNTED = re.compile(
    r"\s(?:(?:more|other|further|extra|additional|new|former|young|local|british|american|"
    r"[a-z]+(?:ed|ing|al|ian|ese|ish)|[a-z]+-[a-z]+)\s){0,2}(?P<noun>[A-Z]?[a-z]{2,20})\b"
)
_DAY_MONTH = re.compile(rf"\s(?P<month>{_MONTH_RE})(?:,?\s(?P<year>\d{{4}})\b)?")
_MONTH_DAY_BEFORE = re.compile(rf"\b(?P<month>{_MONTH_RE})\s$")
_YEAR_AFTER = re.compile(r",?\s(?P<year>\d{4})\b")
_YEAR_CONTEXT = re.compile(
    r"\b(?:in|since|from|until|till|by|of|during|before|after|between|and|to|early|late|"
    r"mid|summer|spring|autumn|winter|fall|season|year|end|born)\s$",
    re.I,
)
_PEOPLE_NOUNS = words("man woman boy girl prince princess singer actor actress")
_AGE_BEFORE = re.compile(r"\baged\s$|,\s$|\($")
_AGE_CLOSE = re.compile(r"[,)]")
_TIME_OF_DAY = re.compile(r":\d{2}\b|\s?[ap]\.?m\.?(?!\w)")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure in a sentence: text[start:end] is its exact wording."""

    kind: str  # money, percent, count, age, duration, date, year, weekday
    start: int
    end: int
    value: float | str | None
    unit: str = ""
    year: int | None = None  # for dates: the year stated with it, if any
    month: int | None = None
    day: int | None = None


def number_value(token: str) -> float | None:
    lower = token.lower().replace("a dozen", "dozen")
    if lower in SMALL:
        return float(SMALL[lower])
    if lower in ("dozens", "hundreds", "thousands", "millions"):
        return None  # vague: a quantity but no value
    digits = token.replace(",", "")
    if len(digits) > 20:
        return None  # a run of digits, not a quantity anyone states
    try:
        return float(digits)
    except ValueError:
        return None


def singular(noun: str) -> str:
    if noun in IRREGULAR_PLURALS:
        return noun
    if noun.endswith("ies"):
        return noun[:-3] + "y"
    if noun.endswith(("ches", "shes", "sses", "xes")):
        return noun[:-2]
    return noun[:-1] if noun.endswith("s") else noun


def figures_of(doc, index: int, *, unquoted: bool = False) -> list[Figure]:
    """figures_in for a Document's sentence (its text, or with quotations blanked), read
    once per document however many rules ask."""
    if unquoted and doc.quoted[index]:
        cache = doc.cache.setdefault("figures-unquoted", {})
        if index not in cache:
            cache[index] = figures_in(doc.unquoted_text(index))
        return cache[index]
    cache = doc.cache.setdefault("figures", {})  # no quotation: both readings are the same
    if index not in cache:
        words = doc.word_sets[index]
        cache[index] = figures_in(
            doc.sentences[index].text,
            words=not words.isdisjoint(NUMBER_WORDS),
            weekdays=not words.isdisjoint(_WEEKDAY_WORDS),
        )
    return cache[index]


def figures_in(text: str, *, words: bool = True, weekdays: bool = True) -> list[Figure]:
    """Every figure in `text` (one sentence), in order. `words=False` and `weekdays=False`
    skip the scans for number words and weekdays when the caller knows there are none."""
    out: list[Figure] = []
    if words:
        numbers = _NUMBER.finditer(text)
    elif _ANY_DIGIT.search(text):
        numbers = _DIGITS.finditer(text)
    else:
        numbers = iter(())
    taken = 0  # a number inside the figure before it ("2018" in "Feb. 19, 2018") is read
    for match in numbers:
        if match.start() < taken:
            continue
        figure = _read(text, match)
        if figure is not None:
            out.append(figure)
            taken = figure.end
    for match in _WEEKDAY.finditer(text) if weekdays else ():
        out.append(Figure("weekday", match.start(), match.end(), match.group()))
    out.sort(key=lambda f: f.start)
    return out


def _read(text: str, match: re.Match[str]) -> Figure | None:
    start, end = match.span()
    token = match.group()
    digits = match.groupdict().get("digits") is not None
    value = number_value(token)
    if digits and text.startswith(("-", "–"), end) and text[end + 1 : end + 2].isdigit():
        return None  # a score or a range of figures read as one: "1-0", "5-4"
    if not digits:
        tail = _SPELLED_TAIL.match(text, end)
        if tail and tail.group() and value is not None and value >= 20:
            value += SMALL[tail.group().strip(" -").lower()]
            end = tail.end()
    before = text[max(0, start - 6) : start]

    # money: "$3bn", "£5.2 million", "US$10", "50 pence", "3 million dollars"
    currency = _CURRENCY_BEFORE.search(before)
    if currency is not None and digits:
        mark = currency.group().strip()
        if mark.endswith("$") and mark[:-1] in DOLLAR_PREFIXES:
            unit = DOLLAR_PREFIXES[mark[:-1]]
        else:
            unit = CURRENCY_SYMBOLS.get(mark[-1:], "INR" if mark.startswith("Rs") else mark)
        m_start = start - len(currency.group())
        value, end = _multiplied(text, end, value)
        return Figure("money", m_start, end, value, unit)
    multiplied, m_end = _multiplied(text, end, value)
    after_money = _CURRENCY_AFTER.match(text, m_end)
    if after_money is not None and (digits or m_end > end):
        word = after_money.group("word")
        if word != "p" or digits:
            return Figure("money", start, after_money.end(), multiplied, CURRENCY_WORDS[word])

    percent = _PERCENT.match(text, m_end)
    if percent is not None:
        unit = "percentage points" if percent.group("points") else "%"
        return Figure("percent", start, percent.end(), multiplied, unit)

    age = _AGE_AFTER.match(text, end)
    if age is not None and value is not None:
        unit = (age.group("unit") or "year") + "s old"
        return Figure("age", start, age.end(), value, unit)
    if digits and value is not None and value < 125 and _AGE_BEFORE.search(before):
        closing = _AGE_CLOSE.match(text, end)
        if closing is not None and _age_apposition(text, start, before):
            return Figure("age", start, end, value, "years old")

    duration = _DURATION.match(text, end)
    if duration is not None:
        unit = TIME_UNITS[duration.group("unit")]
        return Figure("duration", start, duration.end(), value, unit)

    if digits and _TIME_OF_DAY.match(text, end):
        return None  # a clock time: "1:40 a.m." is read with its date, if any
    date = _date(text, start, end, token, digits)
    if date is not None:
        return date

    counted = _COUNTED.match(text, m_end)
    if counted is not None:
        word = counted.group("noun")
        noun = word.lower()
        plural = noun in IRREGULAR_PLURALS or (noun.endswith("s") and noun not in NOT_COUNT_NOUNS)
        if plural and (multiplied is None or multiplied != 1):
            unit = singular(noun) if word.islower() else word[:-1]  # "Californians"
            return Figure("count", start, counted.end(), multiplied, unit)
    return None


def _multiplied(text: str, end: int, value: float | None) -> tuple[float | None, int]:
    multiplier = _MULTIPLIER.match(text, end)
    if multiplier is None:
        return value, end
    word = (multiplier.group("short") or multiplier.group("long")).lower()
    if word in ("m", "b", "k") and not _money_context(text, end):
        return value, end  # "5 m" is five metres; only money takes the short forms
    return (None if value is None else value * MULTIPLIERS[word]), multiplier.end()


def _money_context(text: str, end: int) -> bool:
    before = text[max(0, end - 16) : end]
    return any(symbol in before for symbol in CURRENCY_SYMBOLS)


def _age_apposition(text: str, start: int, before: str) -> bool:
    """ ", 19," after a capitalised name, or "(19)" after one, or "aged 19"."""
    if before.endswith("aged "):
        return True
    head = text[max(0, start - 40) : start].rstrip(" ,(")
    word = head.rsplit(" ", 1)[-1]
    if not word.isalpha():
        return False
    return word[0].isupper() or word in ROLE_NOUNS or word in _PEOPLE_NOUNS


def _date(text: str, start: int, end: int, token: str, digits: bool) -> Figure | None:
    if not digits or "." in token or "," in token or len(token) > 4:
        return None
    number = int(token)
    # "14 February 2018", "27 January"
    day_month = _DAY_MONTH.match(text, end)
    if day_month is not None and 1 <= number <= 31:
        year = day_month.group("year")
        return Figure(
            "date",
            start,
            day_month.end(),
            _iso(int(year) if year else None, MONTHS[_month_key(day_month.group("month"))], number),
            year=int(year) if year else None,
            month=MONTHS[_month_key(day_month.group("month"))],
            day=number,
        )
    # "Feb. 14", "February 14, 2018"
    month_before = _MONTH_DAY_BEFORE.search(text, max(0, start - 11), start)
    if month_before is not None and 1 <= number <= 31 and len(token) <= 2:
        year_match = _YEAR_AFTER.match(text, end)
        year = int(year_match.group("year")) if year_match else None
        month = MONTHS[_month_key(month_before.group("month"))]
        return Figure(
            "date",
            month_before.start(),
            year_match.end() if year_match else end,
            _iso(year, month, number),
            year=year,
            month=month,
            day=number,
        )
    in_context = _YEAR_CONTEXT.search(text, max(0, start - 12), start) or _MONTH_DAY_BEFORE.search(
        text, max(0, start - 11), start
    )
    if len(token) == 4 and 1800 <= number <= 2099 and in_context:
        return Figure("year", start, end, str(number), year=number)
    return None


def _month_key(word: str) -> str:
    return word.rstrip(".").lower()


def _iso(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
