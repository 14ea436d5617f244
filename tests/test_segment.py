"""The sentence segmenter: the Golden Rules, the seed article, news abbreviations, line breaks."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from review.text.segment import Span, segment, split_sentences

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "conformance" / "golden_rules_en.json"
SEED = ROOT / "seeds" / "in-touch-scot-peterson.txt"

GOLDEN_CASES = json.loads(GOLDEN.read_text(encoding="utf-8"))["cases"]


def assert_covers(text: str, spans: list[Span]) -> None:
    assert "".join(text[s.start : s.sep_end] for s in spans) == text
    for s in spans:
        assert text[s.start : s.end] and not text[s.end - 1].isspace()
        assert text[s.end : s.sep_end].strip() == ""


@pytest.mark.parametrize(
    "case", GOLDEN_CASES, ids=[f"golden-{n:02d}" for n in range(1, len(GOLDEN_CASES) + 1)]
)
def test_it_passes_the_golden_rule(case):
    # Compared as pySBD's benchmark does: the list of stripped sentences.
    assert [s.strip() for s in split_sentences(case["text"])] == case["sentences"]


SEED_SENTENCES = [
    (
        0,
        "An armed officer on duty when a gunman killed 17 people at a Florida school on Feb. 14"
        " found a safe spot outside the building — and did absolutely “nothing,” officials said"
        " Thursday.",
    ),
    (
        0,
        "Scot Peterson, who was the last line of defense at Marjory Stoneman Douglas High"
        " School, resigned and subsequently retired after a video surfaced of him outside the"
        " school.",
    ),
    (
        1,
        "Broward County Sheriff Scott Israel, who previously suspended the officer without pay"
        " said, “What I saw was a deputy arrive at the west side of Building 12, take up a"
        " position and he never went in.”",
    ),
    (
        1,
        "Meanwhile, former student, Nikolas Cruz, 19, was reportedly inside for approximately"
        " six minutes, gunning down students with an AR-15-style assault weapon.",
    ),
    (2, "nikolas cruz"),
    (3, "Nikolas Cruz appears in court on Feb. 19, 2018, in Ft. Lauderdale, FL."),
    (4, "Despite resigning, Scot believed he did a good job."),
    (
        4,
        "According to the president of the Broward Sheriff’s Office Deputies Association, “He"
        " believed he did a good job calling in the location, setting up the perimeter, and"
        " calling in the description (of Cruz),” said the union official, Jim Bell.",
    ),
    (
        5,
        "During a press conference, the union head said he didn’t want to second-guess Scott"
        " — but strongly suggested that failing to take on Nikolas was a mistake.",
    ),
    (
        5,
        "“We have to act, even if that means risking our lives to save many, many more lives.",
    ),
    (5, "I would demand that from our union members,” said Jim."),
    (5, "“You’re listening to an execution every time you hear the rifle shot.”"),
    (6, "School superintendent Robert Runcie echoed the same sentiment on Thursday."),
    (
        6,
        "“I’m in shock and I’m outraged to no end that he could have made a difference in all"
        " this.",
    ),
    (
        6,
        "It’s really disturbing that we had a law enforcement individual there specifically"
        " for this reason, and he did not engage.",
    ),
    (6, "He did not do his job."),
    (6, "It’s one of the most unbelievable things I’ve ever heard.”"),
    (
        7,
        "The 6-foot-five-inch Illinois native had worked as a school safety officer since 2009"
        " and made a base annual salary of $75,673.72 as of 2016, according to sheriff’s"
        " office records cited by the Sun-Sentinel.",
    ),
    (
        7,
        "According to a 2017 performance review, he was considered a trusted officer who"
        " “values his position and takes pride in protecting the students, faculty, and staff"
        " at his school.”",
    ),
    (8, "Have a tip?"),
    (8, "Send it to us!"),
    (8, "Email In Touch at"),
]


def test_it_splits_the_seed_article_into_its_22_sentences_and_9_paragraphs():
    text = SEED.read_text(encoding="utf-8")
    spans = segment(text)
    assert [(s.paragraph, text[s.start : s.end]) for s in spans] == SEED_SENTENCES
    assert_covers(text, spans)


def test_it_rebuilds_the_seed_article_exactly_from_sentences_and_separators():
    text = SEED.read_text(encoding="utf-8")
    spans = segment(text)
    assert "".join(s.sentence(text) + s.separator(text) for s in spans) == text
    assert spans[0].start == 0 and spans[-1].sep_end == len(text)
    assert all(a.sep_end == b.start for a, b in itertools.pairwise(spans))


NEWS = [
    ("titles", "Gov. Ron DeSantis spoke. Sen. Marco Rubio did not.", 2),
    ("military-ranks", "Sgt. Maj. John Smith met Gen. Mark Milley and Col. Jane Doe.", 1),
    ("lt-gov", "Rep. Matt Gaetz and Lt. Gov. Jeanette Nuñez attended. Capt. Bob Lee left.", 2),
    ("det-dr-mrs", "Det. Ann Ray said Dr. Kim and Mrs. Kim left. Ms. Lee stayed.", 2),
    ("prof-st", "Prof. Ann Smith teaches at St. Louis University.", 1),
    ("mt-ft", "He visited Mt. Rushmore and Ft. Myers. He liked St. Petersburg.", 2),
    ("us-then-pronoun", "He lives in the U.S. He works in Canada.", 2),
    ("us-navy", "He served in the U.S. Navy for 20 years.", 1),
    ("us-then-article", "Prices rose in the U.S. The rise was smaller in the U.K.", 2),
    ("uk-un", "The U.K. and the U.N. agreed. The E.U. did not.", 2),
    ("pm-weekday", "The meeting began at 5 p.m. Tuesday in Tallahassee.", 1),
    ("pm-new-sentence", "The meeting began at 5 p.m. The next day, it resumed.", 2),
    ("am-time-zone", "The vote is set for 10 a.m. EST on Friday. It may slip.", 2),
    ("am-opening-phrase", "At 9:30 a.m. Police Chief Ann Ray arrived.", 1),
    ("am-then-name", "He arrived at 9:30 a.m. Police said he was armed.", 2),
    ("months", "The law took effect Jan. 1. It was signed in Dec. 2019.", 2),
    ("sept-oct", "The Sept. 11 attacks changed everything. The Oct. 7 attack followed.", 2),
    ("feb-date-comma", "Feb. 19, 2018, was a Monday. Aug. 4 was not.", 2),
    ("inc-ceo", "Acme Inc. CEO John Doe said so. Acme Inc. It was founded in 1999.", 3),
    ("corp-end", "They sued Acme Corp. The suit was dismissed.", 2),
    ("co-ltd", "The firm, Smith & Co. Ltd., filed. Brown Bros. Harriman declined.", 2),
    ("state-then-pronoun", "He was born in Tampa, Fla. He moved to Atlanta, Ga., in 1990.", 2),
    ("state-after-city", "She was born in Tampa, Fla. Smith later moved away.", 2),
    ("state-then-title", "The Tampa, Fla. Mayor spoke. The Tampa, Fla., police agreed.", 2),
    ("states-more", "Stops: Mobile, Ala.; Phoenix, Ariz.; and Albany, N.Y. The tour ends.", 2),
    ("dc-mayor", "The Washington, D.C. Mayor spoke. He lives in Washington, D.C. It rained.", 3),
    ("no-number", "The team is ranked No. 1 in the nation. No. 2 Georgia lost.", 2),
    ("nos", "See Nos. 3 and 4. They are in Vol. 2 on p. 7.", 2),
    ("jr-day", "Martin Luther King Jr. Day is a holiday. He met King Jr. The crowd cheered.", 3),
    ("initials", "John F. Kennedy was president. J.R.R. Tolkien wrote books.", 2),
    ("initial-sentence-start", "I met him in Paris. I. M. Pei designed it.", 2),
    ("decimals", "Shares rose 3.5 percent to $12.75. Analysts were surprised.", 2),
    ("question-attribution", "“Why?” she asked. “Because,” he said.", 2),
    ("question-named-attribution", "“Why?” Smith asked. Nobody answered.", 2),
    ("exclamation-attribution", "“Stop!” yelled the officer. The man ran.", 2),
    ("quote-new-sentence", "He said, “I did it.” Then he left.", 2),
    ("quote-two-sentences", "He said, “I did it. I would do it again.” Then he left.", 3),
    ("url-email", "Visit example.com for details. Email tips@example.org. We read all.", 3),
    ("ellipsis", "The report... was late. He waited... Then he left.", 3),
    ("vs", "Smith vs. Jones is pending. The case vs. the state was dropped.", 2),
    ("street", "He lives at 123 Main St. in Springfield. He lives on Main St. It is old.", 3),
    (
        "state-in-party-label",
        "Sen. Joe Manchin, D-W.Va., voted no. Sen. Ed Markey, D-Mass., too.",
        2,
    ),
    ("phd", "She earned a Ph.D. in physics. She earned a Ph.D. The degree took years.", 3),
    ("number-sentence", "The strike killed 12. 3 others were wounded.", 2),
    ("dateline", "WASHINGTON (AP) — The Senate voted 51-49 on Tuesday. The House is next.", 2),
    ("eg-ie", "Big states, e.g. Texas and Florida, agreed. Others, i.e. Utah, did not.", 2),
]


@pytest.mark.parametrize(("text", "count"), [c[1:] for c in NEWS], ids=[c[0] for c in NEWS])
def test_it_splits_news_sentences_where_a_reader_would(text, count):
    sentences = split_sentences(text)
    assert len(sentences) == count, sentences
    assert " ".join(sentences) == text


def test_it_keeps_ft_lauderdale_together():
    assert split_sentences("He was held in Ft. Lauderdale. He was freed.") == [
        "He was held in Ft. Lauderdale.",
        "He was freed.",
    ]


def words(text: str) -> list[str]:
    return text.split()


TITLES = words("Gov. Sen. Rep. Lt. Sgt. Gen. Col. Capt. Det. Dr. Mr. Mrs. Ms. Prof. Ft. Mt. St.")
MONTHS = words("Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sept. Sep. Oct. Nov. Dec.")
STATES = words(
    "Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich."
    " Minn. Miss. Mo. Mont. Neb. Nev. N.H. N.J. N.M. N.Y. N.C. N.D. Okla. Ore. Pa. R.I. S.C."
    " S.D. Tenn. Va. Vt. Wash. Wis. W.Va. Wyo."
)


@pytest.mark.parametrize("title", TITLES)
def test_it_never_ends_a_sentence_at_a_title_before_a_name(title):
    assert len(split_sentences(f"She met {title} Smith on Tuesday. They talked.")) == 2


@pytest.mark.parametrize("month", MONTHS)
def test_it_keeps_an_abbreviated_month_with_its_day(month):
    assert len(split_sentences(f"It opened {month} 5 in Miami. It closed {month} 9.")) == 2


def test_it_reads_may_as_a_word_that_can_end_a_sentence():
    assert len(split_sentences("The law took effect in May. The governor signed it.")) == 2


@pytest.mark.parametrize("state", STATES)
def test_it_ends_a_sentence_at_a_state_after_a_city(state):
    assert len(split_sentences(f"He lives in Springfield, {state} He works there.")) == 2
    assert len(split_sentences(f"She grew up in Springfield, {state} Smith said.")) == 2
    assert len(split_sentences(f"The Springfield, {state}, police came. They left.")) == 2


@pytest.mark.parametrize("suffix", ["Jr.", "Sr.", "Inc.", "Co.", "Corp.", "Ltd."])
def test_it_ends_a_sentence_at_a_name_suffix_only_before_a_sentence_starter(suffix):
    assert len(split_sentences(f"They met Acme {suffix} The talks failed.")) == 2
    assert len(split_sentences(f"They met Acme {suffix} Chief Jo Lee on Monday.")) == 1


def test_it_keeps_money_with_cents_together():
    assert split_sentences("He made $75,673.72 as of 2016. It rose.") == [
        "He made $75,673.72 as of 2016.",
        "It rose.",
    ]


def test_it_keeps_a_date_together():
    assert split_sentences("He appeared on Feb. 19, 2018, in court.") == [
        "He appeared on Feb. 19, 2018, in court."
    ]


def test_it_keeps_the_attribution_with_the_last_sentence_of_a_quotation():
    text = "“We act. We save lives,” said Jim. “Next.”"
    assert split_sentences(text) == ["“We act.", "We save lives,” said Jim.", "“Next.”"]


def test_it_ends_a_sentence_with_no_final_punctuation():
    assert split_sentences("Have a tip? Send it to us! Email In Touch at") == [
        "Have a tip?",
        "Send it to us!",
        "Email In Touch at",
    ]


def test_it_returns_nothing_for_blank_text():
    assert segment("") == []
    assert segment(" \n\t\r\n  \u2028") == []


def test_it_gives_leading_whitespace_to_the_first_sentence():
    text = "\n\n  First.\r\n\r\nSecond para.\r\nSame line group.  \n"
    spans = segment(text)
    assert [(s.paragraph, s.sentence(text)) for s in spans] == [
        (0, "\n\n  First."),
        (1, "Second para."),
        (1, "Same line group."),
    ]
    assert spans[0].separator(text) == "\r\n\r\n"
    assert spans[-1].sep_end == len(text)
    assert_covers(text, spans)


def test_it_counts_paragraphs_across_several_blank_lines():
    text = "One.\n\n\n \n\nTwo.\n\nThree. Four."
    assert [s.paragraph for s in segment(text)] == [0, 1, 2, 2]


def test_it_splits_standalone_lines_such_as_bylines_and_captions():
    text = "By Jane Smith\nAssociated Press\nWASHINGTON — The Senate voted on Tuesday to pass it."
    assert [s.paragraph for s in segment(text)] == [0, 0, 0]
    assert split_sentences(text)[:2] == ["By Jane Smith", "Associated Press"]


def test_it_keeps_hard_wrapped_prose_together():
    text = (
        "The officer said he had done his job and that the county\n"
        "Sheriff's Office would review the case in the coming weeks, a spokesman\n"
        "said on Thursday. He declined to comment."
    )
    assert len(split_sentences(text)) == 2


def test_it_splits_after_a_line_that_ends_a_sentence():
    assert split_sentences("He went home.\nThen he slept.") == ["He went home.", "Then he slept."]


def test_it_does_not_split_a_title_from_its_name_across_a_line_break():
    assert split_sentences("He met Mr.\nSmith on Tuesday.") == ["He met Mr.\nSmith on Tuesday."]


def test_it_splits_list_items_on_their_own_lines():
    text = "Key points:\n- The vote was close.\n- The bill goes to the House\n1. Open it\n2. Sit"
    assert split_sentences(text) == [
        "Key points:",
        "- The vote was close.",
        "- The bill goes to the House",
        "1. Open it",
        "2. Sit",
    ]


def test_it_keeps_bracketed_omissions_inside_the_sentence():
    assert len(split_sentences("He said the plan [...] would work. It did not.")) == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "SALEM, Ore. (AP) — Crews battled the fire. It spread.",
            ["SALEM, Ore. (AP) — Crews battled the fire.", "It spread."],
        ),
        ("FT. WORTH, Texas (AP) — It rained.", ["FT. WORTH, Texas (AP) — It rained."]),
        (
            "ST. LOUIS, Mo. — Rain fell. It stopped.",
            ["ST. LOUIS, Mo. — Rain fell.", "It stopped."],
        ),
        ("BOISE, Idaho (Reuters) - A judge ruled.", ["BOISE, Idaho (Reuters) - A judge ruled."]),
        (
            "Rain hit Salem, Ore. (The storm was brief.) It ended.",
            ["Rain hit Salem, Ore.", "(The storm was brief.)", "It ended."],
        ),
    ],
)
def test_it_keeps_a_wire_dateline_with_its_first_sentence(text, expected):
    assert split_sentences(text) == expected
