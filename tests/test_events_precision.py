"""Precision rules of event finding (the analyst's review of the builds), each on a snippet
written for it: a dot on the map must be a happening, at the place where it happened."""

from __future__ import annotations

import pytest

from geomap.events import Codebook, casualties
from tests.test_events import events_of


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


def kinds(events):
    return [(e.place.name, e.event_type, e.sub_event_type) for e in events]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        ("After the fires of last summer, when 40 people were killed near Hobart, "
         "the state asked for aid.", "disaster", "wildfire"),
        ("Two people were killed in Harare when floods swept the valley.", "disaster", "flood"),
        ("A woman was killed in Dallas when a neighbour accidentally reversed into her.",
         "accident", "other"),
        ("House fire kills man in Dallas.", "accident", "fire"),
    ],
)  # fmt: skip
def test_deaths_with_a_named_cause_take_the_causes_type(
    text, event_type, sub_event_type, gazetteer, codebook
):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.event_type, ev.sub_event_type) == (event_type, sub_event_type)


def test_gunfire_is_no_accidental_fire(gazetteer, codebook):
    (ev,) = events_of("A man was killed in Dallas after a gunman opened fire.", gazetteer, codebook)
    assert ev.event_type == "violence_against_civilians"


@pytest.mark.parametrize(
    "text",
    [
        "Norway asked for help after 30 people were killed in Harare.",
        "Police said two men abducted a girl in Dallas.",
        "Police are investigating a crash that killed a man in Dallas.",
    ],
)
def test_an_actor_is_the_doer_not_the_subject_of_another_verb(text, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.actor1, ev.actor1_country) == ("", "")


def test_the_doer_right_before_its_verb_is_kept(gazetteer, codebook):
    (ev,) = events_of("Armenian troops shelled Stepanakert on Monday.", gazetteer, codebook)
    assert (ev.actor1, ev.actor1_country) == ("Armenian troops", "AM")


@pytest.mark.parametrize(
    ("clause", "killed"),
    [
        ("more than 100 people were killed", 100),
        ("over 20 people were killed", 20),
        ("nearly 30 people died", 30),
        ("at least 30 people died", 30),
    ],
)
def test_a_stated_bound_is_the_count(clause, killed):
    assert casualties(clause)[0] == killed


@pytest.mark.parametrize(
    "clause", ["3,000 chickens have died of the virus", "the flood killed 40 cows", "12 dead swans"]
)
def test_dead_animals_are_no_fatalities(clause):
    assert casualties(clause)[0] is None


@pytest.mark.parametrize(
    "text",
    [
        # "cases" without a disease are no epidemic
        "The court in Dallas will not take new cases this month because it ran out of paper.",
        "The court in Dallas took no new cases this week after its clerk resigned.",
        # a plan, and a rally that is a gathering of bikers, no protest
        "Officials in Dallas have decided to host a rally next spring.",
        "Thousands of bikers came to Dallas for the annual biker rally.",
        # a name that a person's predicate follows is a person
        "Chester had been shot twice, the sheriff said.",
        "Police said Dallas was arrested on Friday.",
        # court news refers to an earlier event
        "A man was charged with murder in Dallas on Monday.",
        "Rape suspect to stand trial in Dallas.",
        "The crew spent a week shooting footage in Dallas.",
    ],
)
def test_what_the_analyst_would_not_map(text, gazetteer, codebook):
    assert [e for e in events_of(text, gazetteer, codebook) if e.event_type != "other"] == []


def test_a_new_case_of_a_disease_is_an_epidemic(gazetteer, codebook):
    text = "Health officials confirmed three new cases of measles in Dallas."
    assert kinds(events_of(text, gazetteer, codebook)) == [("Dallas", "disaster", "epidemic")]


def test_a_protest_rally_is_still_a_protest(gazetteer, codebook):
    ev = events_of("Thousands rally in Tbilisi against the new law.", gazetteer, codebook)
    assert kinds(ev) == [("Tbilisi", "protests", "peaceful_protest")]


def test_where_people_come_from_is_not_where_it_happened(gazetteer, codebook):
    assert events_of("Banjo festival draws fans from across Canada.", gazetteer, codebook) == []


def test_a_place_hit_by_a_bomb_is_still_the_place(gazetteer, codebook):
    ev = events_of("Shelling in Kabul killed five people on Monday.", gazetteer, codebook)
    assert [e.place.name for e in ev] == ["Kabul"]


def test_a_maritime_event_at_a_continent_is_no_event(gazetteer, codebook):
    ev = events_of("A tsunami struck the coasts of Asia on Sunday.", gazetteer, codebook)
    assert [e.place.name for e in ev] == []


def test_a_place_closing_an_apposition_is_still_a_place(gazetteer, codebook):
    text = "The suspect, of Elm Street in Dallas, was arrested on Friday."
    assert kinds(events_of(text, gazetteer, codebook)) == [
        ("Dallas", "strategic_developments", "arrests")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The van crossed into the wrong lane in Dallas and struck a 2004 Ford Accord.",
        "Some 5,000 men were arrested in Dallas during World War Two.",
    ],
)
def test_a_model_year_and_history_are_no_events(text, gazetteer, codebook):
    assert [e.event_type for e in events_of(text, gazetteer, codebook)] in ([], ["accident"])


def test_a_count_that_may_be_is_no_events_count(gazetteer, codebook):
    text = (
        "Flooding hit Harare on Monday, killing two people. "
        "Officials said as many as 900 may have died across the region."
    )
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.fatalities == 2


@pytest.mark.parametrize(
    "text",
    [
        "Cheering fans flooded the gym floor in Dallas after the final.",
        "He stands convicted of manslaughter in the death of a student in Dallas.",
        "He had served four years in a state prison for a robbery in Dallas.",
        "Jones was charged in two recent robberies in Dallas.",
    ],
)
def test_people_flooding_and_more_court_news_are_no_events(text, gazetteer, codebook):
    assert events_of(text, gazetteer, codebook) == []


def test_according_to_an_actor_is_no_doer(gazetteer, codebook):
    text = "A girl, according to police, was kidnapped in Dallas on Monday."
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.actor1 == ""


@pytest.mark.parametrize(
    "text, actors",
    [
        ("A strong earthquake struck near Tokyo on Monday, according to the U.S. Geological "
         "Survey.", ("", "")),
        ("Two soldiers were killed in Donetsk on Monday, according to Ukrainian military "
         "officials.", ("", "Two soldiers")),
    ],
)  # fmt: skip
def test_the_source_after_the_cue_is_no_side(text, actors, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.actor1, ev.actor2) == actors


@pytest.mark.parametrize(
    "text, actors",
    [
        ("Two soldiers were killed in Donetsk on Monday.", ("", "Two soldiers")),
        ("Two soldiers were killed by Russian forces in Donetsk on Monday.",
         ("Russian forces", "Two soldiers")),
        ("Russian troops shelled Donetsk on Monday, killing two soldiers.",
         ("Russian troops", "soldiers")),
        ("Two policemen were shot dead by gunmen in Dallas on Monday.",
         ("gunmen", "Two policemen")),
    ],
)  # fmt: skip
def test_who_a_passive_cue_was_done_to_is_actor2(text, actors, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.actor1, ev.actor2) == actors
