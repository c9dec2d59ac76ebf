"""geomap: turn news articles into a dated, layered map of what happened where.

The pipeline (``geomap.pipeline``) reads articles (``geomap.ingest``), finds and resolves
place names against a bundled offline GeoNames gazetteer (``geomap.geoparse``, which
chains ``geomap.extract`` and ``geomap.resolve``), dates them
(``geomap.dates``), decides what kind of mention each is (``geomap.events``) and writes a
folium map, GeoJSON and CSV (``geomap.render``, ``geomap.export``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "build_events",
    "run_build",
    "render_map",
    "write_geojson",
    "write_csv",
    "Gazetteer",
    "GazetteerGeocoder",
    "GeomapError",
    "InputError",
    "GazetteerError",
    "OutputError",
    "__version__",
]

from geomap.errors import GazetteerError, GeomapError, InputError, OutputError

if TYPE_CHECKING:
    from geomap.export import write_csv, write_geojson
    from geomap.gazetteer import Gazetteer
    from geomap.geocoder import GazetteerGeocoder
    from geomap.pipeline import build_events, run_build
    from geomap.render import render_map

_LAZY = {
    "build_events": "geomap.pipeline",
    "run_build": "geomap.pipeline",
    "render_map": "geomap.render",
    "write_geojson": "geomap.export",
    "write_csv": "geomap.export",
    "Gazetteer": "geomap.gazetteer",
    "GazetteerGeocoder": "geomap.geocoder",
}


def __getattr__(name: str) -> Any:
    """Import the heavy parts (pandas, folium, geopy) only when they are used."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'geomap' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
