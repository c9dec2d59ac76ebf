"""The rendered map.html: offline assets, overlays, areas, escaping and fallbacks (HTML
assertions; tests/test_render_browser.py opens the page)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_fixtures import fixture_events, fixture_mentions

from geomap.assets import Assets, topojson_to_geojson
from geomap.bench_map import synthetic_events
from geomap.render import (
    OfflineAssetsWarning,
    build_map,
    day_range,
    escape_text,
    map_spec,
    render_map,
    safe_url,
)
from geomap.render.elements import STATIC_SCRIPTS, STATIC_STYLES, as_rendered, inline, static_text
from geomap.schema import EVENT_COLUMNS, EVENT_TYPES

HOSTILE = {
    "name": "<img src=x onerror=alert(1)>",
    "title": "</script><script>alert('title')</script>",
    "summary": "${alert(1)} `alert(2)` \\u003cscript\\u003e \\ backslash <b>bold</b> {{ 7*7 }}",
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


def events_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col in ("geonameid", "fatalities", "wounded"):
        frame[col] = frame[col].astype("Int64")
    return frame


def event(**kw) -> dict:
    base = {
        "event_id": "e1",
        "event_type": "explosions_remote_violence",
        "sub_event_type": "shelling_artillery_missile_attack",
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
        "actor1": "Armenian armed forces",
        "actor2": None,
        "fatalities": 4,
        "wounded": None,
        "summary": "Missiles hit Ganja.",
        "articles": ["a1"],
        "sources": [{"id": "a1", "title": "Strike", "url": "https://example.org/a1",
                     "source": "Wire"}],
        "mentions": ["Ganja"],
        "confidence": 0.9,
    }  # fmt: skip
    base.update(kw)
    return base


def html_of(frame: pd.DataFrame, **kw) -> str:
    return build_map(frame, assets=kw.pop("assets", FAKE), **kw).get_root().render()


def spec_of(html: str) -> dict:
    block = re.search(r'<script type="application/json" id="geomap-data">(.*?)</script>', html)
    assert block is not None
    return json.loads(block.group(1))


def test_offline_assets_and_the_maps_own_files_are_inlined_and_nothing_is_linked():
    html = html_of(events_frame([event()]))
    assert "var L_FAKE = 1;" in html and ".leaflet-fake{color:red}" in html
    for name in STATIC_SCRIPTS + STATIC_STYLES:
        first = next(line for line in static_text(name).splitlines() if line.strip())
        assert first.replace("</", "<\\/") in html, name
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "GeoNames" in html and "CC BY 4.0" in html


def test_missing_assets_fall_back_to_cdn_with_a_warning():
    with pytest.warns(OfflineAssetsWarning):
        html = build_map(events_frame([event()]), assets=None).get_root().render()
    assert re.search(r'<script src="https://[^"]+leaflet@1\.9\.4/dist/leaflet\.js"', html)


def test_the_test_hooks_are_in_the_page():
    html = html_of(events_frame([event()]))
    for hook in ("feed", "feed-list", "filter", "timeline", "undated", "histogram",
                 "download-geojson", "download-csv", "play"):  # fmt: skip
        assert f'data-geomap="{hook}"' in html, hook


def test_one_overlay_per_event_type_present_in_codebook_order():
    frame = fixture_events()
    spec = map_spec(frame)
    keys = [t["key"] for t in spec["types"]]
    assert keys == [k for k in EVENT_TYPES if k in set(frame["event_type"])]
    assert [t["label"] for t in spec["types"]] == [EVENT_TYPES[k] for k in keys]
    assert len({t["color"] for t in spec["types"]}) == len(keys)  # distinct colours
    by_id = {row[22]: row for row in spec["events"]}
    assert spec["types"][by_id["ev-tovuz"][2]]["key"] == "battles"
    assert spec["strings"][by_id["ev-tovuz"][3]] == "armed_clash"


def test_mentions_are_their_own_rows_with_roles():
    spec = map_spec(fixture_events(), mentions=fixture_mentions())
    assert len(spec["events"]) == 21 and len(spec["mentions"]) == 5
    roles = [spec["roles"][m[2]] for m in spec["mentions"]]
    assert roles == ["dateline", "background", "reference", "reference", "dateline"]
    assert spec["strings"][spec["mentions"][0][3]] == "Baku"


def test_an_event_type_outside_the_codebook_is_drawn_as_other():
    rows = [event(), event(event_id="e2", name="Baku")]
    frame = events_frame(rows)
    frame.loc[0, "event_type"] = "shelling"  # not a type of geomap.schema.EVENT_TYPES
    spec = map_spec(frame)
    assert [r[22] for r in spec["events"]] == ["e1", "e2"]
    assert spec["types"][spec["events"][0][2]]["key"] == "other"
    assert spec["types"][spec["events"][1][2]]["key"] != "other"


def test_areas_countries_and_continents():
    spec = map_spec(fixture_events(), FAKE.countries)
    by_id = {row[22]: row for row in spec["events"]}
    assert by_id["ev-ganja-1"][8] == 0 and by_id["ev-ganja-1"][9] == -1  # a point
    assert by_id["ev-nk"][8] == 40_000 and by_id["ev-nk"][7] == 3  # a region's circle
    assert by_id["ev-az-ceasefire"][9] == 0  # the country's outline
    assert spec["outlines"][0]["type"] == "Polygon"
    # a continent keeps its marker (drawn as an area's icon) but no shape over the map
    assert by_id["ev-europe"][7] == 3 and by_id["ev-europe"][8] == 0
    assert by_id["ev-europe"][9] == -1


def test_dates_become_day_spans_at_their_precision():
    spec = map_spec(fixture_events())
    by_id = {row[22]: row for row in spec["events"]}
    assert by_id["ev-ganja-1"][10:12] == [day_range("2020-10-01", None, "day")[0], 30]
    assert by_id["ev-kyiv"][11] == 6  # a week
    assert by_id["ev-nk"][11] == 43  # 2020-09-27 to 2020-11-09
    assert by_id["ev-geneva"][10] is None and by_id["ev-geneva"][11] is None
    assert day_range("2021", None, "year") == (18628, 18992)
    assert day_range("2020-02", "2020-03", "month") == (18293, 18352)
    assert day_range("not a date", None, "day") == (None, None)


def test_sources_are_a_shared_table_and_only_http_urls_are_kept():
    spec = map_spec(fixture_events())
    by_id = {row[22]: row for row in spec["events"]}
    tovuz = [spec["sources"][k] for k in by_id["ev-tovuz"][21]]
    assert [spec["strings"][s[1]] for s in tovuz] == ["Clashes on the border", "Tovuz: four killed"]
    geneva = spec["sources"][by_id["ev-geneva"][21][0]]
    assert geneva[2] == -1  # its url was javascript:
    assert by_id["ev-ganja-1"][21] == by_id["ev-mingachevir"][21]  # one article, one entry


def test_hostile_text_never_reaches_the_page_as_markup():
    frame = events_frame(
        [
            event(
                name=HOSTILE["name"],
                summary=HOSTILE["summary"],
                actor1=HOSTILE["title"],
                articles=[HOSTILE["id"]],
                sources=[{"id": HOSTILE["id"], "title": HOSTILE["title"], "url": HOSTILE["url"],
                          "source": HOSTILE["title"]}],
                event_id=HOSTILE["id"],
            )
        ]
    )  # fmt: skip
    html = html_of(frame, title=HOSTILE["title"] + " {{ 7*7 }} {% if 1 %}x{% endif %}")
    for raw in ("<img src=x", "</script><script>alert", "<svg onload", "javascript:alert", "49"):
        assert raw not in html, raw
    assert html.count("</script>") == html.count("<script")  # no script closed early
    spec = spec_of(html)
    (ev,) = spec["events"]
    assert spec["strings"][ev[20]] == HOSTILE["summary"]  # the text itself, as data
    assert ev[22] == HOSTILE["id"]
    assert spec["sources"][ev[21][0]][2] == -1  # the javascript: url was dropped
    assert "&#123;&#123; 7*7 }}" in html  # the title's template syntax is inert text


def test_same_events_render_identical_html():
    frame = synthetic_events(50)
    assert html_of(frame) == html_of(frame)


def test_escape_and_urls():
    assert escape_text("<a href='x'>${`\\`}</a>") == (
        "&lt;a href=&#x27;x&#x27;&gt;&#36;&#123;&#96;&#92;&#96;}&lt;/a&gt;"
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
    spec = spec_of(html)
    assert len(spec["events"]) == 2000
    data = re.search(r'id="geomap-data">(.*?)</script>', html).group(1)
    per_event = len(data.encode()) / 2000
    # compact arrays and shared tables, not HTML per event: 237 bytes here; the map before
    # issue #18 took 210 for its (fewer) fields of the same 2,000 synthetic events
    assert per_event < 250, per_event


def test_render_warns_on_stderr_without_assets(tmp_path, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        render_map(events_frame([event()]), tmp_path / "m.html", assets=None)
    assert "geomap assets install" in capsys.readouterr().err


def crowded(n: int, k: int = 60) -> pd.DataFrame:
    """``n`` events with ``k`` sources each, drawn from 300 articles; places, dates and
    types vary (a few countries, some areas, undated and NA values, awkward text)."""
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
                event_type=["battles", "protests", "other", "no-such-type"][i % 4],
                fatalities=None if i % 2 else i,
                confidence=None if i % 3 else 0.5,
                summary="line\nbreak\u2028 </script> `${x}` {{ x }} {% x %} \\ ½" * (1 + i % 3),
                articles=arts,
                sources=[
                    {"id": a, "title": f"Story “{a}”", "url": f"https://example.org/{a}?x=1&y='2'",
                     "source": None if j % 3 else "Wire"}
                    for j, a in enumerate(arts)
                ],
            )
        )  # fmt: skip
    return events_frame(rows)


@pytest.mark.parametrize("n", [0, 1, 4, 5, 60])
@pytest.mark.parametrize("assets", [FAKE, None])
def test_render_map_writes_the_page_build_map_renders(tmp_path, n, assets):
    frame = crowded(n, 3)
    mentions = fixture_mentions() if n == 5 else None
    path = tmp_path / "map.html"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OfflineAssetsWarning)
        render_map(frame, path, title="T & 'title' <b>", assets=assets, mentions=mentions)
        page = build_map(frame, title="T & 'title' <b>", assets=assets, mentions=mentions)
        html = page.get_root().render()
    assert path.read_bytes() == html.encode("utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
    spec = spec_of(html)
    assert len(spec["events"]) == n
    if n == 60:  # the awkward text comes back as it went in
        assert spec["strings"][spec["events"][0][20]] == frame.loc[0, "summary"]


def test_bounds_and_view_are_those_of_the_rounded_rows():
    frame = crowded(60, 1)
    frame.loc[7, "lat"] = 12.3456749999  # just under a rounding half
    frame.loc[8, "lon"] = -0.000004999
    spec = map_spec(frame, FAKE.countries)
    rows = spec["events"]
    lats, lons = [r[0] for r in rows], [r[1] for r in rows]
    assert spec["bounds"] == [[min(lats), min(lons)], [max(lats), max(lons)]]
    assert all(type(x) is float for corner in spec["bounds"] for x in corner)
    assert map_spec(crowded(0))["bounds"] is None
    # where most events are: the 10th and 90th percentiles, for the first view
    plats, plons = sorted(lats), sorted(lons)
    lo, hi = int(0.1 * (len(rows) - 1)), int(round(0.9 * (len(rows) - 1)))
    assert spec["view"] == [[plats[lo], plons[lo]], [plats[hi], plons[hi]]]
    assert map_spec(crowded(4))["view"] is None  # under five events: all of them


def test_render_map_does_not_hold_the_spec_in_memory(tmp_path):
    import tracemalloc

    peaks, sizes = [], []
    for n in (2500, 8000):  # both over a chunk of rows (2,048)
        frame = crowded(n, 3)
        path = tmp_path / f"map-{n}.html"
        render_map(frame, path, assets=FAKE)  # warm-up: imports, template caches
        tracemalloc.start()
        try:
            render_map(frame, path, assets=FAKE)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
        sizes.append(path.stat().st_size)
    assert sizes[1] - sizes[0] > 400_000
    # the page around the data costs a fixed ~1.2 MB (folium's templates); the data is
    # made and written a chunk of rows at a time, so the peak grows far less than the
    # file (the whole spec as objects and text took ~20 times the file's size)
    assert peaks[1] - peaks[0] < (sizes[1] - sizes[0]) / 3, (peaks, sizes)


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("name", STATIC_SCRIPTS)
def test_static_scripts_are_valid_javascript(name, tmp_path):
    path = tmp_path / name
    path.write_text(static_text(name), encoding="utf-8")
    proc = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_static_scripts_do_not_use_markup_for_data():
    """Article text reaches the page through esc() or textContent: innerHTML is only ever
    given geomap's own markup (icons, popups built with esc, the control's labels)."""
    for name in STATIC_SCRIPTS:
        text = static_text(name)
        assert "eval(" not in text and "new Function" not in text, name
        assert "document.write" not in text, name
        for line in text.splitlines():
            if "innerHTML" in line:
                assert re.search(r"innerHTML =( G\.icon\(|$)", line), (name, line)


_PIECES = ["{% raw %}", "{% endraw %}", "{{ x }}", "{%", "{#", "{", "}", "%", "#", "raw",
           "endraw", "a", " ", "\n", "\r", "\r\n", "<script>", "é"]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12))
@settings(max_examples=400, deadline=None, derandomize=True)
def test_as_rendered_is_what_jinja_renders(pieces):
    """A page part is inserted as its text (``element_of``) only when that text is exactly
    what branca's Jinja template of it would render; else it stays a template."""
    from jinja2 import Template

    source = "".join(pieces)
    text = as_rendered(source)
    if text is not None:
        assert text == Template(source).render()


def test_inlined_code_and_plain_text_need_no_template():
    assert as_rendered("<title>Map</title>\r\n") == "<title>Map</title>"
    assert as_rendered(f"<script>{inline('if (a{{b}}) {% x %}')}</script>\n") == (
        "<script>if (a{{b}}) {% x %}</script>"
    )
    assert as_rendered("<p>{{ name }}</p>") is None
