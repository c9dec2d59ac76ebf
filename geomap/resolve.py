"""Toponym resolution: choose one gazetteer place for each span using the article's context."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from geomap.extract import Span
from geomap.gazetteer import Candidate, Gazetteer, derived, distance_km
from geomap.models import Place
from geomap.settings import EARTH_RADIUS_KM, RESOLVER_SETTINGS, ResolverSettings

__all__ = ["Context", "Resolution", "dateline_country_of", "resolve_spans", "score_candidate"]


@dataclass
class Context:
    """What the article says about where it is: countries, first-level areas, points."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    dateline_country: str | None = None
    #: ``points`` as (lat, lon) radians and cos(lat), for fast distances
    radians: list[tuple[float, float, float]] = field(default_factory=list)
    #: the first-level areas named, by country ("Alabama", "Iowa": US)
    areas: dict[str, set[str]] = field(default_factory=dict)

    def country_share(self, code: str | None) -> float:
        """Share of the article's country evidence that points at ``code`` (0..1)."""
        if not code or not self.countries:
            return 0.0
        return self.countries.get(code, 0) / sum(self.countries.values())


class _Counts(NamedTuple):
    """A ``Context`` as scoring reads it, in plain dicts: quicker to build than Counters,
    and built for every name of every article (``_context``)."""

    countries: dict[str, int]
    #: the sum of ``countries``
    total: int
    admin1: dict[tuple[str, str], int]
    #: the points as ``Context.radians`` gives them, each once (the nearest is the same);
    #: empty when the context has none
    radians: list[tuple[float, float, float]]
    areas: dict[str, set[str]]
    dateline_country: str | None


def _counts(ctx: Context) -> _Counts:
    """``ctx`` as ``_Counts``."""
    radians = ctx.radians if ctx.points else []
    total = sum(ctx.countries.values())
    return _Counts(ctx.countries, total, ctx.admin1, radians, ctx.areas, ctx.dateline_country)


class Resolution(NamedTuple):
    """A span and the place chosen for it, with the score that chose it.

    A named tuple, as it is made for every span kept: a frozen dataclass is slower to make
    (a call of ``object.__setattr__`` per field)."""

    span: Span
    place: Place
    score: float


def score_candidate(
    cand: Candidate, span: Span, ctx: Context, settings: ResolverSettings = RESOLVER_SETTINGS
) -> float:
    """Score how likely ``cand`` is the place ``span`` means, given the context.

    Type prior + log10(population) + own spelling + capital + the article's evidence:
    the share of its country mentions that point at the candidate's country, its
    first-level area, and nearness to its other places. Country-level evidence alone
    counts less for a small place, so "Geneva" in a story that names the US is still
    the Swiss city, while "Alexandria" beside "Rapides Parish" is the Louisiana town.
    The weights are ``settings``'.
    """
    prior = _priors(cand, settings)[1 if span.qualifier else 0]
    return _in_context(prior, _row(cand.place, settings), _counts(ctx), settings)


def _priors(cand: Candidate, s: ResolverSettings) -> tuple[float, float]:
    """``score_candidate``'s part that needs no context (type, size, spelling, capital)
    for a bare name and for a name written with a division word ("Absheron district")."""
    p = cand.place
    score = s.type_prior.get(p.place_type, s.default_type_prior)
    score += math.log10(p.population + 1) if p.population else _size_prior(p, s)
    if cand.primary:
        score += s.primary_bonus
    if cand.capital:
        score += s.capital_bonus
    qualified = score + (
        s.division_word_bonus
        if p.place_type in ("admin1", "admin2", "region")
        else -s.division_word_penalty
    )
    if p.place_type == "populated_place":
        score += s.bare_town_bonus  # a bare name is a town more often than its division
    return score, qualified


#: A candidate's place as ``_in_context`` reads it: the place, its (country, admin1) code,
#: its (lat, lon) radians and cos(lat) when nearness counts for it, and whether it has
#: ``ResolverSettings.big_population`` people or more.
_Row = tuple[Place, tuple[str, str] | None, tuple[float, float, float] | None, bool]


def _row(p: Place, s: ResolverSettings) -> _Row:
    """The ``_Row`` of a candidate's place."""
    rad = None
    if p.place_type not in ("country", "region", "historical"):
        lat = math.radians(p.lat)
        rad = (lat, math.radians(p.lon), math.cos(lat))
    key = (p.country_code, p.admin1) if p.country_code and p.admin1 else None
    return (p, key, rad, p.population >= s.big_population)


def _in_context(
    score: float,
    row: _Row,
    ctx: _Counts,
    s: ResolverSettings,
    extras: tuple[float, ...] = (),
    floor: float | None = None,
) -> float:
    """``score_candidate`` from the candidate's ``_priors`` (``score``) on: the article's
    evidence, then each of ``extras`` added in turn (``_pick``'s bonuses).

    With a ``floor``, a candidate that even a point of the article 0 km away could not lift
    above it is not measured (the nearest point is the costly part): ``floor`` is returned,
    no more than the score.
    """
    place, key, rad, big = row
    local = s.admin1_weight if key is not None and ctx.admin1.get(key) else 0.0
    cc = place.country_code
    # Context.country_share, with the sum done once
    share = ctx.countries.get(cc, 0) / ctx.total if cc and ctx.countries else 0.0
    home = bool(ctx.dateline_country) and cc == ctx.dateline_country
    if rad is not None and ctx.radians:
        if (
            floor is not None
            and score
            + s.country_weight * share
            + local
            + (s.dateline_weight if home else 0.0)
            + sum(extras)
            + s.near_weight
            + _SLACK
            <= floor
        ):
            return floor
        nearest = _nearest(rad, ctx.radians, s.far_lat)
        if nearest < s.near_km:
            local += s.near_weight
        elif nearest < s.far_km:
            local += s.far_weight
    scale = 1.0 if (local >= s.admin1_weight or big) else s.small_place_share_scale
    # in this order: a reordered float sum may round differently, and the scores' ties decide
    score += s.country_weight * share * scale + local
    if home:
        score += s.dateline_weight
    for extra in extras:
        score += extra
    return score


def _most_added(
    ctx: _Counts,
    s: ResolverSettings,
    *,
    abroad: bool = False,
    listed: bool = False,
    support: Mapping[str, float] | None = None,
) -> float:
    """The most ``_in_context`` can add to any candidate's prior in ``ctx``, with the
    bonuses ``_pick`` may give (``abroad``: the name may be a country, so an area of
    another may take ``areas_bonus``; ``listed``: a list member's ``list_bonus``;
    ``support``: ``_nested``'s bonuses): the bound ``_pick`` stops its scan at. It reads
    the weights ``_in_context`` adds, from the same ``s``, term by term: the full country
    share (a scale is at most 1), the first-level area, the nearest point, the dateline's
    country, and ``_SLACK``."""
    countries = ctx.countries
    return (
        (s.country_weight * max(countries.values()) / ctx.total if countries else 0.0)
        + (s.admin1_weight if ctx.admin1 else 0.0)
        + (s.near_weight if ctx.radians else 0.0)
        + (s.dateline_weight if ctx.dateline_country else 0.0)
        + (s.areas_bonus if abroad else 0.0)
        + (s.list_bonus if listed else 0.0)
        + (max(support.values()) if support else 0.0)
        + _SLACK
    )


#: More than the rounding of a score's sum (a few terms, each under 100) can come to: the
#: bounds of ``_in_context`` and ``_pick`` add it, so that they hold for the scores as
#: floats compute them.
_SLACK = 1e-9


def _nearest_km(
    lat: float,
    lon: float,
    points: Sequence[tuple[float, float, float]],
    far_lat: float = 0.0,
) -> float:
    """Great-circle distance to the nearest of ``points`` (haversine; as geopy's, faster).

    ``points`` are (lat, lon) in radians with the cosine of the latitude. With a
    ``far_lat`` (radians), points whose latitude alone is further than that from ``lat``
    are skipped: the answer is exact for distances under ``far_lat`` times the Earth's
    radius, and at least that otherwise (infinite when every point is skipped).
    """
    la1 = math.radians(lat)
    return _nearest((la1, math.radians(lon), math.cos(la1)), points, far_lat)


def _nearest(
    rad: tuple[float, float, float],
    points: Sequence[tuple[float, float, float]],
    far_lat: float = 0.0,
) -> float:
    """``_nearest_km`` from (lat, lon) radians and cos(lat), as ``points`` are given."""
    la1, lo1, cos1 = rad
    best = math.inf
    sin = math.sin
    if far_lat:  # a loop of its own, as most calls are
        for la2, lo2, cos2 in points:
            d = la2 - la1
            if d > far_lat or d < -far_lat:
                continue
            h = sin(d / 2) ** 2 + cos1 * cos2 * sin((lo2 - lo1) / 2) ** 2
            if h < best:
                best = h
    else:
        for la2, lo2, cos2 in points:
            h = sin((la2 - la1) / 2) ** 2 + cos1 * cos2 * sin((lo2 - lo1) / 2) ** 2
            if h < best:
                best = h
    if best == math.inf:
        return math.inf
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(best)))


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two places (``_nearest_km``'s haversine)."""
    lat = math.radians(b.lat)
    return _nearest_km(a.lat, a.lon, [(lat, math.radians(b.lon), math.cos(lat))])


def _size_prior(place: Place, s: ResolverSettings) -> float:
    """Stand-in for log10(population) of an area without one (continents, regions)."""
    if place.place_type in ("region", "historical", "country") and place.radius_km > 0:
        return min(s.size_prior_cap, s.size_prior_base + math.log10(place.radius_km))
    return 0.0


#: What the chosen resolutions of a name to one place tell of the article's whereabouts, as
#: ``_context`` counts it: the name casefolded, country, first-level area's place_id (for
#: an admin1), (country, admin1) code, (lat, lon) radians and cos(lat) for a point, and
#: how many spans they are.
_Evidence = tuple[
    str, str | None, str | None, tuple[str, str] | None, tuple[float, float, float] | None, int
]


def _evidence(chosen: Sequence[tuple[Span, Place]]) -> list[_Evidence]:
    """The ``_Evidence`` of (span, place chosen for it) pairs, worked out once for all the
    contexts of an article, and once for the spans of a name that chose the same place."""
    times: dict[tuple[str, int], tuple[str, Place, int]] = {}
    for span, p in chosen:
        name = span.surface.casefold()
        got = times.get((name, id(p)))  # the places are alive: their ids are theirs
        times[name, id(p)] = (name, p, 1 if got is None else got[2] + 1)
    out: list[_Evidence] = []
    for name, p, n in times.values():
        cc = p.country_code
        rad = None
        if p.place_type not in ("country", "region", "historical"):
            lat = math.radians(p.lat)
            rad = (lat, math.radians(p.lon), math.cos(lat))
        out.append(
            (
                name,
                cc,
                p.place_id if p.place_type == "admin1" and cc else None,
                (cc, p.admin1) if cc and p.admin1 else None,
                rad,
                n,
            )
        )
    return out


def _context(
    evidence: Sequence[_Evidence],
    dateline_country: str | None,
    s: ResolverSettings,
    *,
    skip: str | None = None,
) -> _Counts:
    """What the chosen resolutions' ``evidence`` counts up to, leaving out those of the name
    ``skip`` however it is cased (a dateline's "COLUMBUS" is no evidence for "Columbus"):
    the ``Context`` they give, as ``_Counts``."""
    countries: dict[str, int] = {}
    admin1: dict[tuple[str, str], int] = {}
    areas: dict[str, set[str]] = {}
    # a place named twice is one point to measure from: the nearest is the same
    radians: dict[tuple[float, float, float], None] = {}
    for name, cc, area, key, rad, n in evidence:
        if name == skip:
            continue  # a name is no evidence for itself
        if cc:
            countries[cc] = countries.get(cc, 0) + n
        if area is not None:
            areas.setdefault(cc or "", set()).add(area)
        if key is not None:
            admin1[key] = admin1.get(key, 0) + n
        if rad is not None:
            radians[rad] = None
    if dateline_country:
        countries[dateline_country] = countries.get(dateline_country, 0) + s.dateline_country_count
    total = sum(countries.values())
    return _Counts(countries, total, admin1, list(radians), areas, dateline_country)


class _Facts:
    """What resolution derives from one name's candidates alone: worked out once and kept
    for the process in ``Gazetteer.memo`` (``derived``, under ``settings.memo_tag``), as the
    candidates tuple is shared by every span of the name."""

    __slots__ = (
        "rows",
        "bare",
        "qualified",
        "bare_rest",
        "qualified_rest",
        "abroad",
        "counties",
        "states",
        "towns",
        "state_towns",
        "first",
    )

    def __init__(self, candidates: tuple[Candidate, ...], settings: ResolverSettings) -> None:
        #: each candidate's ``_row``, and its ``_priors`` without and with a division word
        self.rows = tuple(_row(c.place, settings) for c in candidates)
        priors = [_priors(c, settings) for c in candidates]
        self.bare = tuple(bare for bare, _ in priors)
        self.qualified = tuple(qualified for _, qualified in priors)
        #: the best of ``bare`` and of ``qualified`` from each candidate on (``_pick``)
        self.bare_rest = _best_from(self.bare)
        self.qualified_rest = _best_from(self.qualified)
        #: the countries the name may be
        self.abroad = frozenset(
            c.place.country_code for c in candidates if c.place.place_type == "country"
        )
        # what ``_nested`` pairs: counties, states, towns, and the towns that may nest in
        # a state
        self.counties = tuple(
            c.place for c in candidates if c.place.place_type == "admin2" and c.place.admin1
        )
        self.states = tuple(
            c.place
            for c in candidates
            if c.primary and c.place.place_type == "admin1" and c.place.admin1
        )
        # the countries where the name is also a country or a state ("Kansas": US)
        areas = {
            c.place.country_code
            for c in candidates
            if c.primary and c.place.place_type in ("country", "admin1")
        }
        self.towns = tuple(
            c.place
            for c in candidates
            if c.primary
            and c.place.country_code not in areas
            and c.place.place_type == "populated_place"
            and c.place.admin1
        )
        famous = any(
            c.capital or c.place.population >= settings.famous_population for c in candidates
        )
        top = max((c.place.population for c in candidates), default=0)
        self.state_towns = tuple(
            p for p in self.towns if not famous and p.population >= settings.namesake_share * top
        )
        #: the first pass's choices (``_first_pick``), by qualifier and dateline country: a
        #: few at most, as a name is seen with few of either
        self.first: dict[tuple[str | None, str | None], tuple[Place, float]] = {}


def _best_from(values: Sequence[float]) -> tuple[float, ...]:
    """The largest of ``values`` from each one on."""
    out = list(values)
    for k in range(len(out) - 2, -1, -1):
        out[k] = max(out[k], out[k + 1])
    return tuple(out)


_COUNTY_WORDS = frozenset({"county", "parish", "borough"})


def _nested(
    spans: Sequence[Span], first: Sequence[Place], facts: Sequence[_Facts], s: ResolverSettings
) -> dict[str, dict[str, float]]:
    """By name: its candidates that nest with a candidate of another name, and their bonus.

    A town nests in a county that holds it (same state, within the county's radius) when the
    article also writes the county with its word ("Henry County", "Rapides Parish"); and in
    a state that holds it when another name reads as an area and can be that state
    ("Georgia": the country on its own, the state beside "Albany"). A name that is also a
    country or a state of the town's own country ("California", "Kansas"; not "Lebanon",
    which is a town in Indiana and a country abroad) and a town's spelling variants are left
    out, as is a county named after the town ("DeKalb County", "DeKalb"): those pairs arise
    by chance. For states, neither a capital or city of a million nor a town much smaller
    than the largest place of its name nests ("Boston", New York, stays Boston,
    Massachusetts). ``first`` are the spans' first-pass places, ``facts`` their ``_Facts``.
    """
    # by name, in the order of the names' first spans; a name with none is left out
    counties: dict[str, Sequence[Place]] = {}
    states: dict[str, Sequence[Place]] = {}
    towns: dict[str, Sequence[Place]] = {}
    state_towns: dict[str, Sequence[Place]] = {}
    seen: set[str] = set()
    for span, place, f in zip(spans, first, facts, strict=True):
        name = span.surface
        if name in seen:
            continue
        seen.add(name)
        if f.counties and (span.qualifier or name.rsplit(None, 1)[-1]).lower() in _COUNTY_WORDS:
            counties[name] = f.counties
        if f.states and place.place_type in ("admin1", "country"):
            states[name] = f.states
        if f.towns:
            towns[name] = f.towns
        if f.state_towns:
            state_towns[name] = f.state_towns
    out: dict[str, dict[str, float]] = {}
    if not counties and not states:
        return out  # as most articles: nothing to nest in

    def add(name: str, place_id: str, bonus: float) -> None:
        got = out.setdefault(name, {})
        got[place_id] = max(got.get(place_id, 0.0), bonus)

    if counties:
        in_area = _by_area(towns)
        for a, cs in counties.items():
            lower = a.lower()
            for county in cs:
                for b, town in in_area.get((county.country_code, county.admin1), ()):
                    if a == b or lower.startswith(b.lower()):  # "DeKalb County", "DeKalb"
                        continue
                    if _km(town, county) <= county.radius_km + s.county_margin_km:
                        add(a, county.place_id, s.nested_bonus)
                        add(b, town.place_id, s.nested_bonus)
    if states:
        in_area = _by_area(state_towns)
        for a, ss in states.items():
            for state in ss:
                for b, town in in_area.get((state.country_code, state.admin1), ()):
                    if a != b:
                        add(a, state.place_id, s.state_nested_bonus)
                        add(b, town.place_id, s.state_nested_bonus)
    return out


def _by_area(
    towns: dict[str, Sequence[Place]],
) -> dict[tuple[str | None, str | None], list[tuple[str, Place]]]:
    """The (name, town) pairs of ``towns`` by the towns' (country, admin1) code, in their
    order: what a county or state of that code may hold."""
    out: dict[tuple[str | None, str | None], list[tuple[str, Place]]] = {}
    for name, ts in towns.items():
        for town in ts:
            out.setdefault((town.country_code, town.admin1), []).append((name, town))
    return out


def _pick(
    span: Span,
    ctx: _Counts,
    facts: _Facts,
    s: ResolverSettings,
    kind: tuple[str, str | None] | None = None,
    support: Mapping[str, float] | None = None,
    *,
    prune: bool = True,
) -> tuple[Place, float]:
    """The best-scored of the span's candidates in ``ctx`` (``facts`` are theirs), with the
    bonuses of a list member's ``kind`` and of the places ``support`` names: the place and
    its score (a ``Resolution`` is made only for what is kept).

    The scan stops as soon as no candidate left can beat the best (``_most_added``);
    ``prune=False`` scores every candidate in full (the same choice, slower: for tests).
    """
    priors, rests = (
        (facts.qualified, facts.qualified_rest) if span.qualifier else (facts.bare, facts.bare_rest)
    )
    abroad = facts.abroad
    areas = ctx.areas
    # the most the context and the bonuses can add to a candidate's prior: with the best
    # prior of the candidates left, a bound on their scores that falls as they go (they
    # come most populous first)
    ceiling = (
        _most_added(ctx, s, abroad=bool(abroad), listed=kind is not None, support=support)
        if prune
        else math.inf
    )
    best: Place | None = None
    top = 0.0
    for prior, rest, row in zip(priors, rests, facts.rows, strict=True):
        if best is not None and rest + ceiling <= top:
            break  # none of the rest can beat the best
        p = row[0]
        extras: tuple[float, ...] = ()
        if (
            abroad
            and p.place_type == "admin1"
            and p.country_code not in abroad
            and len(areas.get(p.country_code or "", ())) >= s.areas_needed
        ):
            extras = (s.areas_bonus,)
        if kind is not None and _of_kind(p, kind):
            extras += (s.list_bonus,)
        if support and p.place_id in support:
            extras += (support[p.place_id],)
        # below the best so far it need not be exact: it does not win
        score = _in_context(prior, row, ctx, s, extras, None if best is None or not prune else top)
        if best is None or score > top:
            best, top = p, score
    assert best is not None
    if best.place_type in ("admin1", "admin2") and not span.qualifier and kind is None:
        # "Khizi", "Tovuz": a town that gives its name to the district around it is meant
        for cand in span.candidates:
            p = cand.place
            if (
                p.place_type == "populated_place"
                and cand.primary
                and p.country_code == best.country_code
                and p.population >= s.town_share * best.population
                and _within(p, best, s)
            ):
                return p, top
    return best, top


_Picked = dict[tuple[str, str | None, int, tuple[str, str | None] | None], tuple[Place, float]]


def _pick_same(
    span: Span,
    ctx: _Counts,
    facts: _Facts,
    picked: _Picked,
    s: ResolverSettings,
    kind: tuple[str, str | None] | None = None,
    support: Mapping[str, float] | None = None,
) -> tuple[Place, float]:
    """``_pick(span, ctx, facts)``, reusing the choice made for an earlier span of the same
    name.

    Spans of one name share their qualifier-free candidates (the same tuple); ``picked``
    must only ever be used with the same ``ctx`` for a name.
    """
    key = (span.surface, span.qualifier, id(span.candidates), kind)
    hit = picked.get(key)
    if hit is None:
        hit = picked[key] = _pick(span, ctx, facts, s, kind, support)
    return hit


def _first_pick(
    span: Span, facts: _Facts, dateline_country: str | None, s: ResolverSettings
) -> tuple[Place, float]:
    """``_pick`` in the first pass, whose context holds at most the dateline's country: its
    choice for a name's candidates is kept with their ``facts`` (``_Facts.first``).

    Valid only while the first pass scores a name by its candidates, qualifier and the
    dateline's country alone: anything else it comes to depend on belongs in the key.
    """
    key = (span.qualifier, dateline_country)
    hit = facts.first.get(key)
    if hit is None:
        hit = facts.first[key] = _pick(span, _context([], dateline_country, s), facts, s)
    return hit


_LIST_GAPS = frozenset({",", "and", ", and", "or", ", or", "&"})


def _neighbours(spans: Sequence[Span], text: str) -> dict[int, tuple[int, str]]:
    """Each span's next span in the text, with the gap between them normalised."""
    starts = [span.start for span in spans]
    order = sorted(range(len(spans)), key=starts.__getitem__)
    out: dict[int, tuple[int, str]] = {}
    for a, b in zip(order, order[1:], strict=False):
        end, start = spans[a].end, starts[b]
        if start - end <= 6:
            out[a] = (b, " ".join(text[end:start].split()))
    return out


def _list_links(neighbours: dict[int, tuple[int, str]]) -> dict[int, int]:
    """Spans joined into a list ("Iraq, Iran, and Syria"): each member's next member.

    An "and" or "or" ends a list, so the comma after its last member starts something
    else ("Texas and Washington, D.C.").
    """
    links: dict[int, int] = {}
    ended: set[int] = set()
    for a, (b, gap) in neighbours.items():
        if gap not in _LIST_GAPS:
            continue
        if gap == "," and a in ended:
            continue
        links[a] = b
        if gap != ",":
            ended.add(b)
    return links


def _kind(place: Place) -> tuple[str, str | None] | None:
    if place.place_type == "country":
        return ("country", None)
    if place.place_type == "admin1":
        return ("admin1", place.country_code)
    return None


def _of_kind(place: Place, kind: tuple[str, str | None]) -> bool:
    return place.place_type == kind[0] and (kind[1] is None or place.country_code == kind[1])


def _list_kinds(first: Sequence[Place], links: dict[int, int]) -> dict[int, tuple[str, str | None]]:
    """For spans in a list, the kind (country, or a country's first-level area) most of the
    other members are, when at least half of them are of it (``first``: the spans'
    first-pass places)."""
    prev = {b: a for a, b in links.items()}
    out: dict[int, tuple[str, str | None]] = {}
    seen: set[int] = set()
    for start in links:
        if start in prev or start in seen:
            continue
        chain = [start]
        while chain[-1] in links:
            chain.append(links[chain[-1]])
        seen.update(chain)
        kinds = [_kind(first[k]) for k in chain]
        for pos, k in enumerate(chain):
            others: dict[tuple[str, str | None], int] = {}
            for j, kd in enumerate(kinds):
                if j != pos and kd is not None:
                    others[kd] = others.get(kd, 0) + 1
            if not others:
                continue
            # the most common, the first named of equals (as Counter.most_common)
            kind = max(others, key=others.__getitem__)
            if 2 * others[kind] >= len(chain) - 1:
                out[k] = kind
    return out


#: Below this (km) ``_km`` and geopy's ``great_circle`` may disagree about a limit: they
#: differ by well under a metre anywhere on Earth (the haversine is least exact near
#: antipodes, by ~1e-4 km), so only a distance this close to it needs geopy's own.
_KM_TOLERANCE = 0.01


def _within(place: Place, division: Place, s: ResolverSettings) -> bool:
    """Whether a place lies in a division: its first-level code, else its radius.

    The radius test is geopy's (``distance_km``), asked only when the haversine is too
    close to the limit to tell: extraction then never imports geopy.
    """
    if division.place_type == "admin1" and division.admin1 is not None:
        return place.admin1 == division.admin1
    limit = max(division.radius_km, s.min_division_radius_km)
    km = _km(place, division)
    if abs(km - limit) > _KM_TOLERANCE:
        return km <= limit
    return distance_km(place.point, division.point) <= limit


def _containers(
    spans: Sequence[Span],
    first: Sequence[Place],
    neighbours: dict[int, tuple[int, str]],
    links: dict[int, int],
    s: ResolverSettings,
) -> dict[int, Place]:
    """Spans written "Town, Region": the place the region resolved to, by span index.

    Not when the two are members of a list of such regions ("Iraq, Iran, and Syria",
    "Washington, Pennsylvania and California"). ``first`` are the spans' first-pass places.
    """
    prev = {b: a for a, b in links.items()}
    out: dict[int, Place] = {}
    for k, (nxt, gap) in neighbours.items():
        if gap != "," or spans[nxt].start - spans[k].end > 3:
            continue
        outer = first[nxt]
        if outer.place_type not in ("admin1", "country") or not outer.country_code:
            continue
        kind = _kind(outer)
        assert kind is not None
        if _of_kind(first[k], kind):
            continue
        after, before = links.get(nxt), prev.get(k)
        if (after is not None and _of_kind(first[after], kind)) or (
            before is not None and _of_kind(first[before], kind)
        ):
            continue
        out[k] = _holding(spans[k], spans[nxt], outer, s)
    return out


def _holding(town: Span, region: Span, outer: Place, s: ResolverSettings) -> Place:
    """The region a "Town, Region" pair means: ``outer`` if it holds one of the town's
    places, else the region's best-scored other area that does ("Blakely, Georgia": the
    state, as Georgia the country holds no Blakely)."""
    if any(_inside(c.place, outer) for c in town.candidates):
        return outer
    empty = Context()
    best: tuple[float, Place] | None = None
    for cand in region.candidates:
        p = cand.place
        if p.place_type not in ("admin1", "country") or not p.country_code:
            continue
        if not any(_inside(c.place, p) for c in town.candidates):
            continue
        score = score_candidate(cand, region, empty, s)
        if best is None or score > best[0]:
            best = (score, p)
    return outer if best is None else best[1]


def _inside(place: Place, outer: Place) -> bool:
    if place.country_code != outer.country_code or place.place_id == outer.place_id:
        return False
    return outer.place_type == "country" or (
        outer.admin1 is not None and place.admin1 == outer.admin1
    )


def resolve_spans(
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    *,
    dateline_country: str | None = None,
    text: str | None = None,
    settings: ResolverSettings = RESOLVER_SETTINGS,
) -> list[Resolution]:
    """Resolve every span to one place, in two passes.

    The first pass scores candidates on their own (type, population, spelling, capital);
    the second adds the context the first pass found: the countries and first-level areas
    the article talks about, the dateline's country, and nearness to its other places.
    Names that hold each other choose each other: "Town, Region" takes the region that
    holds the town; a town and a county or state of the article that holds it are favoured
    together (``_nested``); list members lean to the kind of their siblings. Spans whose
    best place is still weak are dropped, as are small towns in a country no other name
    of the article is in (``_without_strays``).

    Parameters
    ----------
    spans : sequence of Span
        The article's place names, in text order.
    gazetteer : Gazetteer
        Where the first pass's choices are kept for the process (``Gazetteer.memo``).
    dateline_country : str, optional
        ISO code of the dateline's country, counted as evidence.
    text : str, optional
        The text the spans index into; without it, lists and "Town, Region" pairs are not
        seen.
    settings : ResolverSettings, optional
        The weights and thresholds (``geomap.settings.RESOLVER_SETTINGS`` by default).

    Returns
    -------
    list of Resolution
        The spans kept, in their order, each with its place and score.
    """
    if not spans:
        return []
    return _without_strays(_resolve(spans, gazetteer, dateline_country, text, settings), settings)


def dateline_country_of(
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    *,
    text: str | None = None,
    settings: ResolverSettings = RESOLVER_SETTINGS,
) -> str | None:
    """The country of the article's dateline place as ``resolve_spans(spans, gazetteer,
    text=text)`` resolves it, worked out for that span alone: what to count as the
    dateline's country when the dateline names none ("BAKU, Azerbaijan" names one; "PARIS"
    and "COLUMBUS, Ohio" do not). None without a dateline span, or when its place has no
    country.

    Parameters
    ----------
    spans : sequence of Span
        The article's place names, in text order.
    gazetteer : Gazetteer
        As for ``resolve_spans``.
    text : str, optional
        As for ``resolve_spans``.
    settings : ResolverSettings, optional
        As for ``resolve_spans``.
    """
    for k, span in enumerate(spans):
        if span.is_dateline:
            # resolve_spans keeps every dateline span, strays or not: the first is this one
            return _resolve(spans, gazetteer, None, text, settings, only=k)[0].place.country_code
    return None


def _resolve(
    spans: Sequence[Span],
    gazetteer: Gazetteer,
    dateline_country: str | None,
    text: str | None,
    s: ResolverSettings,
    only: int | None = None,
) -> list[Resolution]:
    """``resolve_spans`` before strays are dropped, or the resolution of the span at
    ``only`` alone (in a list: none when it is too weak to keep)."""
    memo = gazetteer.memo
    tag = s.memo_tag

    def make(candidates: tuple[Candidate, ...]) -> _Facts:
        return _Facts(candidates, s)

    facts = [derived(memo, tag, span.candidates, make) for span in spans]
    picks = [
        f.first.get((span.qualifier, dateline_country)) or _first_pick(span, f, dateline_country, s)
        for span, f in zip(spans, facts, strict=True)
    ]
    first = [place for place, _ in picks]
    neighbours = _neighbours(spans, text) if text is not None else {}
    links = _list_links(neighbours)
    containers = _containers(spans, first, neighbours, links, s)
    # the region of a "Town, Region" pair is the one that holds the town
    regions = {
        neighbours[k][0]: outer
        for k, outer in containers.items()
        if any(_inside(c.place, outer) for c in spans[k].candidates)
    }
    kinds = _list_kinds(first, links)
    nested = _nested(spans, first, facts, s)
    evidence = _evidence(
        [
            (span, place)
            for span, (place, score) in zip(spans, picks, strict=True)
            if score >= s.confident or len(span.candidates) == 1
        ]
    )
    # a name that gives no evidence sees the whole article's: one context for them all
    givers = {e[0] for e in evidence}
    whole: _Counts | None = None
    contexts: dict[str, _Counts] = {}
    picked: _Picked = {}  # with each name's own context
    second: list[Resolution] = []
    for k in range(len(spans)) if only is None else (only,):
        span = spans[k]
        ctx = contexts.get(span.surface)
        if ctx is None:
            fold = span.surface.casefold()
            if fold in givers:
                ctx = _context(evidence, dateline_country, s, skip=fold)
            else:
                if whole is None:
                    whole = _context(evidence, dateline_country, s)
                ctx = whole
            contexts[span.surface] = ctx
        region = regions.get(k)
        if region is not None:
            f = facts[k]
            score = max(
                _in_context(prior, row, ctx, s)
                for prior, row in zip(
                    f.qualified if span.qualifier else f.bare, f.rows, strict=True
                )
                if row[0].place_id == region.place_id
            )
            second.append(Resolution(span, region, max(score, s.min_score)))
            continue
        outer = containers.get(k)
        inner = [c for c in span.candidates if _inside(c.place, outer)] if outer else []
        if inner:
            # "Charleston, W.Va.", "Paris, Texas": the place inside the named region
            within = Span(span.start, span.end, span.surface, tuple(inner), span.sentence,
                          span.is_dateline, span.qualifier)  # fmt: skip
            place, score = _pick(within, ctx, _Facts(within.candidates, s), s)
            score = max(score, s.min_score)
        else:
            place, score = _pick_same(
                span, ctx, facts[k], picked, s, kinds.get(k), nested.get(span.surface)
            )
        if score >= s.min_score or span.is_dateline:
            second.append(Resolution(span, place, score))
    return second


def _stray_size(span: Span, place: Place, s: ResolverSettings) -> int:
    """Below this population a town alone in its country is a stray word: larger when the
    name is only one of the town's alternate spellings ("Ismaili" for Ismayilli)."""
    if any(c.place.place_id == place.place_id and c.primary for c in span.candidates):
        return s.stray_population
    return s.stray_alternate_population


def _without_strays(chosen: list[Resolution], s: ResolverSettings) -> list[Resolution]:
    """Drop small towns in countries no other name of the article resolved to."""
    names_in: dict[str, set[str]] = {}
    for res in chosen:
        names_in.setdefault(res.place.country_code or "", set()).add(res.span.surface)
    surfaces = {res.span.surface for res in chosen}
    kept = []
    most = max(s.stray_population, s.stray_alternate_population)
    for res in chosen:
        p, span = res.place, res.span
        # the cheap tests first: _stray_size is at most ``most``
        if (
            p.place_type == "populated_place"
            and p.population < most
            and not span.is_dateline
            and len(surfaces) > 1
            and not names_in[p.country_code or ""] - {span.surface}
            and p.population < _stray_size(span, p, s)
        ):
            continue
        kept.append(res)
    return kept
