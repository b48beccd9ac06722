"""Notes for "the video", "the 52-year-old singer" (issue 14, seventh round): a first naming too long
to give whole is given by its first whole parts; a thing brought in twice gets no note; a person
described with an age is the person the story is about.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claim_with


def test_a_long_first_naming_is_shortened_to_its_first_whole_parts():
    claim = claim_with(
        "A propaganda video claiming to show British aid worker Alan Platt kneeling on a hillside and reading "
        "a long statement against the government was posted online on Tuesday. The Foreign Office said the "
        "video was being examined by experts.",
        "examined",
    )
    assert (
        "“the video”: probably the propaganda video claiming to show British aid worker Alan Platt kneeling on a hillside"
        in claim.notes
    )


def test_a_thing_brought_in_twice_gets_no_note():
    claim = claim_with(
        "A video claiming to show the aid worker Alan Platt was posted on Tuesday. The Foreign Office said it "
        "was studying it. A video posted on a militant forum on Wednesday purports to show his release. "
        "Officials said the video was authentic.",
        "authentic",
    )
    assert not any("the video" in note and "probably" in note for note in claim.notes)


def test_a_person_described_with_an_age_is_the_one_the_story_is_about():
    claim = claim_with(
        "Axl Rose is alive and well, his manager said on Tuesday. Rose was reported dead on a satire site. "
        "Fans of Rose mourned online for hours. Rose played a concert in Las Vegas on Saturday. The talented "
        "52-year-old singer has sold 100 million records.",
        "100 million records",
    )
    assert "“The talented 52-year-old singer”: probably Axl Rose" in claim.notes
