"""Speakers as real reporting names them (issue 14, second round): a speech verb joined to the
sentence's own verb, "As the Mirror reports,", a quotation right after a sentence about a named person,
"he" that cannot be a group of people.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claim_with, claims_of


def test_a_speech_verb_joined_to_the_sentences_verb_reports_its_content():
    claim = claim_with(
        "Michael Madden runs a blog. It's not much to go on, but Madden said that reports of turmoil in the "
        "government are probably exaggerated.",
        "turmoil",
    )
    assert claim.claimed_by and "Madden" in claim.claimed_by


def test_as_the_paper_reports_names_the_source():
    claim = claim_with("As the Mirror reports, they claim to have captured footage of the creature.", "footage")
    assert claim.claimed_by and "Mirror" in claim.claimed_by


def test_a_quotation_after_a_sentence_about_a_named_person_is_that_persons():
    claims = claims_of(
        '"We took a plaster cast of them," said local witness Andrei Kazarian.\n\n'
        "Eyewitness Ludmila Hristoforova described the creature as bearlike.\n\n"
        "“The creature was big, looking like a bear, but not a bear.”"
    )
    claim = next(c for c in claims if "looking like a bear" in c.text)
    assert claim.claimed_by == "Ludmila Hristoforova"


def test_he_is_never_a_group_of_people_quoted_before():
    claims = claims_of(
        "Mohammed Islam, a student, was profiled by a magazine. Islam said he trades stocks. Friends of Islam "
        "spoke to the paper. But a number of people who know Islam told the paper that the figure is a rumor. "
        'In the article, he acknowledged that his net worth was in the "high eight figures."'
    )
    claim = next(c for c in claims if "net worth" in c.text)
    assert claim.claimed_by is None or "people" not in claim.claimed_by


def test_an_embedded_post_signed_after_its_picture_link_is_the_posters():
    claims = claims_of(
        "Kevin Vickers is being praised by politicians.\n\n"
        "This is Canadian Sergeant-at-Arms Kevin Vickers who reportedly shot one assailant. Ex-Mountie.\n\n"
        "pic.twitter.com/jZr0jLvgEx— Allie Renison (@AllieRenison) October 22, 2014"
    )
    by = {c.text: c.claimed_by for c in claims}
    assert by["Kevin Vickers is being praised by politicians."] is None
    assert by["This is Canadian Sergeant-at-Arms Kevin Vickers who reportedly shot one assailant."] == (
        "Allie Renison (@AllieRenison)"
    )


def test_he_said_after_a_sentence_about_a_titled_person_is_that_persons():
    claims = claims_of(
        "Nigeria's chief of defence staff, Alex Badeh, announced the truce. Boko Haram has not made a public "
        "statement. Boko Haram sparked global outrage six months ago. Air Chief Marshal Badeh revealed the truce "
        "at the close of a security meeting. He said Nigerian soldiers would comply with the agreement."
    )
    claim = next(c for c in claims if "comply" in c.text)
    assert claim.claimed_by == "Alex Badeh"


def test_a_speech_clause_between_commas_inside_the_statement_names_the_speaker():
    claim = claim_with(
        "Sara Lind studies the ministry. This is less likely to be a purge, and more likely, she said, that the "
        "minister is taking a long holiday.",
        "holiday",
    )
    assert claim.claimed_by == "Sara Lind"
    assert "said" not in claim.text


def test_an_unnamed_report_in_the_lede_is_the_outlet_named_as_reporting_below():
    claims = claims_of(
        "The next tablet from Orbis will have a folding screen, according to a report.\n\n"
        "The folding tablet will weigh about 400 grams, TechLeaks reported, citing sources at the factory.\n\n"
        "The battery will last ten hours, the report said."
    )
    assert next(c for c in claims if "folding screen" in c.text).claimed_by == "TechLeaks"
    assert next(c for c in claims if "ten hours" in c.text).claimed_by == "TechLeaks"


def test_an_unnamed_report_stays_unnamed_when_two_outlets_report_nearby():
    claims = claims_of(
        "The airline will cut 300 jobs, it has been reported.\n\n"
        "The Herald reported that pilots would be spared. The Courier reported that the cuts start in May."
    )
    assert next(c for c in claims if "300 jobs" in c.text).claimed_by == "unnamed reports"


def test_a_lead_in_by_what_the_speaker_is_gets_its_name_and_ends_where_the_article_speaks_of_it():
    claims = claims_of(
        "The story comes from a dubious news site called Daily Rumble.\n\n"
        "The site has the following disclaimer on its Contact page:\n\n"
        "Daily Rumble is a news publication. Most of its stories are inspired by real events. "
        "Credit: Reuters.\n"
        "The site's fictional content is presented in the same format as its true reports."
    )
    assert next(c for c in claims if "inspired by real events" in c.text).claimed_by == "Daily Rumble"
    assert next(c for c in claims if "same format" in c.text).claimed_by is None


def test_what_people_joke_or_boast_about_is_theirs_not_the_articles():
    joke = claim_with("Residents often joke that the ferry has never once left on time.", "ferry")
    boast = claim_with("The minister boasted that exports rose by 12 percent in 2023.", "12 percent")
    assert joke.claimed_by == "Residents"
    assert boast.claimed_by == "The minister"


def test_the_subject_of_a_reported_statement_named_by_the_speakers_own_pronoun_is_the_speaker():
    claim = claim_with(
        "Reporter Jessica Pressler has defended the story. She tweeted that she saw a bank statement with eight "
        "figures.",
        "bank statement",
    )
    assert claim.text.startswith("[Jessica Pressler] saw a bank statement")
    assert claim.claimed_by == "Jessica Pressler"


def test_a_pronoun_in_a_clause_inside_the_statement_is_not_taken_for_the_speaker():
    claim = claim_with(
        "Mr Madden runs a blog about the country. He said that the leader's sister is relaying orders while he "
        "takes a break.",
        "relaying",
    )
    assert "[Madden]" not in claim.text and "while he takes a break" in claim.text


def test_they_of_a_plural_speaker_and_it_of_an_organisation_are_the_speaker():
    users = claim_with(
        "The update deleted files for some people. A couple of users said they've contacted the support team.",
        "support team",
    )
    company = claim_with("Orbis Motors said it will close two plants in 2027.", "two plants")
    assert users.text.startswith("[A couple of users] have contacted the support team")
    assert company.text.startswith("[Orbis Motors] will close two plants")


def test_they_of_a_single_person_is_not_the_speaker():
    claim = claim_with("Anna Berg runs the shelter. Berg said they were found on the motorway in May.", "motorway")
    assert "[Anna Berg]" not in claim.text.split("found")[0]


def test_a_credit_at_the_end_of_a_sentence_is_the_relay_not_part_of_the_quotation():
    claim = claim_with(
        "Berg told the Herald's Tom Lind \"it was only my opinion,\" courtesy of the Herald's Sara Dahl.", "opinion"
    )
    assert claim.text == "It was only my opinion."
    assert claim.claimed_by == "Berg (per the Herald's Sara Dahl)"


def test_according_to_a_story_names_the_story_as_the_source():
    claim = claim_with(
        "According to a story circulating on social media, thousands of turkeys at a Texas farm have been infected.",
        "turkeys",
    )
    assert claim.claimed_by and claim.claimed_by.startswith("a story")


def test_according_to_a_person_called_by_what_they_are_names_the_source():
    claim = claim_with(
        "According to one dude who probably doesn't know anything, the mayor of Kessel is serving a secret "
        "suspension for a failed drug test.",
        "suspension",
    )
    assert claim.claimed_by and claim.claimed_by.startswith("one dude")


def test_once_he_is_the_speaker_she_in_the_same_claim_is_someone_else():
    claims = claims_of(
        "Gill Rosenberg joined the Kurdish militia in 2014. Reports said she was captured. Idris Nassan, an "
        "official in Kobane, said he had been told by fighters she is fine."
    )
    claim = next(c for c in claims if "is fine" in c.text)
    assert "[Gill Rosenberg] is fine" in claim.text


def test_a_noun_after_the_speakers_relative_clause_is_not_taken_for_a_role():
    claim = claim_with(
        "But Tom Lind, who runs the paper’s “Road Trip!” section, says the road from Texas to Ohio is shorter "
        "than some think.",
        "shorter",
    )
    assert claim.claimed_by and claim.claimed_by.startswith("Tom Lind")
    assert claim.speaker_role is None or "section" not in claim.speaker_role


def test_a_report_described_as_rubbish_is_disputed_not_relayed():
    claim = claim_with(
        "The singer's publicist has described as “rubbish” a Daily Mirror report that he rejected a £500m tour.",
        "tour",
    )
    assert claim.claimed_by == "a Daily Mirror report (described as rubbish by The singer's publicist)"
    assert "relayed" not in claim.claimed_by


def test_it_is_never_the_person_the_sentence_before_was_about():
    claims = claims_of(
        "The president called the group a cancer in the region. He said it had committed crimes against civilians."
    )
    claim = next(c for c in claims if "crimes" in c.text)
    assert "[The president]" not in claim.text


def test_a_pull_quote_with_no_speaker_before_it_is_an_unnamed_speakers_not_i():
    claims = claims_of(
        "Metal now sticks to the boy's skin.\n"
        "“I found that some coins that had been lying on the mattress had stuck to my body”\n"
        "He said he was not hurt."
    )
    claim = next(c for c in claims if "coins" in c.text)
    assert claim.claimed_by == "an unnamed speaker the article quotes"


def test_he_had_this_to_say_gives_his_name_to_the_quotation_after_it():
    claims = claims_of(
        "Dan Olsen played a single full season on the tour in 2004. But he had this to say:\n\n"
        '"I\'ve heard that the champion is suspended for a month."'
    )
    assert not any(c.claimed_by == "this" for c in claims)
    assert not any("this to say" in c.text for c in claims)  # the lead-in says nothing itself
    quoted = next(c for c in claims if "suspended" in c.text)
    assert quoted.claimed_by == "Dan Olsen"


def test_a_quotation_a_lead_in_opened_keeps_its_speaker_while_it_runs_on():
    claims = claims_of(
        "Dan Olsen played a single full season on the tour in 2004. But he had this to say:\n\n"
        "\"I've heard that the champion is suspended for a month. I heard the suspension began in February. And "
        "it's kind of a strong witness. It's a credible person that's telling me this. It's not testosterone."
    )  # as on the page: the quotation never closes
    for words in ("February", "testosterone"):
        assert claim_with_words(claims, words).claimed_by == "Dan Olsen", words


def claim_with_words(claims: list, words: str):
    return next(c for c in claims if words in c.text)


def test_an_excerpt_a_report_brings_in_runs_on_over_its_paragraphs_until_a_new_speaker():
    claims = claims_of(
        "The man who scaled the fence ran much farther than officials first said.\n\n"
        "The intruder overpowered an officer near the door, the Courier reported:\n\n"
        "An alarm box near the entrance had been muted, said an official who spoke on condition of anonymity.\n\n"
        "The officer inside the door appeared to be delayed in learning of the intruder.\n\n"
        "The intruder then ran into the East Room, an ornate space used for receptions.\n\n"
        "He reached the doorway to the Green Room, according to three people familiar with the incident."
    )
    for words in ("delayed", "East Room"):
        assert next(c for c in claims if words in c.text).claimed_by == "the Courier", words
    assert next(c for c in claims if "Green Room" in c.text).claimed_by != "the Courier"


def test_what_a_report_says_may_come_stays_the_reports_in_the_sentences_after_it():
    claims = claims_of(
        "The next laptop will have a radically new design, according to TechLeaks.\n\n"
        "The new model could also feature a revamped trackpad with a taller footprint. "
        "The current model has two USB ports."
    )
    assert next(c for c in claims if "trackpad" in c.text).claimed_by == "TechLeaks"
    assert next(c for c in claims if "two USB ports" in c.text).claimed_by is None


def test_an_outlet_named_again_before_a_colon_speaks_the_next_paragraph():
    claims = claims_of(
        "The customer says the company got him fired.\n\nConsumerist again:\n\n"
        "At some point after that call, someone from the company contacted a partner at the firm to discuss him."
    )
    assert next(c for c in claims if "partner" in c.text).claimed_by == "Consumerist"


def test_an_excerpt_ends_where_a_new_lead_in_begins():
    claims = claims_of(
        "Professor Carla Diaz reported that the rumours had not abated:\n\n"
        "Blogger Yusnaby Perez also reports that there are strong rumours of an urgent visit:\n\n"
        "The president had travelled to China to ask for financial aid."
    )
    assert next(c for c in claims if "financial aid" in c.text).claimed_by != "Professor Carla Diaz"


def test_saying_after_a_publishers_act_names_the_publisher():
    claim = claim_with(
        "The Gazette issued a correction on Friday, saying that the mayor did not attend the dinner in Kessel.",
        "did not attend",
    )
    assert claim.text.startswith("The mayor did not attend the dinner")
    assert claim.claimed_by == "The Gazette"
    correction = claim_with(
        "The Gazette issued a correction on Friday, saying that the mayor did not attend the dinner in Kessel.",
        "issued a correction",
    )
    assert correction.text == "The Gazette issued a correction on Friday." and correction.claimed_by is None


def test_quoted_as_saying_names_who_was_quoted():
    claim = claim_with(
        "A senior police official was quoted as saying that the driver was arrested at the border near Kessel.",
        "arrested at the border",
    )
    assert claim.text.startswith("The driver was arrested")
    assert claim.claimed_by.lower().endswith("senior police official")


def test_a_quotation_after_wrote_whose_verb_the_tagger_read_as_a_participle_is_the_writers():
    claim = claim_with(
        "The Kessel Courier wrote: “A video shared online made it seem as if the mayor got some unwelcome love "
        "from a feathered friend during a speech.”",
        "video shared online",
    )
    assert claim.claimed_by == "The Kessel Courier"
    assert claim.text.startswith("A video shared online")


def test_it_as_a_speaker_is_the_publication_that_spoke_before_never_a_person():
    text = (
        "Reuters wrote that Anna Berg had closed the Kessel bridge. "
        "It later updated its article, saying that the bridge had been closed by the mayor's deputy."
    )
    claim = claim_with(text, "deputy")
    assert claim.claimed_by == "Reuters"


def test_saying_after_an_act_of_the_sentences_own_keeps_the_act_as_the_articles_claim():
    texts = [c.text for c in claims_of("The council closed the Kessel bridge on Monday, saying it was unsafe.")]
    assert any(t.startswith("The council closed the Kessel bridge") for t in texts), texts


def test_with_someone_claiming_that_gives_the_claim_to_them_and_the_rest_to_the_article():
    claims = claims_of(
        "The Kessel video has already proven controversial, with some observers claiming that the sighting "
        "is a stunt designed to bring tourists into the town."
    )
    said = {c.text: c.claimed_by for c in claims}
    assert said.get("The Kessel video has already proven controversial.", "missing") is None, said
    stunt = next(c for c in claims if "stunt" in c.text)
    assert stunt.claimed_by == "some observers" and stunt.text.startswith("The sighting is a stunt")


def test_a_that_the_parser_read_as_a_subject_stays_in_the_frame():
    claim = claim_with(
        "Jonas Hart, a former army officer, told The Courier that ISIL had improvised devices to launch the spiders.",
        "improvised devices",
    )
    assert claim.text.startswith("ISIL had improvised devices"), claim.text


def test_a_hyphenated_role_and_what_follows_it_are_the_speakers_role_not_their_name():
    claim = claim_with(
        "Jonas de Villiers-Hart, ex-head of chemical and biological defence for the Army and Nato, told The "
        "Courier that the militia had improvised devices to launch the venomous spiders in small bombs.",
        "improvised devices",
    )
    assert claim.speaker == "Jonas de Villiers-Hart"
    assert claim.speaker_role == "ex-head of chemical and biological defence for the Army and Nato"


def test_the_spokesman_is_the_one_quoted_before_with_that_role():
    claims = claims_of(
        '"There is a basic rule in reporting," the ministry\'s deputy spokesman, Father Anton Brel, said on Saturday. '
        "The spokesman said he received a number of calls about the story from outside Kessel on Friday."
    )
    claim = next(c for c in claims if "number of calls" in c.text)
    assert claim.claimed_by and "Anton Brel" in claim.claimed_by, claim.claimed_by


def test_the_paper_is_the_outlet_that_reported_just_before():
    claims = claims_of(
        "The Kessel Morning Post reported that the three men had formed a kidnapping gang in 2012. "
        "The paper reported that the hostages regarded the gang as particularly vicious jailers."
    )
    claim = next(c for c in claims if "vicious jailers" in c.text)
    assert claim.claimed_by == "The Kessel Morning Post"


def test_the_source_is_the_nearest_source_quoted_before():
    claims = claims_of(
        "A well-placed source said the suspect had travelled to Syria last year. "
        "The Kessel Times reported that the agencies had identified the man. "
        "A counterterrorism source told the paper that the investigation was moving forward. "
        "The source also said that the police had opened a file on the case in 2012."
    )
    claim = next(c for c in claims if "opened a file" in c.text)
    assert claim.claimed_by == "A counterterrorism source"


def test_here_is_what_x_said_gives_x_the_paragraph_after_it():
    claims = claims_of(
        "Here is what the ministry said in a statement:\n\n"
        "The army withdrew from the town of Kessel on Friday. No soldiers were hurt in the withdrawal."
    )
    assert not any("Here is what" in c.text for c in claims)
    withdrew = next(c for c in claims if "withdrew" in c.text)
    assert withdrew.claimed_by and "ministry" in withdrew.claimed_by


def test_a_lead_in_whose_verb_points_ahead_is_no_claim():
    claims = claims_of(
        "The statement read:\n\nThe plant in Kessel will close in May and 300 workers will lose their jobs."
    )
    assert not any(c.text.startswith("The statement read") for c in claims), [c.text for c in claims]


def test_she_said_is_the_one_woman_named_lately_among_people_of_no_shown_gender():
    claims = claims_of(
        'Lawmakers on Thursday bristled at reports that one of the high-level militants officials exchanged for Sgt. Tom Bergson might soon become a threat to Americans abroad.\n\nSen. Kelly Arno, Kessel Republican and a member of the armed services committee, said she was disturbed by the news, which only served to highlight "the danger of the administration\'s policy."\n\nShe used the report to highlight her legislative battle to keep detainees who pose a serious threat locked up at the detention camp.\n\n"With nearly 30 percent of former detainees suspected of reengaging in terrorism, the policy of releasing dangerous terrorists endangers Americans," she said.\n\n"Consistent with the legislation I have introduced, I renew my call for suspending transfers of detainees. I look forward to the committee considering this legislation as soon as possible."\n'
    )
    claim = next(c for c in claims if "I renew my call" in c.text)
    assert claim.claimed_by == "Kelly Arno", claim.claimed_by


def test_according_to_after_a_speech_verb_relays_the_speakers_words():
    claims = claims_of(
        "Kessel Watch's editor Michael Madden said the country wants ties with Europe. "
        '"It would not surprise me at all if they opened a restaurant in Arlo," he said, according to the Daily Record.'
    )
    claim = next(c for c in claims if "restaurant in Arlo" in c.text)
    assert claim.claimed_by == "Michael Madden (per the Daily Record)", claim.claimed_by


def test_according_to_inside_the_quotation_is_its_source_the_verb_relays_it():
    claims = claims_of(
        '"The company has made the gold scratch-resistant, according to people familiar with the matter," '
        "reports the Kessel Journal."
    )
    claim = next(c for c in claims if "scratch-resistant" in c.text)
    assert "reports" not in claim.text, claim.text
    assert claim.claimed_by == "people familiar with the matter (per the Kessel Journal)", claim.claimed_by


def test_said_before_the_name_names_the_speaker_whatever_the_parser_hung_the_name_on():
    claims = claims_of(
        "Josh Lin posted a video of the man. "
        '"People think I changed his life," said Lin, who maintains the video was not staged.'
    )
    claim = next(c for c in claims if "changed his life" in c.text)
    assert claim.claimed_by and claim.claimed_by.endswith("Lin"), claim.claimed_by


def test_what_the_speakers_description_says_they_said_is_their_claim_too():
    claims = claims_of(
        'Anna Berg, who said that she had heard the news from police officers, said: "We ask that our family '
        'be allowed to mourn in peace," according to a report from the Kessel Post.'
    )
    heard = next(c for c in claims if "heard the news from police officers" in c.text)
    assert heard.claimed_by == "Anna Berg (per a report from the Kessel Post)", heard.claimed_by
    assert not heard.text.startswith("Anna Berg said")


def test_who_was_told_something_did_not_say_it():
    claims = claims_of(
        "Workers were told on Monday that the plant would close in May. "
        "Dylan Berg may have been told by doctors that a spider had invaded his arm. "
        "Residents were told by police that the road would stay closed until Friday."
    )
    told = next(c for c in claims if "plant would close" in c.text)
    assert told.claimed_by is None and told.text.startswith("Workers were told"), (told.text, told.claimed_by)
    spider = next(c for c in claims if "spider" in c.text)
    assert "may have been told" in spider.text, spider.text
    road = next(c for c in claims if "road would stay closed" in c.text)
    assert road.claimed_by == "police", road.claimed_by


def test_a_guess_stays_a_guess():
    claims = claims_of("His doctors speculated that the spider had entered his skin through an appendectomy scar.")
    assert claims[0].claimed_by == "His doctors (speculating)", claims[0].claimed_by


def test_published_claims_are_no_one_speaking():
    claims = claims_of(
        "Published claims that a Kessel high school student made a fortune trading securities turn out to be "
        "exaggerated."
    )
    assert all(c.claimed_by is None for c in claims), [(c.text, c.claimed_by) for c in claims]
    assert claims[0].text.startswith("Published claims that"), claims[0].text


def test_a_caption_ending_in_a_colon_names_no_speaker():
    claims = claims_of(
        "Anna Berg after the flood vs. Tom Kessler after the fire:\n\n"
        "Airstrikes did hit targets in Kessel, but the king was not in the pilot's seat."
    )
    claim = next(c for c in claims if "Airstrikes" in c.text)
    assert claim.claimed_by is None, claim.claimed_by


def test_an_age_between_commas_is_neither_the_speakers_name_nor_their_role():
    claims = claims_of(
        '"The water reached the second floor within an hour," said Anna Kovac, 64, a retired nurse from Kessel.'
    )
    claim = next(c for c in claims if "second floor" in c.text)
    assert claim.speaker == "Anna Kovac"
    assert claim.speaker_role == "a retired nurse from Kessel"


def test_a_laugh_or_a_joke_after_the_words_says_who_spoke_them():
    claims = claims_of("Lena Voss kept a loaf of bread for 20 years. The loaf is as hard as a brick, Voss joked.")
    claim = next(c for c in claims if "hard as a brick" in c.text)
    assert claim.text.endswith("is as hard as a brick.") and "joked" not in claim.text
    assert claim.claimed_by and "Voss" in claim.claimed_by
    laughed = next(
        c
        for c in claims_of("Kessel's mayor Anna Berg toured the flats. They are rats, Berg laughed.")
        if "rats" in c.text
    )
    assert laughed.text == "They are rats." or laughed.text.endswith("are rats.")
    assert laughed.claimed_by and "Berg" in laughed.claimed_by


def test_a_verb_that_reports_only_with_that_still_reports_nothing_on_its_own():
    claims = claims_of("The island of Kessel boasts a variety of wildlife, including deer and beavers.")
    assert all(c.claimed_by is None for c in claims)


def test_a_clause_between_commas_after_the_speakers_name_is_no_part_of_the_name():
    claims = claims_of(
        "Lena Voss runs a car auction in Tarnow. Exporters comprise a small minority of auction buyers, said Voss, "
        "who herself bid at car auctions for a dealership for about a year."
    )
    claim = next(c for c in claims if "Exporters" in c.text)
    assert claim.claimed_by == "Lena Voss"


def test_a_speech_clause_after_a_quoted_term_names_the_speaker():
    claims = claims_of(
        'Jan Brenner runs a watch blog in Kessel. The term "18-karat gold," he says, likely means the watch is '
        "made of solid gold, not gold-plated."
    )
    claim = next(c for c in claims if "solid gold" in c.text)
    assert claim.claimed_by == "Jan Brenner"
    assert "says" not in claim.text and claim.text.startswith('The term "18-karat gold,"')


def test_what_the_parser_cut_off_the_speakers_relative_clause_is_no_part_of_the_name():
    claims = claims_of(
        "Exporters comprise a small minority of auction buyers, said Lena Voss, who runs the Kessel Post's \"Cars "
        'Now!" column.'
    )
    assert next(c for c in claims if "Exporters" in c.text).claimed_by == "Lena Voss"


def test_a_lead_in_to_a_post_the_text_lost_gives_its_speaker_to_nothing_after_it():
    claims = claims_of(
        "Lena Voss, a Kessel blogger with around 40K followers on Twitter, notes:\n\n"
        "Online, the militia has been active showing off its attacks in Tarnow for the world to see. The militia "
        "came to prominence in 2013 after fighters from around the world joined it."
    )
    assert all(c.claimed_by is None for c in claims if "militia" in c.text), [(c.text, c.claimed_by) for c in claims]


def test_a_lead_in_to_a_post_whose_text_follows_gives_it_its_speaker():
    claims = claims_of(
        "Lena Voss, a Kessel blogger with around 40K followers on Twitter, wrote:\n\n"
        '"The militia has been shelling the old town of Tarnow since Monday morning."'
    )
    claim = next(c for c in claims if "shelling" in c.text)
    assert claim.claimed_by and "Lena Voss" in claim.claimed_by


def test_what_a_speaker_has_not_confirmed_is_not_theirs_to_claim():
    claims = claims_of(
        "Lena Voss and her lawyers have not confirmed that the Kessel singer is still living in Tarnow, but "
        "they probably don't need to."
    )
    assert not any(c.claimed_by and "Lena Voss" in c.claimed_by for c in claims), [
        (c.text, c.claimed_by) for c in claims
    ]
    assert not any(c.text.startswith("The Kessel singer is still living") for c in claims)


def test_what_something_could_indicate_is_no_ones_statement():
    claims = claims_of(
        "If the mayor really said he wears it in the shower, it could indicate that Orbis will market the watch "
        "as waterproof."
    )
    assert not any(c.text.startswith("Orbis will market") for c in claims), [c.text for c in claims]


def test_a_clause_before_the_speaker_of_a_speech_clause_between_commas_is_the_statements():
    claims = claims_of("When the dam broke, Lena Voss said, the water in Kessel rose two metres in an hour.")
    claim = next(c for c in claims if "two metres" in c.text)
    assert claim.claimed_by == "Lena Voss"
    assert claim.text == "When the dam broke, the water in Kessel rose two metres in an hour."


def test_a_source_the_parser_joined_as_a_second_verb_still_speaks():
    claim = claim_with(
        "The assembler has started mass production of the watch, hiring 4,000 more workers, reported Gadget Daily.",
        "mass production",
    )
    assert claim.claimed_by == "Gadget Daily"
    assert "reported" not in claim.text


def test_a_source_the_parser_hung_on_the_statement_still_speaks():
    claim = claim_with(
        "Two investigators are expected to fly to Lisbon “within days” to help identify the arsonist, "
        "Portugal’s Evening Post reported.",
        "investigators",
    )
    assert claim.claimed_by == "Portugal’s Evening Post"
    assert "Evening Post" not in claim.text


def test_what_a_thing_suggests_is_the_articles_inference_kept_whole():
    claim = claim_with(
        "The lack of doctors and medicine in the city suggests that the outbreak could quickly spread.", "outbreak"
    )
    assert claim.claimed_by is None
    assert claim.text.startswith("The lack of doctors")


def test_it_is_believed_keeps_the_articles_hedge_and_names_no_reporter():
    claim = claim_with(
        "It is believed, though unconfirmed, that the commander and his son were killed in an airstrike.", "airstrike"
    )
    assert claim.claimed_by is None
    assert claim.text.startswith("It is believed, though unconfirmed, that")


def test_it_has_been_reported_still_names_unnamed_reports():
    assert claim_with("It has been reported that the minister resigned on Monday.", "resigned").claimed_by == (
        "unnamed reports"
    )


def test_a_noun_the_parser_read_as_a_speaker_without_a_comma_names_no_one():
    claim = claim_with(
        "Anders also appeared in music videos posted on YouTube for songs titled “Overdose” and “Dreamer.”",
        "appeared",
    )
    assert claim.claimed_by is None
    assert "music videos posted on YouTube" in claim.text


def test_a_role_in_the_speakers_own_description_stays_the_articles():
    claims = claims_of("Anna Berg, the town's mayor, said the dam held.")
    assert next(c for c in claims if "mayor" in c.text and " is " in c.text).claimed_by is None


def test_a_description_inside_a_report_stays_the_articles_gloss():
    claims = claims_of("The Kessel Post reported that the mayor was seen in Arlo, the region's capital, on Monday.")
    assert next(c for c in claims if "capital" in c.text and " is " in c.text).claimed_by is None


def test_the_outlet_someone_told_is_no_speaker():
    claim = claim_with(
        "More than 40 homes were flooded and 80 families are in shelters as a result, the head of the civil "
        "defence agency in Arlo, Brigadier General Tomas Varga, told the Kessel Post.",
        "homes were flooded",
    )
    assert claim.claimed_by != "the Kessel Post"


def test_sources_after_the_last_comma_the_parser_hung_on_the_statement_speak():
    claim = claim_with(
        "On Sunday, troops fought dozens of suspected rebels in the town of Arlo in Kessel state, witnesses and "
        "security sources said.",
        "troops fought",
    )
    assert claim.claimed_by == "witnesses and security sources"
    assert not claim.text.endswith("security sources.")


def test_claims_the_report_after_the_statement_names_the_report():
    claim = claim_with(
        "Customers who weigh more than the chain's limit will not be served, claims the report.", "served"
    )
    assert claim.claimed_by == "the report"


def test_they_said_is_never_one_person_named_before():
    claims = claims_of("James Varga was a reporter. They said Omar and two friends never made it to the border.")
    claim = next(c for c in claims if "border" in c.text)
    assert claim.claimed_by != "James Varga"


def test_she_says_is_never_a_man_named_by_his_first_name():
    claims = claims_of(
        "The island is for sale, estate agent Johan Lindberg told the Kessel Post. "
        "To the Arlo Times, she says that the golfer bought the island in 2008."
    )
    claim = next(c for c in claims if "bought the island" in c.text)
    assert claim.claimed_by != "Johan Lindberg"


def test_a_claim_a_fact_check_examines_is_no_claim_of_the_article():
    text = "Claim: The singer has been banned from all future award shows.\n\nThe ban was never announced."
    claim = next(c for c in claims_of(text) if "banned" in c.text)
    assert claim.text == "The singer has been banned from all future award shows."
    assert claim.claimed_by == "the claim the article examines"
    assert text[claim.spans[0][0] :].startswith("The singer")


def test_a_verb_joined_after_another_subjects_verb_is_not_the_main_subjects():
    texts = [
        c.text
        for c in claims_of(
            "Kessel Radio aired an interview with Varga in which she said she had travelled to Arlo, was training "
            "with the militia and would fight in the north."
        )
    ]
    assert not any(t.startswith("Kessel Radio was training") or t.startswith("Kessel Radio would") for t in texts)


def test_a_speech_participle_after_a_persons_own_statement_reports_the_content():
    claims = claims_of(
        "Dan Varga is walking back everything, telling the Kessel Post his comments were only an opinion."
    )
    reported = next(c for c in claims if "opinion" in c.text)
    assert reported.claimed_by == "Dan Varga"
    assert any(c.text == "Dan Varga is walking back everything." and c.claimed_by is None for c in claims)
