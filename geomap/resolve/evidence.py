"""Evidence: what an article's resolved names say of its whereabouts; a name's own facts."""

from __future__ import annotations

import math
from collections.abc import Sequence

from geomap.extract import Span
from geomap.gazetteer import Candidate
from geomap.models import Place
from geomap.resolve.scoring import Counts, priors_of, row_of
from geomap.settings import ResolverSettings

__all__ = ["Evidence", "Facts", "best_from", "context_of", "evidence_of"]


#: What the chosen resolutions of a name to one place tell of the article's whereabouts, as
#: ``context_of`` counts it: the name casefolded, country, first-level area's place_id (for
#: an admin1), (country, admin1) code, (lat, lon) radians and cos(lat) for a point, and
#: how many spans they are.
Evidence = tuple[
    str, str | None, str | None, tuple[str, str] | None, tuple[float, float, float] | None, int
]


def evidence_of(chosen: Sequence[tuple[Span, Place]]) -> list[Evidence]:
    """The ``Evidence`` of (span, place chosen for it) pairs, worked out once for all the
    contexts of an article, and once for the spans of a name that chose the same place."""
    times: dict[tuple[str, int], tuple[str, Place, int]] = {}
    for span, p in chosen:
        name = span.surface.casefold()
        got = times.get((name, id(p)))  # the places are alive: their ids are theirs
        times[name, id(p)] = (name, p, 1 if got is None else got[2] + 1)
    out: list[Evidence] = []
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


def context_of(
    evidence: Sequence[Evidence],
    dateline_country: str | None,
    s: ResolverSettings,
    *,
    skip: str | None = None,
) -> Counts:
    """What the chosen resolutions' ``evidence`` counts up to, leaving out those of the name
    ``skip`` however it is cased (a dateline's "COLUMBUS" is no evidence for "Columbus"):
    the ``Context`` they give, as ``Counts``."""
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
    return Counts(countries, total, admin1, list(radians), areas, dateline_country)


class Facts:
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
        #: each candidate's ``row_of``, and its ``priors_of`` without and with a division word
        self.rows = tuple(row_of(c.place, settings) for c in candidates)
        priors = [priors_of(c, settings) for c in candidates]
        self.bare = tuple(bare for bare, _ in priors)
        self.qualified = tuple(qualified for _, qualified in priors)
        #: the best of ``bare`` and of ``qualified`` from each candidate on (``pick``)
        self.bare_rest = best_from(self.bare)
        self.qualified_rest = best_from(self.qualified)
        #: the countries the name may be
        self.abroad = frozenset(
            c.place.country_code for c in candidates if c.place.place_type == "country"
        )
        # what ``nested_bonuses`` pairs: counties, states, towns, and the towns that may nest in
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
        #: the first pass's choices (``first_pick``), by qualifier and dateline country: a
        #: few at most, as a name is seen with few of either
        self.first: dict[tuple[str | None, str | None], tuple[Place, float]] = {}


def best_from(values: Sequence[float]) -> tuple[float, ...]:
    """The largest of ``values`` from each one on."""
    out = list(values)
    for k in range(len(out) - 2, -1, -1):
        out[k] = max(out[k], out[k + 1])
    return tuple(out)
