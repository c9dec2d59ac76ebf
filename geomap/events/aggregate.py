"""Events and mentions of a whole run: articles' events taken in as they stream, de-duplicated.

An ``Aggregator`` keeps each article's events (``ArticleEvent``) and the rows of its place
mentions, and the ``sources`` record of each article. Worker processes fill one per chunk
of articles and the main process takes them in (``update``); what crosses processes is
plain tuples (places once per chunk). ``frames`` merges the same happening reported by
several articles (``geomap.events.merge.cluster``: same type, same or contained place,
overlapping dates) into one event listing them all. An event's ``fatalities`` and
``wounded`` are the lowest count any article states (each article's own count being the
largest it states for that event); ``fatalities_reported`` lists every distinct count.
The order of the reports (sorted by article id and offset) fixes the result: it is the
same whatever the chunks, workers or order of input.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import operator
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from geomap.events.merge import ArticleEvent, cluster, geo_precision
from geomap.models import DateValue, Mention, Place
from geomap.schema import EVENT_COLUMNS, MENTION_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Aggregator", "event_id_of", "source_record"]

#: A date as kept and sent between processes (``_date_state``): first day's ordinal,
#: precision, last day's ordinal (0: none).
_DateState = tuple[int, str, int]
#: A mention as kept: article, start, end, surface, place id, role, date (``_DateState``),
#: basis, sentence: plain values, hashed, sorted and sent between processes as they are.
_MentionRow = tuple[str, int, int, str, str, str, "_DateState | None", "str | None", str]


def source_record(article: Any) -> dict[str, str | None]:
    """The ``sources`` entry of an article: id, title, url and publisher."""
    return {"id": article.id, "title": article.title, "url": article.url, "source": article.source}


def event_id_of(
    event_type: str, place_id: str, date: str | None, article_id: str, start: int
) -> str:
    """A stable id: the same input gives the same id, whatever the workers or chunks."""
    key = "|".join((event_type, place_id, date or "", article_id, str(start)))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _date_state(d: DateValue | None) -> _DateState | None:
    if d is None:
        return None
    return (d.start.toordinal(), d.precision, d.end.toordinal() if d.end else 0)


def _date_of(state: _DateState | None) -> DateValue | None:
    if state is None:
        return None
    start, precision, end = state
    return DateValue(
        dt.date.fromordinal(start),
        precision,  # type: ignore[arg-type]
        dt.date.fromordinal(end) if end else None,
    )


def _place_state(p: Place) -> tuple[Any, ...]:
    return (p.place_id, p.name, p.lat, p.lon, p.place_type, p.country_code, p.geonameid,
            p.population, p.admin1, p.radius_km)  # fmt: skip


def _place_fields(place: Place) -> dict[str, Any]:
    """The place columns events and mentions share (``schema.GEO_COLUMNS``), in order."""
    return {
        "name": place.name,
        "country_code": place.country_code,
        "place_type": place.place_type,
        "place_id": place.place_id,
        "geonameid": place.geonameid,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": geo_precision(place.place_type),
        "radius_km": place.radius_km,
    }


class Aggregator:
    """The events and mentions of a run, built as articles stream in (memory grows with
    the events and mentions it will write, not with the text read).

    Examples
    --------
    >>> agg = Aggregator()
    >>> for article, events, mentions in work:          # doctest: +SKIP
    ...     agg.add(events, mentions, source_record(article))
    >>> events, mentions = agg.frames()                 # doctest: +SKIP
    """

    def __init__(self) -> None:
        self._events: list[ArticleEvent] = []
        self._mentions: list[_MentionRow] = []
        self._places: dict[str, Place] = {}
        self._sources: dict[str, dict[str, str | None]] = {}

    def add(
        self,
        events: Iterable[ArticleEvent],
        mentions: Sequence[Mention],
        source: dict[str, str | None] | None = None,
    ) -> int:
        """Add one article's events, mentions and ``sources`` record; return the number of
        mentions."""
        places = self._places
        for ev in events:
            places.setdefault(ev.place.place_id, ev.place)
            self._events.append(ev)
        for m in mentions:
            places.setdefault(m.place.place_id, m.place)
            self._mentions.append(
                (m.article_id, m.start, m.end, m.surface, m.place.place_id, m.role,
                 _date_state(m.date), m.date_basis, m.sentence)
            )  # fmt: skip
            if source is not None:
                self._sources[m.article_id] = source
        if source is not None and source.get("id") is not None:
            self._sources[str(source["id"])] = source
        return len(mentions)

    def update(self, other: Aggregator) -> None:
        """Take in the events and mentions of another part of the input (``other`` is not
        to be used after)."""
        self._events.extend(other._events)
        self._mentions.extend(other._mentions)
        for pid, place in other._places.items():
            self._places.setdefault(pid, place)
        self._sources.update(other._sources)

    def __len__(self) -> int:
        return len(self._events)

    def __getstate__(self) -> tuple[Any, ...]:
        # plain tuples: a place once, dates as ordinals (unpickling objects is slow)
        events = [
            (e.article_id, e.start, e.event_type, e.sub_event_type, e.place.place_id,
             _date_state(e.date), e.date_basis, e.actor1, e.actor1_country, e.actor2,
             e.actor2_country, e.fatalities, e.wounded, e.summary, e.surfaces, e.starts,
             e.confidence, e.weight)
            for e in self._events
        ]  # fmt: skip
        places = [_place_state(p) for p in self._places.values()]
        return (events, self._mentions, places, self._sources)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        events, mentions, places, sources = state
        self._places = {p[0]: Place(*p) for p in places}
        self._sources = sources
        get = self._places.__getitem__
        self._events = [
            ArticleEvent(e[0], e[1], e[2], e[3], get(e[4]), _date_of(e[5]), *e[6:]) for e in events
        ]
        self._mentions = mentions

    def _clusters(self) -> tuple[list[ArticleEvent], list[list[int]]]:
        events = sorted(
            set(self._events), key=lambda e: (e.article_id, e.start, e.event_type, e.place.place_id)
        )
        return events, cluster(events, undated_joins=False)

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The events (``EVENT_COLUMNS``) and the mentions (``MENTION_COLUMNS``) so far,
        each in a stable order."""
        import pandas as pd

        events, groups = self._clusters()
        rows = []
        event_of: dict[tuple[str, int], str] = {}
        for g in groups:
            row = self._row([events[j] for j in g])
            rows.append(row)
            for j in g:
                for start in events[j].starts:
                    event_of.setdefault((events[j].article_id, start), row["event_id"])
        ev = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
        if not ev.empty:
            ev = ev.sort_values(
                ["date", "name", "event_type", "event_id"], na_position="first"
            ).reset_index(drop=True)
        for column in ("geonameid", "fatalities", "wounded"):
            ev[column] = ev[column].astype("Int64")
        mentions = self._mention_columns(event_of)
        if mentions[0]:
            columns = dict(zip(MENTION_COLUMNS, mentions, strict=True))
            # made Int64 as they are given (what ``astype`` of the inferred column gives)
            for column in _INT64_MENTION_COLUMNS:
                columns[column] = pd.array(columns[column], dtype="Int64")
            mf = pd.DataFrame(columns)
        else:  # no rows: every column of objects (a column of an empty list is of floats)
            mf = pd.DataFrame([], columns=list(MENTION_COLUMNS))
            for column in _INT64_MENTION_COLUMNS:
                mf[column] = mf[column].astype("Int64")
        return ev, mf

    def frame(self) -> pd.DataFrame:
        """The events alone (see ``frames``)."""
        return self.frames()[0]

    def _row(self, members: list[ArticleEvent]) -> dict[str, Any]:
        place = min(members, key=lambda e: geo_precision(e.place.place_type)).place
        dated = [e for e in members if e.date is not None]
        date: DateValue | None = None
        basis = None
        if dated:
            rank = {"day": 0, "week": 1, "month": 2, "year": 3}
            best = min(rank[e.date.precision] for e in dated if e.date is not None)
            finest = [e for e in dated if e.date is not None and rank[e.date.precision] == best]
            first = finest[0].date
            assert first is not None
            start = min(e.date.start for e in finest if e.date is not None)
            last = max(e.date.last_day for e in finest if e.date is not None)
            end = None if last == DateValue(start, first.precision).last_day else last
            date, basis = DateValue(start, first.precision, end), finest[0].date_basis
        lead = members[0]
        by_article: dict[str, list[ArticleEvent]] = {}
        for e in members:
            by_article.setdefault(e.article_id, []).append(e)
        killed = [
            n for es in by_article.values() if (n := _most(e.fatalities for e in es)) is not None
        ]
        hurt = [n for es in by_article.values() if (n := _most(e.wounded for e in es)) is not None]
        actor = next((e for e in members if e.actor1), lead)
        target = next((e for e in members if e.actor2), lead)
        subs = Counter(e.sub_event_type for e in members)
        sub = max(
            subs,
            key=lambda s: (
                subs[s],
                -next(i for i, e in enumerate(members) if e.sub_event_type == s),
            ),
        )
        told = max(members, key=lambda e: e.confidence)
        articles = sorted(by_article)
        iso = date.iso() if date else None
        confidence = min(1.0, max(e.confidence for e in members) + 0.1 * (len(articles) - 1))
        return {
            "event_id": event_id_of(
                lead.event_type, place.place_id, iso, lead.article_id, lead.start
            ),
            "event_type": lead.event_type,
            "sub_event_type": sub,
            **_place_fields(place),
            "date": iso,
            "date_end": date.iso_end() if date else None,
            "date_precision": date.precision if date else None,
            "date_basis": basis,
            "actor1": actor.actor1 or None,
            "actor1_country": actor.actor1_country or None,
            "actor2": target.actor2 or None,
            "actor2_country": target.actor2_country or None,
            "fatalities": min(killed) if killed else None,
            "fatalities_reported": tuple(sorted(set(killed))),
            "wounded": min(hurt) if hurt else None,
            "summary": told.summary,
            "articles": tuple(articles),
            "sources": tuple(self._sources.get(a, {"id": a}) for a in articles),
            "mentions": tuple(sorted({s for e in members for s in e.surfaces})),
            "confidence": round(confidence, 2),
        }

    def _mention_columns(self, event_of: dict[tuple[str, int], str]) -> list[list[Any]]:
        """The mentions' columns, ``MENTION_COLUMNS`` in order, sorted by article, offsets
        and place: made a column at a time (the rows are many, a row per place name)."""
        # without repeats, in the order taken in (the input's: nearly sorted already,
        # which ``sorted`` is several times faster on than on a set's order)
        rows = sorted(dict.fromkeys(self._mentions), key=_MENTION_ORDER)
        if not rows:
            return [[] for _ in MENTION_COLUMNS]
        articles, starts, ends, surfaces, pids, roles, dates, bases, sentences = map(
            list, zip(*rows, strict=True)
        )
        place_values = {pid: tuple(_place_fields(p).values()) for pid, p in self._places.items()}
        places = zip(*map(place_values.__getitem__, pids), strict=True)
        whens = zip(*map(functools.cache(_date_texts), dates), strict=True)  # few distinct dates
        publishers = {a: s.get("source") if s else None for a, s in self._sources.items()}
        return [
            [f"{a}:{s}-{e}" for a, s, e in zip(articles, starts, ends, strict=True)],
            articles,
            starts,
            ends,
            surfaces,
            *map(list, places),
            roles,
            *map(list, whens),
            bases,
            sentences,
            list(map(publishers.get, articles)),
            list(map(event_of.get, zip(articles, starts, strict=True))),
        ]


def _date_texts(state: _DateState | None) -> tuple[str | None, str | None, str | None]:
    """The date, date_end and date_precision columns of a date kept (``_DateState``)."""
    value = _date_of(state)
    return (None, None, None) if value is None else (value.iso(), value.iso_end(), value.precision)


#: The mentions' columns of nullable integers.
_INT64_MENTION_COLUMNS = ("geonameid", "start", "end")
#: The order of the mentions table: article, start, end, place id.
_MENTION_ORDER = operator.itemgetter(0, 1, 2, 4)


def _most(values: Iterable[int | None]) -> int | None:
    got = [v for v in values if v is not None]
    return max(got) if got else None
