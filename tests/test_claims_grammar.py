"""Claims that read as English (issue 14, eleventh round): what blind judges of 93 real news bodies marked
ungrammatical, one test per kind. Every sentence here was written for these tests in the style of web news.
"""

from tests.conftest import claims_of


def _texts(text: str) -> list[str]:
    return [c.text for c in claims_of(text)]


def test_a_discourse_opener_that_links_to_the_sentence_before_is_left_off():
    texts = _texts(
        "Lastly, the analyst expects the Sport model to make up 55% of Apple Watch sales.\n\n"
        "Even so, speculation remains in the South Korean media that Kim Jong Un may be unwell.\n\n"
        "Elsewhere, the Vellmar council approved 2 million euros for repairs."
    )
    assert "The analyst expects the Sport model to make up 55% of Apple Watch sales." in texts
    assert "Speculation remains in the South Korean media that Kim Jong Un may be unwell." in texts
    assert "The Vellmar council approved 2 million euros for repairs." in texts


def test_an_answer_to_a_question_the_claim_lacks_loses_its_yes():
    assert "A man named Fidel Castro has died in Havana." in _texts("Yes, a man named Fidel Castro has died in Havana.")


def test_a_hedge_at_the_start_is_no_discourse_opener_and_stays():
    texts = _texts("Apparently, the Vellmar dike was raised by a metre in 1962.")
    assert any(t.startswith("Apparently") for t in texts)


def test_cutting_an_aside_between_subject_and_verb_leaves_no_comma_there():
    texts = _texts("The 41-year-old, who is technically intersex, was born in Vellmar in 1973.")
    assert "The 41-year-old was born in Vellmar in 1973." in texts


def test_a_doubled_article_left_by_a_quotation_is_said_once():
    texts = _texts("Ahmed Abdi Godane was the 'the principal target' of the attack, officials said.")
    assert "Ahmed Abdi Godane was the principal target of the attack." in texts


def test_a_picture_caption_is_no_claim():
    assert _texts("Kim Jong Un pictured visiting a mushroom farm in Pyongyang in a picture released last week.") == []


def test_a_reason_standing_alone_is_no_claim():
    assert _texts("Perhaps because Father John O'Neal doesn't exist.") == []


def test_a_remark_on_the_sentence_before_is_no_claim():
    assert _texts("Especially in a time where other smartwatches are boasting IP67 ratings.") == []


def test_a_form_of_address_is_no_part_of_a_role():
    texts = _texts("The mushroom was found by the gardener while on tour with ecology expert Professor Mick Crawley.")
    assert not any("Professor." in t for t in texts)


def test_a_role_of_several_people_is_no_one_persons_role():
    texts = _texts("The videos showed the killings of U.S. journalists James Foley and Steven Sotloff.")
    assert not any(t.startswith("James Foley is") for t in texts)


def test_a_quotation_running_on_into_the_next_sentence_keeps_its_marks():
    texts = _texts(
        "The vet James Herriot held the old woman's hand and told her, \"If having a soul means being able to feel "
        'love, then animals are better off than a lot of humans. You have nothing to fear."'
    )
    assert any(t.endswith('better off than a lot of humans."') and '"If having a soul' in t for t in texts), texts


def test_a_relative_clause_takes_no_words_the_parser_hung_after_it():
    texts = _texts(
        "Oliver Brimo, who appears to be a friend of Ms Rosenberg, posted on her Facebook profile on Monday: "
        "“To those who are concerned about Gill Rosenberg’s safety."
    )
    assert not any(",," in t or "safety appears" in t for t in texts)


def test_related_story_links_run_together_are_page_furniture():
    texts = _texts(
        "RelatedISIS: British Hostage John Cantlie Appears in Fifth Propaganda Video\n\n"
        "STORY: A Mystery Bidder Offers $3 Million for 6,000 of Detroit's Worst Homes"
    )
    assert texts == []


def test_a_person_is_never_made_a_group_or_a_cut_or_past_role():
    texts = _texts(
        "The strike targeted Ahmed Abdi Godane, the al-Shabab terror group.\n\n"
        "Vellmar's vice-president Sam Pirozzolo said the grapes were ripe.\n\n"
        "Then-RCMP spokesman Kevin Vickers ponders a question."
    )
    assert not any(t.startswith(("Ahmed Abdi Godane is", "Sam Pirozzolo is", "Kevin Vickers is")) for t in texts), texts
    assert "Ahmed Abdi Godane is the al-Shabab terror group's leader." in _texts(
        "Ahmed Abdi Godane, the al-Shabab terror group's leader, was killed."
    )


def test_what_pictures_or_evidence_suggest_is_the_writers_inference_kept_whole():
    claims = claims_of("The evidence suggests the drone is being used for surveillance over Kessel.")
    assert [(c.text, c.claimed_by) for c in claims] == [
        ("The evidence suggests the drone is being used for surveillance over Kessel.", None)
    ]


def test_a_name_completed_is_a_persons_never_a_country_a_show_or_a_nickname():
    assert "Over the past year, [Tiger] Woods has withdrawn with an injury three times." in _texts(
        "Tiger Woods won the Masters in 1997. Over the past year, Woods has withdrawn with an injury three times."
    )
    texts = _texts(
        "Jordan's King Abdullah II vowed revenge on Wednesday. Jordan's response will be heard by the world, "
        "King Abdullah II said.\n\n"
        "Comedian Jerry Seinfeld sued TBS in 2014. TBS speeds up its Seinfeld reruns by 7.5 percent, a video shows.\n\n"
        "Police say Abdel Bary may be “John”, the masked man in the videos of the hostage John Cantlie."
    )
    assert not any("[King Abdullah II]" in t or "[Jerry] Seinfeld reruns" in t or "[Cantlie]" in t for t in texts), (
        texts
    )


def test_more_openers_and_an_example_marker_at_the_end_are_left_off():
    texts = _texts(
        "Yet if reports this week are accurate, Comcast has continued to shine.\n\n"
        "By comparison, Netflix has 33 million domestic subscribers.\n\n"
        "Many Chinese students in western colleges go by an English name, for example.\n\n"
        "Regardless, Ferrari's fish is one of the biggest wels catfish recorded."
    )
    assert texts == [
        "If reports this week are accurate, Comcast has continued to shine.",
        "Netflix has 33 million domestic subscribers.",
        "Many Chinese students in western colleges go by an English name.",
        "Ferrari's fish is one of the biggest wels catfish recorded.",
    ]


def test_a_photo_credit_in_parentheses_is_no_part_of_the_claim():
    assert _texts("Luke Somers was kidnapped over a year ago by al Qaida (AP Photo/Hani Mohammed).") == [
        "Luke Somers was kidnapped over a year ago by al Qaida."
    ]


def test_a_post_quoted_without_its_marks_is_no_statement_of_the_article():
    text = (
        "Rumours spread on Monday that the swimmer Michael Phelps was dating a former model.\n\n"
        "The model, Lianne Chandler, is intersex, a report said.\n\n"
        "Chandler posted a long message on Facebook about the rumours.\n\n"
        "In my early teens I was medically diagnosed and went on testosterone.\n\n"
        "I have cried now for an hour.\n\n"
        "Amazon said in a statement that it would test ads on its video service."
    )
    from corroborate import segment
    from corroborate.claims import extract_claims

    extraction = extract_claims(segment.sentences("a", text), 0.0, None, 2.0)
    kept = [c.text for c in extraction.claims]
    assert not any(t.startswith(("In my early teens", "I have cried")) for t in kept), kept
    aside = [c.text for c in extraction.needs_context]
    assert "I have cried now for an hour." in aside


def test_a_writer_who_speaks_as_i_from_the_start_keeps_the_claims():
    text = (
        "I flew to Kessel on Monday to see the flood for myself.\n\n"
        "My hotel stood two streets from the river Ostra.\n\n"
        "The water reached the second floor of the town hall."
    )
    assert "My hotel stood two streets from the river Ostra." in _texts(text)


def test_a_speakers_name_is_neither_cut_at_a_clause_nor_split_where_no_space_is():
    claims = claims_of(
        "A man claiming to be Boko Haram's leader said the girls had been married off.\n\n"
        "French site iGen.Fr reports that steel versions of the Apple Watch will retail for 500 dollars."
    )
    speakers = {c.claimed_by for c in claims}
    assert "A man claiming to be" not in speakers and "Fr" not in speakers
    assert "iGen.Fr" in speakers


def test_what_a_speaker_estimates_is_no_it_of_the_speaker_and_the_next_it_is_the_same_thing():
    text = (
        "Shane Smith claims to be worth over one billion dollars. But in 2013, Forbes estimated that it was "
        "closer to 400 million dollars. It’s still enough to keep him in steak and wine for the rest of his life."
    )
    claims = claims_of(text)
    assert not any("[Forbes]" in c.text for c in claims), [c.text for c in claims]
    from corroborate import segment
    from corroborate.claims import extract_claims

    kept = [c.text for c in extract_claims(segment.sentences("a", text), 0.0, None, 2.0).claims]
    assert not any(t.startswith(("It was closer", "It’s still")) for t in kept), kept


def test_a_copyright_credit_line_is_page_furniture():
    assert _texts("Shane Smith © Getty images") == []


def test_a_company_whose_name_ends_in_s_keeps_it_as_speaker():
    claims = claims_of("McDonald's said it will phase out eight items from its menu.")
    assert [c.claimed_by for c in claims] == ["McDonald's"]


def test_a_plural_subject_a_joined_verb_takes_in_the_singular_keeps_the_sentence_whole():
    texts = _texts(
        "Reports flooded the media that claimed the Orbis 6 Plus was susceptible to bending when kept in a pocket."
    )
    assert texts == [
        "Reports flooded the media that claimed the Orbis 6 Plus was susceptible to bending when kept in a pocket."
    ]


def test_a_relative_clause_on_a_verb_the_parser_read_as_a_noun_makes_no_claim():
    texts = _texts(
        "Outside commentators have guessed that Kim has gout, which runs in the family, or has been eating too much."
    )
    assert not any("gout runs" in t for t in texts)


def test_a_past_tense_the_tagger_calls_a_participle_takes_no_borrowed_has():
    texts = _texts(
        "Lindqvist has played two tournaments this year and he missed the cut in Oslo and withdrew from the "
        "Bergen Open after suffering back pain."
    )
    assert not any("has withdrew" in t for t in texts)


def test_a_list_of_people_after_a_name_is_no_aside_to_cut():
    texts = _texts(
        "A year after the flood, Leonid Tenkaev, his wife, Galina, their daughter Tanya and grandson Kolya were "
        "all able to return to the village, according to the Kessel Post."
    )
    assert not any("Tenkaev were" in t for t in texts)


def test_an_absolute_phrase_about_a_body_is_no_role():
    texts = _texts("Roux-Bastien, his body riddled with bullets, huddled behind a column by the library.")
    assert not any(" is his body" in t for t in texts)


def test_a_headline_in_title_case_is_no_claim():
    assert _texts("Singer Death Hoax Dismissed Since Guitarist Is Alive And Well.") == []
    assert _texts("The Kessel Times Company reported record profits in 2014.") == [
        "The Kessel Times Company reported record profits in 2014."
    ]


def test_a_title_with_a_full_stop_before_a_name_does_not_end_the_claim():
    texts = _texts(
        "Nearby, police cars surround the memorial after Cpl. Jonas Varga, a reservist on duty Wednesday, was "
        "fatally wounded in an attack."
    )
    assert not any(t.endswith("after Cpl.") for t in texts)
    assert not any("Varga Wednesday" in t for t in texts)


def test_a_web_pages_city_and_bar_or_a_stations_dateline_is_left_off():
    assert _texts("Arlo | A 600-pound woman has given birth to a 40-pound baby at the Kessel Hospital.") == [
        "A 600-pound woman has given birth to a 40-pound baby at the Kessel Hospital."
    ]
    assert _texts("Kessel City, Ostria (KBC NEWS) – A plumber has received threats after his truck showed up.") == [
        "A plumber has received threats after his truck showed up."
    ]


def test_you_know_opens_no_claim():
    assert _texts("You know, right behind the new watch.") == []


def test_that_before_a_bare_singular_noun_is_a_determiner_kept():
    assert not any(
        t.startswith("Twitter user")
        for t in _texts("However, that Twitter user appears to have seen the actor on a flight out of Arlo.")
    )


def test_a_quotation_with_two_predicates_is_not_split_and_keeps_its_marks():
    texts = _texts(
        'Dan Varga is walking back everything, telling the Kessel Post his comments were "only my opinion and '
        'not based on any facts."'
    )
    assert any(t.endswith('were "only my opinion and not based on any facts."') for t in texts), texts
    assert "His comments were only my opinion." not in texts


def test_whereas_before_a_dash_or_colon_and_adding_to_the_confusion_are_left_off():
    assert _texts("Whereas Varga has done an amazing amount — he has captured three towns.") == [
        "Varga has done an amazing amount — he has captured three towns."
    ]
    assert _texts("Whereas the old dam held for 80 years, the new one broke in a week.") == [
        "Whereas the old dam held for 80 years, the new one broke in a week."
    ]
    assert _texts("Adding to the confusion, the mayor's son was found in Arlo on Monday.") == [
        "The mayor's son was found in Arlo on Monday."
    ]


def test_a_which_clause_after_an_adverbial_phrase_is_not_about_its_last_noun():
    texts = _texts(
        "Today, Anna Berg gave the Kessel Post details of her first date with Jonas Varga after meeting him on "
        "Tinder, which involved watching a football game at his home."
    )
    assert not any(t.startswith("Tinder involved") for t in texts)
