"""Plant the errors a copy desk catches into copies of real stories, and count how many the
checks find.

    python benchmarks/plant_errors.py CORPUS_DIR [--part heldout|tuning|all] [--show]

Each planted error goes into its own copy of a story (in a temporary directory, never the
repository): a name spelled differently on a later mention, anonymous or impersonal
attribution, leftover page text (promo, credits, captions, a paragraph cut mid-sentence),
house style slips, a count that contradicts an earlier one, a weekday that is not its
date's, plus a first name on second reference, a quotation with no speaker and a record
stated as fact. A plant is caught when a finding of the expected kind lands on the planted
words. The stories come from the held-out part by default (see corpus.py); the plants are
drawn with a fixed seed, so the run is reproducible.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import Story, check_input, load, part, read_story
from review.checks import RULES, run_checks
from review.checks.facts import extract_facts
from review.checks.people import first_names
from review.text.segment import segment

SEED = 4242
PER_KIND = 8


@dataclass(frozen=True, slots=True)
class Plant:
    kind: str  # what was planted (the report's rows)
    flag_kind: str  # the flag kind that catches it
    marker: str  # words of the planted text: the finding must be on a sentence holding them
    body: str  # the story with the error in it
    note: str
    # A fact kind of the worksheet that also catches it: records and rankings are listed on
    # the Facts worksheet for the fact-checker, whether or not claims.superlative flags them.
    fact_kind: str = ""


_FULL_NAME = re.compile(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{4,})\b(?![-’'])")
_PARAGRAPHS = re.compile(r"\n\s*\n")


def _paragraphs(body: str) -> list[str]:
    return [p for p in _PARAGRAPHS.split(body.strip()) if p.strip()]


def _join(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs) + "\n"


def _typo(word: str, rng: random.Random, edits: int = 1) -> str:
    """A plausible misspelling: a doubled letter dropped, two neighbours swapped, a vowel
    changed, or a letter doubled."""
    done: set[int] = set()
    for _ in range(edits):
        i = rng.choice([j for j in range(1, len(word) - 1) if j not in done] or [1])
        done |= {i - 1, i, i + 1}
        choice = rng.choice(("swap", "vowel", "double", "drop"))
        if choice == "swap" and word[i] != word[i + 1]:
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif choice == "vowel" and word[i] in "aeiou":
            word = word[:i] + rng.choice([v for v in "aeiou" if v != word[i]]) + word[i + 1 :]
        elif choice == "drop" and len(word) > 5:
            word = word[:i] + word[i + 1 :]
        else:
            word = word[:i] + word[i] + word[i:]
    return word


def _people(body: str):
    """Full names of people: a given name from the name list, then a surname."""
    for match in _FULL_NAME.finditer(body):
        if match.group(1) in first_names() and match.group(2) not in first_names():
            yield match


def plant_name_variant(story: Story, rng: random.Random) -> Plant | None:
    """A later mention of a surname spelled differently ("Mr Hanlon" → "Mr Hanlom")."""
    body = story.body
    for match in _people(body):
        last = match.group(2)
        # later mentions that are plainly the person's: "Mr Hanlon", "Hanlon said"
        later = [
            m.start(1)
            for m in re.finditer(
                rf"\b(?:Mr|Mrs|Ms|Dr)\.? ({last})\b|\b({last})(?= said| says| added| told)", body
            )
            if m.start() > match.end()
        ]
        later = [m for m in later if m >= 0]
        if not later:
            continue
        where = rng.choice(later)
        wrong = _typo(last, rng, edits=rng.choice((1, 1, 2)))
        if wrong == last:
            continue
        new = body[:where] + wrong + body[where + len(last) :]
        return Plant("name variant", "name-spelling", wrong, new, f"{last} → {wrong}")
    return None


_VAGUE_LINES = [
    "The decision was taken after weeks of private talks, officials said.",
    "Sources close to the negotiations said a deal could be signed within days.",
    "It is understood that several other bidders have pulled out.",
    "People familiar with the plans said the announcement had been brought forward.",
    "Insiders say the board was split over the timing.",
    "The figure is thought to be far higher than first reported.",
    "Some critics have argued that the scheme was rushed through.",
    "According to industry sources, the contract is worth more than expected.",
    "It is believed the two men had not spoken for months.",
    "Analysts expect the move to be followed by further cuts, it has been reported.",
    "A senior source said the talks had broken down on Monday night.",
    "Many fear the change will hit small firms hardest.",
]


def plant_vague(story: Story, rng: random.Random) -> Plant | None:
    paragraphs = _paragraphs(story.body)
    if len(paragraphs) < 3:
        return None
    line = rng.choice(_VAGUE_LINES)
    at = rng.randrange(1, len(paragraphs))
    paragraphs.insert(at, line)
    marker = " ".join(line.split()[:4])
    return Plant("anonymous attribution", "unverified-claim", marker, _join(paragraphs), line)


_LEFTOVERS = [
    "Follow us on Twitter and Facebook for the latest updates.",
    "Read more: How the deal was done",
    "Copyright 2005 Newsdesk Ltd. All rights reserved.",
    "Sign up for our daily newsletter to get stories like this in your inbox.",
    "(Photo: Anna Kowalski/Getty Images)",
    "Jane Whitfield speaks to reporters outside the court on March 3, 2005.",
    "More from Business",
    "Have a story for us? Email the newsdesk at",
    "- Watch the full interview on our website from 1900 GMT.",
    "Click here to see the pictures.",
    "Image copyright Reuters",
    "Share this article",
]


def plant_leftover(story: Story, rng: random.Random) -> Plant | None:
    paragraphs = _paragraphs(story.body)
    if len(paragraphs) < 3:
        return None
    if rng.random() < 0.25:
        # a paragraph cut mid-sentence: its first words went missing
        at = rng.randrange(1, len(paragraphs))
        words = paragraphs[at].split(" ")
        if len(words) < 8:
            return None
        cut = rng.randrange(2, 5)
        if not words[cut][:1].islower():
            return None
        paragraphs[at] = " ".join(words[cut:])
        marker = " ".join(words[cut : cut + 3])
        return Plant("leftover text", "dangling-text", marker, _join(paragraphs), "cut start")
    line = rng.choice(_LEFTOVERS)
    at = rng.choice((len(paragraphs), rng.randrange(1, len(paragraphs))))
    paragraphs.insert(at, line)
    marker = " ".join(line.split()[:3])
    return Plant("leftover text", "dangling-text", marker, _join(paragraphs), line)


_STYLE: list[tuple[str, Callable[[str], str | None]]] = []


def _doubled(sentence: str) -> str | None:
    words = sentence.split(" ")
    for i, word in enumerate(words[2:-2], start=2):
        if word in ("the", "a", "to", "of", "and", "in"):
            return " ".join([*words[: i + 1], word, *words[i + 1 :]])
    return None


def _spelled(sentence: str) -> str | None:
    names = {"12": "twelve", "15": "fifteen", "20": "twenty", "30": "thirty", "40": "forty"}
    for digits, word in names.items():
        # not a score or a range ("30-20"): only a figure standing alone
        alone = rf"(?<![\d.,£$€-]){digits}(?![\d.,%])"
        if re.search(rf"{alone}\s[a-z]", sentence):
            return re.sub(rf"{alone}(?=\s[a-z])", word, sentence, count=1)
    return None


def _age(sentence: str) -> str | None:
    match = re.search(r"\b([2-9])-year-old\b", sentence)
    if match:
        word = ["two", "three", "four", "five", "six", "seven", "eight", "nine"][
            int(match.group(1)) - 2
        ]
        return sentence[: match.start(1)] + word + sentence[match.end(1) :]
    return None


def _unclosed(sentence: str) -> str | None:
    match = re.search(r", (who|which) ([^,]{15,80}), (said|told|added)\b", sentence)
    if match:
        return sentence[: match.end(2)] + sentence[match.end(2) + 1 :]
    return None


def plant_style(story: Story, rng: random.Random) -> Plant | None:
    sentences = [story.body[s.start : s.end] for s in segment(story.body)]
    fixes = [_doubled, _spelled, _age, _unclosed]
    rng.shuffle(fixes)
    order = list(range(len(sentences)))
    rng.shuffle(order)
    for fix in fixes:
        for i in order:
            new = fix(sentences[i])
            if new and new != sentences[i] and '"' not in sentences[i]:
                body = story.body.replace(sentences[i], new, 1)
                marker = new[:30].split("\n")[0]
                return Plant("style", "style", marker, body, f"{fix.__name__}: {new[:60]}")
    return None


_COUNT = re.compile(
    r"\b(\d{2,4}) (people|workers|jobs|staff|employees|passengers|soldiers|civilians|"
    r"children|students)\b(?: (?:were|have been|had been|was) )?(killed|injured|hurt|"
    r"arrested|cut|lost|died|dead|wounded|evacuated|rescued)?"
)
_EVENT_VERB = {
    "killed": "killed",
    "died": "killed",
    "dead": "killed",
    "injured": "injured",
    "hurt": "injured",
    "wounded": "injured",
    "arrested": "arrested",
    "evacuated": "evacuated",
    "rescued": "rescued",
    "cut": "cut",
    "lost": "lost",
}


def plant_contradiction(story: Story, rng: random.Random) -> Plant | None:
    """A later restatement of a count with a different figure."""
    paragraphs = _paragraphs(story.body)
    for i, paragraph in enumerate(paragraphs[:-1]):
        match = _COUNT.search(paragraph)
        if not match:
            continue
        number, noun = int(match.group(1)), match.group(2)
        event = match.group(3) or ("cut" if noun == "jobs" else "")
        if not event:
            continue
        wrong = max(2, number + rng.choice((-3, -2, -1, 1, 2, 10)))
        if wrong == number:
            continue
        verb = _EVENT_VERB.get(event, event)
        line = f"In all, {wrong} {noun} were {verb}, the latest figures show."
        if noun == "jobs":
            line = f"The plan means {wrong} jobs will be cut over two years."
        at = rng.randrange(i + 1, len(paragraphs) + 1)
        paragraphs.insert(at, line)
        return Plant(
            "contradicting figures", "unverified-claim", f"{wrong} {noun}", _join(paragraphs), line
        )
    # no count to contradict: plant both figures in the story's own words
    if len(paragraphs) < 3:
        return None
    n = rng.randrange(12, 90)
    paragraphs.insert(1, f"The accident left {n} people injured, police said.")
    line = f"Of the {n + rng.choice((1, 2, 5))} people injured, most were treated at the scene."
    paragraphs.insert(rng.randrange(2, len(paragraphs) + 1), line)
    return Plant("contradicting figures", "unverified-claim", line[:25], _join(paragraphs), line)


def _ap_month(day) -> str:
    """The month as AP writes it before a date: "Sept.", "Jan.", but "March" and "June"."""
    name = day.strftime("%B")
    return {"September": "Sept."}.get(name, name if len(name) <= 5 else name[:3] + ".")


def plant_weekday(story: Story, rng: random.Random) -> Plant | None:
    """A weekday written beside a date it is not ("Thursday 12 January 2005")."""
    import datetime

    paragraphs = _paragraphs(story.body)
    if len(paragraphs) < 2:
        return None
    day = datetime.date(2005, rng.randrange(1, 13), rng.randrange(1, 29))
    wrong = (day.weekday() + rng.randrange(1, 7)) % 7
    weekday = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[wrong]
    month = day.strftime("%B")
    forms = [
        f"{weekday} {day.day} {month} {day.year}",
        f"{weekday}, {day.day} {month} {day.year}",
        f"{weekday}, {month} {day.day}, {day.year}",
        f"{weekday}, {_ap_month(day)} {day.day}, {day.year}",
    ]
    when = rng.choice(forms)
    line = rng.choice(
        [
            f"The hearing has been set for {when}.",
            f"The results will be published on {when}, the organisers said.",
            f"Tickets go on sale on {when}.",
        ]
    )
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), line)
    return Plant("weekday and date", "unverified-claim", weekday, _join(paragraphs), line)


def plant_first_name(story: Story, rng: random.Random) -> Plant | None:
    body = story.body
    for match in _people(body):
        first, last = match.groups()
        later = [
            m
            for m in re.finditer(
                rf"\b(?:Mr|Mrs|Ms|Dr)\.? {last}\b(?![-’])|\b{last}(?= said| says)", body
            )
            if m.start() > match.end()
        ]
        if not later:
            continue
        m = rng.choice(later)
        new = body[: m.start()] + first + body[m.end() :]
        return Plant("first name", "name-spelling", first, new, f"{m.group()} → {first}")
    return None


def plant_unattributed_quote(story: Story, rng: random.Random) -> Plant | None:
    paragraphs = _paragraphs(story.body)
    if len(paragraphs) < 3 or '"' in paragraphs[0]:
        return None
    line = rng.choice(
        [
            '"This is a decision that will cost the whole region dearly."',
            '"Nobody told us anything until it was far too late to change it."',
            '"We have been waiting for this moment for a very long time."',
        ]
    )
    paragraphs.insert(1, line)
    return Plant("unattributed quote", "unverified-claim", line[1:25], _join(paragraphs), line)


def plant_record(story: Story, rng: random.Random) -> Plant | None:
    paragraphs = _paragraphs(story.body)
    if len(paragraphs) < 2:
        return None
    line = rng.choice(
        [
            "It is the largest deal of its kind in the country's history.",
            "The firm is now the world's biggest maker of the devices.",
            "She became the first woman to hold the post.",
            "Sales reached a record high in the last three months of the year.",
        ]
    )
    paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), line)
    return Plant(
        "record stated as fact",
        "unverified-claim",
        line[:25],
        _join(paragraphs),
        line,
        fact_kind="superlative",
    )


PLANTERS = [
    (plant_name_variant, PER_KIND),
    (plant_vague, PER_KIND),
    (plant_leftover, PER_KIND),
    (plant_style, PER_KIND),
    (plant_contradiction, PER_KIND),
    (plant_weekday, PER_KIND),
    (plant_first_name, 4),
    (plant_unattributed_quote, 4),
    (plant_record, 4),
]


def plants(stories: list[Story]) -> list[Plant]:
    rng = random.Random(SEED)
    out: list[Plant] = []
    for planter, count in PLANTERS:
        pool = stories[:]
        rng.shuffle(pool)
        made = 0
        for story in pool:
            if made == count:
                break
            plant = planter(story, rng)
            if plant is not None:
                out.append(
                    Plant(
                        plant.kind,
                        plant.flag_kind,
                        plant.marker,
                        plant.body,
                        f"{story.name}: {plant.note}",
                        plant.fact_kind,
                    )
                )
                made += 1
    return out


def caught(plant: Plant, directory: Path, number: int) -> tuple[bool, bool]:
    """(caught by the rules on by default, caught with every rule on). A plant with a
    `fact_kind` is also caught when the worksheet lists a fact of that kind on its words."""
    path = directory / f"plant-{number:03d}.txt"
    path.write_text("Headline\n\n" + plant.body, encoding="utf-8")
    story = read_story(path)  # read back as the benchmarks read any story file
    data = check_input(story.body)
    hit = {s.key for s in data.sentences if plant.marker in s.text}
    every = {rule.id for rule in RULES}
    on_sheet = bool(plant.fact_kind) and any(
        f.key in hit and f.kind == plant.fact_kind for f in extract_facts(data)
    )
    return tuple(
        on_sheet
        or any(f.key in hit and f.kind == plant.flag_kind for f in run_checks(data, enabled=e))
        for e in (None, every)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--part", choices=("all", "tuning", "heldout"), default="heldout")
    parser.add_argument("--show", action="store_true", help="list each plant and the result")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus} is not a directory: give the corpus directory.")
    stories = part(load(args.corpus), args.part)
    planted = plants(stories)
    found: Counter = Counter()
    found_all: Counter = Counter()
    total: Counter = Counter()
    with tempfile.TemporaryDirectory(prefix="plants-") as tmp:
        for number, plant in enumerate(planted):
            ok, ok_all = caught(plant, Path(tmp), number)
            total[plant.kind] += 1
            found[plant.kind] += ok
            found_all[plant.kind] += ok_all
            if args.show:
                mark = "caught" if ok else ("off   " if ok_all else "MISSED")
                print(f"{mark}  {plant.kind:22} {plant.note[:110]}")
    print(f"\n{'planted error':24} {'of':>4} {'caught':>7} {'all rules on':>13}")
    for kind in total:
        print(f"{kind:24} {total[kind]:4} {found[kind]:7} {found_all[kind]:13}")
    n, k, k_all = sum(total.values()), sum(found.values()), sum(found_all.values())
    print(f"{'all':24} {n:4} {k:7} {k_all:13}")
    print(f"recall {k / n:.0%} with the rules on by default, {k_all / n:.0%} with every rule on")
    return 0


if __name__ == "__main__":
    sys.exit(main())
