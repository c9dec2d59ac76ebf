"""The folium map: an analyst's console of events, offline and self-contained.

``map.html`` shows the events on a Leaflet map (one overlay per event type, SVG icons,
clusters that spiderfy stacked events, faint areas), a feed of the events in view beside
it, a time histogram with a brush under it, the state in the URL hash and downloads of
the events shown. Leaflet and its plugins are inlined when the assets are installed
(``geomap assets install``), and so are the map's own scripts and styles
(``geomap/static/``).

Modules: ``spec`` (the data the page draws), ``text`` (article text made safe for the
page), ``extent`` (the days dates cover, country outlines, the first view), ``elements``
(one ``MacroElement`` per part of the page), ``page`` (``build_map`` and ``render_map``).
"""

from __future__ import annotations

from geomap.render.extent import day_range
from geomap.render.page import GEONAMES_ATTRIBUTION, OfflineAssetsWarning, build_map, render_map
from geomap.render.spec import AREA_MAX_KM, MENTION_COLOR, TYPE_COLORS, MapSpec, map_spec
from geomap.render.text import escape_text, safe_url

__all__ = [
    "GEONAMES_ATTRIBUTION",
    "TYPE_COLORS",
    "MENTION_COLOR",
    "AREA_MAX_KM",
    "OfflineAssetsWarning",
    "MapSpec",
    "day_range",
    "escape_text",
    "safe_url",
    "map_spec",
    "build_map",
    "render_map",
]
