# ruff: noqa: E501  (stories are one sentence a line, as the segmenter would cut them)
"""The rules on stories they were not written against: other names, outlets, boilerplate.

Each story lists exactly what it must raise, so a new false positive fails as loudly as a
missed problem.
"""

from __future__ import annotations

import pytest

from review.checks import input_from_text, run_checks
from tests.checks.seed import EVERY_RULE

COUNCIL = """Councilwoman Priya Raman said Tuesday the city would not raise parking fees this year.
The proposal drew 300 complaints, according to city records.

Raman, who chairs the budget committee, said the fees would be reviewed in January.
Critics said the delay would cost the city $1.2 million.
“We listened,” said Ramen.

Mayor Thomas Whitaker backed the plan.
Thomas said he was pleased.

Sign up for our Morning Briefing newsletter.
Follow the Valley Courier on Facebook."""

STORM = """Dr. Katherine Osei, a meteorologist at the state university, said the storm was the strongest to hit the coast in 40 years.
Katharine Osei said winds reached 110 mph in Port Arthur, TX.
The storm reportedly destroyed more than 200 homes, according to figures first reported by the Gulf Coast Tribune.
People familiar with the recovery effort said the cost could reach $3 billion.

“It looked like the end of the world.”

Got a story idea?
Email the newsroom at"""

CRIME = """A Riverside man was charged Friday with setting fire to a warehouse on Dock Road, police said.
Daniel Okafor, 34, allegedly poured gasoline near the loading bay before dawn.
Okafor's lawyer, Simone Bright, said her client would plead not guilty.
Bright said Okafor was at home with his family that night.
Investigators said the damage was the worst they had seen in the county.

ADVERTISEMENT

Read more: Warehouse fires rise across the region
Will Okafor take a plea deal?
The case returns to court in the spring."""

SPORTS = """Will Thompson scored twice as the Rovers beat the Harbor City Hawks on Saturday.
Thompson, a 19-year-old forward, joined the club in the summer.
Coach Lena Marsh said the team played with real confidence.
“He has been brilliant for us all season,” Marsh said.
Marsh said the club would not sell Thompson in the winter.

Story continues below

© Valley Courier. All rights reserved."""

QUIET = """The city will open a new bike lane along the river next spring.
Planners said they hope the lane will make cycling to work safer and more pleasant.
Residents can comment on the design at the public library until the end of the month.
“We want people to tell us what works and what does not,” said Julia Mendes, the city’s transport planner.
Mendes said the design could change after the consultation."""

FAMILY = """Ana Lucía Ferreira has coached the girls’ soccer team at Eastside High School since it was founded.
Ferreira, who played in college, said her players train before school every week.
“They come early because they want to,” Ferreira said.
Her assistant, Tomás Ferreira, is her brother.
Tomás keeps the equipment in order, and Ferreira runs the drills.
“Ana pushes everyone, including me,” Tomás Ferreira said."""

EXPECTED = {
    "council": (
        COUNCIL,
        {
            ("claims.vague-attribution", "Critics said"),
            ("names.two-spellings", "Ramen"),
            ("names.first-name", "Thomas"),
            ("dangling.promo", "Sign up for our Morning Briefing newsletter."),
            ("dangling.promo", "Follow the Valley Courier on Facebook."),
        },
    ),
    "storm": (
        STORM,
        {
            # "the strongest …, said Dr. Osei": attributed, a worksheet fact (issue 9)
            ("names.two-spellings", "Katharine Osei"),
            ("style.abbreviations", "TX"),
            # "reportedly destroyed …, according to figures first reported by …": the
            # sentence says whose figures they are, so no hedge flag; the second-hand
            # flag asks for the original (issue 9, set G)
            ("claims.second-hand", "first reported by the Gulf Coast Tribune"),
            ("claims.vague-attribution", "People familiar with"),
            ("claims.unattributed-quote", "“It looked like the end of the world.”"),
            ("dangling.promo", "Got a story idea?"),
            ("dangling.missing-address", "Email the newsroom at"),
        },
    ),
    "crime": (
        CRIME,
        {
            ("claims.hedge", "allegedly"),
            # "Investigators said … the worst": attributed, a worksheet fact (issue 9)
            ("dangling.promo", "ADVERTISEMENT"),
            ("dangling.promo", "Read more: Warehouse fires rise across the region"),
        },
    ),
    "sports": (
        SPORTS,
        {
            ("dangling.promo", "Story continues below"),
            ("dangling.promo", "© Valley Courier. All rights reserved."),
        },
    ),
    "quiet": (QUIET, set()),
    "family": (FAMILY, set()),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_each_story_raises_exactly_what_an_editor_would(name):
    text, expected = EXPECTED[name]
    data, _ = input_from_text(text)
    found = {
        (f.rule_id, f.quote if f.rule_id != "claims.figures" or name == "council" else None)
        for f in run_checks(data, enabled=EVERY_RULE)
    }
    assert found == expected


def test_the_registry_spelling_wins_over_the_story_majority():
    data, _ = input_from_text(STORM, registry=["Katharine Osei"])
    flags = [f for f in run_checks(data, enabled=EVERY_RULE) if f.rule_id == "names.two-spellings"]
    assert [(f.quote, f.suggestion) for f in flags] == [("Katherine Osei", "Katharine Osei")]


def test_registered_names_are_checked_for_lower_case_in_every_story():
    data, _ = input_from_text("The award went to lena marsh on Friday.", registry=["Lena Marsh"])
    (flag,) = run_checks(data, enabled=EVERY_RULE)
    assert (flag.rule_id, flag.quote, flag.suggestion) == (
        "names.lower-case",
        "lena marsh",
        "Lena Marsh",
    )


def test_names_inside_quotations_are_the_speakers_words():
    data, _ = input_from_text("Coach Lena Marsh spoke.\n“Lena knows the game,” Thompson said.")
    assert [f for f in run_checks(data, enabled=EVERY_RULE) if f.kind == "name-spelling"] == []
