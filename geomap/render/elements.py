"""The map's elements, folium style: one ``MacroElement`` per part, its template beside it.

The page is a grid: the map, the feed panel beside it (a bottom sheet on a narrow window)
and the timeline under it, so no panel lies over the map. The behaviour lives in
``geomap/static/*.js`` and the look in ``geomap/static/geomap.css``; ``StaticFiles``
inlines them, and ``EventConsole`` hands the map and its data to ``GeomapConsole.start``.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from branca.element import Element, Figure, MacroElement
from jinja2 import Template

__all__ = ["STATIC_SCRIPTS", "STATIC_STYLES", "static_text", "inline", "as_rendered",
           "element_of", "Verbatim", "StaticFiles", "FeedPanel", "Timeline",
           "EventConsole"]  # fmt: skip

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


#: A line end as Jinja reads a template: each becomes ``"\n"``.
_LINE_END = re.compile(r"\r\n|\r|\n")
#: What opens Jinja syntax in a template's text.
_SYNTAX = ("{{", "{%", "{#")
#: How ``inline`` marks code as inert.
_RAW, _END_RAW = "{% raw %}", "{% endraw %}"


def as_rendered(source: str) -> str | None:
    """What ``jinja2.Template(source).render()`` gives, without compiling a template, for
    a source whose only Jinja syntax is ``inline``'s raw blocks: its text, and each raw
    block's as it is, with every line end as ``"\n"`` and a final one dropped (Jinja's
    defaults). None for any other source (one to render with Jinja)."""
    pieces: list[str] = []
    for k, part in enumerate(source.split(_RAW)):
        raw, plain = "", part
        if k:
            raw, found, plain = part.partition(_END_RAW)
            if not found or "endraw" in raw:
                return None
        if any(opener in plain for opener in _SYNTAX):
            return None
        pieces += (raw, plain)
    text = _LINE_END.sub("\n", "".join(pieces))
    return text[:-1] if source.endswith(("\n", "\r")) else text


class Verbatim(Element):  # type: ignore[misc]
    """An element of the page given as its rendered text (``as_rendered``): branca makes
    every element's text a Jinja template, compiled each time a page is built, which for
    the inlined libraries and data is most of the time the page takes."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


def element_of(source: str) -> Element:
    """``branca.element.Element(source)``, or, when its text is known without compiling it
    (``as_rendered``), a ``Verbatim`` of that text: the same page either way."""
    text = as_rendered(source)
    return Element(source) if text is None else Verbatim(text)


class _Part(MacroElement):  # type: ignore[misc]
    """A ``MacroElement`` whose macros' output goes into the page as ``element_of`` it,
    as ``MacroElement.render`` puts it in (``Element`` of it) when it is more than text."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as branca's
        figure = self.get_root()
        assert isinstance(figure, Figure), "render an element in a Figure"
        macros = self._template.module.__dict__
        for part, where in (("header", figure.header), ("html", figure.html),
                            ("script", figure.script)):  # fmt: skip
            macro = macros.get(part)
            if macro is not None:
                where.add_child(element_of(macro(self, kwargs)), name=self.get_name())
        for _name, element in self._children.items():
            element.render(**kwargs)


class StaticFiles(_Part):
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


class FeedPanel(_Part):
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


class Timeline(_Part):
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


class EventConsole(_Part):
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
