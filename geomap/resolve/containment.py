"""Names that hold each other: lists, "Town, Region" pairs, towns in a named county or state."""

from __future__ import annotations

from collections.abc import Sequence

from geomap.extract import Span
from geomap.gazetteer import distance_km
from geomap.models import Place
from geomap.resolve.evidence import Facts
from geomap.resolve.scoring import Context, km_between, score_candidate
from geomap.settings import ResolverSettings

__all__ = [
    "COUNTY_WORDS",
    "KM_TOLERANCE",
    "LIST_GAPS",
    "by_area",
    "containers_of",
    "holding_region",
    "is_inside",
    "kind_of",
    "lies_within",
    "list_kinds",
    "list_links",
    "neighbours_of",
    "nested_bonuses",
    "of_kind",
]


#: What may stand between two members of a list, spaces normalised.
LIST_GAPS = frozenset({",", "and", ", and", "or", ", or", "&"})


def neighbours_of(spans: Sequence[Span], text: str) -> dict[int, tuple[int, str]]:
    """Each span's next span in the text, with the gap between them normalised."""
    starts = [span.start for span in spans]
    order = sorted(range(len(spans)), key=starts.__getitem__)
    out: dict[int, tuple[int, str]] = {}
    for a, b in zip(order, order[1:], strict=False):
        end, start = spans[a].end, starts[b]
        if start - end <= 6:
            out[a] = (b, " ".join(text[end:start].split()))
    return out


def list_links(neighbours: dict[int, tuple[int, str]]) -> dict[int, int]:
    """Spans joined into a list ("Iraq, Iran, and Syria"): each member's next member.

    An "and" or "or" ends a list, so the comma after its last member starts something
    else ("Texas and Washington, D.C.").
    """
    links: dict[int, int] = {}
    ended: set[int] = set()
    for a, (b, gap) in neighbours.items():
        if gap not in LIST_GAPS:
            continue
        if gap == "," and a in ended:
            continue
        links[a] = b
        if gap != ",":
            ended.add(b)
    return links


def kind_of(place: Place) -> tuple[str, str | None] | None:
    """What a list member is, for its siblings: a country, or a first-level area of a
    country; None for anything else."""
    if place.place_type == "country":
        return ("country", None)
    if place.place_type == "admin1":
        return ("admin1", place.country_code)
    return None


def of_kind(place: Place, kind: tuple[str, str | None]) -> bool:
    """Whether ``place`` is of ``kind`` (``kind_of``'s)."""
    return place.place_type == kind[0] and (kind[1] is None or place.country_code == kind[1])


def list_kinds(first: Sequence[Place], links: dict[int, int]) -> dict[int, tuple[str, str | None]]:
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
        kinds = [kind_of(first[k]) for k in chain]
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


#: Below this (km) ``km_between`` and geopy's ``great_circle`` may disagree about a limit: they
#: differ by well under a metre anywhere on Earth (the haversine is least exact near
#: antipodes, by ~1e-4 km), so only a distance this close to it needs geopy's own.
KM_TOLERANCE = 0.01


def lies_within(place: Place, division: Place, s: ResolverSettings) -> bool:
    """Whether a place lies in a division: its first-level code, else its radius.

    The radius test is geopy's (``distance_km``), asked only when the haversine is too
    close to the limit to tell: extraction then never imports geopy.
    """
    if division.place_type == "admin1" and division.admin1 is not None:
        return place.admin1 == division.admin1
    limit = max(division.radius_km, s.min_division_radius_km)
    km = km_between(place, division)
    if abs(km - limit) > KM_TOLERANCE:
        return km <= limit
    return distance_km(place.point, division.point) <= limit


def containers_of(
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
        kind = kind_of(outer)
        assert kind is not None
        if of_kind(first[k], kind):
            continue
        after, before = links.get(nxt), prev.get(k)
        if (after is not None and of_kind(first[after], kind)) or (
            before is not None and of_kind(first[before], kind)
        ):
            continue
        out[k] = holding_region(spans[k], spans[nxt], outer, s)
    return out


def holding_region(town: Span, region: Span, outer: Place, s: ResolverSettings) -> Place:
    """The region a "Town, Region" pair means: ``outer`` if it holds one of the town's
    places, else the region's best-scored other area that does ("Blakely, Georgia": the
    state, as Georgia the country holds no Blakely)."""
    if any(is_inside(c.place, outer) for c in town.candidates):
        return outer
    empty = Context()
    best: tuple[float, Place] | None = None
    for cand in region.candidates:
        p = cand.place
        if p.place_type not in ("admin1", "country") or not p.country_code:
            continue
        if not any(is_inside(c.place, p) for c in town.candidates):
            continue
        score = score_candidate(cand, region, empty, s)
        if best is None or score > best[0]:
            best = (score, p)
    return outer if best is None else best[1]


def is_inside(place: Place, outer: Place) -> bool:
    """Whether ``place`` is another place in the country or first-level area ``outer``."""
    if place.country_code != outer.country_code or place.place_id == outer.place_id:
        return False
    return outer.place_type == "country" or (
        outer.admin1 is not None and place.admin1 == outer.admin1
    )


#: The division words that make a name a county ("Henry County", "Rapides Parish").
COUNTY_WORDS = frozenset({"county", "parish", "borough"})


def nested_bonuses(
    spans: Sequence[Span], first: Sequence[Place], facts: Sequence[Facts], s: ResolverSettings
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
    Massachusetts). ``first`` are the spans' first-pass places, ``facts`` their ``Facts``.
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
        if f.counties and (span.qualifier or name.rsplit(None, 1)[-1]).lower() in COUNTY_WORDS:
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
        in_area = by_area(towns)
        for a, cs in counties.items():
            lower = a.lower()
            for county in cs:
                for b, town in in_area.get((county.country_code, county.admin1), ()):
                    if a == b or lower.startswith(b.lower()):  # "DeKalb County", "DeKalb"
                        continue
                    if km_between(town, county) <= county.radius_km + s.county_margin_km:
                        add(a, county.place_id, s.nested_bonus)
                        add(b, town.place_id, s.nested_bonus)
    if states:
        in_area = by_area(state_towns)
        for a, ss in states.items():
            for state in ss:
                for b, town in in_area.get((state.country_code, state.admin1), ()):
                    if a != b:
                        add(a, state.place_id, s.state_nested_bonus)
                        add(b, town.place_id, s.state_nested_bonus)
    return out


def by_area(
    towns: dict[str, Sequence[Place]],
) -> dict[tuple[str | None, str | None], list[tuple[str, Place]]]:
    """The (name, town) pairs of ``towns`` by the towns' (country, admin1) code, in their
    order: what a county or state of that code may hold."""
    out: dict[tuple[str | None, str | None], list[tuple[str, Place]]] = {}
    for name, ts in towns.items():
        for town in ts:
            out.setdefault((town.country_code, town.admin1), []).append((name, town))
    return out
