"""The cast holds people only, decided from evidence, and the name rules read it right:
surname-first names, particles and hyphens, names in quotations, companies, clubs,
parties and nationalities that are not people, two spellings two letters apart."""

from __future__ import annotations

import pytest

from review.checks import input_from_text, run_checks
from review.checks.cast import cast_of, split_name
from review.checks.document import Document
from tests.checks.seed import EVERY_RULE


def cast(text: str):
    data, _ = input_from_text(text)
    return cast_of(Document(data))


def names(text: str, rule: str | None = None, *, every: bool = True):
    data, _ = input_from_text(text)
    found = run_checks(data, enabled=EVERY_RULE if every else None)
    return [
        (f.rule_id, f.quote)
        for f in found
        if f.kind == "name-spelling" and rule in (None, f.rule_id)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Toyota Motor said sales rose.\nToyota cut prices in May.",
        "Qantas Airways cancelled flights.\nQantas said storms were to blame.",
        "Bayern Munich beat Chelsea.\nBayern scored twice.",
        "Labour said the plan would fail.\nThe Conservative Party disagreed.",
        "The French and the Germans agreed.\nBritish ministers were not told.",
        "Manchester United fans protested.\nManchester was quiet by night.",
        "The Liverpool band played on.\nChelsea boss Ana Ruiz said so.",
        "Shares in Marks & Spencer fell 4%.\nMarks rose later in the day.",
    ],
)
def test_organisations_clubs_parties_and_nationalities_are_not_people(text):
    people = set(cast(text).people)
    assert people <= {"Ana Ruiz"}, people


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Tory leader Michael Howard spoke first.", "Michael Howard"),
        ("The striker, Didier Drogba, was injured.", "Didier Drogba"),
        ("Jim Bell, 52, said the union would act.", "Jim Bell"),
        ("Ana Ruiz, who founded the firm, left.", "Ana Ruiz"),
        ("The squad: G Kerr, S Murray.", "G Kerr"),
        ("It was a win for Hilary Swank and the cast.", "Hilary Swank"),
    ],
)
def test_evidence_makes_a_person(text, person):
    assert person in cast(text).people


def test_a_family_name_first_name_is_read_from_later_mentions():
    people = cast("Chen Wei runs the lab in Shanghai.\nChen said the results were early.").people
    person = people["Chen Wei"]
    assert (person.first, person.last) == ("Wei", "Chen")


@pytest.mark.parametrize(
    ("full", "given", "family"),
    [
        ("Ana de la Vega", "Ana", "De la Vega"),
        ("Jan van der Berg", "Jan", "Van der Berg"),
        ("Maria Gutiérrez-Vega", "Maria", "Gutiérrez-Vega"),
        ("Martin Luther King Jr", "Martin", "King"),
    ],
)
def test_particle_and_hyphenated_surnames_stay_whole(full, given, family):
    assert split_name(full) == (given, family)


def test_a_particle_surname_on_second_reference_is_not_a_first_name():
    text = "Judge Ana de la Vega ruled on Friday.\nDe la Vega said the law was clear."
    assert names(text) == []


def test_a_surname_two_letters_off_is_caught_with_a_courtesy_title():
    text = "Mark Reilly, the club's chairman, resigned.\nMr Riley said he had no regrets."
    assert ("names.two-spellings", "Riley") in names(text)


def test_two_letters_off_without_a_title_is_left_alone():
    text = "Mark Reilly, the club's chairman, resigned.\nRiley Park was sold."
    assert names(text, "names.two-spellings") == []


def test_a_full_name_two_letters_off_with_the_same_first_name_is_caught():
    text = "Mark Reilly, the club's chairman, resigned.\nFans thanked Mark Riley for his work."
    assert ("names.two-spellings", "Mark Riley") in names(text)


def test_names_in_quotations_are_the_speakers_words():
    text = "The coach, Marcus Ellery, resigned.\n“Marcus gave everything,” the captain said."
    assert names(text, "names.first-name") == []


def test_speech_whose_quotation_marks_were_lost_is_left_alone():
    text = (
        "Sprinter Joice Maduaka pulled out.\n"
        "The pair are good rivals but Joice had a chest infection.\n"
        "I think she would have won."
    )
    assert names(text, "names.first-name") == []


def test_a_plural_of_a_name_is_not_a_misspelling():
    text = "Wayne Rooney, 19, scored twice.\nWe can't all be Wayne Rooneys, the coach said."
    assert names(text, "names.two-spellings") == []


def test_an_ambiguous_first_name_is_flagged_out_of_the_box():
    text = (
        "Sheriff Scott Israel spoke first.\nDeputy Scot Peterson resigned.\n"
        "The union did not blame Scott for the delay."
    )
    assert ("names.ambiguous-first-name", "Scott") in names(text, every=False)
