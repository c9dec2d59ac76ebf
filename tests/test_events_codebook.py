"""The codebook's cues and what is no event (``geomap.events.cues``, ``geomap.events.codebook``):
each rule on a sentence written for it."""

from __future__ import annotations

import pytest

from geomap.events import Codebook
from tests.test_events import events_of


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


@pytest.mark.parametrize(
    "text",
    [
        # a drug test, no infection
        "The driver later tested positive for cocaine at a clinic in Denver.",
        # a court's ruling, no rollover
        "An appeals court in Sacramento overturned John Lee Smith's conviction on Friday.",
        # the end of a state, not the state
        "The drought was declared over in Phoenix on Monday.",
        "The outbreak is officially over in Kampala, health officials said.",
        # an example cited, not reported
        "The detective worked on crimes such as the triple shooting in Fresno.",
        # a criminal record, not news
        "He had served four years in prison for assault during a robbery in Tulsa.",
        "The suspect has a prior arrest for armed robbery in Omaha.",
        # weapons named, none used
        "The barriers protect troops in Kandahar from bullets and grenades.",
        # a place told by its past, not a happening
        "The meeting was held in Selma, near the site of the state's worst lynching.",
        # two people who met, no talks
        "The couple met at a coffee shop in Boise.",
    ],
)  # fmt: skip
def test_no_event(text, gazetteer, codebook):
    assert events_of(text, gazetteer, codebook) == []


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("A march in Lima turned violent on Saturday.", "riots", "violent_demonstration"),
        ("A brawl outside a nightclub in Cardiff left three men hurt.", "riots", "mob_violence"),
        ("Farmers said a meteorite crashed into a pasture near Arequipa.", "disaster", "other"),
        ("Five pilgrims died in a stampede at a shrine in Allahabad.", "accident", "other"),
    ],
)  # fmt: skip
def test_cue(text, event_type, sub_event_type, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.event_type, ev.sub_event_type) == (event_type, sub_event_type)


def test_officials_who_meet_are_talks(gazetteer, codebook):
    (ev,) = events_of(
        "The foreign minister met his Turkish counterpart in Ankara on Monday.", gazetteer, codebook
    )
    assert (ev.event_type, ev.sub_event_type) == ("strategic_developments", "other")
