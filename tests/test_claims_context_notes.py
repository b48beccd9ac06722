"""References a claim keeps as written, explained by notes or completed from the whole article
(issue 14, second round): a headline's surname named in full only further down, a given name alone,
"the spider" introduced earlier in words that say which, "we" in an organisation's statement.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claim_with, claims_of


def test_a_surname_in_the_lede_is_completed_from_a_full_name_further_down():
    claim = claim_with(
        "Harlow denies taking the bribe. The mayor of Kessel, Peter Harlow, told reporters on Monday that "
        "he had never met the contractor.",
        "denies",
    )
    assert claim.text == "[Peter] Harlow denies taking the bribe."


def test_a_surname_two_people_share_is_left_as_written():
    claim = claim_with(
        "Somers was shot by his captors. Luke Somers was a photographer. Lucy Somers said she heard the news from "
        "the police.",
        "shot",
    )
    assert "[" not in claim.text


def test_a_given_name_alone_gets_the_surname_after_it():
    claim = claim_with(
        "Tiger Woods won the Masters in 2019. Fans cheered as Tiger lifted the trophy at Augusta.",
        "cheered",
    )
    assert "Tiger [Woods]" in claim.text


def test_a_name_the_article_already_clarified_in_brackets_is_left_alone():
    claim = claim_with(
        'Dan Olsen retracted his words. "I apologize to Phil [Mickelson] and the PGA Tour," Olsen said.',
        "apologize",
    )
    assert "[Mickelson]" in claim.text and "[[" not in claim.text and "Phil [Phil" not in claim.text


def test_a_headline_the_tagger_reads_as_one_name_still_gets_its_people():
    claim = claim_with(
        "Obama, Putin discuss Ukraine\n\nPresident Barack Obama called Russian President Vladimir Putin on "
        "Friday, and Putin said the sanctions damage cooperation.",
        "discuss",
    )
    assert "[Vladimir] Putin" in claim.text


def test_a_software_option_named_like_a_person_is_not_a_person():
    claims = claims_of(
        'The bug hits users of the "Reset All Settings" option. Apple said Reset removes the files stored in '
        "iCloud Drive."
    )
    assert not any("[All Settings]" in c.text for c in claims)


def test_the_spider_gets_a_note_with_how_the_article_first_named_it():
    claim = claim_with(
        "Doctors found a spider that had crawled under the skin of a Perth man. The spider was removed with "
        "tweezers on Sunday.",
        "tweezers",
    )
    assert claim.text.startswith("The spider was removed")  # the article's words stay as written
    assert "“The spider”: probably the spider that had crawled under the skin of a Perth man" in claim.notes


def test_a_thing_described_only_by_adjectives_gets_no_note():
    claim = claim_with(
        "Apple will ship a noticeably thinner and lighter device next year. The device will have one port.",
        "one port",
    )
    assert not any("device" in n and "probably" in n for n in claim.notes)


def test_a_statement_announced_with_a_colon_points_forward_and_gets_no_note():
    claim = claim_with(
        "A bank statement with eight figures was shown to the reporter. The club sent the paper this "
        "statement: the figure is false.",
        "sent",
    )
    assert not any("statement" in n for n in claim.notes)


def test_we_in_an_organisations_statement_is_noted_as_that_organisation():
    claim = claim_with(
        '"We categorically deny these allegations," said Ty Votaw, executive vice president of the PGA Tour.',
        "deny",
    )
    assert "“We”: probably the PGA Tour" in claim.notes


def test_we_in_a_persons_words_gets_no_guess():
    claim = claim_with(
        '"We took a plaster cast of the footprints," said Andrei Kazarian, a local witness.',
        "plaster",
    )
    assert not any(n.startswith("“We”: probably") for n in claim.notes)


def test_she_among_one_woman_and_people_of_no_shown_gender_is_noted_as_her():
    claim = claim_with(
        "Kim Yo Jong, the younger sister of leader Kim Jong Un, joined the party in 2007. Kim Jong Un took "
        "power in 2011. She was promoted to the politburo in 2014.",
        "politburo",
    )
    assert claim.text == "She was promoted to the politburo in 2014."  # likely, not certain: a note
    assert "“She”: probably Kim Yo Jong" in claim.notes


def test_a_person_followed_as_she_stays_in_view_after_three_sentences():
    claim = claim_with(
        "Anna Berg was elected mayor of Kessel in 2019. She had worked as a nurse. She studied in Bern. "
        "She taught in Basel. She resigned on 3 March 2026.",
        "resigned",
    )
    assert claim.text == "[Anna Berg] resigned on 3 March 2026."


def test_spellings_of_one_name_are_one_person():
    claim = claim_with(
        "Anna Berg-Lund spoke first. Mayor Anna Berg-Lund's office said Berg-Lund would resign.",
        "resign",
    )
    assert "[[" not in claim.text


def test_the_country_is_noted_as_the_place_the_article_is_about():
    claim = claim_with(
        "Chile held a referendum on Sunday. Voters in Chile rejected the draft. Santiago saw protests. "
        "Chile's president called for calm. The country has had three constitutions since 1833.",
        "constitutions",
    )
    assert "“The country”: probably Chile" in claim.notes


def test_the_country_among_two_places_named_as_often_gets_no_note():
    claim = claim_with(
        "Chile and Peru signed a deal. Chile and Peru share a border. Chile and Peru trade copper. "
        "The country has had three constitutions since 1833.",
        "constitutions",
    )
    assert not any("country" in n for n in claim.notes)


def test_she_with_no_one_named_lately_is_noted_as_the_person_the_article_is_about():
    claim = claim_with(
        "Arizona woman Kayla Mueller was held by militants for 18 months. Mueller had worked in Turkey. "
        "Friends of Mueller said she was brave. A statement from the group named Mueller. The group posted "
        "a photograph online. Officials in Washington declined to comment. Analysts doubted the statement. "
        "She had graduated from Northern Arizona University in 2009.",
        "graduated",
    )
    assert claim.text.startswith("She had graduated")
    assert "“She”: probably Kayla Mueller" in claim.notes


def test_the_company_in_a_story_about_one_company_gets_a_note_naming_it():
    claims = claims_of(
        "Orbis Motors will close two plants in 2027. Orbis Motors said sales fell by 12 percent. "
        "Analysts at Goldman Sachs expect more cuts. The company has had to make tough decisions to cut costs."
    )
    claim = next(c for c in claims if "tough decisions" in c.text)
    assert "“The company”: probably Orbis Motors" in claim.notes
    assert claim.text.startswith("The company")  # a guess stays a note, never in the claim


def test_an_organisation_named_by_the_last_word_of_its_name_is_completed():
    claims = claims_of(
        "The Washington Post and TIME magazine both posted the video. The Post issued a correction on Monday."
    )
    assert any(c.text.startswith("The [Washington] Post issued a correction") for c in claims)


def test_a_one_word_organisation_name_is_never_bracketed_into_itself():
    claims = claims_of("The Project is a news show. The hosts of The Project tried the burger on Monday.")
    assert not any("[Project]" in c.text for c in claims)


def test_the_pair_gets_a_note_naming_the_two_people_just_named():
    claims = claims_of(
        "Anna Berg and her brother Tom Berg founded the shelter in 2009. The pair ran it for ten years from a "
        "farm near Uppsala."
    )
    claim = next(c for c in claims if "ten years" in c.text)
    assert "“The pair”: probably Anna Berg and Tom Berg" in claim.notes
    assert claim.text.startswith("The pair")


def test_the_pair_gets_no_note_when_more_people_were_named():
    claims = claims_of(
        "Anna Berg, Tom Berg and Sara Lind met in 2009. The pair ran the shelter for ten years from a farm."
    )
    claim = next(c for c in claims if "ten years" in c.text)
    assert not any("The pair" in n and "probably" in n for n in claim.notes)


def test_a_later_word_for_the_same_kind_of_thing_gets_a_note_naming_the_first():
    claims = claims_of(
        "A story circulating on social media says 250,000 turkeys on a Texas farm are infected. "
        "The report features a photograph of dead turkeys in a shed."
    )
    claim = next(c for c in claims if "photograph" in c.text)
    assert any(n.startswith("“The report”: probably the story circulating on social media") for n in claim.notes)


def test_the_guy_in_a_story_about_one_man_gets_a_note_naming_him():
    claims = claims_of(
        "Mohammed Islam, a student, said he made $72 million. Mohammed Islam later admitted the figure was "
        'false. Islam told reporters he was sorry. His partner said: "The guy became famous in 24 hours."'
    )
    claim = next(c for c in claims if "famous" in c.text)
    assert "“The guy”: probably Mohammed Islam" in claim.notes


def test_a_peoples_adjective_is_never_the_group():
    claims = claims_of(
        "Abu Saleh said the militants were holding a German national who was kidnapped in July. "
        "There was no indication of where the group's latest video was shot."
    )
    claim = next(c for c in claims if "latest video" in c.text)
    assert "[German]" not in claim.text


def test_the_country_us_is_not_a_speakers_we():
    claims = claims_of("Orbis said the Sport model will start at $349 in the US.")
    claim = next(c for c in claims if "$349" in c.text)
    assert not any(n.startswith("“US”") for n in claim.notes)


def test_the_company_is_the_maker_not_its_product():
    claims = claims_of(
        "Orbis will sell the Orbis Watch from April. The Orbis Watch will cost $349. The Orbis Watch has a "
        "sensor, analysts at Goldman Sachs said. The company has been mum about the other two models."
    )
    claim = next(c for c in claims if "mum" in c.text)
    assert "“The company”: probably Orbis" in claim.notes


def test_a_first_naming_ends_where_an_aside_begins():
    claim = claim_with(
        "A luxury villa previously owned by Mara Quist, the pop singer, is up for sale. The villa has six "
        "bedrooms and a private beach.",
        "bedrooms",
    )
    assert "“The villa”: probably the luxury villa previously owned by Mara Quist" in claim.notes


def test_a_first_naming_cut_inside_a_list_gives_no_note():
    claim = claim_with(
        "The chain is testing a smaller menu in Dover, Little Rock, Waco and Macon. Preservatives might also be "
        "removed from the menu altogether.",
        "Preservatives",
    )
    assert not any("menu" in n and "probably" in n for n in claim.notes)


def test_an_island_of_no_name_gets_a_note_with_how_it_was_first_named():
    claim = claim_with(
        "A private island in Lake Vattern is up for sale. The island also includes a protected quay and stables.",
        "quay",
    )
    assert "“The island”: probably the private island in Lake Vattern" in claim.notes


def test_a_thing_brought_in_by_its_own_word_never_takes_a_kindred_words_naming():
    claim = claim_with(
        "A video has surfaced purporting to show the hostage. It cuts to a clip of the minister speaking in "
        "parliament. The video was removed from the site on Monday.",
        "removed",
    )
    assert not any("clip" in n for n in claim.notes)


def test_a_name_the_tagger_ran_into_an_outlets_name_is_still_a_person():
    claim = claim_with(
        "The studio may have found its lead: according to The Wrap, Seth Rogen is being considered for the part. "
        "Rogen would be acting alongside Christian Bale.",
        "alongside",
    )
    assert claim.text.startswith("[Seth] Rogen would be acting")


def test_a_surname_read_as_a_plural_noun_is_still_that_person():
    claim = claim_with(
        "Golfer Dan Olsen went on the radio and attacked Tiger Woods. Olsen said Woods was no Lance Armstrong. "
        "Olsen also accused Woods of faking an injury. “His back’s not hurt,” Olsen said.",
        "back",
    )
    assert not any("Armstrong" in n for n in claim.notes)


def test_a_surname_two_people_share_is_likely_the_one_named_far_more():
    claim = claim_with(
        "Luke Somers was killed in a failed rescue attempt. Luke Somers had been held since 2013. His sister, "
        "Lucy Somers, asked for privacy. A joint operation to free Somers was launched on Saturday.",
        "operation",
    )
    assert "[" not in claim.text.replace("[Saturday]", "")
    assert "“Somers”: probably Luke Somers" in claim.notes


def test_the_two_a_sentence_names_itself_get_no_note_from_earlier_names():
    claim = claim_with(
        "Darren Wilson has been named as the officer. Police say Wilson stopped Michael Brown and a friend for "
        "walking in the street, asking the two to move to the sidewalk.",
        "sidewalk",
    )
    assert not any("the two" in n for n in claim.notes)


def test_around_the_country_is_never_the_place_the_story_is_about():
    claim = claim_with(
        "A truck from Texas City turned up in Syria. Syria has been at war since 2011. Fighters in Syria mounted a "
        "gun on it, and a photo from Syria spread online. The owner's son said he has received threatening "
        "phone calls from around the country.",
        "phone calls",
    )
    assert not any("the country" in n for n in claim.notes)


def test_he_and_him_of_one_verb_are_two_people_and_his_is_left_as_written():
    claim = claim_with(
        "Taugan Tan Kadalim was at the liquor store on Friday. He recognized him immediately from his previous "
        "prank videos.",
        "recognized",
    )
    assert "recognized him" in claim.text and "from his previous" in claim.text


def test_it_is_never_a_plural_subject_before_it():
    texts = [
        c.text
        for c in claims_of(
            "These Wels catfish can grow to more than two metres long. It is definitely not a gentle giant by any "
            "means."
        )
    ]
    assert not any("[These Wels catfish]" in t or "[these Wels catfish]" in t for t in texts)


def test_it_is_never_the_pair():
    texts = [
        c.text
        for c in claims_of(
            "The pair recorded a song about the burger. Even though it was for charity, the trustees of the burger "
            "could not bring themselves to bite into it."
        )
    ]
    assert not any("[The pair]" in t or "[the pair]" in t for t in texts)


def test_he_after_a_person_the_claim_names_is_left_as_written():
    claim = claim_with(
        "Josh Earnest spoke to reporters at the White House. CNN interviewed Peter Henderson, who said he was "
        "locking his bicycle near the memorial when the shooting took place.",
        "bicycle",
    )
    assert "Earnest" not in claim.text


def test_a_word_that_is_no_given_name_is_never_completed_to_a_mistagged_name():
    texts = [
        c.text
        for c in claims_of(
            "Apple Store is the overall standings chart of the top 25 free apps. Apple adjusted the rules of the "
            "chart last week, the company said."
        )
    ]
    assert not any("Apple [Store]" in t for t in texts)


def test_a_pronoun_is_never_noted_as_a_person_the_claim_names():
    claim = claim_with(
        'Kim Jong Un has not been seen for weeks. His sister Kim Yo Jong runs his office. "She can get [Kim Jong '
        'Un] on the telephone, she can see him in person," analyst Michael Madden said.',
        "telephone",
    )
    assert not any("Kim Jong Un" in n for n in claim.notes)


def test_a_pronoun_before_the_name_it_stands_for_is_never_someone_else():
    claim = claim_with(
        "YouTube prankster Josh Paler Lin gave a homeless man named Thomas $100. When he emerges from the store "
        "with a large bag, however, Thomas goes straight to the park.",
        "emerges",
    )
    assert "Lin" not in claim.text and not any("Lin" in n for n in claim.notes)


def test_a_pronoun_is_never_noted_as_the_person_its_own_claim_names():
    claim = claim_with(
        "Josh Paler Lin felt bad about his assumption. He approached Thomas again. In addition to handing him more "
        "cash, Lin also set up a page to help Thomas.",
        "handing",
    )
    assert not any("“him”: probably Josh Paler Lin" in n for n in claim.notes)


def test_the_firm_is_not_a_company_the_claim_names_itself():
    claim = claim_with(
        "Comcast sent the customer to collections in February. At some point after that call, someone from "
        "Comcast contacted a partner at the firm to discuss the customer.",
        "partner",
    )
    assert "[Comcast]" not in claim.text


def test_the_organization_the_sentence_names_in_apposition_is_left_as_written():
    claim = claim_with(
        "Police in Ferguson have not commented. The organization, Black Lawyers for Justice, plans to file a "
        "lawsuit against Ferguson authorities.",
        "lawsuit",
    )
    assert "[Ferguson]" not in claim.text


def test_he_after_the_man_the_sentence_before_was_about_is_not_resolved_to_a_named_person():
    claim = claim_with(
        "Josh Paler Lin thought he would try a social experiment with a homeless man. And sure enough, the man's "
        "first stop was at a liquor store. He emerged with a bag and took it to a nearby park.",
        "emerged",
    )
    assert "Lin" not in claim.text and not any("Lin" in n for n in claim.notes)


def test_he_after_a_man_only_passed_by_is_still_the_one_named():
    claim = claim_with(
        "Omar Gonzalez scaled the fence. After barrelling past the guard inside the door, Gonzalez dashed past "
        "the stairway. He then ran into the East Room.",
        "East Room",
    )
    assert claim.text.startswith("[Omar Gonzalez] then ran")


def test_they_that_sources_speak_of_are_not_the_sources():
    claim = claim_with(
        "Apple dropped several health features from its watch. Sources said they could appear in future "
        "versions of the device.",
        "future versions",
    )
    assert "[sources]" not in claim.text.lower() and "[Sources]" not in claim.text


def test_a_change_from_one_thing_to_another_is_no_naming():
    claim = claim_with(
        "Apple has shifted the device from health-related to a more general do-everything product. "
        "The device will ship in April.",
        "April",
    )
    assert not any("from health-related" in n for n in claim.notes)


def test_it_according_to_an_organisation_is_not_the_organisation():
    claim = claim_with(
        "The average surface air temperature was 16.9 degrees Celsius. It was the 13th month in a row in which a "
        "temperature record was broken, according to the agency.",
        "13th month",
    )
    assert "[the agency]" not in claim.text


def test_he_after_a_grandfather_the_quotation_speaks_of_is_not_the_named_speaker():
    texts = [
        c.text
        for c in claims_of(
            "A drought that began last autumn has left reservoirs in the Kessel Valley at 22 percent of capacity. "
            "Rainfall since October has been less than half the average, according to the weather service. "
            "The farmers' union estimated that wheat yields would drop by a third. It has asked the government for "
            "emergency aid. On Monday, authorities banned the use of hosepipes in 14 towns. For many families here, "
            "it feels like the end of a way of life. 'I have sold half my cattle since January because I can no "
            "longer afford feed,' said farmer Tom Achebe, 63. 'My grandfather farmed this land through the drought "
            "of 1976, and he never sold a single cow.'"
        )
    ]
    assert "He never sold a single cow." in texts  # the grandfather, not [Tom Achebe]


def test_a_description_that_needs_explaining_itself_is_not_put_into_a_claim():
    texts = [
        c.text
        for c in claims_of(
            "This photo was sent to the site directly from a source claiming it's from her. The source describes "
            "the woman as a tall, swimsuit model type."
        )
    ]
    assert not any("[claiming it's from her]" in t for t in texts)
    assert any(t.startswith("The source describes") for t in texts)


def test_a_family_name_that_comes_first_is_the_main_person_of_that_name():
    claim = claim_with(
        "Kim Jong Un has not been seen in public for a month. State media showed Kim Jong Un at a factory in "
        "August. His father Kim Jong Il died in 2011. Kim Jong Un limped at a ceremony in July. Mr Kim had "
        "surgery on his ankles in September, a lawmaker said.",
        "surgery",
    )
    assert "“Kim”: probably Kim Jong Un" in claim.notes


def test_the_group_is_the_one_name_the_article_said_was_a_group():
    claims = claims_of(
        "Police in Kessel have warned of attacks by an extremist splinter group. Ostra Front is a small, "
        "relatively unknown group of militants that the Kessel Times first wrote about in 2019. The group has "
        "since begun recruiting throughout Europe."
    )
    claim = next(c for c in claims if "recruiting" in c.text)
    assert claim.text == "[Ostra Front] has since begun recruiting throughout Europe."


def test_a_group_going_by_a_name_is_that_name():
    claims = claims_of(
        "Kessel police have received information indicating that an extremist splinter group of the Ostra "
        "Front, now going by the name Vell Brigade, is planning attacks in Tarnow. The Kessel Times and Radio Tarnow reported the warning first. The group "
        "has recruited in Europe since 2019."
    )
    claim = next(c for c in claims if "recruited" in c.text)
    assert claim.text.startswith("[Vell Brigade] has recruited")


def test_known_for_a_title_does_not_make_the_title_a_name_of_the_thing():
    claims = claims_of(
        "Rumours spread on Monday that Jan Brenner had died. Brenner is an actor known for The Kessel Club, "
        "which was filmed in Tarnow. The Kessel Post and Radio Tarnow both reported that the actor had died."
    )
    assert not any("Kessel Club" in note for c in claims for note in c.notes)


def test_the_party_is_no_body_of_the_party_named_before():
    claims = claims_of(
        "The Political Bureau of the Central Committee of the Ostra Workers' Party met in Kessel on Monday. "
        "Delegates of the Tarnow Farmers' Union attended. The party and army should be on alert, it said."
    )
    claim = next(c for c in claims if "alert" in c.text)
    assert "Political Bureau" not in claim.text and not any("Political Bureau" in n for n in claim.notes)


def test_a_lone_name_is_not_guessed_to_be_a_woman_when_the_claim_speaks_of_his_wife():
    claims = claims_of(
        "Kim Yo Jong has risen fast in Pyongyang. Kim Yo Jong was seen with her brother Kim Jong Un in March. "
        "Kim Yo Jong runs the propaganda office. Kim Yo Jong studied in Bern. Kim and his wife have not been "
        "seen since May."
    )
    claim = next(c for c in claims if "since May" in c.text)
    assert not any("Kim Yo Jong" in n for n in claim.notes) and "[" not in claim.text


def test_they_is_never_one_person_the_tagger_took_for_a_plural():
    claims = claims_of(
        "Tiger Woods won the Masters in 1997. Woods married Elin Nordegren, a former model born in Stockholm, in "
        "2004. They had two children, daughter Sam in 2007 and son Charlie in 2009."
    )
    claim = next(c for c in claims if "two children" in c.text)
    assert "[Woods]" not in claim.text and "[Tiger Woods]" not in claim.text


def test_the_company_is_the_maker_the_sentence_names_not_its_product():
    claims = claims_of(
        "The Orbis Watch will ship in April. Reviewers praised the Orbis Watch in March. The Orbis Watch costs "
        "$349. At that time, we were told Orbis had designed the watch to be charged at night, though the "
        "company was unspecific about how long it would run."
    )
    claim = next(c for c in claims if "charged at night" in c.text)
    assert not any("Orbis Watch" in n and "company" in n for n in claim.notes), claim.notes


def test_a_hyphenated_surname_alone_is_completed_as_one_name():
    claim = claim_with(
        "Police named the gunman as Marcel Roux-Bastien. Roux-Bastien had a criminal record in Lyon.",
        "record",
    )
    assert claim.text == "[Marcel] Roux-Bastien had a criminal record in Lyon."


def test_an_arabic_surname_is_completed_with_or_without_its_particle():
    text = (
        "The militia's leader, Abu Karim al-Mansouri, was seen in a new video on Monday. "
        "Al-Mansouri has two sons. Officials said Mansouri's brother was detained at the border."
    )
    assert claim_with(text, "two sons").text == "[Abu Karim] Al-Mansouri has two sons."
    assert "[Abu Karim al-Mansouri]’s brother" in claim_with(text, "detained").text.replace("'", "’")


def test_a_surname_of_one_man_named_once_with_his_middle_name_is_still_his():
    claim = claim_with(
        "Harald Peter Lindqvist was hailed as a hero on Friday. Harald Lindqvist ran toward the gunman. "
        "Lindqvist was a 29-year police veteran.",
        "veteran",
    )
    assert claim.text in {
        "[Harald] Lindqvist was a 29-year police veteran.",
        "[Harald Peter] Lindqvist was a 29-year police veteran.",
    }


def test_mr_or_miss_before_a_surname_two_siblings_share_says_which_one():
    text = (
        "Luke Varga, 33, was captured in 2013. His sister Lucy Varga said she had heard the news from the police. "
        "Mr Varga was a photographer. Miss Varga described her brother as a romantic."
    )
    assert claim_with(text, "photographer").text == "Mr [Luke] Varga was a photographer."
    assert claim_with(text, "romantic").text.startswith("Miss [Lucy] Varga described")


def test_a_role_owned_by_a_hyphenated_name_takes_no_article():
    texts = [
        c.text
        for c in claims_of("According to a broadcaster, Roux-Bastien's mother, Anne Bastien, still lives in Lyon.")
    ]
    assert "Anne Bastien is Roux-Bastien's mother." in texts
    assert not any(t.startswith(("A broadcaster is", "The broadcaster is")) for t in texts)


def test_the_younger_of_a_family_sharing_a_surname_is_not_completed():
    claim = claim_with(
        "His father, Safi al-Rashidi, spoke to reporters on Monday. The younger al-Rashidi had graduated from "
        "the air college in 2009.",
        "graduated",
    )
    assert "[" not in claim.text


def test_the_city_is_never_a_country_and_the_country_never_a_city():
    text = (
        "Kessel said on Monday that the United States would send aid. The United States pledged $5 million. "
        "The United States also sent doctors. The situation remained tense, with rebels in control of most of "
        "the city."
    )
    assert not any("probably the United States" in n for n in claim_with(text, "situation").notes)


def test_the_country_after_a_people_the_sentence_names_is_not_guessed_from_the_article():
    text = (
        "Vellmar is a town in Kessel. Vellmar has a dam. Vellmar held a vote on Sunday. Vellmar's mayor spoke. "
        "Ostrian airstrikes hit a town along the country's southern border, killing eight people."
    )
    assert not any("probably" in n for n in claim_with(text, "airstrikes").notes)


def test_it_is_unclear_if_is_no_reference():
    claim = claim_with(
        "Anna Berg spoke to the Kessel Post. It is unclear if the teacher in the video is real.", "unclear"
    )
    assert not any(n.startswith("“It”") for n in claim.notes)


def test_an_agency_the_tagger_glued_to_a_name_is_no_part_of_it():
    claims = claims_of(
        "Kim Jong Un is fine, his government said. The ambassador told Reuters Kim was not in bad health. "
        "Kim was seen walking with a limp in July."
    )
    assert not any("Reuters]" in c.text or "[Reuters" in c.text for c in claims)


def test_a_hyphenated_surname_the_tagger_calls_an_organisation_still_counts_as_the_person():
    claims = claims_of(
        "Marcel Roux-Bastien, the gunman, had a criminal record in Lyon. Court documents show that Roux-Bastien "
        "pleaded guilty to robbery. Roux-Bastien, born in 1982, was charged in 2004. Police secured the scene on "
        "Monday. Officers surround the memorial after Cpl. Jonas Varga was wounded in the attack.\n\n"
        "1 of 21\n\nHe was sentenced to 60 days in jail."
    )
    sentenced = [c for c in claims if "60 days" in c.text]
    assert not any("[Jonas Varga]" in c.text for c in sentenced)
    assert not any(c.text == "1 of 21." for c in claims)


def test_a_korean_given_name_alone_is_completed_from_the_full_name():
    claim = claim_with(
        "Kim Jong Un met the delegation on Monday. Kim Jong Un spoke for an hour. Analysts say Jong-un is "
        "desperate to build ties with European countries.",
        "desperate",
    )
    assert "[Kim Jong Un]" in claim.text or "[Kim] Jong-un" in claim.text


def test_a_surname_the_tagger_reads_as_a_plural_noun_is_still_completed():
    claim = claim_with(
        "Tiger Woods withdrew from the tournament on Friday. Dan Olsen had questioned the ball with which Woods "
        "plays, too.",
        "questioned",
    )
    assert "[Tiger] Woods plays" in claim.text
