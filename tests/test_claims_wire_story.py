"""A wire story an article reprints after its own words is the agency's report (issue 14, seventh
round): "WASHINGTON (AP) — ..." far into an article opens the agency's text, not the article's lead.

Every sentence here was written for these tests in the style of agency and web news.
"""

from tests.conftest import claims_of

_REPRINT = (
    "A video of a bird landing on the mayor's hat went viral this week. The Kessel Post and Radio Nord both "
    "shared it. The Post later issued a correction.\n\nMayor and governor discuss budget, bridge repairs\n\n"
    "KESSEL (AP) — Capping a week of talks, Mayor Anna Berg pressed Governor Tom Hale on Friday for more money "
    "for bridges. Hale countered by calling the request excessive."
)


def test_the_sentences_after_a_reprinted_wire_dateline_are_the_agencys():
    claims = claims_of(_REPRINT)
    pressed = next(c for c in claims if "pressed" in c.text)
    countered = next(c for c in claims if "countered" in c.text)
    assert pressed.claimed_by == "The Associated Press"
    assert countered.claimed_by == "The Associated Press"
    assert next(c for c in claims if "correction" in c.text).claimed_by is None


def test_a_wire_dateline_that_opens_the_article_is_the_articles_own_lead():
    claims = claims_of(
        "KESSEL (AP) — Mayor Anna Berg pressed Governor Tom Hale on Friday for more money for bridges. Hale "
        "countered by calling the request excessive."
    )
    assert all(c.claimed_by is None for c in claims if "pressed" in c.text or "countered" in c.text)


def test_what_a_report_said_in_a_time_clause_is_also_a_claim_of_the_reporter():
    claims = claims_of(
        "Rescue teams reached the village on Sunday. The reports come just hours after the Kessel Post reported "
        "that nine miners were trapped in a flooded shaft."
    )
    trapped = next(c for c in claims if c.text.startswith("Nine miners were trapped"))
    assert trapped.claimed_by == "the Kessel Post"
    assert any(c.text.startswith("The reports come") and c.claimed_by is None for c in claims)


def test_the_network_is_the_outlet_whose_report_was_cited_just_before():
    claims = claims_of(
        "A joint operation to free the hostage was launched on Saturday, according to a report from Kessel "
        "News. The network added that the hostage's status was unclear."
    )
    status = next(c for c in claims if "status was unclear" in c.text)
    assert status.claimed_by is not None and "Kessel News" in status.claimed_by
