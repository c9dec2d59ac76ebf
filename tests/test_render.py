"""The rendered map.html: offline assets, layers, escaping and fallbacks (HTML assertions)."""

from __future__ import annotations

import json
import re
import warnings

import pandas as pd
import pytest

from geomap.assets import Assets, topojson_to_geojson
from geomap.bench_map import LEGACY_EVENT_COLUMNS as EVENT_COLUMNS
from geomap.bench_map import synthetic_events
from geomap.render import OfflineAssetsWarning, build_map, escape_text, map_spec, safe_url

HOSTILE = {
    "name": "<img src=x onerror=alert(1)>",
    "title": "</script><script>alert('title')</script>",
    "sentence": "${alert(1)} `alert(2)` \\u003cscript\\u003e \\ backslash <b>bold</b>",
    "url": "javascript:alert(1)",
    "id": '"><svg onload=alert(1)>',
}
FAKE = Assets(
    scripts=("/* leaflet stand-in */ var L_FAKE = 1;",),
    styles=(".leaflet-fake{color:red}",),
    countries={
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "031",
                "properties": {"name": "Azerbaijan"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[45, 39], [50, 39], [50, 42], [45, 42], [45, 39]]],
                },
            }
        ],
    },
)


def events_frame(rows):
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col in ("geonameid", "fatalities", "wounded"):
        frame[col] = frame[col].astype("Int64")
    return frame


def event(**kw):
    base = {
        "event_id": "e1",
        "name": "Ganja",
        "country_code": "AZ",
        "place_type": "populated_place",
        "place_id": "geonames:587084",
        "geonameid": 587084,
        "lat": 40.68,
        "lon": 46.36,
        "geo_precision": 1,
        "radius_km": 0.0,
        "date": "2020-10",
        "date_end": None,
        "date_precision": "month",
        "date_basis": "text",
        "role": "event",
        "event_type": "shelling",
        "fatalities": 4,
        "wounded": None,
        "articles": ("a1",),
        "mentions": ("Ganja",),
        "sentence": "Missiles hit Ganja.",
        "sources": ({"id": "a1", "title": "Strike", "url": "https://example.org/a1",
                     "source": "Wire"},),
    }  # fmt: skip
    base.update(kw)
    return base


def html_of(frame, **kw):
    return build_map(frame, assets=kw.pop("assets", FAKE), **kw).get_root().render()


def test_offline_assets_are_inlined_and_nothing_is_linked():
    html = html_of(events_frame([event()]))
    assert "var L_FAKE = 1;" in html and ".leaflet-fake{color:red}" in html
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "GeoNames" in html and "CC BY 4.0" in html


def test_missing_assets_fall_back_to_cdn_with_a_warning():
    with pytest.warns(OfflineAssetsWarning):
        html = build_map(events_frame([event()]), assets=None).get_root().render()
    assert re.search(r'<script src="https://[^"]+leaflet@1\.9\.4/dist/leaflet\.js"', html)


def test_layers_by_type_and_role_with_defaults():
    frame = events_frame(
        [
            event(),
            event(event_id="e2", role="dateline", event_type="other"),
            event(event_id="e3", role="background", event_type="other", date="1988"),
            event(event_id="e4", role="reference", event_type="diplomacy"),
        ]
    )
    spec = map_spec(frame)
    shown = {layer["label"]: layer["show"] for layer in spec["layers"]}
    assert shown == {
        "Shelling, missile or air strike": True,
        "Other mentions": True,
        "Datelines (where reported from)": False,
        "Background (history)": False,
    }


def test_regions_are_areas_and_countries_get_outlines():
    frame = events_frame(
        [
            event(),
            event(event_id="e2", name="Nagorno-Karabakh", place_type="region", geo_precision=3,
                  radius_km=40.0, place_id="curated:nagorno-karabakh"),
            event(event_id="e3", name="Azerbaijan", place_type="country", geo_precision=4,
                  radius_km=0.0, place_id="geonames:587116"),
        ]
    )  # fmt: skip
    spec = map_spec(frame, FAKE.countries)
    by_name = {spec["strings"][ev[4]]: ev for ev in spec["events"]}
    assert by_name["Ganja"][2] == 0 and by_name["Ganja"][15] == -1  # a point
    assert by_name["Nagorno-Karabakh"][2] == 40_000  # a circle of the region's radius
    assert by_name["Azerbaijan"][15] == 0  # the country's outline
    assert spec["outlines"][0]["type"] == "Polygon"


def test_hostile_text_never_reaches_the_page_as_markup():
    frame = events_frame(
        [
            event(
                name=HOSTILE["name"],
                sentence=HOSTILE["sentence"],
                articles=(HOSTILE["id"],),
                sources=({"id": HOSTILE["id"], "title": HOSTILE["title"], "url": HOSTILE["url"],
                          "source": HOSTILE["title"]},),
            )
        ]
    )  # fmt: skip
    html = html_of(frame, title=HOSTILE["title"])
    for raw in ("<img src=x", "</script><script>alert", "<svg onload", "javascript:alert"):
        assert raw not in html, raw
    assert html.count("</script>") == html.count("<script")  # no script closed early
    spec = map_spec(frame)
    (ev,) = spec["events"]
    assert ev[12][0][1] == -1  # the javascript: url was dropped


def test_same_events_render_identical_html():
    frame = synthetic_events(50)
    assert html_of(frame) == html_of(frame)


def test_escape_and_urls():
    assert escape_text("<a href='x'>${`\\`}</a>") == (
        "&lt;a href=&#x27;x&#x27;&gt;&#36;{&#96;&#92;&#96;}&lt;/a&gt;"
    )
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", " java\nscript:x", 'https://x/"><b>'):
        assert safe_url(bad) is None


def test_topojson_decoding_unwraps_the_antimeridian():
    topo = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[170, 60], [20, 0], [-2, 5], [-18, -5]]],  # 170 -> 190 (as -170) -> back
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "id": "643", "properties": {"name": "R"}}]}},
    }  # fmt: skip
    geo = topojson_to_geojson(topo, "countries")
    ring = geo["features"][0]["geometry"]["coordinates"][0]
    lons = [p[0] for p in ring]
    assert max(lons) - min(lons) < 180  # no jump across the map


def test_large_maps_stay_compact():
    frame = synthetic_events(2000)
    html = html_of(frame)
    per_event = len(html.encode()) / 2000
    assert per_event < 400, per_event  # compact arrays and a string table, not HTML per event
    spec = json.loads(re.search(r"var spec = (\{.*?\});\n", html).group(1))
    assert len(spec["events"]) == 2000


def test_render_warns_on_stderr_without_assets(tmp_path, capsys):
    from geomap.render import render_map

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_map(events_frame([event()]), tmp_path / "m.html", assets=None)
    assert "geomap assets install" in capsys.readouterr().err


def crowded(n: int, k: int = 60) -> pd.DataFrame:
    """``n`` events with ``k`` sources each, drawn from 300 articles; places, dates and
    roles vary (a few countries, some areas, undated and NA values, awkward text)."""
    rows = []
    for i in range(n):
        arts = [f"a{(i * 7 + j) % 300}" for j in range(k)]
        kind = i % 6
        ptype = "country" if i % 4 == 3 else ("region" if kind == 1 else "populated_place")
        rows.append(
            event(
                event_id=f"e{i}",
                name=["Gəncə", "Zürich 🌍", "A & B's <town>", "Azerbaijan"][i % 4],
                place_type=ptype,
                geo_precision=4 if i % 4 == 3 else (3 if kind == 1 else 1),
                radius_km=float("nan") if kind == 2 else 30.0 * (i % 3),
                country_code=None if kind == 4 else "AZ",
                lat=40.000005 + i / 997 - (i % 7) * 3.3,
                lon=-45.123455 + i / 991 + (i % 5) * 7.1,
                date=None if kind == 5 else f"2020-10-{1 + i % 28:02d}",
                date_end="2020-11-02" if kind == 2 else None,
                role=["event", "event", "reference", "dateline", "event", "background"][kind],
                event_type=["shelling", "protest", "other"][i % 3],
                fatalities=None if i % 2 else i,
                sentence="line\nbreak\u2028 </script> `${x}` \\ ½" * (1 + i % 3),
                articles=tuple(arts),
                sources=tuple(
                    {"id": a, "title": f"Story “{a}”", "url": f"https://example.org/{a}?x=1&y='2'",
                     "source": None if j % 3 else "Wire"}
                    for j, a in enumerate(arts)
                ),
            )
        )  # fmt: skip
    return events_frame(rows)


@pytest.mark.parametrize("n", [0, 1, 4, 5, 60])
@pytest.mark.parametrize("assets", [FAKE, None])
def test_render_map_writes_the_page_build_map_renders(tmp_path, n, assets):
    frame = crowded(n, 3)
    path = tmp_path / "map.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OfflineAssetsWarning)
        from geomap.render import render_map

        render_map(frame, path, title="T & 'title' <b>", assets=assets)
        page = build_map(frame, title="T & 'title' <b>", assets=assets).get_root().render()
    assert path.read_bytes() == page.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_bounds_and_view_are_those_of_the_rounded_rows():
    frame = crowded(60, 1)
    frame.loc[7, "lat"] = 12.3456749999  # just under a rounding half
    frame.loc[8, "lon"] = -0.000004999
    spec = map_spec(frame, FAKE.countries)
    rows = spec["events"]
    lats, lons = [r[0] for r in rows], [r[1] for r in rows]
    assert spec["bounds"] == [[min(lats), min(lons)], [max(lats), max(lons)]]
    proper = [r for r in rows if spec["layers"][r[3]]["key"].startswith("type:")]
    plats, plons = sorted(r[0] for r in proper), sorted(r[1] for r in proper)
    lo, hi = int(0.1 * (len(proper) - 1)), int(round(0.9 * (len(proper) - 1)))
    assert spec["view"] == [[plats[lo], plons[lo]], [plats[hi], plons[hi]]]
    assert all(type(x) is float for corner in spec["view"] + spec["bounds"] for x in corner)
    few = map_spec(crowded(4, 1))
    assert few["view"] == few["bounds"]  # under five events proper: the whole extent


def test_render_map_does_not_hold_the_spec_in_memory(tmp_path):
    import tracemalloc

    from geomap.render import render_map

    frame = crowded(1000)  # ~1 MB of map.html, nearly all of it the spec's event arrays
    path = tmp_path / "map.html"
    render_map(frame, path, assets=FAKE)  # warm-up: imports, template caches
    tracemalloc.start()
    try:
        render_map(frame, path, assets=FAKE)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 800_000
    # written row by row the peak is a fixed ~0.3 MB; the whole spec and page as objects
    # and text peaked at ~20 times the size
    assert peak < size / 2, (peak, size)
