"""The page: a folium map with the feed, the timeline and the offline assets inlined."""

from __future__ import annotations

import os
import secrets
import sys
import warnings
from pathlib import Path
from typing import Any

import folium
import pandas as pd

from geomap.export import atomic_open
from geomap.render.elements import (
    EventConsole,
    FeedPanel,
    StaticFiles,
    Timeline,
    element_of,
    inline,
)
from geomap.render.spec import MapSpec
from geomap.render.text import escape_text

__all__ = ["GEONAMES_ATTRIBUTION", "OfflineAssetsWarning", "build_map", "render_map"]

GEONAMES_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>); '
    "outlines: Natural Earth via world-atlas"
)


class OfflineAssetsWarning(UserWarning):
    """map.html links Leaflet from a CDN because ``geomap assets install`` was not run."""


def build_map(
    events: pd.DataFrame,
    *,
    title: str = "geomap",
    mentions: pd.DataFrame | None = None,
    attribution: str = GEONAMES_ATTRIBUTION,
    assets: Any = "auto",
) -> folium.Map:
    """A folium map of ``events``: the map, a feed of the events in view and a timeline.

    Parameters
    ----------
    events : pandas.DataFrame
        The events table (``geomap.schema.EVENT_COLUMNS``), one overlay per event type.
    title : str
        Shown above the feed and as the page title (escaped).
    mentions : pandas.DataFrame, optional
        Place mentions (``geomap.schema.MENTION_COLUMNS``): one overlay, off by default.
    attribution : str
        Trusted HTML credits shown in the corner (GeoNames' CC BY 4.0 by default).
    assets : geomap.assets.Assets, None or "auto"
        Inlined Leaflet and outlines; "auto" loads the installed ones; None (or missing
        assets) links a CDN and warns with ``OfflineAssetsWarning``.

    Returns
    -------
    folium.Map
        Render it with ``get_root().render()``; ``render_map`` writes the same page.
    """
    return _folium_map(events, mentions, title=title, attribution=attribution, assets=assets)[0]


def _folium_map(
    events: pd.DataFrame,
    mentions: pd.DataFrame | None,
    *,
    title: str,
    attribution: str,
    assets: Any,
    spec_token: str | None = None,
) -> tuple[folium.Map, MapSpec]:
    """``build_map``'s map and spec; with ``spec_token``, the map holds that string where the
    spec goes (``render_map`` writes the spec there itself, row by row)."""
    from geomap import assets as assets_mod

    loaded = assets_mod.load() if assets == "auto" else assets
    fmap = folium.Map(
        location=[30.0, 20.0],
        zoom_start=2,
        tiles=None,
        prefer_canvas=True,
        max_zoom=18,
        control_scale=False,
        attribution_control=False,
    )
    fmap._id = "geomap"  # stable element ids: identical inputs give identical HTML
    root: Any = fmap.get_root()
    root._id = "geomap"
    fmap.default_js = []
    fmap.default_css = []
    if loaded is not None:
        for css in loaded.styles:
            root.header.add_child(element_of(f"<style>{inline(css)}</style>"))
        for js in loaded.scripts:
            root.header.add_child(element_of(f"<script>{inline(js)}</script>"))
        countries = loaded.countries
    else:
        warnings.warn(
            "map assets are not installed: map.html links Leaflet from a CDN and needs the "
            "network; run `geomap assets install` once to make maps work offline",
            OfflineAssetsWarning,
            stacklevel=3,
        )
        js, css = assets_mod.Assets.cdn_links()
        sri = assets_mod.Assets.cdn_integrity()  # the browser refuses a file that differs
        for url in css:
            root.header.add_child(
                element_of(
                    f'<link rel="stylesheet" href="{escape_text(url)}" '
                    f'integrity="{sri[url]}" crossorigin="anonymous"/>'
                )
            )
        for url in js:
            root.header.add_child(
                element_of(
                    f'<script src="{escape_text(url)}" integrity="{sri[url]}" '
                    'crossorigin="anonymous"></script>'
                )
            )
        countries = None
    root.header.add_child(element_of(f"<title>{escape_text(title)}</title>"))
    fmap.add_child(StaticFiles())
    spec = MapSpec(events, mentions, countries)
    fmap.add_child(FeedPanel(escape_text(title)))
    fmap.add_child(Timeline())
    fmap.add_child(EventConsole(spec.json() if spec_token is None else spec_token,
                                countries, attribution))  # fmt: skip
    return fmap, spec


def render_map(
    events: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    title: str = "geomap",
    mentions: pd.DataFrame | None = None,
    attribution: str = GEONAMES_ATTRIBUTION,
    assets: Any = "auto",
) -> Path:
    """Write ``build_map(events, mentions=mentions)`` to ``path`` atomically.

    The file has the bytes of ``build_map(...).get_root().render()``, but the spec's
    arrays are made and written one at a time: the page is rendered around a token, and
    the spec's JSON is written in its place.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    token = f"geomap-spec-{secrets.token_hex(16)}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", OfflineAssetsWarning)
        fmap, spec = _folium_map(
            events, mentions, title=title, attribution=attribution, assets=assets,
            spec_token=token,
        )  # fmt: skip
    for w in caught:
        print(f"geomap: warning: {w.message}", file=sys.stderr)
    page = fmap.get_root().render()
    del fmap
    head, found, tail = page.partition(token)
    if not found or token in tail:
        raise RuntimeError("map.html: the spec's place in the page was not found once")
    out = Path(path)
    with atomic_open(out) as fh:
        fh.write(head)
        for piece in spec.json_pieces():
            fh.write(piece)
        fh.write(tail)
    return out
