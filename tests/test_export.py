"""GeoJSON (RFC 7946) and CSV export."""

import csv
import json

import pandas as pd

from geomap.events import EVENT_COLUMNS
from geomap.export import PROPERTY_COLUMNS, lonlat, to_geojson, write_csv, write_geojson


def frame() -> pd.DataFrame:
    row = {c: None for c in EVENT_COLUMNS}
    row.update(
        event_id="e1",
        name="Ganja",
        country_code="AZ",
        place_type="populated_place",
        place_id="geonames:586523",
        geonameid=586523,
        lat=40.68157,
        lon=46.36134,
        geo_precision=1,
        radius_km=0.0,
        date="2020-10",
        date_precision="month",
        date_basis="text",
        role="event",
        event_type="shelling",
        fatalities=None,
        articles=("a1", "b2"),
        mentions=("Ganja",),
        sentence='He said "hi", then left.',
        sources=({"id": "a1", "title": "T", "url": None, "source": None},),
    )
    df = pd.DataFrame([row], columns=list(EVENT_COLUMNS))
    for col in ("geonameid", "fatalities", "wounded"):
        df[col] = df[col].astype("Int64")
    return df


def test_lonlat_order():
    assert lonlat(40.5, 46.25) == [46.25, 40.5]


def test_geojson_is_rfc7946():
    gj = to_geojson(frame())
    assert gj["type"] == "FeatureCollection" and "crs" not in gj
    (feat,) = gj["features"]
    assert feat["geometry"] == {"type": "Point", "coordinates": [46.36134, 40.68157]}
    props = feat["properties"]
    assert list(props) == list(PROPERTY_COLUMNS)
    assert props["geonameid"] == 586523 and props["fatalities"] is None
    assert props["articles"] == ["a1", "b2"] and props["date"] == "2020-10"


def test_files_are_byte_identical_across_writes(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for d in (a, b):
        write_geojson(frame(), d / "events.geojson")
        write_csv(frame(), d / "events.csv")
    for name in ("events.geojson", "events.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes()
    json.loads((a / "events.geojson").read_text())
    assert not [p for p in a.iterdir() if p.name.endswith(".tmp")]


def test_csv_has_properties_and_coordinates(tmp_path):
    path = write_csv(frame(), tmp_path / "events.csv")
    (row,) = list(csv.DictReader(path.open(encoding="utf-8")))
    assert row["lat"] == "40.68157" and row["lon"] == "46.36134"
    assert row["articles"] == "a1;b2" and row["geonameid"] == "586523"
    assert row["sentence"] == 'He said "hi", then left.'
    assert json.loads(row["sources"])[0]["id"] == "a1"
