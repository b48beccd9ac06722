"""Tagger and parser errors that would make a split claim unfaithful or lose it (issue 14, eighth
round): a clause's subject the parser hung on the noun before it ("infested with vermin and staff | are
horrified"), a past tense read as a participle ("The old dam held"), the second verb of a modal perfect
("may have closed the road and diverted traffic") read as a past tense of its own.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claims_of


def test_a_subject_read_as_a_second_object_stays_the_next_verbs_subject():
    texts = [
        c.text
        for c in claims_of(
            "Kessel has a population of 40,000 people and many residents reported hearing a loud bang on Sunday night."
        )
    ]
    assert "Kessel has a population of 40,000 people." in texts
    assert not any("Kessel reported" in t or "and many residents." in t for t in texts)
    assert any(t.startswith("Many residents reported hearing a loud bang") for t in texts)


def test_a_collective_subject_is_never_made_part_of_what_the_building_is_infested_with():
    texts = [
        c.text
        for c in claims_of(
            "The council's new office building in Kessel is infested with rats and staff are understandably horrified."
        )
    ]
    assert not any(t.endswith("infested with rats and staff.") for t in texts)
    assert not any("building are" in t for t in texts)


def test_a_past_tense_the_tagger_called_a_participle_still_makes_a_claim():
    claims = claims_of('Anna Berg met Markus Lenz on Monday. She said: "The old dam held for 40 years."')
    quoted = next(c for c in claims if "dam" in c.text)
    assert quoted.text == "The old dam held for 40 years."
    assert quoted.claimed_by == "Anna Berg"


def test_a_modal_perfect_governs_both_verbs_it_joins():
    texts = [
        c.text for c in claims_of("Police may have closed the road to Kessel and diverted traffic through Rasnov.")
    ]
    assert "Police may have closed the road to Kessel." in texts
    assert "Police may have diverted traffic through Rasnov." in texts
