import pytest

from corroborate import segment
from corroborate.claims import attribute, checkworthiness, extract_claims, strip_dateline


@pytest.mark.parametrize(
    ("sentence", "statement", "speaker"),
    [
        (
            '"The water rose four metres in two hours," said Maria Keller, the mayor.',
            "The water rose four metres in two hours.",
            "Maria Keller",
        ),
        ('"We evacuated 2,400 people," Maria Keller said.', "We evacuated 2,400 people.", "Maria Keller"),
        ('Maria Keller said: "The dike held for six hours."', "The dike held for six hours.", "Maria Keller"),
        ("Police said that 12 people had died in the flood.", "12 people had died in the flood.", "Police"),
        (
            "Jonas Weber, a hydrologist at the authority, said the river peaked on Friday.",
            "The river peaked on Friday.",
            "Jonas Weber",
        ),
        (
            "According to the river authority, the Ostra peaked at 7.2 metres.",
            "The Ostra peaked at 7.2 metres.",
            "the river authority",
        ),
        ("The dam at Kessel burst at dawn, officials said.", "The dam at Kessel burst at dawn.", "officials"),
        ("The Great Flood of 1927 killed 212 people.", "The Great Flood of 1927 killed 212 people.", None),
    ],
)
def test_attribution(sentence, statement, speaker):
    assert attribute(sentence) == (statement, speaker)


def test_dateline_is_not_part_of_the_claim():
    assert strip_dateline("VELLMAR, 17 March 2026 - The river rose.") == "The river rose."
    assert strip_dateline("WASHINGTON (Reuters) - The Senate voted 52-48.") == "The Senate voted 52-48."
    assert strip_dateline("The river rose - fast.") == "The river rose - fast."


@pytest.mark.parametrize(
    "sentence",
    [
        "The Great Ostra Flood of 1927 killed 212 people along the river.",
        "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar.",
        "The Vellmar dike was designed by the engineer Paul Hartmann after the 1927 flood.",
    ],
)
def test_factual_sentences_are_check_worthy(sentence):
    assert checkworthiness(sentence) >= 0.5


@pytest.mark.parametrize(
    "sentence",
    [
        "Is a dike built almost a hundred years ago still enough?",
        "We are all in shock.",
        "I think the council should resign.",
        "Flood hits Vellmar",
        "Thanks.",
        "On Tuesday morning the smell of wet mud hung over the market square.",
    ],
)
def test_questions_opinions_and_colour_are_not(sentence):
    assert checkworthiness(sentence) < 0.5


def test_a_bare_quote_continues_the_previous_speaker():
    text = '"We evacuated 2,400 people," said Maria Keller. "The army sent 350 soldiers on Friday."'
    claims = extract_claims(segment.sentences("a", text))
    assert [(c.text, c.speaker) for c in claims] == [
        ("We evacuated 2,400 people.", "Maria Keller"),
        ("The army sent 350 soldiers on Friday.", "Maria Keller"),
    ]
    for c in claims:
        assert text[c.start : c.end] == c.sentence


def test_an_overlong_sentence_is_not_a_claim_and_does_not_hang():
    text = "The river rose by 3 metres, " * 100 + "said the mayor."
    assert extract_claims(segment.sentences("a", text)) == []
