"""GazetteerGeocoder: a geopy geocoder over the bundled gazetteer (offline)."""

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

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The gazetteer to use; by default the bundled one.

    Examples
    --------
    >>> geocoder = GazetteerGeocoder()
    >>> geocoder.geocode("Ganja").point  # doctest: +SKIP
    Point(40.68157, 46.36134, 0.0)
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        super().__init__()
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()

    def _address(self, place: Place) -> str:
        country = self.gazetteer.country(place.country_code)
        if country is None or place.place_type == "country":
            return place.name
        return f"{place.name}, {country.name}"

    def _location(self, place: Place, **extra: Any) -> Location:
        raw = {
            "place_id": place.place_id,
            "geonameid": place.geonameid,
            "name": place.name,
            "place_type": place.place_type,
            "country_code": place.country_code,
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
