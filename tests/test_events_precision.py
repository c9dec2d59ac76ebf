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


@pytest.mark.parametrize(
    ("lead", "sub_event_type"),
    [
        ("Tsunami waves scoured the coasts of the region a week ago, after an earthquake.",
         "tsunami"),
        ("Floods have swept the valley since Monday.", "flood"),
    ],
)  # fmt: skip
def test_deaths_take_the_cause_the_lead_names(lead, sub_event_type, gazetteer, codebook):
    text = lead + " Officials are still counting. More than 300 were killed in Harare."
    (ev,) = events_of(text, gazetteer, codebook)
    expected = ("Harare", "disaster", sub_event_type)
    assert (ev.place.name, ev.event_type, ev.sub_event_type) == expected


def test_deaths_without_a_cause_stay_an_attack(gazetteer, codebook):
    text = "Police are investigating. Officials are still counting. Two were killed in Harare."
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.event_type == "violence_against_civilians"


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


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("Armstrong fractured his collarbone in a crash in Madrid on Monday, disrupting the "
         "seven-time Tour de France champion's comeback.", "actor2"),
        ("Air France pilots went on strike in Paris on Monday.", "actor1"),
        ("A bomb exploded in Kabul on Monday, the US Centers for Disease Control said.", "actor2"),
    ],
)  # fmt: skip
def test_a_country_inside_a_proper_name_is_no_actor(text, actor, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (getattr(ev, actor), getattr(ev, actor + "_country")) == ("", "")


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # a demonym in a name that is no state organ's gives no country
        ("Free Syrian Army troops attacked positions in Aleppo on Monday.",
         ("Free Syrian Army troops", "")),
        ("Irish Republican Army troops attacked positions in Belfast on Monday.",
         ("Irish Republican Army troops", "")),
        # a state organ's name, and a country alone, are the state
        ("Royal Thai Army troops clashed with rebels in Yala on Monday.",
         ("Royal Thai Army troops", "TH")),
        ("Israel Defense Forces shelled Gaza on Monday.", ("Israel", "IL")),
        ("On Monday Russia shelled Kharkiv.", ("Russia", "RU")),
    ],
)  # fmt: skip
def test_a_name_is_the_states_only_if_a_state_organs(text, actor, gazetteer, codebook):
    """A name around a demonym or a country's name gives its country only if it is a
    state organ's."""
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.actor1, ev.actor1_country) == actor


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Eighteen troops who fought and were wounded in Afghanistan and Iraq are being tested "
         "for HIV.", []),
        ("Troops who fought in Helmand returned to Kabul on Monday.", []),
        ("The soldier, who fought in Iraq, was honoured in Dallas on Monday.", []),
        # the main clause's own cue is the event
        ("Two veterans who fought in Iraq were arrested in Dallas on Monday.",
         [("Dallas", "strategic_developments", "arrests")]),
    ],
)  # fmt: skip
def test_a_relative_clause_telling_the_subjects_past_is_no_event(
    text, expected, gazetteer, codebook
):
    assert kinds(events_of(text, gazetteer, codebook)) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a count in the relative clause or the main clause, victims, a recent time: news
        ("A bomb that killed six people exploded in Kabul on Monday.",
         ("explosions_remote_violence", 6)),
        ("The gunman who opened fire on worshippers in Kabul killed 12 people.",
         ("violence_against_civilians", 12)),
        ("The man who shot a clerk in Dallas on Monday has been identified.",
         ("violence_against_civilians", None)),
        ("Many of the people who died in the floods were found in their homes in Harare.",
         ("disaster", None)),
        ("Three children who died in a recent house fire in Dallas were buried on Monday.",
         ("accident", 3)),
    ],
)  # fmt: skip
def test_a_relative_clause_that_is_news_keeps_its_event_and_count(text, found, gazetteer, codebook):
    events = events_of(text, gazetteer, codebook)
    assert [(e.event_type, e.fatalities) for e in events] == [found]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Clashes with police in Bihar have left 20 villagers injured and one man dead, since "
         "many are staging protests.", ("protests", "excessive_force_against_protesters")),
        ("Protesters in Lagos clashed with police on Monday.",
         ("riots", "violent_demonstration")),
        ("A protest against the dam in Lagos ended in clashes with soldiers.",
         ("riots", "violent_demonstration")),
        ("Riot police fired tear gas at protesters in Lagos on Monday.",
         ("protests", "protest_with_intervention")),
        ("Riot police dispersed a rally in Minsk on Sunday.",
         ("protests", "protest_with_intervention")),
        ("Militants clashed with police in Srinagar on Monday.", ("battles", "armed_clash")),
    ],
)  # fmt: skip
def test_clashes_at_a_protest_are_no_peaceful_protest(text, sub_event_type, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.event_type, ev.sub_event_type) == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        # the event's sentence states a running total: the next count is one of its cases
        "The death brings the total number of people who have died of swine flu to 17, "
        "including one person who was in England. The health minister expressed his sympathy. "
        '"We have been notified of the death of a two-year-old child," he said.',
        # a count over the world or over years
        "Suspected cases of bird flu in Denmark remain unconfirmed. "
        "Globally, the strain has infected 171 people, and killed 93 of them, since 2003.",
        "A case of mad cow disease turned up in Alberta. "
        "At least 150 people worldwide have died from eating contaminated beef.",
        # a person of their own, told with their own happening or time
        "The officer shot the driver of the car, who was caught in Dallas. "
        "Police have identified a man who was killed in a shooting early Saturday.",
        "Investigators say Jackson was beaten and strangled in the county jail in Dallas. "
        "Parker is awaiting trial in the death of a man whose body was found under a bridge "
        "in January.",
    ],
)
def test_a_count_of_another_happening_is_not_carried(text, gazetteer, codebook):
    events = events_of(text, gazetteer, codebook)
    assert events
    assert [e.fatalities for e in events] == [None] * len(events)


@pytest.mark.parametrize(
    ("text", "fatalities"),
    [
        ("Flooding hit Harare on Monday. Two people were killed.", 2),
        ("Heavy rain flooded Porto Alegre on Friday. "
         "The state government said 39 people had died across the state since Monday.", 39),
        ("A gunman opened fire at a bar in Dallas on Saturday. "
         "Three people were killed, among them a man who was shot in the doorway.", 3),
    ],
)  # fmt: skip
def test_a_count_of_the_same_happening_is_still_carried(text, fatalities, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.fatalities == fatalities


@pytest.mark.parametrize(
    "text",
    [
        "The 17 victims of a helicopter crash in the North Atlantic were remembered Wednesday "
        "at a prayer service.",
        "Hundreds mourned the victims of the bus crash in Harare on Saturday.",
        "A memorial service for the victims of the flood in Harare was held on Sunday.",
    ],
)
def test_a_commemoration_does_not_date_the_happening(text, gazetteer, codebook):
    (ev,) = events_of(text, gazetteer, codebook)
    assert (ev.date, ev.date_basis) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "Protesters held a candlelight vigil in Harare on Sunday.",
        "A bus crashed in Harare on Saturday, killing 12 people.",
        "Police who had mourned a colleague fired tear gas at protesters in Harare on Sunday.",
    ],
)
def test_a_commemoration_that_is_the_event_or_no_commemoration_keeps_the_date(
    text, gazetteer, codebook
):
    (ev,) = events_of(text, gazetteer, codebook)
    assert ev.date is not None and ev.date_basis == "text"
