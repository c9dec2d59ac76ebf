"""Scoring a candidate place: its priors, the article's evidence, and the bound on the score."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from geomap.extract import Span
from geomap.gazetteer import Candidate
from geomap.models import Place
from geomap.settings import EARTH_RADIUS_KM, RESOLVER_SETTINGS, ResolverSettings

__all__ = [
    "Context",
    "Counts",
    "Resolution",
    "Row",
    "SLACK",
    "counts_of",
    "in_context",
    "km_between",
    "most_added",
    "nearest_km",
    "nearest_km_rad",
    "priors_of",
    "row_of",
    "score_candidate",
    "size_prior",
]


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


class Counts(NamedTuple):
    """A ``Context`` as scoring reads it, in plain dicts: quicker to build than Counters,
    and built for every name of every article (``context_of``)."""

    countries: dict[str, int]
    #: the sum of ``countries``
    total: int
    admin1: dict[tuple[str, str], int]
    #: the points as ``Context.radians`` gives them, each once (the nearest is the same);
    #: empty when the context has none
    radians: list[tuple[float, float, float]]
    areas: dict[str, set[str]]
    dateline_country: str | None


def counts_of(ctx: Context) -> Counts:
    """``ctx`` as ``Counts``."""
    radians = ctx.radians if ctx.points else []
    total = sum(ctx.countries.values())
    return Counts(ctx.countries, total, ctx.admin1, radians, ctx.areas, ctx.dateline_country)


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
    prior = priors_of(cand, settings)[1 if span.qualifier else 0]
    return in_context(prior, row_of(cand.place, settings), counts_of(ctx), settings)


def priors_of(cand: Candidate, s: ResolverSettings) -> tuple[float, float]:
    """``score_candidate``'s part that needs no context (type, size, spelling, capital)
    for a bare name and for a name written with a division word ("Absheron district")."""
    p = cand.place
    score = s.type_prior.get(p.place_type, s.default_type_prior)
    score += math.log10(p.population + 1) if p.population else size_prior(p, s)
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


#: A candidate's place as ``in_context`` reads it: the place, its (country, admin1) code,
#: its (lat, lon) radians and cos(lat) when nearness counts for it, and whether it has
#: ``ResolverSettings.big_population`` people or more.
Row = tuple[Place, tuple[str, str] | None, tuple[float, float, float] | None, bool]


def row_of(p: Place, s: ResolverSettings) -> Row:
    """The ``Row`` of a candidate's place."""
    rad = None
    if p.place_type not in ("country", "region", "historical"):
        lat = math.radians(p.lat)
        rad = (lat, math.radians(p.lon), math.cos(lat))
    key = (p.country_code, p.admin1) if p.country_code and p.admin1 else None
    return (p, key, rad, p.population >= s.big_population)


def in_context(
    score: float,
    row: Row,
    ctx: Counts,
    s: ResolverSettings,
    extras: tuple[float, ...] = (),
    floor: float | None = None,
) -> float:
    """``score_candidate`` from the candidate's ``priors_of`` (``score``) on: the article's
    evidence, then each of ``extras`` added in turn (``pick``'s bonuses).

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
            + SLACK
            <= floor
        ):
            return floor
        nearest = nearest_km_rad(rad, ctx.radians, s.far_lat)
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


def most_added(
    ctx: Counts,
    s: ResolverSettings,
    *,
    abroad: bool = False,
    listed: bool = False,
    support: Mapping[str, float] | None = None,
) -> float:
    """The most ``in_context`` can add to any candidate's prior in ``ctx``, with the
    bonuses ``pick`` may give (``abroad``: the name may be a country, so an area of
    another may take ``areas_bonus``; ``listed``: a list member's ``list_bonus``;
    ``support``: ``nested_bonuses``'s bonuses): the bound ``pick`` stops its scan at. It reads
    the weights ``in_context`` adds, from the same ``s``, term by term: the full country
    share (a scale is at most 1), the first-level area, the nearest point, the dateline's
    country, and ``SLACK``."""
    countries = ctx.countries
    return (
        (s.country_weight * max(countries.values()) / ctx.total if countries else 0.0)
        + (s.admin1_weight if ctx.admin1 else 0.0)
        + (s.near_weight if ctx.radians else 0.0)
        + (s.dateline_weight if ctx.dateline_country else 0.0)
        + (s.areas_bonus if abroad else 0.0)
        + (s.list_bonus if listed else 0.0)
        + (max(support.values()) if support else 0.0)
        + SLACK
    )


#: More than the rounding of a score's sum (a few terms, each under 100) can come to: the
#: bounds of ``in_context`` and ``pick`` add it, so that they hold for the scores as
#: floats compute them.
SLACK = 1e-9


def nearest_km(
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
    return nearest_km_rad((la1, math.radians(lon), math.cos(la1)), points, far_lat)


def nearest_km_rad(
    rad: tuple[float, float, float],
    points: Sequence[tuple[float, float, float]],
    far_lat: float = 0.0,
) -> float:
    """``nearest_km`` from (lat, lon) radians and cos(lat), as ``points`` are given."""
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


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance between two places (``nearest_km``'s haversine)."""
    lat = math.radians(b.lat)
    return nearest_km(a.lat, a.lon, [(lat, math.radians(b.lon), math.cos(lat))])


def size_prior(place: Place, s: ResolverSettings) -> float:
    """Stand-in for log10(population) of an area without one (continents, regions)."""
    if place.place_type in ("region", "historical", "country") and place.radius_km > 0:
        return min(s.size_prior_cap, s.size_prior_base + math.log10(place.radius_km))
    return 0.0
