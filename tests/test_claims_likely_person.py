"""The likely person behind "he"/"she" when several were named (issue 14, seventh round): a note the
reports show, never a bracket, and only where nothing else just named could be meant.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claim_with, claims_of


def test_he_after_a_sentence_about_one_man_names_him_in_a_note():
    claim = claim_with(
        "Daniel Hart, a welder from Leeds, won 40 million pounds in the lottery. His neighbour Paul Reid said "
        "the family had struggled for years. Hart bought a house for his parents in March. He gave most of the "
        "rest to a children's hospital.",
        "children's hospital",
    )
    assert "[" not in claim.text
    assert "“He”: probably Daniel Hart" in claim.notes


def test_he_in_a_sentence_that_names_one_man_before_it_is_that_man():
    claim = claim_with(
        "Tomas Berg, the club's coach, was fined by the league. Anders Holm, its chairman, defended him. Berg's "
        "remarks were offensive and it is unclear whether he will appeal.",
        "appeal",
    )
    assert "“he”: probably Tomas Berg" in claim.notes


def test_he_after_a_sentence_that_named_another_man_is_left_without_a_note():
    claim = claim_with(
        "Marek Novak filmed a homeless man for his channel. Novak gave the man, whose name is Petr, more money. "
        "Novak later met Petr Kolar again and gave Kolar a job. He has been living on the street for a year.",
        "living on the street",
    )
    assert not any("probably" in note for note in claim.notes)


def test_a_first_name_of_one_gender_rules_a_person_out_for_she():
    claim = claim_with(
        "Yasir Abdulla, a shopkeeper in Erbil, saw the raid. Abdulla told reporters that Abdulla's shop was "
        "hit. Abdulla said the fighters left at dawn. The town was quiet on Sunday. Food prices rose. Schools "
        "stayed shut. She went to the militants' headquarters to ask about the prisoners.",
        "headquarters",
    )
    assert "Yasir" not in claim.text + " ".join(claim.notes)


def test_he_before_the_man_the_main_clause_names_is_that_man():
    claim = claim_with(
        "Police Officer Mark Dunne was praised by the mayor on Monday. Lena Ortiz, a lawyer for the family, "
        "disputed the account. Six months before he shot a teenager in Dalton, police Officer Darren Wilson "
        "earned a commendation for bravery.",
        "commendation",
    )
    assert "Mark Dunne" not in claim.text + " ".join(claim.notes)


def test_it_is_never_the_person_the_last_sentence_was_about():
    claim = claim_with(
        "Mayor Anna Berg pressed Governor Tom Hale on Friday for more money for bridges. Hale countered by "
        "calling the request excessive. It was the first meeting between the two since the flood.",
        "first meeting",
    )
    assert "Hale]" not in claim.text


def test_it_that_was_done_to_is_not_put_in_brackets():
    claims = claims_of(
        "Kessel Radio aired the tape on Monday. It was allegedly recorded near the dam on 9 August. The "
        "authority said it had been destroyed in the flood."
    )
    assert not any("[Kessel Radio]" in c.text for c in claims)
    assert not any("[The authority]" in c.text or "[the authority]" in c.text for c in claims)


def test_he_in_what_a_spokesman_for_someone_says_is_probably_the_one_spoken_for():
    claim = claim_with(
        "Gunfire broke out near the parliament in Kessel on Wednesday. A spokesman for Prime Minister Stephen "
        "Harper said he was safe and had left the area.",
        "safe",
    )
    assert "“he”: probably Stephen Harper" in claim.notes and "[" not in claim.text


def test_a_subject_whose_appositive_says_it_is_a_person_counts_as_one():
    claims = claims_of(
        "A deceased suspect has been identified as Michael Bibeau. Corporal Nathan Cirillo, 24, a reservist "
        "with the Argyll regiment, was shot in the chest by the assailant. He was put in an ambulance but later "
        "died of his injuries."
    )
    ambulance = next(c for c in claims if "ambulance" in c.text)
    assert "Bibeau" not in ambulance.text + " ".join(ambulance.notes)
