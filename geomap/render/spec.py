"""The data the map draws: events and mentions as compact arrays with a string table.

Every text from an article goes into one string table and is written with ``htmlsafe``
JSON (``< > & '`` escaped); the browser builds popups, feed rows and downloads from it
with an escaping function or ``textContent``, so article text never becomes markup.

Event arrays (``spec["events"]``), by position (``-1`` is "none" for every index):

===  ===========================================================================
 0   lat (5 decimals)
 1   lon
 2   event type: index into ``spec["types"]``
 3   sub_event_type (string index)
 4   place name (string index)
 5   country_code (string index)
 6   place_type (string index)
 7   geo_precision (1 point … 4 country)
 8   area radius in metres (0: a point; drawn as a faint circle when > 0)
 9   country outline: index into ``spec["outlines"]`` (drawn instead of a circle)
10   first day (days since 1970-01-01) or null when undated
11   days after the first that the event also covers (to the end of ``date_end``, or of
     ``date`` at its precision; 0 for one day), or null when undated
12   date, 13 date_end, 14 date_precision, 15 date_basis (string indexes)
16   actor1, 17 actor2 (string indexes)
18   fatalities, 19 wounded (``-1``: not stated)
20   summary (string index)
21   sources: indexes into ``spec["sources"]`` (``[id, title, url, publisher]`` string
     indexes; the url only when http/https)
22   event_id (the text itself: it is unique, a table entry would only add an index)
23   confidence (2 decimals; ``-1`` when unknown)
===  ===========================================================================

Mention arrays (``spec["mentions"]``): ``[lat, lon, role, name, day, date, sentence,
article, event_id]`` with ``role`` an index into ``spec["roles"]``.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import pandas as pd

from geomap.export import rounding
from geomap.render.extent import bounds, country_outlines, day_range, trimmed_bounds
from geomap.render.text import htmlsafe, is_missing, safe_url, text_of
from geomap.schema import EVENT_TYPES, MENTION_ROLES

__all__ = [
    "TYPE_COLORS",
    "MENTION_COLOR",
    "AREA_MAX_KM",
    "map_spec",
    "MapSpec",
]

#: One colour per ``event_type`` (Tableau 10: distinct, and legible under white glyphs).
TYPE_COLORS: dict[str, str] = {
    "battles": "#d62728",
    "explosions_remote_violence": "#ff7f0e",
    "violence_against_civilians": "#9467bd",
    "protests": "#1f77b4",
    "riots": "#8c564b",
    "strategic_developments": "#2ca02c",
    "disaster": "#17becf",
    "accident": "#bcbd22",
    "other": "#7f7f7f",
}
#: The colour of the mentions overlay (datelines, background, references).
MENTION_COLOR = "#555555"
#: Areas wider than this radius (continents, oceans) are never drawn as areas: their event
#: keeps its marker, but no shape covers the map.
AREA_MAX_KM = 1200.0
#: Default area radius by ``geo_precision`` when the gazetteer gives none (km).
_DEFAULT_RADIUS_KM = {2: 15.0, 3: 60.0, 4: 250.0}
#: Rows read from the frame at a time (as Python values, column by column).
_CHUNK = 2048


class MapSpec:
    """The spec the map's script draws; the event arrays are made one at a time.

    Parameters
    ----------
    events : pandas.DataFrame
        The events table (``geomap.schema.EVENT_COLUMNS``; missing columns read as empty).
    mentions : pandas.DataFrame or None
        The mentions table (``geomap.schema.MENTION_COLUMNS``), drawn as one overlay.
    countries : dict or None
        Country outlines (GeoJSON FeatureCollection keyed by ISO numeric ``id``).

    Notes
    -----
    ``strings`` and ``sources`` fill up as the rows are made. Everything else — types,
    outlines and bounds — is known before the first row, from the frames' columns.
    """

    def __init__(
        self,
        events: pd.DataFrame,
        mentions: pd.DataFrame | None = None,
        countries: dict[str, Any] | None = None,
    ) -> None:
        self.events = events
        self.mentions = mentions if mentions is not None else pd.DataFrame()
        self.strings: list[str] = []
        self._index = _StringIndex(self.strings)
        self.sources: list[list[int]] = []
        self._source_index: dict[tuple[int, ...], int] = {}
        self._raw_source: dict[tuple[Any, ...], int] = {}
        present = {self._type(t) for t in self._column(events, "event_type")}
        self.types = [
            {"key": key, "label": label, "color": TYPE_COLORS[key]}
            for key, label in EVENT_TYPES.items()
            if key in present
        ]
        self._type_index = {t["key"]: i for i, t in enumerate(self.types)}
        codes = {
            str(cc)
            for cc, pt in zip(
                self._column(events, "country_code"),
                self._column(events, "place_type"),
                strict=True,
            )
            if pt == "country" and isinstance(cc, str)
        }
        outlines = country_outlines(codes, countries)
        keys = sorted(outlines)
        self._outline_index = {k: i for i, k in enumerate(keys)}
        self.outlines = [outlines[k] for k in keys]
        self.bounds = bounds(events)
        self.view = trimmed_bounds(events)
        # the mentions' coordinates rounded and first days, each distinct one made once
        # over all the chunks of rows (a place's and a date's come back in many)
        self._lat5, self._lon5 = rounding(5), rounding(5)
        self._first_day = functools.cache(_first_day)

    @staticmethod
    def _column(frame: pd.DataFrame, name: str) -> Iterable[Any]:
        if name in frame.columns:
            return frame[name].tolist()
        return [None] * len(frame)

    @staticmethod
    def _type(value: Any) -> str:
        text = text_of(value) or "other"
        return text if text in EVENT_TYPES else "other"

    def s(self, value: Any) -> int:
        """The index of ``value``'s text in ``strings`` (added if new); -1 for no text."""
        try:
            return self._index[value]
        except TypeError:  # not hashable (a list…): its text
            return self._index[text_of(value)]

    def source(self, src: Any) -> int:
        """The index of one source record (a dict, or a publisher's name) in ``sources``."""
        if isinstance(src, dict):
            raw = (src.get("id"), src.get("title"), src.get("url"), src.get("source"))
            try:
                return self._raw_source[raw]
            except (KeyError, TypeError):
                pass
            key = (
                self.s(src.get("id")),
                self.s(src.get("title")),
                self.s(safe_url(src.get("url"))),
                self.s(src.get("source")),
            )
        else:
            key = (-1, self.s(src), -1, -1)
        i = self._source_index.get(key)
        if i is None:
            i = self._source_index[key] = len(self.sources)
            self.sources.append(list(key))
        if isinstance(src, dict):
            try:
                self._raw_source[raw] = i
            except TypeError:
                pass
        return i

    def rows(self) -> Iterator[list[Any]]:
        """The event arrays, in the frame's order (made one at a time, a column at a time
        read as Python values)."""
        frame = self.events
        names = ("lat", "lon", "event_type", "sub_event_type", "name", "country_code",
                 "place_type", "geo_precision", "radius_km", "date", "date_end",
                 "date_precision", "date_basis", "actor1", "actor2", "fatalities", "wounded",
                 "summary" if "summary" in frame.columns else "sentence", "sources",
                 "event_id", "confidence")  # fmt: skip
        for start in range(0, len(frame), _CHUNK):
            yield from self._rows(frame.iloc[start : start + _CHUNK], names)

    def _rows(self, frame: pd.DataFrame, names: tuple[str, ...]) -> Iterator[list[Any]]:
        s = self.s
        columns = [self._column(frame, name) for name in names]
        for (lat, lon, event_type, sub, name, cc, place_type, geo_precision, radius_km, date,
             date_end, date_precision, date_basis, actor1, actor2, killed, wounded, summary,
             sources, event_id, confidence) in zip(*columns, strict=True):  # fmt: skip
            precision = int(_num(geo_precision, 1))
            radius_m = 0
            outline = -1
            if precision > 1:
                km = _num(radius_km, 0.0) or _DEFAULT_RADIUS_KM.get(precision, 250.0)
                if place_type == "country" and isinstance(cc, str):
                    outline = self._outline_index.get(cc, -1)
                if km <= AREA_MAX_KM:
                    radius_m = round(km * 1000.0)
            etype = self._type(event_type)
            day, last = day_range(date, date_end, date_precision)
            yield [
                round(float(lat), 5),
                round(float(lon), 5),
                self._type_index[etype],
                s(sub),
                s(name),
                s(cc),
                s(place_type),
                precision,
                radius_m,
                outline,
                day,
                None if day is None or last is None else last - day,
                s(date),
                s(date_end),
                s(date_precision),
                s(date_basis),
                s(actor1),
                s(actor2),
                -1 if is_missing(killed) else int(killed),
                -1 if is_missing(wounded) else int(wounded),
                s(text_of(summary)[:600]),
                [self.source(src) for src in _list(sources)],
                text_of(event_id),
                -1 if is_missing(confidence) else round(float(confidence), 2),
            ]

    def mention_rows(self) -> Iterator[list[Any]]:
        """The mention arrays: ``[lat, lon, role, name, day, date, sentence, article,
        event_id]`` (made ``_CHUNK`` at a time, a column at a time read as Python values)."""
        for chunk in self._mention_chunks():
            yield from chunk

    def _mention_chunks(self) -> Iterator[list[list[Any]]]:
        """``mention_rows``, a list of ``_CHUNK`` at a time."""
        frame = self.mentions
        for start in range(0, len(frame), _CHUNK):
            yield self._mention_rows(frame.iloc[start : start + _CHUNK])

    def _mention_rows(self, frame: pd.DataFrame) -> list[list[Any]]:
        # made a column at a time: the mentions are many (a row per place name)
        roles = {r: i for i, r in enumerate(MENTION_ROLES)}
        reference = roles["reference"]
        names = ("lat", "lon", "role", "name", "date", "date_end", "date_precision",
                 "sentence", "article", "articles", "event_id")  # fmt: skip
        (lats, lons, role_values, places, dates, date_ends, precisions, sentences, articles,
         article_lists, event_ids) = [_values(frame, name) for name in names]  # fmt: skip
        lats = self._lat5(list(map(float, lats)))
        lons = self._lon5(list(map(float, lons)))
        role_ids = [roles.get(r, reference) if type(r) is str else reference for r in role_values]
        days = list(map(self._first_day, zip(dates, date_ends, precisions, strict=True)))
        sentences = [v if type(v) is str and len(v) <= 600 else text_of(v)[:600] for v in sentences]
        articles = [
            article if type(article) is str or not is_missing(article)
            else next(iter(_list(listed)), None)
            for article, listed in zip(articles, article_lists, strict=True)
        ]  # fmt: skip
        # the texts' indexes, row by row (the order they enter the string table)
        texts = list(itertools.chain.from_iterable(zip(places, dates, sentences, articles,
                                                       event_ids, strict=True)))  # fmt: skip
        try:
            ids = list(map(self._index.__getitem__, texts))
        except TypeError:  # a value that is not hashable: one at a time
            ids = list(map(self.s, texts))
        return list(map(list, zip(lats, lons, role_ids, ids[0::5], days, ids[1::5], ids[2::5],
                                  ids[3::5], ids[4::5], strict=True)))  # fmt: skip

    def parts(self, events: Any, mentions: Any) -> dict[str, Any]:
        """The spec with ``events`` and ``mentions`` (lists, or what stands for them)."""
        return {
            "types": self.types,
            "roles": list(MENTION_ROLES),
            "mentionColor": MENTION_COLOR,
            "strings": self.strings,
            "sources": self.sources,
            "events": events,
            "mentions": mentions,
            "outlines": self.outlines,
            "bounds": self.bounds,
            "view": self.view,
        }

    def json_pieces(self) -> Iterator[str]:
        """The spec as compact, html-safe JSON, in pieces; the arrays are made as written.

        Members are in sorted order, so ``events`` and ``mentions`` are written before the
        ``sources`` and ``strings`` tables they fill.
        """
        whole = self.parts(None, None)
        # each list in chunks (the tables as they are once the rows are written)
        lists: dict[str, Iterable[list[Any]]] = {
            "events": _batches(self.rows(), 256),
            "mentions": self._mention_chunks(),
            "sources": (self.sources,),
            "strings": (self.strings,),
        }
        sep = "{"
        for key in sorted(whole):
            yield htmlsafe(f"{sep}{_JSON.encode(key)}:")
            if key in lists:
                opener = "["
                for chunk in lists[key]:
                    for at in range(0, len(chunk), 256):
                        # a list's JSON is its items' joined by ",": one call for 256 of them
                        yield htmlsafe(opener + _JSON.encode(chunk[at : at + 256])[1:-1])
                        opener = ","
                yield "[]" if opener == "[" else "]"
            else:
                yield htmlsafe(_JSON.encode(whole[key]))
            sep = ","
        yield "}"

    def json(self) -> str:
        """``json_pieces`` joined."""
        return "".join(self.json_pieces())


_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


class _StringIndex(dict[Any, int]):
    """The index of each text in a spec's string table, adding the texts it lacks
    (``MapSpec.s``): ``index[value]`` is the index of ``value``'s text, -1 when it has none
    (None, NaN, NA, ``""``). Only texts are kept as keys."""

    def __init__(self, strings: list[str]) -> None:
        super().__init__({None: -1, "": -1})
        self.strings = strings

    def __missing__(self, value: Any) -> int:
        if type(value) is not str:
            text = text_of(value)
            return self[text] if text else -1
        i = self[value] = len(self.strings)
        self.strings.append(value)
        return i


def _first_day(when: tuple[Any, Any, Any]) -> int | None:
    """The first day of a (date, date_end, precision) (``day_range``'s)."""
    return day_range(*when)[0]


def _batches(items: Iterator[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    while batch := list(itertools.islice(items, size)):
        yield batch


def _values(frame: pd.DataFrame, name: str) -> list[Any]:
    """A column's values as Python values, None where missing (None throughout when the
    frame has no such column)."""
    if name not in frame.columns:
        return [None] * len(frame)
    return frame[name].to_numpy(dtype=object, na_value=None).tolist()  # type: ignore[no-any-return]


def _num(value: Any, default: float) -> float:
    return default if is_missing(value) else float(value)


def _list(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple, np.ndarray)):
        return list(value)
    return [value] if isinstance(value, (str, dict)) else []


def map_spec(
    events: pd.DataFrame,
    countries: dict[str, Any] | None = None,
    mentions: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """The spec the map's script draws, as a dict (see the module docstring for the rows).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame([{"event_id": "e1", "event_type": "protests", "lat": 41.7,
    ...                        "lon": 44.8, "name": "Tbilisi", "date": "2024-05"}])
    >>> spec = map_spec(frame)
    >>> [t["key"] for t in spec["types"]], spec["strings"][spec["events"][0][4]]
    (['protests'], 'Tbilisi')
    """
    spec = MapSpec(events, mentions, countries)
    rows = list(spec.rows())
    return spec.parts(rows, list(spec.mention_rows()))
