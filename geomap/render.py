"""The folium map: one canvas layer per event type and role, escaped popups, legend, attribution."""

from __future__ import annotations

import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import folium
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template

from geomap.events import EVENT_TYPES
from geomap.export import atomic_write_text

__all__ = [
    "GEONAMES_ATTRIBUTION",
    "TYPE_COLORS",
    "ROLE_LAYERS",
    "escape_text",
    "safe_url",
    "popup_html",
    "build_map",
    "render_map",
]

GEONAMES_ATTRIBUTION = (
    'Places: <a href="https://www.geonames.org/">GeoNames</a> '
    '(<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>)'
)

TYPE_COLORS: dict[str, str] = {
    "armed_clash": "#d62728",
    "shelling": "#ff7f0e",
    "casualties": "#8c1c13",
    "ceasefire": "#2ca02c",
    "diplomacy": "#1f77b4",
    "mobilisation": "#9467bd",
    "protest": "#e377c2",
    "disaster": "#17becf",
    "accident": "#bcbd22",
    "other": "#7f7f7f",
}

#: Overlays for the roles other than ``event``: (label, shown by default).
ROLE_LAYERS: dict[str, tuple[str, bool]] = {
    "reference": ("Other mentions", True),
    "dateline": ("Datelines (where reported from)", False),
    "background": ("Background (history)", False),
}


def escape_text(value: Any) -> str:
    """Escape untrusted text for HTML *and* for any JavaScript string it may end up in."""
    if value is None or value is pd.NA:
        return ""
    text = html.escape(str(value), quote=True)
    return text.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def safe_url(value: Any) -> str | None:
    """The URL if it is http(s), else None (no ``javascript:``, ``data:`` …)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ord(c) < 33 for c in url):
        return None
    if url.lower().startswith(("http://", "https://")):
        return url
    return None


def _date_text(row: Mapping[str, Any]) -> str:
    date = row.get("date")
    if date is None or date is pd.NA or (isinstance(date, float) and date != date):
        return "date unknown"
    text = str(date)
    end = row.get("date_end")
    if isinstance(end, str) and end:
        text += f" – {end}"
    precision = row.get("date_precision")
    basis = row.get("date_basis")
    extra = ", ".join(str(x) for x in (precision, basis and f"from {basis}") if isinstance(x, str))
    return f"{text} ({extra})" if extra else text


def popup_html(row: Mapping[str, Any]) -> str:
    """The popup of one event: place, date and precision, type, casualties, sentence, sources."""
    e = escape_text
    etype = str(row.get("event_type") or "other")
    parts = [
        f"<b>{e(row.get('name'))}</b>"
        + (f" <small>({e(row.get('country_code'))})</small>" if row.get("country_code") else ""),
        f"<div>{e(_date_text(row))}</div>",
        f"<div>{e(EVENT_TYPES.get(etype, etype))} · {e(row.get('role'))}</div>",
    ]
    killed, wounded = row.get("fatalities"), row.get("wounded")
    counts = []
    if killed is not None and killed is not pd.NA:
        counts.append(f"{int(killed)} killed")
    if wounded is not None and wounded is not pd.NA:
        counts.append(f"{int(wounded)} wounded")
    if counts:
        parts.append(f"<div>{e(', '.join(counts))}</div>")
    sentence = row.get("sentence")
    if sentence:
        parts.append(f"<blockquote>{e(str(sentence)[:600])}</blockquote>")
    items = []
    for src in row.get("sources") or ():
        label = src.get("title") or src.get("id") or "article"
        pub = f" — {e(src['source'])}" if src.get("source") else ""
        url = safe_url(src.get("url"))
        if url:
            items.append(
                f'<li><a href="{e(url)}" target="_blank" rel="noopener noreferrer">{e(label)}</a>'
                f"{pub}</li>"
            )
        else:
            items.append(f"<li>{e(label)}{pub}</li>")
    if items:
        parts.append("<ul class='geomap-sources'>" + "".join(items) + "</ul>")
    return "".join(parts)


def _layer_key(row: Mapping[str, Any]) -> str:
    role = row.get("role")
    if role == "event":
        return f"type:{row.get('event_type') or 'other'}"
    return f"role:{role}"


def _layers(events: pd.DataFrame) -> list[dict[str, Any]]:
    present = set()
    for row in events[["role", "event_type"]].itertuples(index=False):
        present.add(_layer_key({"role": row.role, "event_type": row.event_type}))
    out = []
    for etype, label in EVENT_TYPES.items():
        key = f"type:{etype}"
        if key in present:
            out.append({"key": key, "label": label, "color": TYPE_COLORS[etype], "show": True})
    for role, (label, show) in ROLE_LAYERS.items():
        key = f"role:{role}"
        if key in present:
            out.append({"key": key, "label": label, "color": "#555555", "show": show})
    return out


class EventLayers(MacroElement):  # type: ignore[misc]
    """Every event as canvas circle markers (points) or circles (areas), one group per layer."""

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var spec = {{ this.spec|tojson }};
  var renderer = L.canvas({padding: 0.5});
  var groups = {}, overlays = {};
  spec.layers.forEach(function (layer) {
    var group = L.featureGroup();
    group.geomapKey = layer.key;
    groups[layer.key] = group;
    var swatch = '<span class="geomap-swatch" style="background:' + layer.color + '"></span>';
    overlays[swatch + layer.label] = group;
    if (layer.show) { group.addTo(map); }
  });
  spec.events.forEach(function (ev) {
    var style = {renderer: renderer, color: ev[4], weight: 1, fillColor: ev[4],
                 fillOpacity: ev[2] > 0 ? 0.12 : 0.75, opacity: 0.9};
    var marker;
    if (ev[2] > 0) {
      style.radius = ev[2];
      marker = L.circle([ev[0], ev[1]], style);
    } else {
      style.radius = 6;
      marker = L.circleMarker([ev[0], ev[1]], style);
    }
    marker.bindPopup(ev[5], {maxWidth: 360});
    marker.bindTooltip(ev[6]);
    groups[ev[3]].addLayer(marker);
  });
  var control = L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  map.geomap = {groups: groups, control: control};
  if (spec.bounds) { map.fitBounds(spec.bounds, {maxZoom: 8, padding: [20, 20]}); }
})();
{% endmacro %}
"""
    )

    def __init__(self, spec: dict[str, Any]) -> None:
        super().__init__()
        self._name = "EventLayers"
        self.spec = spec


def _legend_html(layers: list[dict[str, Any]], title: str) -> str:
    rows = "".join(
        f'<div><span class="geomap-swatch" style="background:{layer["color"]}"></span>'
        f"{escape_text(layer['label'])}</div>"
        for layer in layers
    )
    return f"""
<style>
.geomap-swatch {{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;}}
.geomap-legend {{position:absolute;bottom:28px;left:10px;z-index:1000;background:#fff;
  padding:6px 10px;font:12px sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);}}
.geomap-title {{position:absolute;top:10px;left:55px;z-index:1000;background:#fff;padding:4px 10px;
  font:bold 14px sans-serif;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.3);}}
.geomap-sources {{margin:4px 0 0 16px;padding:0;}}
</style>
<div class="geomap-title">{escape_text(title)}</div>
<div class="geomap-legend" id="geomap-legend"><b>Event types and roles</b>{rows}
<div><small>Filled dot: a town or point; pale circle: a district, region or country</small></div>
</div>
"""


def _spec(events: pd.DataFrame) -> dict[str, Any]:
    layers = _layers(events)
    colors = {layer["key"]: layer["color"] for layer in layers}
    rows = []
    lats, lons = [], []
    for rec in events.to_dict("records"):
        key = _layer_key(rec)
        radius_km = float(rec.get("radius_km") or 0.0)
        radius_m = round(radius_km * 1000.0) if rec.get("geo_precision", 1) != 1 else 0
        lat, lon = float(rec["lat"]), float(rec["lon"])
        lats.append(lat)
        lons.append(lon)
        tooltip = f"{escape_text(rec.get('name'))} · {escape_text(rec.get('date') or 'undated')}"
        rows.append(
            [round(lat, 5), round(lon, 5), radius_m, key, colors[key], popup_html(rec), tooltip]
        )
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]] if lats else None
    return {"layers": layers, "events": rows, "bounds": bounds}


def build_map(
    events: pd.DataFrame,
    *,
    title: str = "geomap",
    attribution: str = GEONAMES_ATTRIBUTION,
) -> folium.Map:
    """A folium map of ``events`` (the DataFrame of ``geomap.events.aggregate``)."""
    fmap = folium.Map(
        location=[30.0, 20.0],
        zoom_start=2,
        tiles=None,
        prefer_canvas=True,
        max_zoom=18,
        control_scale=True,
    )
    folium.TileLayer(
        "OpenStreetMap", name="OpenStreetMap (online)", attr="© OpenStreetMap contributors"
    ).add_to(fmap)
    spec = _spec(events)
    fmap.add_child(EventLayers(spec))
    root: Any = fmap.get_root()
    root.html.add_child(Element(_legend_html(spec["layers"], title)))
    root.html.add_child(
        Element(
            '<div class="geomap-attribution" style="position:absolute;bottom:0;right:0;'
            'z-index:1000;background:rgba(255,255,255,.8);font:11px sans-serif;padding:0 5px;">'
            f"{attribution}</div>"
        )
    )
    root.header.add_child(Element(f"<title>{escape_text(title)}</title>"))
    return fmap


def render_map(
    events: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    title: str = "geomap",
    attribution: str = GEONAMES_ATTRIBUTION,
) -> Path:
    """Write ``build_map(events)`` to ``path`` atomically and return the path."""
    fmap = build_map(events, title=title, attribution=attribution)
    out = Path(path)
    atomic_write_text(out, fmap.get_root().render())
    return out
