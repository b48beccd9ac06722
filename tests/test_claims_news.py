"""Claims from news as real reporting writes it: faithful references, hedges that survive, speakers
over several sentences, grammatical rewrites, page furniture left out (issue 14).

Every sentence here was written for these tests in the style of agency and web news; none is taken
from the benchmark's articles.
"""

from datetime import date

import pytest

from corroborate import segment
from corroborate.claims import extract_claims
from corroborate.report.json import claims_to_dict

DAY = date(2026, 3, 17)


def extract(text: str, threshold: float = 0.1):
    # the rules alone: the context model, which sets aside more, has its own tests
    return extract_claims(segment.sentences("a", text), threshold, DAY, set_aside_at=2.0)


def claims_of(text: str, threshold: float = 0.1):
    """Claims and statements set aside as needing context, in article order (made the same way)."""
    extraction = extract(text, threshold)
    return sorted(extraction.claims + extraction.needs_context, key=lambda c: c.start)


def texts(text: str) -> list[str]:
    return [c.text for c in claims_of(text)]


# --- references: replaced only on strong evidence, in brackets; otherwise a note --------------------


def test_the_one_person_named_is_put_in_brackets():
    claims = claims_of("Anna Berg was elected mayor of Kessel in 2019. She resigned on 3 March 2026.")
    last = claims[-1]
    assert last.text == "[Anna Berg] resigned on 3 March 2026."
    assert last.verbatim == "She resigned on 3 March 2026."
    assert last.statement == "Anna Berg resigned on 3 March 2026."


def test_a_pronoun_with_two_candidates_is_left_as_written():
    claims = claims_of(
        "Police questioned the actor Tom Reyes and the director Paul Hartmann on Monday. "
        "He had settled a lawsuit over the film in 2006."
    )
    last = claims[-1]
    assert last.text == "He had settled a lawsuit over the film in 2006."
    assert last.resolutions == ()


def test_a_pronoun_inside_a_quotation_gets_a_note_not_a_replacement():
    claims = claims_of(
        "Anna Berg was elected mayor of Kessel in 2019. "
        '"She never lived in the town," said Paul Hartmann, a council member.'
    )
    quoted = next(c for c in claims if "never lived" in c.text)
    assert quoted.text.startswith("She never lived")
    assert "“She”: probably Anna Berg" in quoted.notes


def test_a_name_the_tagger_took_for_a_person_is_never_put_in():
    claims = claims_of(
        "The ruler's waistline has grown because of imported French cheese and Johnnie Walker whisky. "
        "Earlier he was missing from the scene for a month."
    )
    assert not any("Johnnie Walker]" in c.text for c in claims)


def test_the_reporter_who_wrote_is_never_the_one_who_settled():
    claims = claims_of(
        "Police questioned the actor on Monday. He had settled a lawsuit in 2006, the reporter Jane Doe wrote."
    )
    assert not any("Jane Doe] had settled" in c.text or "Jane Doe had settled" in c.text for c in claims)


def test_a_gender_the_article_shows_rules_out_a_candidate():
    claims = claims_of(
        "Mr Paul Hartmann met the actress Lena Voss in Kessel on 2 March 2026. She left the city the next day."
    )
    assert claims[-1].text.startswith("[Lena Voss] left")


def test_they_inside_a_quotation_stays_the_speakers_word():
    claims = claims_of(
        'Guards surrounded the building on Monday. "They are not letting us leave," said Anna Berg, '
        "a nurse trapped inside with 40 colleagues."
    )
    quoted = next(c for c in claims if "letting us leave" in c.text)
    assert quoted.text == "They are not letting us leave."
    assert quoted.speaker == "Anna Berg"


def test_an_expletive_it_is_never_replaced():
    claims = claims_of(
        "The ministry published the figures on Monday. It is clear that 300 homes were destroyed in the flood."
    )
    assert not any("ministry]" in c.text.lower() for c in claims)


def test_it_is_the_one_subject_of_the_sentence_before_or_left_as_written():
    claims = claims_of(
        "The Ostra River Authority closed the dam on Friday. It reopened the spillway on Sunday after 40 hours."
    )
    assert claims[-1].text.startswith("[The Ostra River Authority] reopened the spillway")
    claims = claims_of(
        "The Big Mac has 550 calories. The apple pie contains 250 calories, and it would take 69 minutes to walk off."
    )
    assert not any("[the Big Mac]" in c.text or "[The Big Mac]" in c.text for c in claims)


def test_a_surname_alone_gets_the_first_name_in_brackets():
    claims = claims_of("Anna Berg leads the police in Kessel. Berg closed the bridge on 3 March 2026.")
    assert claims[-1].text == "[Anna] Berg closed the bridge on 3 March 2026."


def test_the_json_keeps_both_forms():
    extraction = extract("Anna Berg was elected mayor of Kessel in 2019. She resigned on 3 March 2026.")
    claim = claims_to_dict(extraction, "a.txt", "")["claims"][-1]
    assert claim["text"] == "[Anna Berg] resigned on 3 March 2026."
    assert claim["verbatim"] == "She resigned on 3 March 2026."


# --- hedges, modals and negations survive every split; chains of reporting stay chains -------------


@pytest.mark.parametrize(
    ("sentence", "wanted"),
    [
        (
            "The army would withdraw its troops from Kessel and hand over the base to the police.",
            "The army would hand over the base to the police.",
        ),
        (
            "Police reportedly arrested two men in Kessel and seized 40 kilograms of cocaine.",
            "Police reportedly seized 40 kilograms of cocaine.",
        ),
    ],
)
def test_modals_and_hedges_reach_every_joined_verb(sentence, wanted):
    assert wanted in texts(sentence)


def test_a_joined_verb_keeps_its_negation():
    found = texts("The company did not publish the figures for 2025 and never answered the regulator's letters.")
    assert not any(t.startswith("The company published") for t in found)
    assert any("not publish" in t for t in found)


def test_reports_noted_by_an_envoy_are_claimed_by_the_reports():
    claims = claims_of("The UN envoy noted reports that the army had shelled the village of Kessel on Sunday.")
    shelled = next(c for c in claims if "shelled" in c.text)
    assert shelled.reported
    assert shelled.speaker.startswith("reports (relayed by The UN envoy")


def test_it_has_been_reported_is_no_speaker_called_it():
    claims = claims_of("The minister has been drinking snake wine to lose weight, it has been reported.")
    assert claims[0].speaker == "unnamed reports"


# --- grammar ----------------------------------------------------------------------------------------


def test_so_called_keeps_its_so():
    assert any(t.startswith("The so-called rescue corridors") for t in texts(
        "The so-called rescue corridors out of Kessel were closed by the army on 3 March 2026."
    ))  # fmt: skip


def test_a_demonstrative_subject_is_not_cut():
    claims = claims_of('"That is the trend of today," said Senad Berg, a gynaecologist in Kessel.')
    assert "That is the trend of today." in [c.text for c in claims]


def test_no_verb_is_left_without_its_subject():
    found = texts(
        "Lena Voss became a member of the council by 2011, and that carried over to the party's board in 2014."
    )
    assert not any(t.startswith("Carried") for t in found)


def test_role_claims_only_for_an_office_and_with_an_article():
    found = texts("Kessel fire chief Markus Lenz and taxi driver Anna Berg were at the bridge on Monday.")
    assert "Markus Lenz is the Kessel fire chief." in found
    assert not any(t.startswith("Anna Berg is") for t in found)


def test_a_title_that_does_not_say_of_what_makes_no_role_claim():
    found = texts("Assistant manager Katrina Cavanagh said the centre had 100 calls. Fire chief Markus Lenz agreed.")
    assert not any(t.startswith(("Katrina Cavanagh is", "Markus Lenz is")) for t in found)


def test_a_coordinated_appositive_makes_no_role_claim():
    found = texts("Both the Tour and Woods' agent, Mark Steinberg, denied the claims about the player on Monday.")
    assert not any(t.startswith("Mark Steinberg is") for t in found)


# --- speakers ---------------------------------------------------------------------------------------


def test_a_quotation_over_several_sentences_keeps_its_speaker():
    claims = claims_of(
        "Anna Berg, the town's engineer, said: \"The dam held for 40 years. "
        "It failed on Monday because nobody maintained the sluices. "
        'We warned the council twice in 2025."'
    )
    reported = [c for c in claims if c.reported]
    assert len(reported) >= 3
    assert {c.speaker for c in reported} == {"Anna Berg"}


def test_the_speaker_named_after_a_long_quotation_owns_all_of_it():
    claims = claims_of(
        '"The dam held for 40 years. It failed on Monday because nobody maintained the sluices," '
        "said Anna Berg, the town's engineer."
    )
    assert {c.speaker for c in claims if "dam" in c.text or "sluices" in c.text} == {"Anna Berg"}


@pytest.mark.parametrize(
    "sentence",
    [
        '"The water rose by three metres in an hour," she continued.',
        "The water rose by three metres in an hour, as she put it.",
        "The water rose by three metres in an hour, as explained by the engineer.",
    ],
)
def test_news_attribution_frames_are_read(sentence):
    claims = claims_of("Anna Berg is the town's engineer in Kessel. " + sentence)
    rose = next(c for c in claims if "three metres" in c.text)
    assert rose.reported
    assert rose.text == "The water rose by three metres in an hour."


def test_according_to_gender_is_no_source():
    claims = claims_of("Wages at the Kessel plant differ by 18 percent according to gender.")
    assert claims and not claims[0].reported


# --- check-worthiness on news -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "furniture",
    [
        "This is a breaking news story.",
        "SEE ALSO: Flood barriers fail in three towns",
        "Image via Reuters / Anna Berg",
        "Share your thoughts in the comments.",
        "Sources: Kessel police, Ostra River Authority",
        "— Kessel Police (@KesselPolice) March 3, 2026",
        "Modified Date: November 25, 2014 10:42 AM",
    ],
)
def test_page_furniture_is_skipped_with_its_reason(furniture):
    result = extract("The Ostra River Authority closed the dam at Kessel on 3 March 2026.\n\n" + furniture, 0.0)
    assert all(furniture.split()[0] not in c.sentence for c in result.claims)
    assert any("page furniture" in s.reason or "headline" in s.reason for s in result.skipped)


def test_a_plain_fact_with_a_name_is_not_dropped():
    claims = claims_of("Dylan Thomas had a spider crawl underneath his skin for three days in Bali.")
    assert claims and claims[0].checkworthiness >= 0.1


def test_a_question_to_readers_gives_no_claim():
    assert claims_of("What do you think about the new menu at McDonald's in Kessel?") == []


def test_a_heading_run_into_a_sentence_is_not_part_of_its_claim():
    text = "Brief Analysis\nThe claims are nonsense because no farm in Texas reported a case of the virus."
    claim = claims_of(text)[0]
    assert claim.text.startswith("The claims are nonsense")
    assert text[claim.spans[0][0] : claim.spans[0][1]].startswith("The claims")


def test_the_articles_doubt_about_a_source_stays_with_the_claim():
    claims = claims_of(
        "Supposedly, the CDC has confirmed that 3,000 of the turkeys at the Kessel farm have tested positive."
    )
    assert claims[0].text.startswith("Supposedly, 3,000 of the turkeys")
    assert claims[0].speaker == "the CDC"


def test_a_doubt_inside_the_speakers_description_is_not_put_on_their_words():
    claims = claims_of("The aid worker who was reportedly abducted near Kessel has said she was released on Tuesday.")
    assert len(claims) == 1 and claims[0].text.startswith("She was released on")
    assert claims[0].speaker.startswith("The aid worker who was reportedly abducted")


def test_a_statement_ending_in_a_quoted_question_is_not_a_question():
    claims = claims_of(
        "Mark Andres, president of the Kessel Dairy Board, asked investors on Monday, “Why do we need preservatives?”"
    )
    assert claims


def test_what_an_appositive_says_of_an_organisation_is_kept():
    found = texts(
        "Texas Prime Turkey Farm, the largest supplier of turkeys in the United States, was ordered to close."
    )
    assert "Texas Prime Turkey Farm is the largest supplier of turkeys in the United States." in found


# --- core and details -----------------------------------------------------------------------------------


def test_a_sentence_with_details_gives_its_core_and_the_whole():
    found = texts("A photo shows about forty protesters in yellow vests blocking the bridge at Kessel.")
    assert "A photo shows about forty protesters blocking the bridge at Kessel." in found
    assert "A photo shows about forty protesters in yellow vests blocking the bridge at Kessel." in found


def test_where_something_happened_is_no_detail_to_drop():
    found = texts("Nearly 300 residents with minor injuries were taken to hospitals in Kessel on Monday.")
    assert all("Kessel" in t for t in found)


def test_a_count_is_never_taken_for_a_detail():
    found = texts("We estimate that it would have taken about 200 kilos to press the snow down that much.")
    assert all("200 kilos" in t for t in found)


def test_verbs_sharing_one_object_stay_one_claim():
    found = texts("Users in Kessel can directly store and retrieve documents on the council's new cloud drive.")
    assert found == ["Users in Kessel can directly store and retrieve documents on the council's new cloud drive."]


def test_a_progressive_auxiliary_never_makes_a_passive():
    found = texts("The Kessel council was never expecting the audit and never denied the figures in 2025.")
    assert not any("was never denied" in t for t in found)


def test_a_possessive_apostrophe_is_kept():
    assert any("Somers' status" in t for t in texts("NBC News added that Luke Somers' status in Yemen was unclear."))


def test_a_lead_in_gives_its_speaker_to_the_passage_it_introduces():
    text = (
        "The Kessel Investment Club sent Business Insider this statement on Monday:\n\n"
        "After talking with Mohammed Islam himself, we have determined that these claims are false. "
        "The figure of 72 million dollars was never confirmed by the club."
    )
    claims = claims_of(text)
    passage = [c for c in claims if "72 million" in c.text or "claims are false" in c.text]
    assert passage and all(c.reported and "Kessel Investment Club" in c.speaker for c in passage)


def test_an_embedded_post_is_claimed_by_its_author():
    text = (
        "Kevin Vickers, the sergeant-at-arms, reportedly shot the gunman outside the meeting room in Kessel.\n"
        "— Tim Mak (@timkmak) October 22, 2014"
    )
    claims = claims_of(text)
    assert claims and claims[0].speaker == "Tim Mak (@timkmak)"


def test_a_quotation_with_no_speaker_found_is_not_the_articles_own():
    claims = claims_of('"The creature was big, looking like a bear, but it was not a bear in the woods of Kessel."')
    assert claims and claims[0].reported and "quotes" in claims[0].speaker


def test_a_thing_described_once_keeps_its_description_in_brackets():
    claims = claims_of(
        "A video released by the captors on Monday showed a militant near Kessel. The video was filmed in Yemen."
    )
    assert claims[-1].text == "The video [released by the captors on Monday] was filmed in Yemen."
    assert claims[-1].verbatim == "The video was filmed in Yemen."


def test_a_first_name_rules_out_the_wrong_gender():
    claims = claims_of(
        "Michael Madden runs a blog about the Kim family in Seoul. Her father used to praise her political mind."
    )
    assert not any("Michael Madden's]" in c.text for c in claims)


def test_a_surname_the_tagger_misses_is_completed():
    claims = claims_of("Tiger Woods withdrew from the tournament in 2014. Woods has won 14 majors since 1997.")
    assert claims[-1].text == "[Tiger] Woods has won 14 majors since 1997."


def test_they_is_the_one_plural_subject_of_the_sentence_before():
    claims = claims_of("Two men from Kessel were arrested on Monday. They were released on bail on Tuesday.")
    assert claims[-1].text == "[Two men] were released on bail on [17 March 2026]."


def test_only_a_thing_brought_in_with_a_or_an_lends_its_description():
    claims = claims_of(
        "It was brought to the attention of the Kessel Investment Club on Monday. "
        "Mohammed Islam did not expect the attention in 2014."
    )
    assert not any("attention [" in c.text for c in claims)


def test_a_caption_without_a_verb_gives_no_claim():
    result = extract("Texas turkey farm near Kessel and Vellmar\n\nThe farm has been closed since 3 March 2026.", 0.0)
    found = [c.text for c in (*result.claims, *result.needs_context)]
    assert found == ["The farm has been closed since 3 March 2026."]


def test_a_contrast_is_not_split_into_a_denial():
    found = texts("\"It's not testosterone, but it's something else,\" Dan Olsen told the Kessel station.")
    assert found == ["It's not testosterone, but it's something else."]


def test_a_title_everyone_knows_makes_no_role_claim():
    found = texts("President Barack Obama called Russian President Vladimir Putin about Ukraine on Friday.")
    assert not any(t.endswith("is the President.") or "is the Russian President" in t for t in found)
    assert "Markus Lenz is the Kessel fire chief." in texts("Kessel fire chief Markus Lenz closed the bridge.")


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Apple did not immediately respond to a request for comment.",
        "We've reached out to the Kessel council for comment.",
        "There was no immediate comment from the Kessel council.",
        "Follow along with our live blog for the latest.",
        "We will update as soon as we hear back.",
        "Story continues below the slideshow.",
    ],
)
def test_no_comment_boilerplate_is_furniture(boilerplate):
    result = extract(boilerplate, 0.0)
    assert result.claims == [] and "page furniture" in result.skipped[0].reason


def test_a_more_link_to_another_story_is_furniture():
    found = texts(
        "Kim Su opened a restaurant in Glasgow on Friday, the Kessel Post reported.\n\n"
        "MORE: Puppies are rescued from tiny cages in Korean dog-meat farm\n\n"
        "MORE: Google thinks photoshopped picture of Kim Su in drag is his younger sister\n"
    )
    assert any("restaurant in Glasgow" in t for t in found), found
    assert not any("Puppies" in t or "photoshopped" in t for t in found), found


def test_asking_for_comment_in_the_story_itself_is_no_furniture():
    result = extract("The Kessel council said on Monday it had asked the ministry for comment on the dam.", 0.0)
    assert result.claims


def test_a_nickname_in_quotation_marks_is_no_name():
    claims = claims_of(
        'Mohammed "Mo" Islam, 17, is rumored to have made 72 million dollars. His net worth was in the high eight figures.'
    )
    assert not any('"Mo' in r.replacement for c in claims for r in c.resolutions)
    assert not any('"Mo' in (c.speaker or "") for c in claims)


def test_an_appositive_naming_another_person_is_still_a_role():
    found = texts("The two were born to Ko Yong Hui, a mistress of former North Korean supreme leader Kim Jong Il.")
    assert "Ko Yong Hui is a mistress of former North Korean supreme leader Kim Jong Il." in found


def test_the_official_is_the_official_quoted_before():
    claims = claims_of(
        "A senior U.S. official told the New York Times that the hostage was shot by his captors in Yemen. "
        "The official said the hostage died from his injuries on a U.S. naval ship."
    )
    assert claims[-1].speaker == "A senior U.S. official"


def test_per_x_relays_the_speakers_claim():
    claims = claims_of("Per Harig, Olsen claimed on a Kessel radio station that Woods had been suspended for a month.")
    assert claims[0].speaker.endswith("(per Harig)")


def test_a_shared_copula_reaches_the_joined_predicate():
    found = texts('"Everything I said on the Kessel radio was only my opinion and not based on any facts," Olsen said.')
    assert "Everything I said on the Kessel radio was not based on any facts." in found


def test_a_speaker_the_parser_hung_elsewhere_is_still_found():
    claims = claims_of(
        "In a phone interview on Monday his partner Damir Tulemaganbetov, who was also in the article, "
        "said the 72 million dollar figure is not accurate."
    )
    figure = next(c for c in claims if "figure" in c.text)
    assert figure.speaker == "Damir Tulemaganbetov"


def test_the_island_is_not_the_one_city_named():
    claims = claims_of("The 62-acre island near Stockholm is for sale. Also on the island is a landing strip.")
    assert not any("[Stockholm]" in c.text for c in claims)


def test_a_relative_clause_after_noun_preposition_noun_stays_even_when_misparsed():
    found = texts(
        "The function is similar to the Battery Saver mode in Android 5.0, which can push battery life to hours."
    )
    assert not any(t.startswith("Android 5.0 can push") for t in found)


def test_a_common_noun_speaker_loses_its_relative_clause():
    claims = claims_of(
        "Apple will offer a low power mode on its watch, according to a new report that also takes a stab at "
        "dispelling rumors that the company dropped some sensors."
    )
    assert claims[0].speaker == "a new report"


def test_a_phrase_with_a_verb_is_no_detail_to_drop():
    found = texts("Apple encountered technical difficulties in achieving its ideal design for the watch in 2014.")
    assert all("in achieving its ideal design" in t for t in found)


def test_a_short_clause_that_says_who_the_speaker_is_stays():
    claims = claims_of(
        "A loud explosion was heard across Managua on Saturday night, according to people who live near the crater."
    )
    assert claims[0].speaker == "people who live near the crater"


def test_the_company_is_never_the_newspaper_that_reported_on_it():
    claims = claims_of(
        "The mayor signed the order on Monday, the Kessel Post said.\n\nThe company will cut 300 jobs in Kessel."
    )
    claim = next(c for c in claims if "300 jobs" in c.text)
    assert "Post" not in claim.text, claim.text


def test_we_in_words_a_newspaper_passes_on_is_not_the_newspaper():
    claims = claims_of(
        "The airport worker was fired on Monday.\n\n"
        'The Kessel Times said: "We are looking into the matter and have nothing more to say."',
        0.0,
    )
    claim = next(c for c in claims if "looking into the matter" in c.text)
    assert not any("Kessel Times" in note for note in claim.notes), claim.notes


def test_a_professors_we_is_not_the_department_they_work_at():
    claims = claims_of(
        '"The claim defies what we know about the biology of spiders," said Christopher Bode, an associate '
        "professor at Kessel University's Department of Natural Sciences."
    )
    claim = next(c for c in claims if "biology of spiders" in c.text)
    assert not any("Department" in note for note in claim.notes), claim.notes


def test_a_spokeswomans_we_is_still_her_company():
    claims = claims_of('"We have no plans to close the plant," said Anna Berg, a spokeswoman for Kessel Steel.')
    claim = next(c for c in claims if "close the plant" in c.text)
    assert any("Kessel Steel" in note for note in claim.notes), claim.notes


def test_a_thing_described_once_is_never_a_plural_of_it():
    claims = claims_of(
        '"It would not surprise me if they opened a restaurant in Kessel," he said. '
        "The restaurants have existed for years in parts of China.",
        0.0,
    )
    claim = next(c for c in claims if "existed for years" in c.text)
    assert "[in Kessel]" not in claim.text and not any("in Kessel" in n for n in claim.notes), claim


def test_a_title_cut_short_by_the_parser_names_nothing():
    claims = claims_of(
        "In case you hadn't heard, a little movie called Batman v Superman: Dawn of Justice is filming in Detroit. "
        "Bleeding Cool reported a rumor that one of the cars from the movie's set had been stolen.",
        0.0,
    )
    claim = next(c for c in claims if "had been stolen" in c.text)
    assert "called Batman" not in claim.text and not any("called Batman" in n for n in claim.notes), claim


def test_the_office_is_no_organisation_named_before():
    claims = claims_of(
        "Rats have overrun Vogue's new office at 1 World Trade Center. "
        "It's believed that the rats made their way into the office through the ventilation system.",
        0.0,
    )
    claim = next(c for c in claims if "ventilation" in c.text)
    assert "[1 World Trade Center]" not in claim.text, claim.text


def test_it_said_to_be_authentic_is_never_the_company_that_says_so():
    claims = claims_of(
        "A message from Kessel Toys to parents from 1974 went viral over the weekend - and now the company has "
        "confirmed that it is indeed authentic.\n\nKessel Steel said it will close the plant in May.",
        0.0,
    )
    authentic = next(c for c in claims if "authentic" in c.text)
    assert "[" not in authentic.text, authentic.text
    assert any(c.text.startswith("[Kessel Steel] will close") for c in claims)


def test_it_before_the_speaker_is_named_is_not_the_speaker():
    claims = claims_of(
        "Rumours spread that the king had flown the raid himself. "
        "It made a great story, but it wasn't true, the Kessel government said.",
        0.0,
    )
    claim = next(c for c in claims if "great story" in c.text)
    assert "[" not in claim.text, claim.text


def test_a_description_that_points_at_the_page_is_carried_nowhere():
    claims = claims_of(
        "The king cut short a visit after the death of a fighter pilot captured by the militia with this photo. "
        "Airstrikes did hit targets in Kessel, but the king was not in the pilot's seat.",
        0.0,
    )
    claim = next(c for c in claims if "seat" in c.text)
    assert "this photo" not in claim.text and not any("this photo" in n for n in claim.notes), claim


def test_a_speech_tag_left_alone_states_nothing():
    result = extract('"Why are we still in Tarnow?" Lena Voss asked.\n\nLena Voss asked.', 0.0)
    assert not any(c.text == "Lena Voss asked." for c in result.claims)
    assert extract("Lena Voss asked the council to close the bridge in Kessel.", 0.0).claims
