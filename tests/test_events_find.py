"""An article's events (``geomap.events.find``): clauses, counts per place and across
sentences. Each rule on a text written for it."""

from __future__ import annotations

import pytest

from geomap.events import Codebook
from tests.test_events import by_place, events_of


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


def test_a_quote_after_a_sentence_end_starts_a_clause(gazetteer, codebook):
    text = (
        "A man was killed in a car crash on icy roads in Wichita. ''We mourn with the "
        "families,'' the mayor said in Topeka."
    )
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.place.name == "Wichita"
    assert ev.summary == "A man was killed in a car crash on icy roads in Wichita."


def test_each_place_of_a_list_takes_its_own_count(gazetteer, codebook):
    text = "The floods killed at least 40 people in Kenya and 12 in Uganda."
    events = by_place(events_of(text, gazetteer, codebook))
    assert (events["Kenya"].fatalities, events["Uganda"].fatalities) == (40, 12)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        # other victims and a running total, in a later sentence, are not this event's
        ("A woman died of bird flu in Jakarta on Monday. The virus has killed two other "
         "women this month, bringing the total to 30.", 1),
        # one named person's death
        ("Harold Bixby, a retired teacher, died Tuesday at his home in Des Moines.", 1),
    ],
)  # fmt: skip
def test_the_count_of_one_death(text, fatalities, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.fatalities == fatalities


@pytest.mark.parametrize(
    ("text", "places"),
    [
        # a hyphen between spaces of any kind ends a clause; one beside a word does not
        ("Troops shelled Mariupol - talks in Geneva went on Monday.", ["Mariupol"]),
        ("Troops shelled Mariupol\u00a0-\u00a0talks in Geneva went on Monday.", ["Mariupol"]),
        ("Troops shelled Mariupol\u2009-\u2009talks in Geneva went on Monday.", ["Mariupol"]),
        ("Troops shelled Mariupol -talks in Geneva went on Monday.", ["Geneva", "Mariupol"]),
        ("Troops shelled Mariupol, but talks in Geneva went on Monday.", ["Mariupol"]),
        ("Troops shelled Mariupol and talks in Geneva went on Monday.", ["Geneva", "Mariupol"]),
    ],
)
def test_clause_stops(text, places, gazetteer, codebook):
    assert sorted(e.place.name for e in events_of(text, gazetteer, codebook)) == places
