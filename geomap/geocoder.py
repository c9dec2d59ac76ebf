"""GazetteerGeocoder: a geopy geocoder over the bundled gazetteer (offline).

Examples
--------
>>> from geomap.geocoder import GazetteerGeocoder
>>> geocoder = GazetteerGeocoder()
>>> geocoder.geocode("Gəncə")  # the municipality (a first-level division) comes first
Location(Gəncə, Azerbaijan, (40.68157, 46.36134, 0.0))
>>> geocoder.geocode("Ganja", exactly_one=False)[1].raw["place_type"]
'populated_place'
>>> [loc.address for loc in geocoder.geocode("Springfield", exactly_one=False, limit=2)]
['Springfield, Missouri, United States', 'Springfield, Massachusetts, United States']
>>> geocoder.reverse((40.68, 46.36)).raw["name"]
'Ganja'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.gazetteer import Gazetteer
from geomap.models import Place

__all__ = ["GazetteerGeocoder"]


class GazetteerGeocoder(Geocoder):
    """A geopy geocoder over geomap's bundled gazetteer: offline, no requests.

    A Location's address is the place's name, its first-level division (unless the place
    is that division's namesake, as Ganja is of Gəncə) and its country: "Springfield,
    Illinois, United States". Its ``raw`` holds the gazetteer's fields, with
    ``admin1_name`` the division's name.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to use; by default the bundled one.

    Examples
    --------
    >>> geocoder = GazetteerGeocoder()
    >>> loc = geocoder.geocode("Springfield", country_codes="US")
    >>> loc.address, loc.raw["place_type"], loc.raw["admin1_name"]
    ('Springfield, Missouri, United States', 'populated_place', 'Missouri')
    >>> geocoder.geocode("Nagorno-Karabakh").raw["place_id"]
    'curated:nagorno-karabakh'
    >>> geocoder.geocode("Nowhereville Qqq") is None
    True
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()

    def _division(self, place: Place) -> str | None:
        """The name of the first-level division the place lies in, if any."""
        if place.place_type in ("country", "admin1"):
            return None
        return self.gazetteer.admin1_name(place.country_code, place.admin1)

    def _address(self, place: Place) -> str:
        parts = [place.name]
        division = self._division(place)
        if division is not None and not any(  # Ganja is also "Gəncə", its division's name
            c.place.place_id == place.place_id for c in self.gazetteer.lookup(division)
        ):
            parts.append(division)
        country = self.gazetteer.country(place.country_code)
        if country is not None and place.place_type != "country":
            parts.append(country.name)
        return ", ".join(parts)

    def _location(self, place: Place, **extra: Any) -> Location:
        raw = {
            "place_id": place.place_id,
            "geonameid": place.geonameid,
            "name": place.name,
            "place_type": place.place_type,
            "country_code": place.country_code,
            "admin1_code": place.admin1,
            "admin1_name": self._division(place),
            "population": place.population,
            **extra,
        }
        return Location(self._address(place), (place.lat, place.lon, 0.0), raw)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: str | Sequence[str] | None = None,
        limit: int | None = None,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """Find places by name, most important first (countries, capitals, then population).

        Parameters
        ----------
        query : str
            A place name in any of its spellings ("Gəncə", "Ganja").
        exactly_one : bool
            Return one Location (or None) instead of a list.
        country_codes : str or sequence of str, optional
            Restrict to these ISO 3166 alpha-2 codes.
        limit : int, optional
            At most this many results when ``exactly_one`` is False.
        """
        if isinstance(country_codes, str):
            country_codes = [country_codes]
        wanted = {c.upper() for c in country_codes} if country_codes else None
        cands = [
            c
            for c in self.gazetteer.lookup(query)
            if wanted is None or (c.place.country_code or "") in wanted
        ]
        rank = {"country": 0, "region": 1, "historical": 2, "admin1": 3}
        cands.sort(
            key=lambda c: (
                not c.primary,
                rank.get(c.place.place_type, 4) if c.place.population < 1_000_000 else 0,
                not c.capital,
                -c.place.population,
                c.place.place_id,
            )
        )
        if not cands:
            return None if exactly_one else []
        if exactly_one:
            return self._location(cands[0].place)
        return [self._location(c.place) for c in cands[: limit or len(cands)]]

    def reverse(
        self,
        query: Any,
        *,
        exactly_one: bool = True,
        max_km: float = 50.0,
        timeout: Any = None,
    ) -> Location | list[Location] | None:
        """The populated places nearest to a (lat, lon) point, within ``max_km``."""
        if isinstance(query, str):
            lat_s, lon_s = query.split(",")
            point = (float(lat_s), float(lon_s))
        elif hasattr(query, "latitude"):
            point = (float(query.latitude), float(query.longitude))
        else:
            point = (float(query[0]), float(query[1]))
        found = self.gazetteer.nearest(point, max_km=max_km)
        if not found:
            return None if exactly_one else []
        locs = [self._location(p, distance_km=round(d, 3)) for p, d in found]
        return locs[0] if exactly_one else locs
