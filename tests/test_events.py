"""Event types, casualty counts, roles and aggregation, on snippets written for these tests."""

import datetime as dt

from geomap.dates import tag_dates
from geomap.events import EVENT_COLUMNS, aggregate, casualty_counts, event_types_of, make_mentions
from geomap.extract import find_toponyms, sentences
from geomap.models import Article, Dateline
from geomap.resolve import resolve_spans


def mentions_of(text, gazetteer, published=dt.date(2020, 10, 29), source="header", **kw):
    art = Article(id=kw.pop("id", "a1"), text=text, body=text, **kw)
    bounds = sentences(text)
    res = resolve_spans(find_toponyms(art, gazetteer, bounds=bounds), gazetteer)
    exprs = tag_dates(text, published)
    return make_mentions(art, res, exprs, bounds, published, source)


def by_surface(mentions):
    return {m.surface: m for m in mentions}


def test_event_types_codebook():
    assert event_types_of("Artillery shelled the town.") == ("shelling",)
    assert "armed_clash" in event_types_of("Clashes erupted on the border.")
    assert "ceasefire" in event_types_of("They agreed a humanitarian truce.")
    assert "mobilisation" in event_types_of("Martial law and a curfew were declared.")
    assert "protest" in event_types_of("Thousands of protesters rallied.")
    assert "diplomacy" in event_types_of("The ministers held talks by phone call.")
    assert event_types_of("The weather was mild.") == ()


def test_casualty_counts():
    assert casualty_counts("four servicemen were killed and four wounded") == (4, 4)
    assert casualty_counts("Two people were killed and 12 injured.") == (2, 12)
    assert casualty_counts("No figures were given.") == (None, None)


def test_event_date_from_the_governing_expression(gazetteer):
    text = "On July 12, troops attacked positions near Tovuz with artillery."
    m = by_surface(mentions_of(text, gazetteer, published=dt.date(2020, 7, 14)))["Tovuz"]
    assert m.role == "event"
    assert m.date is not None and m.date.iso() == "2020-07-12"
    assert m.date_basis == "text"
    assert {"armed_clash", "shelling"} <= set(m.event_types)


def test_reference_role_for_addressees_and_actors(gazetteer):
    text = "The envoy called on Yerevan and Baku to stop the fighting in Nagorno-Karabakh."
    got = by_surface(mentions_of(text, gazetteer))
    assert got["Yerevan"].role == "reference"
    assert got["Nagorno-Karabakh"].role == "event"


def test_background_role_for_old_history(gazetteer):
    text = "The war in Nagorno-Karabakh began in February 1988 with clashes."
    m = by_surface(mentions_of(text, gazetteer))["Nagorno-Karabakh"]
    assert m.role == "background"
    assert m.date.iso() == "1988-02" and m.date.precision == "month"


def test_dateline_role_and_publication_date(gazetteer):
    text = "BAKU, Oct. 29. Talks were held."
    dl = Dateline(0, 13, "BAKU", 0, 4, None, 10, 29, None)
    m = by_surface(mentions_of(text, gazetteer, dateline=dl))["BAKU"]
    assert m.role == "dateline" and m.date.iso() == "2020-10-29" and m.date_basis == "published"


def test_undated_article_is_not_dated(gazetteer):
    text = "Shelling hit Ganja."
    m = by_surface(mentions_of(text, gazetteer, published=None, source="unknown"))["Ganja"]
    assert m.date is None and m.date_basis is None


def test_aggregation_merges_articles_and_splits_types(gazetteer):
    text = "On October 4, missiles struck Ganja, and two people were killed."
    a = mentions_of(text, gazetteer, id="a1")
    b = mentions_of(text.replace("missiles", "rockets"), gazetteer, id="b2")
    frame = aggregate(a + b, {"a1": {"id": "a1", "title": "T1", "url": None, "source": None}})
    assert list(frame.columns) == list(EVENT_COLUMNS)
    ganja = frame[frame["name"] == "Ganja"]
    assert set(ganja["event_type"]) == {"shelling", "casualties"}
    assert all(row == ("a1", "b2") for row in ganja["articles"])
    casualties = ganja[ganja["event_type"] == "casualties"].iloc[0]
    assert casualties["fatalities"] == 2 and casualties["date"] == "2020-10-04"
    again = aggregate(b + a, {})
    assert list(again["event_id"]) == list(frame["event_id"])


def test_planned_or_hypothetical_is_not_an_event(gazetteer):
    text = "An agreement was reached on the next meeting in Geneva."
    assert by_surface(mentions_of(text, gazetteer))["Geneva"].role == "reference"
    text = "The ministers will meet in Geneva on Friday."
    assert by_surface(mentions_of(text, gazetteer))["Geneva"].role == "reference"
    text = "The ministers met in Geneva on Friday."
    assert by_surface(mentions_of(text, gazetteer))["Geneva"].role == "event"


def test_on_that_day_takes_the_previous_date(gazetteer):
    text = (
        "The situation escalated on the morning of September 27. "
        "On that day, artillery shelled Stepanakert."
    )
    m = by_surface(mentions_of(text, gazetteer, published=dt.date(2020, 9, 28)))["Stepanakert"]
    assert m.date.iso() == "2020-09-27" and m.date_basis == "text" and m.role == "event"


def test_range_dates_reach_the_events(gazetteer):
    text = "The truce in Nagorno-Karabakh held from 8:00 on October 26 until October 30."
    ms = mentions_of(text, gazetteer)
    ev = aggregate(ms, {})
    row = ev[ev["name"] == "Nagorno-Karabakh"].iloc[0]
    assert (row["date"], row["date_end"], row["date_precision"]) == (
        "2020-10-26",
        "2020-10-30",
        "day",
    )


def test_overlapping_ranges_from_several_articles_are_one_event(gazetteer):
    a = mentions_of("A truce held in Nagorno-Karabakh from October 26 until October 30.",
                    gazetteer, id="a1")  # fmt: skip
    b = mentions_of(
        "The truce in Nagorno-Karabakh on October 28-31 was broken.", gazetteer, id="b1"
    )
    c = mentions_of("A truce in Nagorno-Karabakh was agreed on October 10.", gazetteer, id="c1")
    ev = aggregate([*a, *b, *c], {})
    rows = ev[(ev["name"] == "Nagorno-Karabakh") & (ev["event_type"] == "ceasefire")]
    merged = rows[rows["articles"].map(len) == 2].iloc[0]
    assert merged["articles"] == ("a1", "b1")
    assert (merged["date"], merged["date_end"]) == ("2020-10-26", "2020-10-31")
    assert (rows["date"] == "2020-10-10").sum() == 1  # a different date stays apart


def test_aggregator_streams_and_matches_aggregate(gazetteer):
    from geomap.events import Aggregator

    ms = mentions_of(
        "Shelling hit Ganja and Tovuz on Monday; talks were held in Geneva.", gazetteer
    )
    agg = Aggregator()
    for m in ms:
        agg.add([m], {"id": m.article_id, "title": "t", "url": None, "source": None})
    frame = agg.frame()
    assert frame.equals(aggregate(ms, {"a1": {"id": "a1", "title": "t", "url": None,
                                              "source": None}}))  # fmt: skip
    assert frame["event_id"].is_unique


def test_aggregator_lists_each_article_once_whatever_the_order(gazetteer):
    from geomap.events import Aggregator

    texts = {
        "a1": "A truce held in Nagorno-Karabakh from October 26 until October 30. "
        "Shelling hit Ganja; Ganja was shelled again.",
        "b1": "The truce in Nagorno-Karabakh on October 28-31 was broken. Shelling hit Ganja.",
        "c1": "Shelling hit Ganja and Tovuz. The truce in Nagorno-Karabakh on October 29 held.",
    }
    per_article = {k: mentions_of(t, gazetteer, id=k) for k, t in texts.items()}
    sources = {k: {"id": k, "title": k.upper(), "url": None, "source": None} for k in texts}

    def frame_of(calls):
        agg = Aggregator()
        for ms in calls:
            agg.add(ms, sources[ms[0].article_id])
        return agg.frame()

    reference = frame_of(list(per_article.values()))
    lists = list(per_article.values())
    interleaved = [[m] for group in zip(*lists, strict=False) for m in group]
    interleaved += [[m] for ms in lists for m in ms[min(map(len, lists)) :]]
    repeated = [*lists, *reversed(lists)]  # every article's mentions twice, apart
    for calls in (interleaved, repeated, list(reversed(lists))):
        assert frame_of(calls).equals(reference)
    agg = Aggregator()
    for ms in lists:
        agg.add(ms, sources[ms[0].article_id])
    held = []
    for _ in range(3):  # frame() merges the ranges again each time, without piling up
        assert agg.frame().equals(reference)
        held.append(sum(len(g.articles) for g in agg._groups.values()))
    assert held[0] == held[1] == held[2]
    assert all(list(a) == sorted(set(a)) for a in reference["articles"])
    truce = reference[reference["event_type"] == "ceasefire"]  # three ranges, merged
    assert list(truce["articles"]) == [("a1", "b1", "c1")]
    assert list(truce["date_end"]) == ["2020-10-31"]


def test_chunk_aggregators_taken_in_order_are_the_same_as_one(gazetteer):
    """What workers send (each chunk's ``Aggregator``, pickled) and the main process takes
    in with ``update`` gives the events of adding every mention in one ``Aggregator``,
    wherever the chunks split the stream (inside an article too), whatever the ids' order."""
    import copy
    import pickle

    from geomap.events import Aggregator

    texts = {
        "q": "Shelling hit Ganja on Monday. Two people were killed and 12 injured in Ganja.",
        "c": "Shelling hit Ganja on Monday; two people were killed. Talks were held in Geneva.",
        "x": "A truce held in Nagorno-Karabakh from October 26 until October 30. Tovuz was calm.",
        "a": "The truce in Nagorno-Karabakh on October 28-31 was broken. Shelling hit Ganja.",
        "m": "Shelling hit Tovuz and Ganja, killing 5. Ganja was shelled again on Monday.",
        "b": "Clashes near Tovuz on Monday: four servicemen were killed and four wounded.",
        "k": "Shelling in Ganja: five people were killed. Shelling in Ganja again: two people "
        "were killed.",
    }
    stream = [
        (m, {"id": k, "title": k, "url": None, "source": None})
        for k, t in texts.items()
        for m in mentions_of(t, gazetteer, id=k)
    ]
    whole = Aggregator()
    counted = sum(whole.add([m], source) for m, source in stream)
    # (frame() merges overlapping ranges in place: the groups' states are taken before)
    states = {key: copy.deepcopy(group.state()) for key, group in whole._groups.items()}
    reference = whole.frame()
    assert reference["fatalities"].notna().any() and reference["wounded"].notna().any()
    assert (reference["articles"].map(len) > 1).any()  # chunks' events do merge
    for size in (1, 2, 3, 5, len(stream)):
        for through_pickle in (False, True):
            agg, total = Aggregator(), 0
            for i in range(0, len(stream), size):
                part = Aggregator()
                for m, source in stream[i : i + size]:
                    total += part.add([m], source)
                if through_pickle:
                    part = pickle.loads(pickle.dumps(part))
                agg.update(part)
            assert total == counted
            assert list(agg._groups) == list(states)  # the same order of events
            for key, group in agg._groups.items():
                assert group.state() == states[key], (size, key)
            assert agg.frame().equals(reference), (size, through_pickle)
