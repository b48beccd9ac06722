"""Claims: check-worthiness, atomic decomposition, context resolution, attribution, spans."""

from datetime import date

import pytest

from corroborate import segment
from corroborate.claims import attribute, extract_claims, strip_dateline
from corroborate.claims.checkworthy import load_checkworthiness

DAY = date(2026, 3, 17)  # a Tuesday


def claims_of(text: str, when: date | None = DAY, threshold: float = 0.1):
    """Claims and statements set aside as needing context, in article order (made the same way)."""
    extraction = extract_claims(segment.sentences("a", text), threshold, when)
    return sorted(extraction.claims + extraction.needs_context, key=lambda c: c.start)


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
        (
            "A spokesperson for the regional police, Anna Berg, said in a statement that 300 homes were destroyed.",
            "300 homes were destroyed.",
            "Anna Berg",
        ),
        ("The Great Flood of 1927 killed 212 people.", "The Great Flood of 1927 killed 212 people.", None),
    ],
)
def test_attribution(sentence, statement, speaker):
    assert attribute(sentence) == (statement, speaker)


def test_dateline_is_not_part_of_the_claim():
    assert strip_dateline("VELLMAR, 17 March 2026 - The river rose.") == "The river rose."
    assert strip_dateline("WASHINGTON (Reuters) - The Senate voted 52-48.") == "The Senate voted 52-48."
    assert strip_dateline("The river rose - fast.") == "The river rose - fast."


FACTS = [
    "The Great Ostra Flood of 1927 killed 212 people along the river.",
    "Emergency services evacuated 2,400 residents from the low-lying districts of Vellmar.",
    "The Vellmar dike was designed by the engineer Paul Hartmann after the 1927 flood.",
]
NOT_FACTS = ["We are all in shock.", "I think the council should resign.", "Thanks.", "Flood hits Vellmar"]


def test_facts_outrank_opinions_and_colour():
    scores = load_checkworthiness().score(FACTS + NOT_FACTS)
    assert min(scores[: len(FACTS)]) > max(scores[len(FACTS) :])
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_questions_and_opinions_give_no_claims():
    assert claims_of("Is a dike built almost a hundred years ago still enough? We are all in shock.") == []


def test_the_threshold_is_the_users_choice():
    text = " ".join(FACTS)
    assert len(claims_of(text, threshold=0.0)) >= len(claims_of(text, threshold=0.9))
    assert claims_of(text, threshold=1.0) == []


def test_a_sentence_with_several_facts_gives_one_claim_per_fact():
    text = "The flood injured 40 people and killed 12, among them the town's mayor."
    claims = claims_of(text)
    assert [c.text for c in claims] == [
        "The flood injured 40 people.",
        "The flood killed 12.",
        "The town's mayor was among the 12 killed by the flood.",
    ]
    # Each claim keeps the spans of the article it was built from.
    assert [text[a:b] for a, b in claims[1].spans] == ["The flood", "killed 12"]
    assert all(c.start == 0 and c.end == len(text) for c in claims)


def test_relative_clauses_and_appositives_become_claims_of_their_own():
    texts = {c.text for c in claims_of("Anna Berg, the town's mayor, said the dam, which was built in 1962, failed.")}
    assert {"The dam failed.", "The dam was built in 1962.", "Anna Berg is the town's mayor."} <= texts


def test_a_relative_clause_that_may_be_about_either_noun_stays_in_its_sentence():
    # The parser hangs "which ..." on Rhenburg (and on the Ostra); the match (and the dam) are meant.
    for text in (
        "FC Vellmar has postponed its match against Rhenburg, which was due to draw 11,000 spectators.",
        "The dam on the Ostra, which was built in 1962, failed.",
    ):
        texts = [c.text for c in claims_of(text)]
        assert not any(t.startswith(("Rhenburg was", "The Ostra was")) for t in texts), texts
        assert any("11,000 spectators" in t or "built in 1962" in t for t in texts), texts


def test_the_engineer_before_a_name_is_no_claim_of_its_own_but_a_title_is():
    texts = [c.text for c in claims_of("The dike was designed by the engineer Paul Hartmann after the 1927 flood.")]
    assert texts == ["The dike was designed by the engineer Paul Hartmann after the 1927 flood."]
    texts = {c.text for c in claims_of("The town's engineer, Paul Hartmann, said the dike had held for six hours.")}
    assert "Paul Hartmann is the town's engineer." in texts


def test_coordinated_passive_keeps_its_auxiliary():
    assert [c.text for c in claims_of("The mayor was injured and taken to hospital in Kessel.")] == [
        "The mayor was injured.",
        "The mayor was taken to hospital in Kessel.",
    ]


def test_a_participle_read_as_a_past_tense_after_a_passive_is_not_split_into_an_active_claim():
    # The tagger reads "named" as a past tense: split off, it would say "I named David Roy Fitch".
    texts = [c.text for c in claims_of("I was born intersex and named David Roy Fitch at birth.")]
    assert texts == ["I was born intersex and named David Roy Fitch at birth."]


def test_pronouns_and_references_name_their_entity():
    text = (
        "The 5th Engineering Battalion arrived in Vellmar on 2 March 2026. "
        "The unit evacuated nearly three dozen villages. "
        "Maria Keller ordered the evacuation. She said 2,400 people had left."
    )
    claims = claims_of(text)
    by_text = {c.text: c for c in claims}
    assert "[The 5th Engineering Battalion] evacuated nearly three dozen villages." in by_text
    claim = by_text["[The 5th Engineering Battalion] evacuated nearly three dozen villages."]
    assert claim.verbatim == "The unit evacuated nearly three dozen villages."
    assert claim.statement == "The 5th Engineering Battalion evacuated nearly three dozen villages."
    resolved = claim.resolutions
    assert [(r.original, r.replacement, r.kind) for r in resolved] == [
        ("The unit", "The 5th Engineering Battalion", "reference")
    ]
    last = claims[-1]
    assert (last.text, last.speaker, last.reported) == ("2,400 people had left.", "Maria Keller", True)


def test_a_surname_gets_the_full_name():
    claims = claims_of("Anna Berg leads the police in Kessel. Berg said 300 homes were destroyed.")
    assert claims[-1].speaker == "Anna Berg"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The dam failed last November.", "The dam failed [in November 2025]."),
        ("The dam was inspected in December.", "The dam was inspected in [December 2025]."),
        ("The dam failed on Monday.", "The dam failed on [16 March 2026]."),
        ("The dam failed yesterday.", "The dam failed [on 16 March 2026]."),
        ("The council approved the repairs last year.", "The council approved the repairs [in 2025]."),
        ("The dam failed two days ago.", "The dam failed [on 15 March 2026]."),
    ],
)
def test_relative_dates_become_absolute_with_the_document_date(sentence, expected):
    claims = claims_of(sentence)
    assert claims[0].text == expected
    assert claims[0].resolutions[0].kind == "date"


def test_an_unknown_document_date_is_said_not_guessed():
    claims = claims_of("The dam failed last November.", when=None)
    assert claims[0].text == "The dam failed last November."
    assert "document's date is unknown" in claims[0].notes[0]


def test_a_bare_quote_continues_the_previous_speaker():
    text = '"We evacuated 2,400 people," said Maria Keller. "The army sent 350 soldiers on Friday."'
    claims = claims_of(text)
    assert [(c.text, c.speaker) for c in claims] == [
        ("We evacuated 2,400 people.", "Maria Keller"),
        ("The army sent 350 soldiers on [13 March 2026].", "Maria Keller"),
    ]
    for c in claims:
        assert text[c.start : c.end] == c.sentence


def test_the_speaker_role_is_kept_for_the_report():
    claims = claims_of("A spokesperson for the regional police, Anna Berg, said 300 homes were destroyed.")
    content = next(c for c in claims if c.reported)
    assert content.claimed_by == "A spokesperson for the regional police, Anna Berg"


def test_an_overlong_sentence_is_skipped_with_a_reason_and_does_not_hang():
    text = "The river rose by 3 metres and " * 3500 + "the mayor resigned."  # ~20,000 words
    result = extract_claims(segment.sentences("a", text), 0.1, DAY)
    assert result.claims == []
    assert any("not one claim" in s.reason for s in result.skipped)


def test_markup_is_not_prose():
    text = '<div class="x"><p>{{ item.count }}</p></div> | col | col | <br/> [link](http://x) ==== ### ***'
    result = extract_claims(segment.sentences("a", text), 0.0, DAY)
    assert result.claims == []
    assert result.skipped


@pytest.mark.parametrize(
    "sentence",
    ["Maria Keller declared a state of emergency on 14 March 2026.", "The dam failed on March 14, 2025."],
)
def test_a_written_date_is_left_alone(sentence):
    claims = claims_of(sentence)
    assert claims[0].text == sentence and claims[0].resolutions == ()


def test_the_town_is_the_place_the_article_is_about():
    text = (
        "The army sent 350 soldiers to Vellmar on Sunday. Residents of Vellmar spent two nights in schools. "
        "Officials said the town had lost 90 million euros."
    )
    last = claims_of(text)[-1]
    assert last.text == "[Vellmar] had lost 90 million euros."
    assert [(r.original, r.replacement) for r in last.resolutions] == [("the town", "Vellmar")]
