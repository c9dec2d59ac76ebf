"""Issue 20, item 7: the map's search (filter) box never throws on the names of the
properties every JavaScript object has (``constructor``, ``__proto__``, ``toString``): as
queries, in the URL hash, or as the places, actors, ids and sources of events.

Runs in headless Chromium like ``tests/test_render_browser.py`` (and skips the same way).
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from render_fixtures import fixture_events, fixture_mentions
from test_render_browser import Opened

#: The names every plain JavaScript object answers to.
PROTO_NAMES = [
    "constructor",
    "__proto__",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "__defineGetter__",
    "prototype",
]


@pytest.fixture(scope="module")
def filter_page(browser, fixture_map):
    """One page of the fixture map for the queries below: each leaves the filter empty
    again, as it found it, so the next starts from the opening state."""
    opened = Opened(browser, fixture_map)
    yield opened
    opened.page.close()


@pytest.mark.parametrize("query", PROTO_NAMES)
def test_the_filter_box_takes_object_property_names_as_text(filter_page, query):
    opened = filter_page
    box = opened.page.locator("[data-geomap=filter]")
    assert box.input_value() == "" and opened.js("geomap.shownIds().length") > 0
    box.fill(query)
    opened.page.wait_for_function(f"geomap.app.state.q === {json.dumps(query)}")
    assert opened.js("geomap.shownIds()") == []  # no event says it: none shown
    box.fill("")
    opened.page.wait_for_function("geomap.shownIds().length > 0")
    assert opened.errors == [] and opened.dialogs == []


def test_object_property_names_in_the_hash_are_plain_text(browser, fixture_map):
    hash_ = "#q=__proto__&types=constructor,toString&from=valueOf&map=" + quote("constructor")
    opened = Opened(browser, fixture_map, hash=hash_)
    try:
        assert opened.page.locator("[data-geomap=filter]").input_value() == "__proto__"
        assert opened.js("geomap.shownIds()") == []
        assert opened.errors == [] and opened.dialogs == []
    finally:
        opened.page.close()


def test_events_named_after_object_properties_are_drawn_and_found(browser, tmp_path):
    from geomap.render import render_map

    events = fixture_events().head(len(PROTO_NAMES)).copy()
    for i, name in enumerate(PROTO_NAMES):
        events.at[i, "name"] = name
        events.at[i, "actor1"] = name
        events.at[i, "event_id"] = name
        events.at[i, "sources"] = [{"id": name, "title": name, "url": None, "source": name}]
    path = render_map(events, tmp_path / "map.html", title="__proto__", mentions=fixture_mentions())
    opened = Opened(browser, path)
    try:
        assert sorted(opened.js("geomap.shownIds()")) == sorted(PROTO_NAMES)
        box = opened.page.locator("[data-geomap=filter]")
        for name in PROTO_NAMES:
            box.fill(name)
            opened.page.wait_for_function(f"geomap.app.state.q === {json.dumps(name)}")
            assert name in opened.js("geomap.shownIds()"), name
        assert opened.errors == [] and opened.dialogs == []
    finally:
        opened.page.close()
