"""Events from news articles: what happened, where, when, who and how many (issue #17).

An **event** is one happening at one place over one date range, coded with ACLED's event
types (``geomap.schema.EVENT_TYPES``); every resolved place **mention** stays available
with its role. The modules:

* ``roles`` — the date and role of each place mention (``make_mentions``);
* ``cues`` — the cues of each event type and sub-type (the codebook's table);
* ``codebook`` — what is not an event (and the cues, from ``cues``);
* ``matching`` — the codebook compiled: a sentence's cue matches (``Codebook``);
* ``counts`` — how many were killed or wounded;
* ``actors`` — who did it, to whom, and a state's country code;
* ``places`` — where a clause's event happened (not an actor, a home, a continent);
* ``find`` — an article's events: cue, clause, place, date, actors, counts;
* ``merge`` — when two reports are one happening;
* ``aggregate`` — the events and mentions of a run, de-duplicated across articles.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geomap.events.aggregate import Aggregator, event_id_of, source_record
    from geomap.events.codebook import CUES, NOT_EVENTS, UNREAL, Cue, NotEvent
    from geomap.events.counts import casualties, parse_number
    from geomap.events.find import article_events, find_events
    from geomap.events.matching import Codebook, default_codebook
    from geomap.events.merge import ArticleEvent, contains, geo_precision
    from geomap.events.places import is_wide
    from geomap.events.roles import casualty_counts, event_types_of, make_mentions
    from geomap.schema import EVENT_COLUMNS, EVENT_TYPES, MENTION_COLUMNS, SUB_EVENT_TYPES

#: The module each public name comes from. A name's module is imported when the name is
#: first asked for (PEP 562), so that what needs only mention roles (``geomap extract``)
#: does not load, nor compile the patterns of, the codebook, the counts and event finding.
_HOMES: dict[str, str] = {
    **dict.fromkeys(("Aggregator", "event_id_of", "source_record"), "aggregate"),
    **dict.fromkeys(("CUES", "NOT_EVENTS", "UNREAL", "Cue", "NotEvent"), "codebook"),
    **dict.fromkeys(("casualties", "parse_number"), "counts"),
    **dict.fromkeys(("article_events", "find_events"), "find"),
    **dict.fromkeys(("Codebook", "default_codebook"), "matching"),
    **dict.fromkeys(("ArticleEvent", "contains", "geo_precision"), "merge"),
    "is_wide": "places",
    **dict.fromkeys(("casualty_counts", "event_types_of", "make_mentions"), "roles"),
}
_SCHEMA_NAMES = ("EVENT_COLUMNS", "EVENT_TYPES", "MENTION_COLUMNS", "SUB_EVENT_TYPES")


def __getattr__(name: str) -> Any:
    """A public name of the package, from its module (imported now if not yet)."""
    if name in _SCHEMA_NAMES:
        return getattr(importlib.import_module("geomap.schema"), name)
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"geomap.events.{home}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Aggregator",
    "ArticleEvent",
    "article_events",
    "default_codebook",
    "Codebook",
    "Cue",
    "CUES",
    "EVENT_COLUMNS",
    "EVENT_TYPES",
    "MENTION_COLUMNS",
    "NOT_EVENTS",
    "NotEvent",
    "SUB_EVENT_TYPES",
    "UNREAL",
    "casualties",
    "casualty_counts",
    "contains",
    "event_id_of",
    "event_types_of",
    "find_events",
    "geo_precision",
    "is_wide",
    "make_mentions",
    "parse_number",
    "source_record",
]
