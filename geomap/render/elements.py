"""The map's elements, folium style: one ``MacroElement`` per part, its template beside it.

The page is a grid: the map, the feed panel beside it (a bottom sheet on a narrow window)
and the timeline under it, so no panel lies over the map. The behaviour lives in
``geomap/static/*.js`` and the look in ``geomap/static/geomap.css``; ``StaticFiles``
inlines them, and ``EventConsole`` hands the map and its data to ``GeomapConsole.start``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

__all__ = ["STATIC_SCRIPTS", "STATIC_STYLES", "static_text", "StaticFiles", "FeedPanel",
           "Timeline", "EventConsole"]  # fmt: skip

#: The map's scripts in load order (``geomap/static/``): helpers first, ``console.js``
#: (which starts the parts) last.
STATIC_SCRIPTS: tuple[str, ...] = ("icons.js", "layers.js", "feed.js", "timeline.js", "console.js")
#: The map's style sheets (``geomap/static/``).
STATIC_STYLES: tuple[str, ...] = ("geomap.css",)


def static_text(name: str) -> str:
    """The text of one of the package's static files (``geomap/static/<name>``)."""
    return resources.files("geomap").joinpath("static", name).read_text(encoding="utf-8")


def inline(code: str) -> str:
    """Make inlined code safe inside a ``<script>`` or ``<style>`` element, and inert for
    the Jinja templating folium passes every element's text through."""
    code = code.replace("</", "<\\/")
    if "{% endraw %}" in code:
        raise ValueError("inlined code cannot hold '{% endraw %}'")
    return "{% raw %}" + code + "{% endraw %}"


class StaticFiles(MacroElement):  # type: ignore[misc]
    """The map's own JavaScript and CSS (``geomap/static/``), inlined in the page's head."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
{% for css in this.styles %}<style>{{ css }}</style>
{% endfor %}{% for js in this.scripts %}<script>{{ js }}</script>
{% endfor %}
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "StaticFiles"
        self._id = "geomap"
        self.styles = [inline(static_text(n)) for n in STATIC_STYLES]
        self.scripts = [inline(static_text(n)) for n in STATIC_SCRIPTS]


class FeedPanel(MacroElement):  # type: ignore[misc]
    """The feed beside the map: title, filter box, downloads and the list of events in view.

    The list's rows are made by ``feed.js`` (only those in sight); the panel is the
    element ``[data-geomap=feed]``.
    """

    _template = Template(
        """
{% macro html(this, kwargs) %}
<aside class="geomap-feed" data-geomap="feed" aria-label="Events in view">
  <header class="geomap-feed-head">
    <button type="button" class="geomap-feed-toggle" data-geomap="feed-toggle"
            title="Hide or show the feed" aria-expanded="true">&#x2630;</button>
    <h1 class="geomap-title">{{ this.title }}</h1>
  </header>
  <div class="geomap-feed-tools">
    <input type="search" class="geomap-filter" data-geomap="filter"
           placeholder="Filter: place, summary, actor, source" aria-label="Filter events">
    <div class="geomap-feed-meta">
      <span class="geomap-feed-count" data-geomap="feed-count"></span>
      <span class="geomap-downloads">Download shown:
        <button type="button" data-geomap="download-geojson">GeoJSON</button>
        <button type="button" data-geomap="download-csv">CSV</button></span>
    </div>
  </div>
  <div class="geomap-feed-list" data-geomap="feed-list" role="list"></div>
</aside>
{% endmacro %}
"""
    )

    def __init__(self, title: str) -> None:
        super().__init__()
        self._name = "FeedPanel"
        self._id = "geomap"
        self.title = title  # escaped by the caller


class Timeline(MacroElement):  # type: ignore[misc]
    """The time control under the map: a histogram with a brush, play, undated toggle.

    ``timeline.js`` draws the bars and handles the brush; the control is the element
    ``[data-geomap=timeline]`` and the undated count ``[data-geomap=undated]``.
    """

    _template = Template(
        """
{% macro html(this, kwargs) %}
<section class="geomap-timeline" data-geomap="timeline" aria-label="Time">
  <div class="geomap-time-bar">
    <button type="button" class="geomap-play" data-geomap="play"
            title="Play: move the selected window through time">&#x25B6;</button>
    <span class="geomap-range" data-geomap="range">All dates</span>
    <button type="button" class="geomap-clear" data-geomap="clear-range"
            title="Show all dates">All dates</button>
    <label class="geomap-undated-toggle" title="Show the events whose date is unknown">
      <input type="checkbox" data-geomap="undated-toggle" checked>
      <span data-geomap="undated">0</span> undated</label>
  </div>
  <div class="geomap-histogram" data-geomap="histogram">
    <canvas class="geomap-bars"></canvas>
    <div class="geomap-brush" data-geomap="brush"></div>
  </div>
  <div class="geomap-axis"><span data-geomap="axis-start"></span>
    <span data-geomap="axis-bin"></span><span data-geomap="axis-end"></span></div>
</section>
{% endmacro %}
"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Timeline"
        self._id = "geomap"


class EventConsole(MacroElement):  # type: ignore[misc]
    """The map's data, and the call that hands it with the map to ``GeomapConsole.start``.

    The data is a JSON block (``<script type="application/json">``), parsed with
    ``JSON.parse``: for megabytes of data that is faster than a JavaScript literal.

    Parameters
    ----------
    spec_json : str
        The spec as html-safe JSON (``MapSpec.json``), or a token ``render_map`` replaces
        with it while writing the page.
    countries : dict or None
        The offline base layer's country outlines (GeoJSON), or None without assets.
    attribution : str
        Trusted HTML credits for the map's corner.
    """

    _template = Template(
        """
{% macro html(this, kwargs) %}
<script type="application/json" id="geomap-data">{{ this.spec_json }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
GeomapConsole.start({{ this._parent.get_name() }},
  JSON.parse(document.getElementById("geomap-data").textContent),
  {{ this.countries|tojson }}, {attribution: {{ this.attribution|tojson }}});
{% endmacro %}
"""
    )

    def __init__(self, spec_json: str, countries: dict[str, Any] | None, attribution: str):
        super().__init__()
        self._name = "EventConsole"
        self._id = "geomap"
        self.spec_json = spec_json
        self.countries = countries
        self.attribution = attribution
