"""Numbers, dates and names checked explicitly: quantities, dates, names, and their alignment."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

from corroborate.verify import date_mentions, figures, names, quantities
from corroborate.verify.date_mentions import find_dates
from corroborate.verify.figures import FigureCheck, compare, compare_many
from corroborate.verify.names import find_names
from corroborate.verify.quantities import find_quantities

# A Tuesday: "last year" is 2025, "last November" November 2025.
ARTICLE_DATE = date(2026, 3, 17)


def only_quantity(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def only_date(text: str, document_date: date | None = None):
    found = find_dates(text, document_date)
    assert len(found) == 1, found
    return found[0]


def numbers(claim: str, evidence: str, **kwargs) -> FigureCheck:
    """Quantities and dates only: no parser."""
    return compare(claim, evidence, names=False, **kwargs)


# ---- quantities ----


def test_thousands_separator_and_the_counted_noun():
    q = only_quantity("The plant employed 2,400 emergency workers in 1986.")
    assert (q.text, q.value, q.dimension, q.noun) == ("2,400", 2400, "count", "worker")


def test_scale_words_and_currency():
    q = only_quantity("The new shelter cost $3bn to build.")
    assert (q.dimension, q.value) == ("money:USD", 3e9)
    assert only_quantity("About 4.2 million people live in the region.").value == 4.2e6
    assert only_quantity("The fund lost half a million euros.").value == 5e5


def test_scale_words_equal_the_written_out_number():
    check = numbers("4.2 million people live in the region.", "4,200,000 people live in the region.")
    assert [f.status for f in check.findings] == ["match"]
    assert check.verdict_hint == "consistent"


def test_a_decimal_with_a_scale_word_allows_its_rounding():
    check = numbers("4.2 million people live in the region.", "4,213,000 people live in the region.")
    assert [f.status for f in check.findings] == ["compatible"]


def test_numbers_in_words():
    assert only_quantity("Twenty-five firefighters were sent.").value == 25
    assert only_quantity("The fire destroyed two hundred and fifty homes.").value == 250
    assert only_quantity("Three reactors kept running.").noun == "reactor"


def test_dozens():
    assert only_quantity("A dozen reactors were built.").value == 12
    q = only_quantity("Nearly three dozen people died in the accident.")
    assert (q.value, q.qualifier, q.noun) == (36, "nearly", "person")
    assert q.low < 36 and q.high == 36


def test_bounds_become_open_intervals():
    over = only_quantity("Over fifty were injured.")
    assert (over.low, over.high) == (50, math.inf)
    at_most = only_quantity("Up to 3,200 MW of power was lost.")
    # A round bound keeps its rounding: "up to 3,200" does not rule out 3,210.
    assert (at_most.dimension, at_most.low) == ("power", 0)
    assert at_most.high == pytest.approx(3.2e9, rel=0.025)


def test_ranges():
    between = only_quantity("Between 10 and 20 km of track were buried.")
    assert (between.dimension, between.low, between.high) == ("length", 10_000, 20_000)
    dashed = only_quantity("A 10-20 km zone was cleared.")
    assert (dashed.low, dashed.high) == (10_000, 20_000)


def test_a_score_is_not_a_range():
    assert [q.value for q in find_quantities("Kyiv won 3-1 at home.")] == [3, 1]


def test_tens_of_thousands():
    q = only_quantity("Tens of thousands of residents fled the area.")
    assert (q.low, q.high, q.noun) == (10_000, 100_000, "resident")
    assert numbers("Tens of thousands of residents fled.", "About 50,000 residents fled.").findings[0].status == (
        "compatible"
    )
    assert numbers("Tens of thousands of residents fled.", "About 500 residents fled.").verdict_hint == "contradicts"


def test_years_are_dates_not_counts():
    assert find_quantities("In 1986 the reactor exploded, and the 2019 elections followed.") == ()
    assert only_quantity("In all, 2000 people were moved.").noun == "person"


def test_ages_and_durations():
    assert only_quantity("A 25-year-old man was arrested.").dimension == "age"
    assert only_quantity("The trial lasted three weeks.").dimension == "duration"


def test_hyphenated_units():
    assert [(q.dimension, q.value) for q in find_quantities("A 30-km zone was sealed for a 10-day search.")] == [
        ("length", 30_000),
        ("duration", 10 * 86400),
    ]


def test_ordinals_and_clock_times_are_not_counts():
    assert find_quantities("The 4th reactor exploded at 1:23 am.") == ()


def test_the_word_one_alone_is_not_a_count():
    assert find_quantities("It was the one that failed.") == ()


# ---- quantity alignment ----


def test_a_different_count_of_the_same_thing_contradicts():
    check = numbers("The plant employed 2,400 workers.", "The plant employed 4,200 workers at the time.")
    (finding,) = check.findings
    assert (finding.kind, finding.status, finding.aligned_by) == ("quantity", "mismatch", "noun")
    assert finding.explanation == "claim says 2,400, source says 4,200"
    assert check.verdict_hint == "contradicts"


def test_a_round_number_is_compatible_with_what_rounds_to_it():
    check = numbers("The plant employed 2,400 workers.", "The plant employed 2,412 workers.")
    assert check.findings[0].status == "compatible"
    assert numbers("The plant employed 2,000 workers.", "The plant employed 2,400 workers.").verdict_hint == (
        "contradicts"
    )


def test_nearly_forty_is_compatible_with_thirty_eight():
    check = numbers("Nearly 40 people died in the accident.", "The accident killed 38 people.")
    assert [f.status for f in check.findings] == ["compatible"]
    assert check.verdict_hint == "consistent"


def test_over_fifty_is_contradicted_by_forty_eight():
    check = numbers("Over fifty people died in the accident.", "The accident killed 48 people.")
    assert check.verdict_hint == "contradicts"
    assert check.findings[0].explanation == "claim says Over fifty, source says 48"


def test_at_least_is_a_lower_bound():
    claim = "At least 31 people died in the accident."
    assert numbers(claim, "The accident killed 50 people.").verdict_hint == "consistent"
    assert numbers(claim, "The accident killed 20 people.").verdict_hint == "contradicts"


def test_a_value_inside_the_sources_range_is_compatible():
    check = numbers(
        "The blast scattered debris 15 km from the reactor.", "Debris fell between 10 and 20 km from the reactor."
    )
    assert [(f.status, f.aligned_by) for f in check.findings] == [("compatible", "unit")]


def test_units_are_converted():
    claim = "The town is 12 km from the reactor."
    assert numbers(claim, "The town lies 7.5 miles from the reactor.").findings[0].status == "compatible"
    assert numbers(claim, "The town lies 30 km from the reactor.").verdict_hint == "contradicts"


def test_per_cent_and_the_percent_sign_are_the_same_unit():
    check = numbers("Turnout fell to 30 per cent in the referendum.", "Turnout in the referendum fell to 30%.")
    assert [f.status for f in check.findings] == ["match"]


def test_different_currencies_are_not_compared():
    assert numbers("The shelter cost $3bn.", "The shelter cost £5bn.").findings == ()


def test_parallel_structure_pairs_by_position():
    check = numbers("The bill passed 52 to 48 in the Senate.", "The Senate passed the bill 51 to 49.")
    by_claim = {f.claim.text: f for f in check.findings}
    assert (by_claim["48"].evidence.text, by_claim["48"].aligned_by, by_claim["48"].status) == (
        "49",
        "position",
        "mismatch",
    )


# ---- unrelated numbers must not refute ----


def test_counts_of_the_same_noun_in_different_events_do_not_refute():
    check = numbers("2,400 people were evacuated from the town.", "31 people died at the plant.")
    assert check.verdict_hint is None
    assert all(not f.confident for f in check.mismatches)
    assert "possibly about different things" in check.mismatches[0].explanation


def test_percentages_of_different_things_do_not_refute():
    check = numbers("Unemployment rose by 30 per cent.", "Inflation rose by 45 per cent.")
    assert check.verdict_hint is None
    assert check.confident_mismatches == ()


def test_counts_of_different_things_are_not_paired():
    check = numbers("The plant had four reactors.", "The accident killed 31 people.")
    assert check.findings == ()
    assert check.verdict_hint is None


def test_a_figure_the_source_does_not_mention_is_no_mismatch():
    check = numbers("The plant employed 2,400 workers in 1986.", "The plant was run by a Soviet ministry.")
    assert check.findings == ()
    assert check.verdict_hint is None


# ---- dates ----


def test_absolute_dates_cover_their_days():
    day = only_date("The reactor exploded on 26 April 1986.")
    assert (day.first, day.last, day.granularity) == (date(1986, 4, 26), date(1986, 4, 26), "day")
    month = only_date("The town was evacuated in March 2021.")
    assert (month.first, month.last) == (date(2021, 3, 1), date(2021, 3, 31))
    year = only_date("The plant closed in 2000.")
    assert (year.first, year.last) == (date(2000, 1, 1), date(2000, 12, 31))
    decade = only_date("Tourism grew in the 1990s.")
    assert (decade.text, decade.first, decade.last) == ("the 1990s", date(1990, 1, 1), date(1999, 12, 31))
    assert only_date("It was signed on April 26, 1986.").first == date(1986, 4, 26)


def test_a_year_contains_a_day_in_it():
    check = numbers("The reactor exploded in 1986.", "The reactor exploded on 26 April 1986.")
    assert [(f.kind, f.status) for f in check.findings] == [("date", "match")]
    assert check.verdict_hint == "consistent"


def test_a_day_is_compatible_with_a_source_that_gives_only_the_year():
    check = numbers("The reactor exploded on 26 April 1986.", "The reactor exploded in 1986.")
    assert [f.status for f in check.findings] == ["compatible"]


def test_a_different_year_contradicts():
    check = numbers("Reactor 4 exploded in 1989.", "The reactor exploded on 26 April 1986.")
    assert check.findings[0].explanation == "claim says 1989, source says 26 April 1986"
    assert check.verdict_hint == "contradicts"


def test_decades():
    assert numbers("The plant was built in the 1970s.", "The plant was built in 1977.").findings[0].status == "match"
    assert numbers("The plant was built in the 1990s.", "The plant was built in 1977.").verdict_hint == "contradicts"


def test_relative_dates_are_resolved_with_the_document_date():
    last_year = only_date("The storm hit last year.", ARTICLE_DATE)
    assert (last_year.resolved, last_year.first) == ("2025", date(2025, 1, 1))
    assert only_date("Officials met last November.", ARTICLE_DATE).first == date(2025, 11, 1)
    assert only_date("The dam opened on 12 March.", ARTICLE_DATE).first == date(2026, 3, 12)
    check = numbers(
        "The storm hit the coast last year.", "The storm hit the coast in 2024.", document_date=ARTICLE_DATE
    )
    assert check.findings[0].explanation == "claim says last year (2025), source says 2024"
    assert check.verdict_hint == "contradicts"


def test_relative_dates_without_a_document_date_are_left_out():
    assert find_dates("The storm hit last year.") == ()
    assert numbers("The storm hit the coast last year.", "The storm hit the coast in 2024.").findings == ()


def test_a_relative_date_is_not_a_duration():
    assert find_quantities("The plant closed two years ago.") == ()
    assert only_date("The plant closed two years ago.", ARTICLE_DATE).first == date(2024, 1, 1)


def test_the_verb_may_is_not_a_month():
    assert find_dates("Officials may close the plant.", ARTICLE_DATE) == ()


def test_the_date_of_the_same_event_is_preferred_to_another_one():
    check = numbers(
        "The reactor exploded in 1986.", "The plant closed in 2000, years after the reactor exploded on 26 April 1986."
    )
    (finding,) = check.findings
    assert (finding.evidence.text, finding.status) == ("26 April 1986", "match")


def test_a_date_of_another_event_does_not_refute():
    check = numbers("The Chernobyl disaster happened in 1986.", "The Chernobyl plant was closed in 2000.")
    assert check.verdict_hint is None
    assert [(f.status, f.confident) for f in check.findings] == [("mismatch", False)]


def test_a_shared_topic_word_does_not_make_two_dates_one_event():
    check = numbers(
        "The regional government set up the river authority in 1928 to manage the river.",
        "The flood of 1927 killed 212 people along the river.",
    )
    assert check.verdict_hint is None
    assert check.confident_mismatches == ()


# ---- names ----


def test_names_are_found_with_their_kind_and_role():
    found = {n.text: n for n in find_names("Chief engineer Anatoly Dyatlov supervised the test near Kyiv.")}
    assert found["Anatoly Dyatlov"].kind == "person"
    assert found["Anatoly Dyatlov"].role == "subject:supervise"
    assert found["Anatoly Dyatlov"].titles == ("engineer",)
    assert found["Kyiv"].kind == "place"


def test_another_person_in_the_same_role_contradicts():
    check = compare(
        "Chief engineer Anatoly Dyatlov supervised the safety test.",
        "The safety test was supervised by deputy chief engineer Viktor Bryukhanov.",
    )
    (finding,) = check.findings
    assert finding.kind == "name"
    assert finding.explanation == "claim names Anatoly Dyatlov, source names Viktor Bryukhanov"
    assert check.verdict_hint == "contradicts"


def test_a_surname_names_the_same_person():
    check = compare("Dyatlov supervised the test.", "Anatoly Dyatlov, the deputy chief engineer, supervised the test.")
    assert [(f.status, f.aligned_by) for f in check.findings] == [("match", "same name")]
    assert check.verdict_hint == "consistent"


def test_an_acronym_names_the_same_organisation():
    check = compare(
        "The IAEA inspected the plant in 1991.", "The International Atomic Energy Agency inspected the plant in 1991."
    )
    assert {(f.kind, f.status) for f in check.findings} == {("name", "match"), ("date", "match")}


def test_another_place_is_reported_but_does_not_refute():
    check = compare("The protest took place in Kyiv.", "The protest took place in Moscow.")
    (finding,) = check.findings
    assert (finding.status, finding.confident) == ("mismatch", False)
    assert check.verdict_hint is None


def test_a_person_in_another_role_is_not_a_mismatch():
    check = compare("Anatoly Dyatlov supervised the test.", "The test was criticised in a report on Viktor Bryukhanov.")
    assert check.findings == ()


def test_the_same_name_in_another_event_is_not_agreement():
    check = compare("Maria Keller declared a state of emergency.", "Maria Keller opened a new school in spring.")
    assert [(f.status, f.confident) for f in check.findings] == [("match", False)]
    assert check.verdict_hint is None


# ---- the public surface ----


def test_public_api_is_pinned():
    assert sorted(figures.__all__) == ["FigureCheck", "Finding", "TextSpan", "compare", "compare_many"]
    assert sorted(quantities.__all__) == ["Quantity", "find_quantities"]
    assert sorted(date_mentions.__all__) == ["DateMention", "date_spans", "find_dates"]
    assert sorted(names.__all__) == ["NameMention", "find_names", "names_in", "noting_names", "same_name"]


def test_findings_are_frozen_and_their_spans_point_into_the_text():
    claim, evidence = "Reactor 4 exploded in 1989.", "The reactor exploded on 26 April 1986."
    (finding,) = numbers(claim, evidence).findings
    assert claim[finding.claim.start : finding.claim.end] == finding.claim.text == "1989"
    assert evidence[finding.evidence.start : finding.evidence.end] == finding.evidence.text
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.status = "match"  # type: ignore[misc]


def test_compare_many_keeps_order_and_agrees_with_compare():
    pairs = [
        ("The plant employed 2,400 workers.", "The plant employed 4,200 workers."),
        ("Dyatlov supervised the test.", "Anatoly Dyatlov supervised the test."),
    ]
    assert compare_many(pairs, batch_size=1) == [compare(*pair) for pair in pairs]
    with pytest.raises(ValueError, match="2 evidence dates for 1 pairs"):
        compare_many(pairs[:1], evidence_dates=[None, None])


def test_numbers_and_dates_work_without_the_parser(monkeypatch: pytest.MonkeyPatch):
    import corroborate.claims.parse as parse

    def no_parser():
        raise AssertionError("the parser was loaded")

    monkeypatch.setattr(parse, "load_parser", no_parser)
    assert numbers("Reactor 4 exploded in 1989.", "The reactor exploded in 1986.").verdict_hint == "contradicts"


def test_a_figure_the_source_sets_in_another_era_refutes_nothing():
    older = compare(
        "The Vellmar dike is seven feet high.", "In 1850 the Vellmar dike was 350 feet high.", date(2026, 3, 17)
    )
    assert older.verdict_hint is None
    assert [(f.kind, f.status, f.confident) for f in older.findings if f.kind == "quantity"] == [
        ("quantity", "mismatch", False)
    ]
    same_year = compare(
        "The Vellmar dike is seven feet high.", "In 2026 the Vellmar dike was 350 feet high.", date(2026, 3, 17)
    )
    assert same_year.verdict_hint == "contradicts"
    unknown = compare("The Vellmar dike is seven feet high.", "In 1850 the Vellmar dike was 350 feet high.")
    assert unknown.verdict_hint is None  # the checked text's date unknown: which era it speaks of is too


def test_quantities_of_sentences_whose_dates_disagree_are_never_confidently_compared():
    check = compare("The Vellmar dike was seven feet high in 2026.", "The Vellmar dike was 350 feet high in 1850.")
    assert [(f.status, f.confident) for f in check.findings if f.kind == "quantity"] == [("mismatch", False)]
