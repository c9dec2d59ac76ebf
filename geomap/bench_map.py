"""Map benchmark: HTML size and time to first draw of map.html at 1k, 10k and 100k events.

Usage::

    python -m geomap.bench_map                    # 1000,10000,100000 events
    python -m geomap.bench_map --sizes 1000,5000

Events are synthetic (random points over Europe and the Caucasus with the columns of
``geomap.schema.EVENT_COLUMNS``, a fixed seed). Each map is rendered with the installed
offline assets and opened from disk in headless Chromium (Debian's ``/usr/bin/chromium``
driven by Playwright) with every network request blocked; "first draw" is the time from
navigation start until the map script has added the default layers and two animation
frames have painted.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["synthetic_events", "first_draw_ms", "CHROMIUM", "CHROMIUM_ARGS", "main"]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
_SUBTYPES = {
    "battles": "armed_clash",
    "explosions_remote_violence": "shelling_artillery_missile_attack",
    "violence_against_civilians": "attack",
    "protests": "peaceful_protest",
    "strategic_developments": "agreement",
    "disaster": "flood",
    "other": "announcement",
}
_TYPES = list(_SUBTYPES)


def synthetic_events(n: int, seed: int = 7) -> Any:
    """A DataFrame of ``n`` plausible events (points, districts and regions), reproducible.

    Columns are ``geomap.schema.EVENT_COLUMNS``; one event in 20 is undated.
    """
    import pandas as pd

    from geomap.schema import EVENT_COLUMNS

    rng = random.Random(seed)
    rows = []
    for i in range(n):
        area = rng.random() < 0.05
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        etype = rng.choice(_TYPES)
        dated = rng.random() >= 0.05
        rows.append(
            {
                "event_id": f"{i:016x}",
                "event_type": etype,
                "sub_event_type": _SUBTYPES[etype],
                "name": f"Place {i % 5000}",
                "country_code": rng.choice(["AZ", "AM", "GE", "TR", "UA"]),
                "place_type": "admin2" if area else "populated_place",
                "place_id": f"synthetic:{i % 5000}",
                "geonameid": None,
                "lat": 36.0 + rng.random() * 20.0,
                "lon": 20.0 + rng.random() * 30.0,
                "geo_precision": 2 if area else 1,
                "radius_km": 20.0 if area else 0.0,
                "date": f"2020-{month:02d}-{day:02d}" if dated else None,
                "date_end": None,
                "date_precision": "day" if dated else None,
                "date_basis": "text" if dated else None,
                "actor1": rng.choice([None, "Armed forces", "Protesters"]),
                "actor1_country": None,
                "actor2": None,
                "actor2_country": None,
                "fatalities": rng.choice([None, None, 1, 4]),
                "fatalities_reported": [],
                "wounded": None,
                "summary": f"Event {i}: something happened at Place {i % 5000}.",
                "articles": [f"a{i % 3000}"],
                "sources": [
                    {
                        "id": f"a{i % 3000}",
                        "title": f"Story {i % 3000}",
                        "url": f"https://example.org/{i % 3000}",
                        "source": "Wire",
                    },
                ],
                "mentions": [f"Place {i % 5000}"],
                "confidence": round(0.5 + rng.random() / 2, 2),
            }  # fmt: skip
        )
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col in ("geonameid", "fatalities", "wounded"):
        frame[col] = frame[col].astype("Int64")
    return frame


def first_draw_ms(html_path: Path, *, timeout_ms: int = 120_000) -> tuple[float, int, list[str]]:
    """Open a map offline in headless Chromium: (ms to first draw, features drawn, errors)."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("file:", "data:"))
                    else route.abort()
                ),
            )
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(html_path.resolve().as_uri(), timeout=timeout_ms)
            page.wait_for_function("window.geomapReady !== undefined", timeout=timeout_ms)
            ready = float(page.evaluate("window.geomapReady"))
            drawn = int(page.evaluate("geomap.drawn()"))
        finally:
            browser.close()
    return ready, drawn, errors


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.bench_map", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args(argv)
    from geomap.assets import load
    from geomap.render import render_map

    if load() is None:
        raise SystemExit("geomap.bench_map: run `geomap assets install` first")
    print("| events | map.html MB | render s | first draw s (headless Chromium) | drawn |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="geomap-bench-map-") as tmp:
        for n in (int(x) for x in args.sizes.split(",") if x):
            events = synthetic_events(n)
            path = Path(tmp) / f"map-{n}.html"
            t0 = time.perf_counter()
            render_map(events, path, title=f"{n} synthetic events")
            render_s = time.perf_counter() - t0
            ms, drawn, errors = first_draw_ms(path)
            size = path.stat().st_size / 1e6
            note = f" ({len(errors)} console errors)" if errors else ""
            print(f"| {n:,} | {size:.1f} | {render_s:.1f} | {ms / 1000:.2f}{note} | {drawn:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
