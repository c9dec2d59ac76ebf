"""Events from snippets written for these tests: codebook, places, counts, actors, merging."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from geomap.dates import tag_dates
from geomap.events import (
    Aggregator,
    Codebook,
    casualties,
    event_types_of,
    find_events,
    make_mentions,
    parse_number,
    source_record,
)
from geomap.extract import find_toponyms, sentences
from geomap.models import Article
from geomap.resolve import resolve_spans
from geomap.schema import EVENT_COLUMNS, EVENT_TYPES, MENTION_COLUMNS, SUB_EVENT_TYPES

PUBLISHED = dt.date(2020, 10, 29)


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return Codebook()


def analyse(text, gazetteer, codebook, published=PUBLISHED, article_id="a1"):
    """(article, events, mentions) of one article, as the pipeline makes them."""
    art = Article(id=article_id, text=text, body=text, title=None)
    bounds = sentences(text)
    res = resolve_spans(find_toponyms(art, gazetteer, bounds=bounds), gazetteer)
    exprs = tag_dates(text, published)
    source = "header" if published else "unknown"
    mentions = make_mentions(art, res, exprs, bounds, published, source)
    events = find_events(
        art, mentions, bounds, codebook=codebook, demonym=gazetteer.demonym_country
    )
    return art, events, mentions


def events_of(text, gazetteer, codebook, **kw):
    return analyse(text, gazetteer, codebook, **kw)[1]


def by_place(events):
    return {e.place.name: e for e in events}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("killing at least 49 people", (49, None)),
        ("at least 23 deaths were reported", (23, None)),
        ("two bombs killed six people", (6, None)),
        ("four servicemen were killed in the clashes", (4, None)),
        ("between 20 and 30 people were killed", (20, None)),
        ("forty-nine people died and a dozen were injured", (49, 12)),
        ("the death toll rose to 1,200", (1200, None)),
        ("no one was hurt", (None, 0)),
        ("the attack in 2019 killed", (None, None)),
        ("the weather was mild", (None, None)),
    ],
)
def test_casualty_counts(clause, expected):
    assert casualties(clause) == expected


def test_number_words():
    assert parse_number("forty-nine") == 49
    assert parse_number("two hundred") == 200
    assert parse_number("1,200") == 1200
    assert parse_number("several") is None


def test_codebook_types_are_the_schemas(codebook):
    for cue in codebook.cues:
        assert cue.event_type in EVENT_TYPES
        assert cue.sub_event_type in SUB_EVENT_TYPES[cue.event_type], cue
        assert 0 < cue.weight <= 1


def test_a_clash_with_its_counts_in_the_next_sentence(gazetteer, codebook):
    text = (
        "On July 12, Armenian armed forces attacked Azerbaijani army positions near Tovuz "
        "using artillery. The clashes continued overnight, and four Azerbaijani servicemen "
        "were killed and four wounded."
    )
    ev = by_place(events_of(text, gazetteer, codebook, published=dt.date(2020, 7, 14)))
    tovuz = ev["Tovuz"]
    assert (tovuz.event_type, tovuz.sub_event_type) == ("battles", "armed_clash")
    assert tovuz.date.iso() == "2020-07-12"
    assert (tovuz.fatalities, tovuz.wounded) == (4, 4)
    assert tovuz.actor1 == "Armenian armed forces" and tovuz.actor1_country == "AM"


def test_one_event_per_place_of_a_list(gazetteer, codebook):
    text = (
        "In October, Armenia launched missile attacks on the Azerbaijani cities of Ganja, "
        "Mingachevir, Khizi as well as Absheron district."
    )
    ev = by_place(events_of(text, gazetteer, codebook))
    assert {"Ganja", "Mingachevir", "Khizi"} <= set(ev)
    assert all(e.event_type == "explosions_remote_violence" for e in ev.values())
    assert ev["Ganja"].actor1 == "Armenia" and ev["Ganja"].actor1_country == "AM"
    assert "Armenia" not in ev  # the doer, not a place


@pytest.mark.parametrize(
    "text",
    [
        "Firefighters were fighting fires in Attica on Monday.",
        "The senator dismissed an attack on his record in Dallas on Monday.",
        "Diplomats in Geneva will hold talks about a ceasefire next week.",
        "The envoy called on Yerevan and Baku to stop the fighting.",
        "Armenia said the situation was calm.",
    ],
)
def test_what_is_not_an_event(text, gazetteer, codebook):
    assert events_of(text, gazetteer, codebook) == []


def test_the_place_is_where_it_happened_not_the_victims_home(gazetteer, codebook):
    text = "A woman visiting from Canada was stabbed to death in Jordan on Monday."
    ev = by_place(events_of(text, gazetteer, codebook))
    assert set(ev) == {"Jordan"}
    assert ev["Jordan"].event_type == "violence_against_civilians"


def test_no_event_at_a_continent_unless_it_happened_at_sea(gazetteer, codebook):
    text = "Heavy fighting was reported across Europe on Monday."
    assert events_of(text, gazetteer, codebook) == []
    text = "A fishing boat capsized and sank in the Mediterranean on Monday."
    ev = by_place(events_of(text, gazetteer, codebook))
    assert ev["Mediterranean"].sub_event_type == "sinking"


def test_an_article_with_no_codebook_event_gives_its_other_event(gazetteer, codebook):
    ev = events_of("The novelist died in Haifa on Monday, aged 90.", gazetteer, codebook)
    assert [(e.place.name, e.event_type, e.sub_event_type) for e in ev] == [
        ("Haifa", "other", "death")
    ]


def test_a_wider_place_merges_into_the_town_within_it(gazetteer, codebook):
    text = (
        "Settlements in Nagorno-Karabakh, including its administrative center Stepanakert, "
        "came under shelling on September 27."
    )
    ev = events_of(text, gazetteer, codebook)
    assert [e.place.name for e in ev] == ["Khankendi"]
    assert ev[0].date.iso() == "2020-09-27"


def test_a_bare_death_toll_is_the_disasters(gazetteer, codebook):
    text = (
        "A magnitude 7.8 earthquake struck Gaziantep on Monday. At least 1,500 people were "
        "killed in Gaziantep, officials said."
    )
    ev = events_of(text, gazetteer, codebook)
    assert [(e.place.name, e.event_type, e.fatalities) for e in ev] == [
        ("Gaziantep", "disaster", 1500)
    ]


def _agg(articles, gazetteer, codebook):
    agg = Aggregator()
    for art_id, text in articles:
        art, events, mentions = analyse(text, gazetteer, codebook, article_id=art_id)
        agg.add(events, mentions, source_record(art))
    return agg


def test_the_same_happening_in_several_articles_is_one_event(gazetteer, codebook):
    articles = [
        ("a1", "On October 4, missiles struck Ganja, killing five people."),
        ("b2", "Rocket attacks hit Ganja on October 4; seven people were killed."),
        ("c3", "Shelling hit Ganja on October 11."),
    ]
    events, mentions = _agg(articles, gazetteer, codebook).frames()
    assert list(events.columns) == list(EVENT_COLUMNS)
    assert list(mentions.columns) == list(MENTION_COLUMNS)
    oct4 = events[events["date"] == "2020-10-04"].iloc[0]
    assert oct4["articles"] == ("a1", "b2")
    assert oct4["fatalities"] == 5 and oct4["fatalities_reported"] == (5, 7)
    assert [s["id"] for s in oct4["sources"]] == ["a1", "b2"]
    assert (events["date"] == "2020-10-11").sum() == 1  # another day, another event
    assert 0 <= events["confidence"].min() and events["confidence"].max() <= 1
    ganja = mentions[mentions["text"] == "Ganja"]
    assert set(ganja["event_id"]) == set(events["event_id"])
    row = ganja.iloc[0].to_dict()  # each value in its column
    assert row["mention_id"] == "a1:{}-{}".format(row["start"], row["end"])
    assert (row["article"], row["name"], row["country_code"]) == ("a1", "Ganja", "AZ")
    assert row["place_id"] == oct4["place_id"] and row["lat"] == oct4["lat"]
    assert (row["date"], row["date_precision"], row["role"]) == ("2020-10-04", "day", "event")
    assert row["sentence"].startswith("On October 4") and row["event_id"] == oct4["event_id"]


def test_chunks_pickled_and_in_any_order_give_the_same_frames(gazetteer, codebook):
    articles = [
        ("q", "Shelling hit Ganja on Monday. Two people were killed and 12 injured."),
        ("c", "Shelling hit Ganja on Monday, killing three; talks were held in Geneva."),
        ("x", "Protesters rallied in Tbilisi on October 26."),
        ("a", "Clashes near Tovuz on Monday: four servicemen were killed."),
        ("m", "Police arrested 20 protesters in Tbilisi on October 26."),
    ]
    whole = _agg(articles, gazetteer, codebook).frames()
    for size in (1, 2, 3):
        agg = Aggregator()
        parts = [articles[i : i + size] for i in range(0, len(articles), size)]
        for part in reversed(parts):
            agg.update(pickle.loads(pickle.dumps(_agg(part, gazetteer, codebook))))
        got = agg.frames()
        assert got[0].equals(whole[0]) and got[1].equals(whole[1]), size
    assert whole[0]["event_id"].is_unique


@pytest.mark.parametrize(
    ("text", "place", "event_type"),
    [
        ("The Hugo Awards were announced in Helsinki on Saturday.", "Helsinki", "other"),
        ("A sandstone statue was unearthed at Angkor in Siem Reap Province.", "Siem Reap", "other"),
        ("A woman visiting from Canada was killed in Jordan on Monday.", "Jordan",
         "violence_against_civilians"),
    ],
)  # fmt: skip
def test_the_issues_examples_of_happenings(text, place, event_type, gazetteer, codebook):
    assert [(e.place.name, e.event_type) for e in events_of(text, gazetteer, codebook)] == [
        (place, event_type)
    ]


@pytest.mark.parametrize(
    ("sentence", "types"),
    [
        # a match may start before its literal ("offensive", "strike", "chairs"), as far
        # as its pattern's lead: the search starts there
        ("The army began a counter-offensive near Tovuz.", ("armed_clash",)),
        ("Counteroffensive! Troops moved.", ("armed_clash",)),
        ("An airstrike hit Ganja; the co-chairs met in Paris.", ("shelling", "diplomacy")),
        ("Air strikes and flooding hit the town.", ("shelling", "disaster")),
        # a literal inside a longer word is no match
        ("Something stirred in the basement.", ()),
        ("The raiders' meeting was cancelled.", ("diplomacy",)),
    ],
)
def test_event_types_of_a_sentence(sentence: str, types: tuple[str, ...]) -> None:
    assert event_types_of(sentence) == types
