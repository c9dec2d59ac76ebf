"""Where an event happened (``geomap.events.places``): not inside a name, an address, a
person's home or a destination. Each rule on a sentence written for it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from geomap.events import Codebook
from geomap.events.places import may_be_where, places_of
from geomap.models import Mention, Place
from tests.test_events import events_of


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


def places(text, gazetteer, codebook):
    return sorted(e.place.name for e in events_of(text, gazetteer, codebook))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an institution's name
        ("Two men were taken to the Hospital of the University of Michigan after the stabbing.",
         []),
        ("The Peace Mission in Sudan (PMS) said the blast was caused by a mine.", []),
        # a street address, a lot, a park
        ("The suspect, of the 1200 block of West Madison in Chicago, was arrested at the scene.",
         ["Chicago"]),
        ("A fire started at Lot No. 7 in Springfield, Ohio, overnight.", ["Springfield"]),
        ("A man was shot in the area of Roanoke Park in Kansas City.", ["Kansas City"]),
        # a person's home
        ("The crash injured a driver, Mary Dunne of Lexington, on the interstate.", []),
        # a person's name followed by what only a person does
        ("Tulsa was driving a pickup when it crashed into a ditch.", []),
        # destinations
        ("The minister arrived in Moscow a day after the bombing.", []),
        ("The victims were rushed to a hospital in Knoxville after the shooting.", []),
        # a leader's title
        ("The offensive against the rulers of Gaza was condemned.", []),
        # a point of reference, when the clause names where it happened
        ("A case of BSE was found at a farm near Tovuz some 80 kilometres west of Ganja.",
         ["Tovuz"]),
        ("Shelling hit Tovuz, 12 miles (19 km) south of Ganja, overnight.", ["Tovuz"]),
        # where a speaker was (and the places listed after it)
        ('"Each outbreak is hard to track," said Dr. Anna Moretti, in Rome, Italy on Friday.',
         []),
        ("Two soldiers were killed near Tovuz, the minister told reporters in Baku.", ["Tovuz"]),
        ("Shelling hit Tovuz overnight, an official said at a news conference in Baku.",
         ["Tovuz"]),
        ("An outbreak of cholera was confirmed, the WHO said on Monday in Geneva.", []),
    ],
)  # fmt: skip
def test_not_where_it_happened(text, expected, gazetteer, codebook):
    assert places(text, gazetteer, codebook) == expected


def test_a_place_in_a_locative_position_is_kept(gazetteer, codebook):
    assert places("A man was stabbed in Lexington on Friday.", gazetteer, codebook) == ["Lexington"]


def test_a_point_of_reference_is_where_when_no_other_place_is(gazetteer, codebook):
    text = "A car bomb exploded 30 km north of Ganja on Sunday."
    assert places(text, gazetteer, codebook) == ["Ganja"]


@pytest.mark.parametrize(
    "text",
    [
        # a verb of speaking whose object is the happening: its place is kept
        "Witnesses said fighting broke out in Tovuz on Sunday.",
        "Officials said two soldiers were killed in Tovuz.",
        # an announcement is itself what happened
        "The Hugo Awards were announced in Tovuz on Saturday.",
    ],
)
def test_a_place_after_a_verb_of_speaking_is_kept(text, gazetteer, codebook):
    assert places(text, gazetteer, codebook) == ["Tovuz"]


@pytest.mark.parametrize("maritime", [False, True])
@pytest.mark.parametrize(
    ("changes", "may"),
    [
        ({}, True),
        ({"is_dateline": True}, False),
        ({"role": "background"}, False),
        ({"place": Place("curated:asia", "Asia", 30.0, 100.0, "region", radius_km=4000)}, False),
        ({"place": Place("curated:x-ocean", "X Ocean", 0.0, 0.0, "region", radius_km=4000)}, True),
    ],
)
def test_may_be_where(changes, may, maritime):
    """A mention ``may_be_where`` gives False for is never where, in a locative position."""
    low = "a man was stabbed in lexington on friday."
    town = Place("t:1", "Lexington", 38.0, -84.5, "populated_place", "US")
    at = low.index("lexington")
    m = replace(Mention("a", at, at + 9, "Lexington", town, role="event"), **changes)
    where, _actors = places_of(low, 0, len(low), 0, [m], maritime, low.capitalize())
    assert may_be_where(m) is may
    if not may:
        assert where == []
    elif "place" not in changes or maritime:
        assert where == [m]
