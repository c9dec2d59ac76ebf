"""Map fixtures: the events and mentions of tests/data/map as DataFrames (schema.py columns)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from geomap.schema import EVENT_COLUMNS, MENTION_COLUMNS

MAP_DATA = Path(__file__).resolve().parent / "data" / "map"


def frame_of(path: Path, columns: tuple[str, ...]) -> pd.DataFrame:
    """A GeoJSON FeatureCollection of Points as a table with ``lat``/``lon`` columns."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        rows.append({**feature["properties"], "lat": lat, "lon": lon})
    frame = pd.DataFrame(rows, columns=list(columns))
    for col in ("geonameid", "fatalities", "wounded", "start", "end"):
        if col in frame.columns:
            frame[col] = frame[col].astype("Int64")
    return frame


def fixture_events() -> pd.DataFrame:
    """21 events: stacked at Ganja, areas, a country, a continent, undated, month and week."""
    return frame_of(MAP_DATA / "events.geojson", EVENT_COLUMNS)


def fixture_mentions() -> pd.DataFrame:
    """5 place mentions: datelines, background, references."""
    return frame_of(MAP_DATA / "mentions.geojson", MENTION_COLUMNS)
