"""Map benchmark: HTML size and time to first draw of map.html at 1k, 10k and 100k events.

Usage::

    python -m geomap.bench_map                    # 1000,10000,100000 events
    python -m geomap.bench_map --sizes 1000,5000
    python -m geomap.bench_map --repeat 5 --baseline ../main   # side by side, medians

Events are synthetic (random points over Europe and the Caucasus with the columns of
``geomap.schema.EVENT_COLUMNS``, a fixed seed). Each map is rendered with the installed
offline assets and opened from disk in headless Chromium (Debian's ``/usr/bin/chromium``
driven by Playwright) with every network request blocked; "first draw" is the time from
navigation start until the map script has added the default layers and two animation
frames have painted; "main thread" is how long the page's main thread was busy from
navigation until 2 s after that (the work to draw, whenever the page does it).
With ``--repeat N`` each figure is the median of N openings (each in a fresh browser).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
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
#: How long after its first draw a page's main-thread work is still counted.
_SETTLE_MS = 2000
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
    # one list per column (a frame of 100k records took seconds to make), filled in the order
    # of ``rng``'s draws for a row: area, day, month, type, dated, country, lat, lon, actor,
    # fatalities, confidence
    col: dict[str, list[Any]] = {c: [] for c in EVENT_COLUMNS}
    for _ in range(n):
        area = rng.random() < 0.05
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        etype = rng.choice(_TYPES)
        dated = rng.random() >= 0.05
        col["event_type"].append(etype)
        col["sub_event_type"].append(_SUBTYPES[etype])
        col["country_code"].append(rng.choice(["AZ", "AM", "GE", "TR", "UA"]))
        col["place_type"].append("admin2" if area else "populated_place")
        col["lat"].append(36.0 + rng.random() * 20.0)
        col["lon"].append(20.0 + rng.random() * 30.0)
        col["geo_precision"].append(2 if area else 1)
        col["radius_km"].append(20.0 if area else 0.0)
        col["date"].append(f"2020-{month:02d}-{day:02d}" if dated else None)
        col["date_precision"].append("day" if dated else None)
        col["date_basis"].append("text" if dated else None)
        col["actor1"].append(rng.choice([None, "Armed forces", "Protesters"]))
        col["fatalities"].append(rng.choice([None, None, 1, 4]))
        col["confidence"].append(round(0.5 + rng.random() / 2, 2))
    places = [f"Place {i % 5000}" for i in range(n)]
    stories = [i % 3000 for i in range(n)]
    col["event_id"] = [f"{i:016x}" for i in range(n)]
    col["name"] = places
    col["place_id"] = [f"synthetic:{i % 5000}" for i in range(n)]
    col["summary"] = [
        f"Event {i}: something happened at {place}." for i, place in enumerate(places)
    ]
    col["articles"] = [[f"a{k}"] for k in stories]
    col["sources"] = [
        [
            {
                "id": f"a{k}",
                "title": f"Story {k}",
                "url": f"https://example.org/{k}",
                "source": "Wire",
            }
        ]
        for k in stories
    ]
    col["mentions"] = [[place] for place in places]
    col["fatalities_reported"] = [[] for _ in range(n)]
    for name in ("geonameid", "date_end", "actor1_country", "actor2", "actor2_country", "wounded"):
        col[name] = [None] * n
    # (no rows: every column of dtype object, as a frame made from no records has)
    frame = pd.DataFrame(col if n else [], columns=list(EVENT_COLUMNS))
    for name in ("geonameid", "fatalities", "wounded"):
        frame[name] = frame[name].astype("Int64")
    return frame


def first_draw_ms(
    html_path: Path, *, timeout_ms: int = 120_000
) -> tuple[float, int, list[str], float]:
    """Open a map offline in headless Chromium.

    Returns
    -------
    tuple
        ms to first draw, features drawn, console errors, and the ms the page's main
        thread was busy from navigation until 2 s after the first draw (Chromium's
        ``TaskDuration``): the work the page does to draw, including what it leaves to
        timers after its ready signal, and less swayed than the wall clock by other work
        on a shared machine.
    """
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
            cdp = page.context.new_cdp_session(page)
            cdp.send("Performance.enable")
            page.goto(html_path.resolve().as_uri(), timeout=timeout_ms)
            page.wait_for_function("window.geomapReady !== undefined", timeout=timeout_ms)
            page.wait_for_timeout(_SETTLE_MS)  # work a page leaves for later counts too
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            ready = float(page.evaluate("window.geomapReady"))
            drawn = int(page.evaluate("geomap.drawn()"))
        finally:
            browser.close()
    return ready, drawn, errors, float(metrics.get("TaskDuration", 0.0)) * 1000.0


def _render_elsewhere(checkout: Path, n: int, path: Path) -> float:
    """Render ``n`` synthetic events with another checkout's geomap (its own ``render_map``
    and ``synthetic_events``) in a subprocess; return the seconds it took."""
    code = (
        "import sys, time\n"
        "from geomap.bench_map import synthetic_events\n"
        "from geomap.render import render_map\n"
        "events = synthetic_events(int(sys.argv[1]))\n"
        "t0 = time.perf_counter()\n"
        "render_map(events, sys.argv[2], title=sys.argv[1] + ' synthetic events')\n"
        "print(time.perf_counter() - t0)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(n), str(path)],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    )
    return float(proc.stdout.strip().splitlines()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.bench_map", description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--repeat", type=int, default=1, help="open each map N times; print the median"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of geomap: its maps are rendered there and opened in turn "
        "with this one's, and printed beside them",
    )
    args = parser.parse_args(argv)
    from geomap.assets import load
    from geomap.render import render_map

    if load() is None:
        raise SystemExit("geomap.bench_map: run `geomap assets install` first")
    head = "| events | map.html MB | render s | first draw s | main thread s | drawn |"
    if args.baseline:
        head += " baseline MB | render s | first draw s | main thread s | drawn |"
    print(head)
    print("|---" * head.count(" | ") + "|---|")
    with tempfile.TemporaryDirectory(prefix="geomap-bench-map-") as tmp:
        for n in (int(x) for x in args.sizes.split(",") if x):
            events = synthetic_events(n)
            maps = [Path(tmp) / f"map-{n}.html"]
            t0 = time.perf_counter()
            render_map(events, maps[0], title=f"{n} synthetic events")
            renders = [time.perf_counter() - t0]
            del events
            if args.baseline:
                maps.append(Path(tmp) / f"baseline-{n}.html")
                renders.append(_render_elsewhere(args.baseline, n, maps[1]))
            draws: list[list[float]] = [[] for _ in maps]
            busy: list[list[float]] = [[] for _ in maps]
            drawn = [0 for _ in maps]
            errors = [0 for _ in maps]
            for _ in range(max(1, args.repeat)):
                for k, path in enumerate(maps):  # in turn: both see the same machine
                    ms, drawn[k], errs, task_ms = first_draw_ms(path)
                    draws[k].append(ms)
                    busy[k].append(task_ms)
                    errors[k] += len(errs)
            cells = [f"{n:,}"]
            for k, path in enumerate(maps):
                note = f" ({errors[k]} console errors)" if errors[k] else ""
                cells += [
                    f"{path.stat().st_size / 1e6:.1f}",
                    f"{renders[k]:.1f}",
                    f"{statistics.median(draws[k]) / 1000:.2f}{note}",
                    f"{statistics.median(busy[k]) / 1000:.2f}",
                    f"{drawn[k]:,}",
                ]
            print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
