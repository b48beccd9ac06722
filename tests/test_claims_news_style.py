"""House styles of real news the claims must survive (issue 14, second round): British single
quotation marks, acronyms and people's adjectives at the start of a role, percentages, curly
possessive apostrophes, the article's own [brackets], the article's doubt about a quotation.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claim_with, claims_of

BRITISH = (
    "Scottish SPCA inspector Stewart Taylor said: 'The dog is microchipped and its name is Kai.\n\n"
    "'We contacted the owner, who sold Kai online in 2013.\n\n"
    "'Kai is around two to three years old and is a lovely dog.'\n\n"
    "The dog's owners' house was empty."
)


def test_a_quotation_in_single_marks_over_several_paragraphs_keeps_its_speaker():
    for words in ("microchipped", "contacted the owner", "two to three years"):
        assert claim_with(BRITISH, words).claimed_by.endswith("Stewart Taylor"), words


def test_apostrophes_are_not_read_as_quotation_marks():
    claim = claim_with(BRITISH, "house was empty")
    assert claim.claimed_by is None
    assert claim.text == "The dog's owners' house was empty."


def test_a_role_keeps_the_capitals_of_acronyms_and_peoples_adjectives():
    texts = [
        c.text
        for c in claims_of(
            "WHO spokeswoman Christy Feig said the risk was low. Scottish SPCA inspector Stewart Taylor found the dog."
        )
    ]
    assert "Christy Feig is the WHO spokeswoman." in texts
    assert "Stewart Taylor is the Scottish SPCA inspector." in texts


def test_a_percentage_at_the_end_keeps_its_sign():
    claim = claim_with(
        "Analysts expect the sport model to take 55% of sales, while the gold model will take 45%.", "45"
    )
    assert claim.text.endswith("45%.")


def test_a_curly_possessive_apostrophe_stays_after_a_completed_name():
    claim = claim_with(
        "Tiger Woods and Elin Nordegren are selling their homes. Woods’ Florida compound is in Hobe Sound.",
        "compound",
    )
    assert claim.text == "[Tiger] Woods’ Florida compound is in Hobe Sound."


def test_an_organisation_reference_never_resolves_to_a_persons_surname():
    claim = claim_with(
        "Tiger Woods and Elin Nordegren are selling their homes. Nordegren’s home is in North Palm Beach. "
        "The agency made no secret of the sale.",
        "no secret",
    )
    assert "[Nordegren]" not in claim.text


def test_the_articles_own_brackets_stay_whole_and_nothing_is_put_inside_them():
    texts = [
        c.text
        for c in claims_of(
            "Gill Rosenberg joined the Kurds in 2014. Moshe Ya'alon said: \"I cannot confirm that [report of "
            'Gill Rosenberg’s capture]." "[The Kurds] are our brothers," Rosenberg wrote.'
        )
    ]
    assert "I cannot confirm that [report of Gill Rosenberg’s capture]." in texts
    assert "[The Kurds] are our brothers." in texts


def test_the_articles_doubt_about_a_quotation_stays_with_the_speaker_not_in_the_quotation():
    claim = claim_with('Moshe Ya\'alon reportedly said: "I hope that the report is not true."', "hope")
    assert claim.text == "I hope that the report is not true."
    assert claim.claimed_by == "Moshe Ya'alon (reportedly)"


def test_a_which_clause_after_a_that_clause_is_not_claimed_of_the_noun_before_both():
    texts = [
        c.text
        for c in claims_of(
            "The victims talked of the fog that hung close to the ground – a possible indication that it was "
            "chlorine, which is heavier than air."
        )
    ]
    assert not any(t.startswith("A possible indication that it was chlorine is") for t in texts)


def test_a_who_clause_after_a_participle_phrase_is_not_claimed_of_the_last_noun():
    texts = [
        c.text
        for c in claims_of(
            "Police contacted the owner registered to the microchip, who stated they had sold Kai in 2013."
        )
    ]
    assert not any(t.startswith("The microchip stated") for t in texts)


def test_a_role_keeps_whose_office_it_is():
    texts = [
        c.text
        for c in claims_of(
            "Jordan's Foreign Minister Nasser Judeh said the claim was false. Israel’s Defense Minister Moshe "
            "Ya'alon declined to comment."
        )
    ]
    assert "Nasser Judeh is Jordan's Foreign Minister." in texts
    assert "Moshe Ya'alon is Israel’s Defense Minister." in texts


def test_a_fragment_with_no_one_saying_anything_is_no_claim():
    texts = [
        c.text
        for c in claims_of(
            'Fans reacted online. "Can\'t believe this," one fan wrote. "We never expected how big this became," '
            "the manager said. If a player tested positive, the Tour announced the suspension."
        )
    ]
    assert not any(t.startswith(("Can't believe", "How big")) for t in texts)
    assert any(t.startswith("If a player tested positive") for t in texts)


def test_a_phrase_that_says_which_ones_is_no_detail_to_cut():
    texts = [
        c.text
        for c in claims_of(
            "The agency is looking into reports that fighters have been showing up at hospitals with Ebola "
            "symptoms. A photo shows about forty protesters in yellow vests blocking the bridge."
        )
    ]
    assert not any(t.endswith("showing up at hospitals.") for t in texts)
    assert "A photo shows about forty protesters blocking the bridge." in texts


def test_past_tense_verbs_in_a_list_each_make_a_claim():
    texts = [c.text for c in claims_of("Officials closed the road, opened shelters and asked residents to leave.")]
    assert "Officials opened shelters." in texts


def test_two_verbs_with_nothing_joining_them_are_a_misparse_not_two_claims():
    texts = [c.text for c in claims_of("Anyone found guilty of doing so can be banned from keeping animals for life.")]
    assert "Anyone found guilty of doing so." not in texts


def test_who_spoke_without_what_they_said_is_no_claim():
    texts = [
        c.text
        for c in claims_of(
            "Judeh said on Twitter, referring to previous atrocities committed on camera by the group. She told reporters."
        )
    ]
    assert not any(t.startswith(("Judeh said on Twitter", "She told reporters")) for t in texts)


def test_an_age_after_a_name_keeps_its_closing_comma_when_a_clause_is_cut():
    texts = [
        c.text
        for c in claims_of(
            "Rosenberg, 31, who migrated to Israel from Canada in 2006, is believed to have served in the army."
        )
    ]
    assert "Rosenberg, 31, is believed to have served in the army." in texts


def test_a_short_noun_phrase_heading_is_no_claim():
    texts = [c.text for c in claims_of("People we've lost in 2014.\n\nThe singer died in Englewood on Tuesday.")]
    assert "People we've lost in 2014." not in texts
    assert "The singer died in Englewood on Tuesday." in texts


def test_what_we_thought_is_kept_whole_not_asserted():
    texts = [
        c.text
        for c in claims_of("Kasim Hatim runs the hospital. “We initially thought it might be a nerve gas,” Hatim said.")
    ]
    assert "We initially thought it might be a nerve gas." in texts
    assert "It might be a nerve gas." not in texts


def test_a_who_clause_after_a_phrase_with_a_noun_is_not_claimed_of_the_first_noun():
    texts = [
        c.text
        for c in claims_of(
            "The claims about the actor and musician, who rose to fame after starring in Home Alone, spread quickly."
        )
    ]
    assert not any(t.startswith("The claims about the actor and musician rose") for t in texts)


def test_a_headlines_adjective_is_no_part_of_a_name():
    texts = [
        c.text for c in claims_of("Depressed Tan Shen Moves Into KFC\n\nAfter a week Shen decided she had enough.")
    ]
    assert not any("[Depressed" in t for t in texts)


def test_a_link_to_the_sentence_before_is_left_off_the_claim():
    texts = [
        c.text
        for c in claims_of(
            "The new laptop will not have USB-A ports. Instead, the laptop's sides will include only a headphone "
            "jack. However, Apple has not confirmed the design. Supposedly, the laptop will ship in 2015."
        )
    ]
    assert "The laptop's sides will include only a headphone jack." in texts
    assert "Apple has not confirmed the design." in texts
    assert "Supposedly, the laptop will ship in 2015." in texts  # a doubt is no link: it stays


def test_a_who_clause_of_an_indefinite_noun_stays_with_the_sentence_that_says_which_one():
    claims = claims_of("The army said a raid by its forces on Saturday freed a Danish engineer, who was not named.")
    assert not any(c.text.startswith("A Danish engineer was not named") for c in claims)
    assert any("who was not named" in c.text for c in claims)


def test_a_who_clause_of_a_named_person_still_makes_its_own_claim():
    claims = claims_of("The raid freed Anna Berg, who had been held for six months.")
    assert any(c.text.startswith("Anna Berg had been held for six months") for c in claims)


def test_a_shared_post_after_rt_is_a_text_of_its_own():
    claims = claims_of("Anna Berg, the deputy, reportedly stopped the gunman in the hall RT @jtorres: A true hero.")
    assert any(c.text == "Anna Berg reportedly stopped the gunman in the hall." for c in claims)
    assert not any("RT @" in c.text for c in claims)


def test_a_quoted_question_keeps_its_quotation_marks_and_question_mark():
    claim = claim_with(
        "The chief executive caused a stir when he asked investors, “Why do we need preservatives in our food?”",
        "preservatives",
    )
    assert claim.text.endswith("“Why do we need preservatives in our food?”")


def test_two_clauses_the_parser_interleaved_stay_one_claim():
    claims = claims_of(
        '"I want to make a full retraction of everything I said on the radio, and I apologize to Anna, Orbis, '
        'Tom [Berg], [commissioner] Sara Lind and the League," he wrote.'
    )
    assert not any(c.text.startswith("I want") and "Sara Lind" in c.text and "apologize" not in c.text for c in claims)


def test_it_of_an_adjective_and_its_infinitive_refers_to_nothing():
    claims = claims_of(
        "Orbis dropped the sensor from the watch. It's not unusual for Orbis to experiment with many technologies."
    )
    claim = next(c for c in claims if "experiment" in c.text)
    assert "[" not in claim.text


def test_a_place_that_boasts_wildlife_says_nothing():
    claims = claims_of(
        'Sara Lind, of Nordic Islands, said: "The island is two hours from the capital.\n\n'
        '"The island boasts a variety of wildlife, such as deer and beavers.\n\n'
        '"You can swim in the lake in summer."'
    )
    assert next(c for c in claims if "swim" in c.text).claimed_by != "The island"


def test_a_list_the_parser_read_as_a_gerund_clause_is_no_claim():
    claims = claims_of(
        "The new laptop could do away with standard USB ports, the SD card slot, and Thunderbolt and MagSafe "
        "charging standards in favor of a single USB-C port."
    )
    assert not any(c.text.startswith("Thunderbolt and MagSafe charging") for c in claims)


def test_a_role_owned_by_a_name_takes_no_article_and_keeps_the_names_capital():
    one = claims_of("Woods’ agent, Mark Steinberg, denied the claims on Monday.")
    two = claims_of("Tiger Woods’ agent, Mark Steinberg, denied the claims on Monday.")
    assert "Mark Steinberg is Woods’ agent." in [c.text for c in one]
    assert "Mark Steinberg is Tiger Woods’ agent." in [c.text for c in two]


def test_a_wire_dateline_with_a_colon_is_left_off_the_claim():
    claim = claim_with("London, Nov 24 : The minister has resigned after the vote, it has been reported.", "resigned")
    assert claim.text.startswith("The minister has resigned")


def test_a_lead_in_to_what_follows_is_no_claim():
    claims = claims_of(
        "MacRumors ran its own test and reported the following:\n\n"
        "All of the documents disappeared from the Mac after two hours."
    )
    assert not any("the following" in c.text for c in claims)
    assert next(c for c in claims if "disappeared" in c.text).claimed_by == "MacRumors"


def test_what_nobody_says_stays_one_sentence():
    claims = claims_of("Nobody says the mayor plans to open a restaurant in Amsterdam.")
    assert [c.text for c in claims] == ["Nobody says the mayor plans to open a restaurant in Amsterdam."]


def test_a_cut_that_begins_inside_a_parenthesis_leaves_no_stray_mark():
    claim = claim_with(
        'A spokeswoman said: "(The) Prime Minister has been clear that all killers must face justice."', "justice"
    )
    assert claim.text.startswith("The Prime Minister")


def test_a_bare_word_is_never_completed_into_an_organisations_name():
    claims = claims_of("American Ebola researchers met in May. Ebola is spread through contact with bodily fluids.")
    assert any(c.text.startswith("Ebola is spread") for c in claims)


def test_a_name_that_owns_something_is_given_no_role():
    claims = claims_of("Mr Beaton found the recording two years after his wife Ruby's death in 2010.")
    assert not any(c.text.startswith("Ruby is") for c in claims)


def test_a_name_is_not_completed_with_the_words_that_already_follow_it():
    claims = claims_of(
        "Michael Phelps was suspended by USA Swimming in May. Last month, Phelps was handed a suspension by USA "
        "swimming after his arrest."
    )
    assert not any("[Swimming] swimming" in c.text for c in claims)


def test_a_wish_someone_wrote_is_no_claim():
    assert claims_of("Peter MacKay wrote: To all in Ottawa, stay safe and strong.") == []


def test_a_thing_the_sentence_already_says_which_gets_no_description_inserted():
    claims = claims_of("He was riding in a car headed to the studio. Later he was riding in the car to the airport.")
    claim = next(c for c in claims if "airport" in c.text)
    assert "[" not in claim.text.split("car")[1]


def test_so_far_keeps_its_so():
    texts = [c.text for c in claims_of("So far, donations to the shelter have reached close to $56,000.")]
    assert texts == ["So far, donations to the shelter have reached close to $56,000."]


def test_a_bare_verb_joined_to_a_perfect_takes_no_have():
    texts = [c.text for c in claims_of("The plumbing firm has hired a lawyer and intend to sue the website.")]
    assert "The plumbing firm has hired a lawyer." in texts
    assert not any("have intend" in t or "has intend" in t for t in texts)


def test_a_clause_cut_from_its_host_is_no_claim():
    texts = [c.text for c in claims_of("The ministry did not say where the attacks occurred.")]
    assert not any(t.startswith("Where") for t in texts)


def test_a_verb_whose_words_the_sentence_left_out_is_no_claim():
    texts = [c.text for c in claims_of("Asked whether he had proof of the suspension, Olsen said he had.")]
    assert not any(t.rstrip(".").endswith(" had") and len(t.split()) <= 4 for t in texts)


def test_a_role_many_hold_takes_a():
    texts = [
        c.text
        for c in claims_of("Remco Breuker, professor of Korean studies at Leiden University, said the talks failed.")
    ]
    assert "Remco Breuker is a professor of Korean studies at Leiden University." in texts


def test_an_office_one_person_holds_keeps_the():
    texts = [c.text for c in claims_of("Anna Berg, mayor of Kessel, said the bridge would reopen on Monday.")]
    assert "Anna Berg is the mayor of Kessel." in texts


def test_a_title_in_scare_quotes_is_no_role_claim():
    texts = [c.text for c in claims_of('The hoax quoted "London police chief" Lyndon Edwards, who does not exist.')]
    # (what the hoax quoted may stand as the hoax's doing, never as his title)
    assert not any(" is " in t and "police chief" in t for t in texts)


def test_a_role_after_a_quotation_closed_in_the_sentence_is_still_a_role():
    texts = [
        c.text
        for c in claims_of(
            "“There is no truth to it,” Votaw said.\n\n“We deny these allegations,” said Ty Votaw, executive "
            "vice president of the PGA Tour."
        )
    ]
    assert "Ty Votaw is the executive vice president of the PGA Tour." in texts


def test_the_speaker_the_frame_names_is_he_and_his_before_anyone_named_earlier():
    claim = claim_with(
        "Ty Votaw, the executive vice president of the PGA Tour, denied the claims. Tiger Woods, a father of two, said on "
        "Feb. 11 that he was taking a break to deal with the issues in his game.",
        "taking a break",
    )
    assert "Votaw" not in claim.text
    assert claim.text.startswith("[Tiger Woods] was taking a break")
    assert "in his game" in claim.text  # the claim names him already


def test_the_before_a_place_that_only_describes_something_else_is_not_the_places():
    claim = claim_with(
        "The editor wrapped up warm against the New York cold. Rats have overrun the magazine's new offices. "
        "After failed extermination attempts, the city's health authority was called in.",
        "health authority",
    )
    assert "[the New York]" not in claim.text
    assert claim.text.startswith("After failed extermination attempts, [New York]'s health authority")


def test_a_bare_verb_joined_to_a_plural_perfect_is_its_own_present_tense_claim():
    texts = [c.text for c in claims_of("They have employed an attorney and intend to pursue legal action.")]
    assert "They intend to pursue legal action." in texts


def test_a_sentence_the_parser_misreads_as_two_clauses_is_kept_whole_not_cut_into_a_broken_list():
    text = (
        "In a bid to cut its weight, the new tablet could do away with the headphone jack, the memory card slot, "
        "and Thunderbolt and MagSafe charging ports in favor of a single USB-C port."
    )
    texts = [c.text for c in claims_of(text)]
    assert not any(t.endswith("the memory card slot.") for t in texts), texts
    assert any("in favor of a single USB-C port" in t for t in texts), texts


def test_a_disclaimer_keeps_what_its_words_are_not_intended_as():
    texts = [
        c.text
        for c in claims_of(
            "Any facts in these stories are purely coincidental and not intended to be, or be construed as, facts."
        )
    ]
    assert not any(t.endswith("not intended to be.") for t in texts), texts


def test_an_and_after_an_aside_on_the_subject_is_left_out_not_kept_dangling():
    texts = [
        c.text
        for c in claims_of(
            "Ahmed Karimi, who served as a police chief in Herat, and later worked as a translator for the "
            "army's press office in Kabul."
        )
    ]
    assert "Ahmed Karimi later worked as a translator for the army's press office in Kabul." in texts
    assert not any("Karimi and later" in t for t in texts), texts


def test_a_verb_the_parser_joined_to_a_name_makes_no_claim_of_its_own():
    texts = [
        c.text
        for c in claims_of(
            "Jonas Berg, who ran the harbour office in Kessel, and later worked as a ferry pilot for the council's "
            "transport department in Vellmar."
        )
    ]
    assert not any(",," in t or "Kessel ran" in t or "Vellmar ran" in t for t in texts), texts


def test_a_second_subject_after_an_aside_keeps_its_and():
    texts = [
        c.text
        for c in claims_of(
            "Anna Berg, who runs the Kessel ferry, and her brother, who owns the harbour cafe, sued the council in 2019."
        )
    ]
    assert "Anna Berg and her brother sued the council in 2019." in texts, texts


def test_a_relative_clause_claim_takes_its_noun_without_what_the_parser_joined_on_after_it():
    texts = [
        c.text
        for c in claims_of(
            "Jim Suva, who has a Buy rating on Apple, and a $135 price target, lays out the prospects for the watch."
        )
    ]
    assert "Jim Suva has a Buy rating on Apple." in texts, texts
    assert not any(",," in t for t in texts), texts


def test_a_sentence_the_parser_broke_at_a_whose_clause_stays_whole():
    claims = claims_of(
        'A member of the Kessel Four, whose first hit "Blue Road" sold a million copies in 1990, died Monday of '
        "heart failure. A founder of the Arlo Band, whose debut album reached the charts in 1988, died Friday in Boston."
    )
    texts = [c.text for c in claims]
    assert not any(t.endswith(("in 1990.", "in 1988.")) for t in texts), texts
    assert not any("Blue Road died" in t for t in texts), texts
    assert any("died Monday of heart failure" in t and "sold a million copies" in t for t in texts), texts


def test_a_whose_clause_that_ends_the_sentence_is_no_broken_cut():
    claims = claims_of(
        "She said she sympathized with the Kurds of Kessel, whose territory has come under heavy assault."
    )
    assert any(c.text.endswith("whose territory has come under heavy assault.") for c in claims)


def test_an_appositive_of_two_names_is_no_role_of_either():
    texts = [
        c.text for c in claims_of("MI5 and MI6, Britain's two major intelligence agencies, have identified the man.")
    ]
    assert not any(t.startswith(("MI5 is", "MI6 is")) for t in texts), texts


def test_a_definite_role_known_only_by_its_clause_is_no_role_claim():
    texts = [c.text for c in claims_of("Josh Berg, the YouTube personality who uploaded the video, said it was real.")]
    assert "Josh Berg is the YouTube personality." not in texts, texts


def test_where_a_place_lies_is_no_role():
    texts = [
        c.text for c in claims_of("Another attack was caught on camera in July in the city of Arlo, Kessel province.")
    ]
    assert not any(" is the Kessel province" in t for t in texts), texts


def test_a_number_after_a_name_stays_with_the_name():
    texts = [c.text for c in claims_of("The restaurants are run with Office 39, a branch of the Kessel government.")]
    assert any(t.startswith("Office 39 is a branch of the Kessel government") for t in texts), texts


def test_a_relative_clause_set_off_by_a_comma_is_no_part_of_what_a_name_is():
    text = (
        "The restaurants are run with Office 39, a branch of the Kessel government, which uses them as a way of "
        "raising cash abroad."
    )
    texts = [c.text for c in claims_of(text)]
    assert "Office 39 is a branch of the Kessel government." in texts, texts
    assert not any(t.startswith("Office 39 is") and "uses them" in t for t in texts), texts


def test_a_role_before_the_name_ends_where_the_name_begins():
    texts = [c.text for c in claims_of("You can reach this post's author, Anna Berg, on twitter.")]
    assert not any(",," in t or (t.endswith("on twitter.") and " is " in t) for t in texts), texts


def test_a_caption_label_is_no_part_of_the_claim():
    text = (
        "Vigilante justice: Lin Yao, 38, was ambushed by four women as she walked home from the shops in Arlo.\n\n"
        "Obama: I will veto the bill if it reaches my desk.\n\n"
        "Claim: Kanye West has been banned from all future award shows.\n\n"
        "Not amused: Anna Wintour did not look happy as she left her new office in Kessel on Friday."
    )
    claims = claims_of(text)
    ambushed = next(c for c in claims if "ambushed" in c.text)
    assert ambushed.text.startswith("Lin Yao, 38, was ambushed"), ambushed.text
    assert text[ambushed.spans[0][0] :].startswith("Lin Yao")
    assert any(c.text.startswith("Anna Wintour did not look happy") for c in claims)
    # a name says who speaks; "Claim:" is what a fact-check checks, not what it asserts
    assert any(c.text.startswith("Obama: I will veto") for c in claims)
    # (the claim without its label, claimed by what the article examines: given as the article's own, blind
    # judges read "Claim: X" as a debunked claim asserted)
    examined = next(c for c in claims if "Kanye West" in c.text)
    assert examined.text.startswith("Kanye West") and examined.claimed_by == "the claim the article examines"
    assert text[examined.spans[0][0] :].startswith("Kanye West")


def test_a_quotation_that_ends_the_claim_keeps_its_marks():
    claims = claims_of(
        'During the video, Lin can be heard telling his cameraman, "Make sure he doesn\'t see you."\n\n'
        'It\'s the kind of story that has a lot of people saying, "NOPE," and a lot of experts saying simply, '
        '"No, that is not possible."'
    )
    texts = [c.text for c in claims]
    assert 'During the video, Lin can be heard telling his cameraman, "Make sure he doesn\'t see you."' in texts, texts
    assert any(t.endswith('saying simply, "No, that is not possible."') and '"NOPE,"' in t for t in texts), texts


def test_a_quotation_closed_before_the_full_stop_keeps_its_marks():
    claims = claims_of("The company called the new plant in Kessel \u201ca radically new design\u201d.")
    assert claims[0].text == "The company called the new plant in Kessel \u201ca radically new design\u201d.", claims[
        0
    ].text


def test_a_which_clause_after_a_coordination_stays_in_its_sentence():
    claims = claims_of(
        'The minister added: "We conducted DNA tests on her and the daughter, which showed she was the mother '
        'of the girl."'
    )
    assert not any(c.text.startswith("The daughter showed") for c in claims), [c.text for c in claims]


def test_a_second_appositive_after_a_role_is_no_role_of_the_person():
    claims = claims_of(
        "Anna Kessler, senior director of faith outreach at the Humane Society of the United States, the largest "
        "animal protection group in the United States, said the ruling was welcome."
    )
    assert not any(c.text.startswith("Anna Kessler is the largest") for c in claims), [c.text for c in claims]


def test_a_whether_question_taken_for_the_main_clause_is_not_cut_into_nonsense():
    claims = claims_of("Whether this is true or not remains to be seen. The mayor of Kessel resigned on Monday.")
    assert not any(c.text.startswith("This not") for c in claims)


def test_a_clause_joined_after_an_alleged_one_keeps_the_allegation():
    claims = claims_of(
        "After the comments, Berg was allegedly reprimanded by the board and he and his deputy were "
        "permanently banned from the club."
    )
    banned = next(c for c in claims if "banned" in c.text)
    assert "allegedly" in banned.text


def test_where_the_photo_is_is_no_part_of_the_claim():
    claim = claim_with(
        "Six months before the shooting, police Officer Darren Wilson (pictured) earned a commendation for his effort.",
        "commendation",
    )
    assert "pictured" not in claim.text and "()" not in claim.text
    room = claim_with("The fence-jumper made it into the East Room (far right) on Friday.", "East Room")
    assert "far right" not in room.text


def test_a_role_in_someones_own_words_is_no_role_claim():
    claims = claims_of(
        "A hoax page claimed the actor had died. At about 11 a.m. ET on Thursday, our beloved actor Daniel Hart "
        "passed away."
    )
    assert not any(c.text.startswith("Daniel Hart is") for c in claims)


def test_a_character_the_source_could_not_decode_is_left_out():
    claim = claim_with(
        "The mayor of Kessel said the old bridge over the \ufffdOstra reopened to traffic on Monday after repairs.",
        "bridge",
    )
    assert "\ufffd" not in claim.text


def test_a_picture_position_between_commas_is_dropped():
    texts = [
        c.text
        for c in claims_of("Lena Voss posted photos of herself, left, holding a rifle in Kobane in recent weeks.")
    ]
    assert "Lena Voss posted photos of herself holding a rifle in Kobane in recent weeks." in texts
    texts = [c.text for c in claims_of("Lena Voss, third from the left, joined the Kessel militia in 2014.")]
    assert "Lena Voss joined the Kessel militia in 2014." in texts


def test_a_caption_label_run_into_the_caption_before_it_starts_a_claim_of_its_own():
    texts = [
        c.text
        for c in claims_of(
            "PhotoAgency[XYZ]Kessel bakerySnack: A man bought the last loaf on sale in Kessel in October 2009 before "
            "the bakery closed."
        )
    ]
    assert "A man bought the last loaf on sale in Kessel in October 2009 before the bakery closed." in texts
    assert not any("Snack" in t or "PhotoAgency" in t for t in texts)


def test_a_photo_credits_web_address_run_into_the_caption_is_left_out():
    texts = [c.text for c in claims_of("Photoagency.comLena Voss, 14, bought a loaf in Kessel in 1995.")]
    assert any(t.startswith("Lena Voss") and "1995" in t for t in texts)
    assert not any("Photoagency" in t for t in texts)


def test_a_sentence_run_into_the_next_where_the_page_lost_its_full_stop_is_split():
    texts = [
        c.text
        for c in claims_of(
            "The two friends bought the loaf in Kessel 20 years ago It started off as a joke among the bakers."
        )
    ]
    assert "The two friends bought the loaf in Kessel 20 years ago." in texts
    assert not any("ago It" in t for t in texts)


def test_a_line_the_page_lost_the_full_stop_of_ends_where_the_next_opens_as_a_sentence():
    texts = [
        c.text
        for c in claims_of(
            "A man bought the last loaf on sale in Kessel in October 2009 before the bakery closed in Kessel\n"
            "The town had just three bakeries, all of them in the old market square."
        )
    ]
    assert "A man bought the last loaf on sale in Kessel in October 2009 before the bakery closed in Kessel." in texts
    assert not any("Kessel The" in t for t in texts)


def test_a_line_wrapped_mid_sentence_stays_one_sentence():
    texts = [
        c.text
        for c in claims_of(
            "The council of Kessel voted on Monday to close the three bakeries in\n"
            "The Hague Street market by the end of 2027, the mayor said."
        )
    ]
    assert any("in The Hague Street market" in t for t in texts)


def test_a_picture_agencys_credit_before_a_caption_label_goes_with_the_label():
    texts = [
        c.text
        for c in claims_of(
            "Lena Voss won again on Sunday. Getty Successful: Lena Voss is the most decorated rower in Kessel's history."
        )
    ]
    assert "Lena Voss is the most decorated rower in Kessel's history." in texts
    assert not any("Getty" in t or "Successful" in t for t in texts)


def test_a_cut_to_the_second_verb_keeps_the_comma_that_closes_the_subjects_appositive():
    texts = [
        c.text
        for c in claims_of(
            "Analysts believe 31-year-old Lena Voss, the youngest of Kessel's ten city councillors, has risen "
            "rapidly within the party and may be secretly running the city council."
        )
    ]
    assert any(t.endswith("city councillors, may be secretly running the city council.") for t in texts), texts


def test_what_the_parser_cut_off_a_relative_clause_goes_with_it():
    texts = [
        c.text
        for c in claims_of(
            "Anna Berg, who made Trainspotting and 28 Days Later, is directing the film based on a script by "
            "Jan Brenner."
        )
    ]
    assert "Anna Berg is directing the film based on a script by Jan Brenner." in texts, texts


def test_a_plural_noun_the_parser_read_as_a_second_verb_makes_no_claim():
    texts = [
        c.text
        for c in claims_of(
            "Many of the parents are blaming school administrators and chaperones for lack of supervision on the "
            "five-day trip to Kessel."
        )
    ]
    assert not any("parents chaperones" in t for t in texts), texts
    assert "The mayor faces charges of arson." in [
        c.text for c in claims_of("The mayor was arrested in Kessel and faces charges of arson.")
    ]


def test_no_office_is_claimed_for_someone_the_sentence_says_does_not_exist():
    texts = [c.text for c in claims_of("– Kessel Police Chief Lyndon Edwards doesn't exist.")]
    assert not any(t.startswith("Lyndon Edwards is") for t in texts), texts
    assert "Markus Lenz is the Kessel fire chief." in [
        c.text for c in claims_of("Kessel fire chief Markus Lenz closed the bridge.")
    ]


def test_a_sentence_that_is_only_a_clause_after_since_or_whereas_loses_the_conjunction():
    texts = [
        c.text
        for c in claims_of(
            "The Orbis watch will need charging every night. Since the watch's display will often be turned off "
            "throughout the day."
        )
    ]
    assert "The watch's display will often be turned off throughout the day." in texts, texts
    assert "Though the bridge was closed, the ferry ran on 3 March 2026." in [
        c.text for c in claims_of("Though the bridge was closed, the ferry ran on 3 March 2026.")
    ]
    assert not any(t.startswith("The dam breaks") for t in [c.text for c in claims_of("If the dam breaks.")])


def test_an_update_stamp_before_a_sentence_is_left_out():
    claims = claims_of("Update at 2:11 p.m.: The patient walked out of the Kessel clinic on 3 March 2026.")
    claim = next(c for c in claims if "walked out" in c.text)
    assert claim.text == "The patient walked out of the Kessel clinic on 3 March 2026."
    assert claim.spans[0][0] == len("Update at 2:11 p.m.: ")


def test_a_name_completed_before_a_bare_possessive_apostrophe_takes_s():
    texts = [
        c.text
        for c in claims_of(
            "Jess Smith, 20, was the baby sun in the Kessel show. Jess' name was put forward when her mother took "
            "her to be weighed at Kessel Hospital in 1996."
        )
    ]
    assert any(t.startswith("Jess [Smith]'s name was put forward") for t in texts), texts


def test_no_office_is_claimed_in_the_articles_voice_from_inside_a_quotation():
    texts = [
        c.text
        for c in claims_of(
            "“Some say Jan Brenner, director of the Kessel water board, may have resigned, but we can say he is "
            "still in office,” said Lena Voss, the head of the Kessel council."
        )
    ]
    assert not any(t.startswith("Jan Brenner is the director") for t in texts), texts


def test_a_linking_phrase_to_the_sentence_before_is_left_off():
    texts = [c.text for c in claims_of("For example, Orbis sold 40,000 watches in Kessel in March 2025.")]
    assert "Orbis sold 40,000 watches in Kessel in March 2025." in texts, texts


def test_a_contracted_has_before_an_adverb_and_a_participle_is_spelled_has():
    texts = [
        c.text
        for c in claims_of(
            "Brian Lenz manages the Kessel pizza house. He said he's never seen a driver earn a tip of $2,000 in "
            "20 years."
        )
    ]
    assert any(t.startswith("[Brian Lenz] has never seen a driver") for t in texts), texts


def test_a_second_relative_clause_joined_to_the_first_is_no_part_of_its_claim():
    texts = [
        c.text
        for c in claims_of(
            "The driver, who identifies himself as Rob in the Kessel video but whose last name wasn't released, "
            "has worked at the restaurant for six years."
        )
    ]
    assert "The driver identifies himself as Rob in the Kessel video." in texts, texts
    assert not any("but whose" in t for t in texts)
