"""Quantities and dates found in a sentence: the parts of the figure check that need no parser."""

from __future__ import annotations

import math
from datetime import date

import pytest

from corroborate.verify.date_mentions import find_dates
from corroborate.verify.quantities import find_quantities

ARTICLE_DATE = date(2026, 3, 17)


def only_quantity(text: str):
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def only_date(text: str, document_date: date | None = None):
    found = find_dates(text, document_date)
    assert len(found) == 1, found
    return found[0]


def test_thousands_separator_and_the_counted_noun():
    q = only_quantity("The plant employed 2,400 emergency workers in 1986.")
    assert (q.text, q.value, q.dimension, q.noun) == ("2,400", 2400, "count", "worker")


def test_scale_words_and_currency():
    q = only_quantity("The new shelter cost $3bn to build.")
    assert (q.dimension, q.value) == ("money:USD", 3e9)
    assert only_quantity("About 4.2 million people live in the region.").value == 4.2e6
    assert only_quantity("The fund lost half a million euros.").value == 5e5


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


def test_years_are_dates_not_counts():
    assert find_quantities("In 1986 the reactor exploded, and the 2019 elections followed.") == ()
    assert only_quantity("In all, 2000 people were moved.").noun == "person"


def test_ages_and_durations():
    assert only_quantity("A 25-year-old man was arrested.").dimension == "age"
    assert only_quantity("The trial lasted three weeks.").dimension == "duration"


def test_the_word_one_alone_is_not_a_count():
    assert find_quantities("It was the one that failed.") == ()


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


def test_a_relative_date_is_not_a_duration():
    assert find_quantities("The plant closed two years ago.") == ()
    assert only_date("The plant closed two years ago.", ARTICLE_DATE).first == date(2024, 1, 1)


def test_the_verb_may_is_not_a_month():
    assert find_dates("Officials may close the plant.", ARTICLE_DATE) == ()
