"""When two reports are one happening: same type, same or contained place, overlapping dates.

Within an article (``merge_article``) and across articles (``cluster``), two events are one
when they have the same ``event_type``, their dates overlap (within an article an undated
report joins a dated one) and they are at the same place; an event at a wider place
(a country, a province, a region) joins an event at a place it contains only when exactly
one such event matches, so that "shelling in Azerbaijan" is not made the link between
shelling in Ganja and shelling in Tovuz. A report typed by a bare "were killed" (the
codebook's weakest cue) at a place with another violent event is that event's casualty
count. The merged event keeps the finest place.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import NamedTuple

from geomap.models import DateValue, Place

__all__ = ["ArticleEvent", "merge_article", "cluster", "contains", "dates_overlap", "geo_precision"]


class ArticleEvent(NamedTuple):
    """One event as one article reports it (offsets are the article's)."""

    article_id: str
    start: int
    event_type: str
    sub_event_type: str
    place: Place
    date: DateValue | None
    date_basis: str | None
    actor1: str
    actor1_country: str
    actor2: str
    actor2_country: str
    fatalities: int | None
    wounded: int | None
    summary: str
    surfaces: tuple[str, ...]
    starts: tuple[int, ...]
    confidence: float
    #: the weight of the cue that typed it (``Cue.weight``)
    weight: float


#: The weight of the codebook's weakest violent cue (a bare "were killed"): a report it
#: alone typed is another violent event's casualty count where there is one.
WEAK = 0.45

#: Types whose casualty reports a bare "were killed" at the same place belongs to.
VIOLENT = frozenset(
    {"battles", "explosions_remote_violence", "violence_against_civilians", "riots",
     "disaster", "accident"}
)  # fmt: skip
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


_GEO_PRECISION = {"populated_place": 1, "admin2": 2, "admin1": 3, "region": 3, "historical": 3}


def geo_precision(place_type: str) -> int:
    """ACLED-style precision: 1 town or point, 2 district, 3 region or province, 4 country."""
    return _GEO_PRECISION.get(place_type, 4)


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def contains(big: Place, small: Place) -> bool:
    """Whether ``big`` is a wider place that holds ``small`` (a country its towns, a
    province its districts, a region the places within its radius)."""
    if geo_precision(big.place_type) <= geo_precision(small.place_type):
        return False
    if big.place_type == "country":
        return big.country_code is not None and big.country_code == small.country_code
    if big.country_code and small.country_code and big.country_code != small.country_code:
        return False
    if big.place_type == "admin1" and big.admin1 and small.admin1:
        return big.admin1 == small.admin1 and big.country_code == small.country_code
    return _km(big, small) <= max(big.radius_km, 25.0)


def dates_overlap(a: DateValue | None, b: DateValue | None, *, undated_joins: bool) -> bool:
    """Whether two dates can be one happening's (an undated one joins only when
    ``undated_joins``; two undated ones always do)."""
    if a is None or b is None:
        return undated_joins or (a is None and b is None)
    return a.start <= b.last_day and b.start <= a.last_day


def _finer_date(a: DateValue | None, b: DateValue | None) -> DateValue | None:
    if a is None:
        return b
    if b is None:
        return a
    ra, rb = _PRECISION_RANK[a.precision], _PRECISION_RANK[b.precision]
    if ra != rb:
        return a if ra < rb else b
    if a == b:
        return a
    start, last = min(a.start, b.start), max(a.last_day, b.last_day)
    end = None if last == start and a.precision == "day" else last
    if a.precision != "day" and last == DateValue(start, a.precision).last_day:
        end = None
    return DateValue(start, a.precision, end)


def _max(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _join(a: ArticleEvent, b: ArticleEvent) -> ArticleEvent:
    """Two reports of one article as one event: the finer place, the finer date, the
    larger counts, the first summary and actors."""
    first, second = (a, b) if (a.start, a.summary) <= (b.start, b.summary) else (b, a)
    place = (
        a.place
        if geo_precision(a.place.place_type) <= geo_precision(b.place.place_type)
        else b.place
    )
    if (a.date_basis == "text") != (b.date_basis == "text"):
        # a date from the text beats the article's own date
        date, basis = (a.date, a.date_basis) if a.date_basis == "text" else (b.date, b.date_basis)
    else:
        date = _finer_date(a.date, b.date)
        basis = a.date_basis if date == a.date else b.date_basis
    actor = first if first.actor1 else second
    other = first if first.actor2 else second
    return first._replace(
        place=place,
        date=date,
        date_basis=basis,
        sub_event_type=(a if a.weight >= b.weight else b).sub_event_type,
        event_type=(a if a.weight >= b.weight else b).event_type,
        actor1=actor.actor1,
        actor1_country=actor.actor1_country,
        actor2=other.actor2,
        actor2_country=other.actor2_country,
        fatalities=_max(a.fatalities, b.fatalities),
        wounded=_max(a.wounded, b.wounded),
        surfaces=tuple(sorted({*a.surfaces, *b.surfaces})),
        starts=tuple(sorted({*a.starts, *b.starts})),
        confidence=max(a.confidence, b.confidence),
        weight=max(a.weight, b.weight),
    )


def cluster(
    events: Sequence[ArticleEvent],
    *,
    undated_joins: bool,
    weak: Callable[[ArticleEvent], bool] = lambda e: False,
    first_of_many: bool = False,
) -> list[list[int]]:
    """Group events that are one happening; the groups as lists of indices into ``events``.

    Deterministic for a given order of ``events`` (callers sort them first).

    Parameters
    ----------
    events : sequence of ArticleEvent
        The reports.
    undated_joins : bool
        Whether an undated report joins a dated one at the same place (within an article).
    weak : callable
        Reports that join any violent event at the same or a containing/contained place on
        overlapping dates (a bare "were killed").
    first_of_many : bool
        Whether a group at a wider place that contains several groups' places joins the
        first of them (within an article: "an earthquake struck southern Turkey,
        collapsing buildings in Gaziantep and Hatay") instead of staying apart.
    """

    def overlap(i: int, j: int) -> bool:
        a, b = events[i], events[j]
        if undated_joins and (a.date_basis != "text" or b.date_basis != "text"):
            return True  # within an article: the article's own date is no evidence
        return dates_overlap(a.date, b.date, undated_joins=undated_joins)

    groups: list[list[int]] = []
    # 1. same type and place, overlapping dates (a sweep over the dates)
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, ev in enumerate(events):
        by_key.setdefault((ev.event_type, ev.place.place_id), []).append(i)
    for idx in by_key.values():
        pending: list[list[int]] = []
        for i in idx:
            joined = None
            for g in pending:
                if any(overlap(i, j) for j in g):
                    if joined is None:
                        g.append(i)
                        joined = g
                    else:  # i links two groups: one
                        joined.extend(g)
                        g.clear()
            pending = [g for g in pending if g]
            if joined is None:
                pending.append([i])
        groups.extend(pending)

    # 2. a group at a wider place joins the one group at a place it contains
    def rep(g: list[int]) -> ArticleEvent:
        if len(g) == 1:  # (the one member: no ``min``)
            return events[g[0]]
        return min((events[j] for j in g), key=lambda e: geo_precision(e.place.place_type))

    reps = [rep(g) for g in groups]
    # candidates by country (a wider place holds only places of its own country)
    by_country: dict[str | None, list[int]] = {}
    by_type: dict[tuple[str | None, str], list[int]] = {}
    for k, r in enumerate(reps):
        by_country.setdefault(r.place.country_code, []).append(k)
        by_type.setdefault((r.place.country_code, r.event_type), []).append(k)
    order = sorted(range(len(groups)), key=lambda k: (-geo_precision(reps[k].place.place_type), k))
    for k in order:
        g = groups[k]
        mine = reps[k]
        is_weak = all(weak(events[j]) for j in g)
        if (
            not g
            or mine.place.country_code is None
            or (geo_precision(mine.place.place_type) == 1 and not is_weak)
        ):
            continue
        matches = []
        near = (
            by_country.get(mine.place.country_code, [])
            if is_weak
            else by_type.get((mine.place.country_code, mine.event_type), [])
        )
        for k2 in near:
            g2 = groups[k2]
            if k2 == k or not g2:
                continue
            other = reps[k2]
            if is_weak:
                if other.event_type not in VIOLENT or all(weak(events[j]) for j in g2):
                    continue
                same_place = (
                    other.place.place_id == mine.place.place_id
                    or contains(mine.place, other.place)
                    or contains(other.place, mine.place)
                )
            else:
                if other.event_type != mine.event_type:
                    continue
                same_place = contains(mine.place, other.place)
            if same_place and any(overlap(i, j) for i in g for j in g2):
                matches.append(k2)
        if len(matches) > 1 and is_weak:
            same = [k2 for k2 in matches if reps[k2].place.place_id == mine.place.place_id]
            matches = same if len(same) == 1 else matches
        if len(matches) == 1 or (matches and first_of_many):
            first = min(matches, key=lambda k2: min(groups[k2]))
            groups[first].extend(g)
            groups[k] = []
    return [sorted(g) for g in groups if g]


def merge_article(events: Sequence[ArticleEvent]) -> list[ArticleEvent]:
    """An article's reports merged into its events (see the module's docstring)."""
    if len(events) < 2:
        return list(events)
    out = []
    violent = sorted({e.event_type for e in events if e.event_type in VIOLENT and not _is_weak(e)})
    for g in cluster(events, undated_joins=True, weak=_is_weak, first_of_many=True):
        members = [events[j] for j in g]
        strong = [e for e in members if not _is_weak(e)] or members
        merged = strong[0]
        for e in strong[1:]:
            merged = _join(merged, e)
        for e in members:
            if e not in strong:
                merged = merged._replace(
                    fatalities=_max(merged.fatalities, e.fatalities),
                    wounded=_max(merged.wounded, e.wounded),
                    starts=tuple(sorted({*merged.starts, *e.starts})),
                    surfaces=tuple(sorted({*merged.surfaces, *e.surfaces})),
                )
        if _is_weak(merged) and len(violent) == 1 and violent[0] != merged.event_type:
            # "800 were killed in Syria" in a report of an earthquake: the quake's toll
            sub = next(e.sub_event_type for e in events if e.event_type == violent[0])
            merged = merged._replace(event_type=violent[0], sub_event_type=sub)
        out.append(merged)
    out.sort(key=lambda e: (e.start, e.event_type, e.place.place_id))
    return out


def _is_weak(e: ArticleEvent) -> bool:
    """A report typed only by a bare "were killed" (the codebook's weakest violent cue)."""
    return e.event_type == "violence_against_civilians" and e.weight <= WEAK
