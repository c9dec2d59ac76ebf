"""GeoJSON (RFC 7946) and CSV export of the events and mentions tables."""

import csv
import io
import json
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from geomap.export import (
    MENTION_PROPERTY_COLUMNS,
    PROPERTY_COLUMNS,
    atomic_write_text,
    csv_safe,
    lonlat,
    to_geojson,
    write_csv,
    write_geojson,
)
from geomap.schema import EVENT_COLUMNS, MENTION_COLUMNS


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
        event_type="explosions_remote_violence",
        sub_event_type="shelling_artillery_missile_attack",
        actor1="Armenian forces",
        actor1_country="AM",
        fatalities=5,
        fatalities_reported=(5, 7),
        articles=("a1", "b2"),
        mentions=("Ganja",),
        summary='He said "hi", then left.',
        sources=({"id": "a1", "title": "T", "url": None, "source": None},),
        confidence=0.85,
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
    assert "lat" not in props and "lon" not in props
    assert props["geonameid"] == 586523 and props["fatalities"] == 5 and props["wounded"] is None
    assert props["articles"] == ["a1", "b2"] and props["date"] == "2020-10"
    assert props["fatalities_reported"] == [5, 7] and props["confidence"] == 0.85


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
    assert list(row) == list(EVENT_COLUMNS)
    assert row["articles"] == "a1; b2" and row["geonameid"] == "586523"
    assert row["fatalities_reported"] == "5; 7" and row["actor2"] == ""
    assert row["summary"] == 'He said "hi", then left.'
    assert json.loads(row["sources"])[0]["id"] == "a1"


def mention_frame() -> pd.DataFrame:
    row = {c: None for c in MENTION_COLUMNS}
    row.update(
        mention_id="a1:10-15", article="a1", start=10, end=15, text="Ganja", name="Ganja",
        country_code="AZ", place_type="populated_place", place_id="geonames:586523",
        geonameid=586523, lat=40.68157, lon=46.36134, geo_precision=1, radius_km=0.0,
        role="event", date="2020-10-04", date_precision="day", date_basis="text",
        sentence="Missiles struck Ganja.", source="Wire", event_id="e1",
    )  # fmt: skip
    df = pd.DataFrame([row], columns=list(MENTION_COLUMNS))
    for col in ("geonameid", "start", "end"):
        df[col] = df[col].astype("Int64")
    return df


def test_mentions_are_written_with_their_own_columns(tmp_path):
    gj = to_geojson(mention_frame(), "mentions")
    (feat,) = gj["features"]
    assert feat["id"] == "a1:10-15" and list(feat["properties"]) == list(MENTION_PROPERTY_COLUMNS)
    assert feat["properties"]["start"] == 10 and feat["properties"]["event_id"] == "e1"
    path = write_geojson(mention_frame(), tmp_path / "mentions.geojson", "mentions")
    assert json.loads(path.read_text()) == gj
    path = write_csv(mention_frame(), tmp_path / "mentions.csv", "mentions")
    (row,) = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(row) == list(MENTION_COLUMNS) and row["role"] == "event" and row["end"] == "15"


def awkward_frame(n: int = 3) -> pd.DataFrame:
    """Rows with NA, NaN, unicode, escapes, nested sources; ``n`` rows, or none."""
    rows = []
    for i in range(n):
        row = {c: None for c in EVENT_COLUMNS}
        row.update(
            event_id=f"e{i}",
            name=["Gəncə", "Zürich 🌍", 'Back\\slash "q"'][i % 3],
            country_code="AZ" if i % 2 else None,
            place_type="populated_place",
            place_id=f"geonames:{i}",
            geonameid=None if i % 2 else 586523 + i,
            lat=40.68157 + i / 3,
            lon=-46.361349999 - i,
            geo_precision=1 + i % 4,
            radius_km=float("nan") if i % 2 else 12.5,
            date=None if i % 3 == 0 else "2020-10-0" + str(1 + i % 9),
            date_end="2020-10-09" if i % 3 == 2 else None,
            date_precision="day",
            event_type="explosions_remote_violence",
            fatalities=i if i % 2 else None,
            fatalities_reported=(i, i + 3) if i % 2 else (),
            wounded=None,
            articles=tuple(f"a{j}" for j in range(1 + i % 25)),
            mentions=("Ganja", "Gəncə"),
            summary="line one\nline two\u2028 </script> \t ½",
            confidence=i / 10,
            sources=tuple(
                {"id": f"a{j}", "title": "T\n“quoted”", "url": None, "source": "Ünï"}
                for j in range(1 + i % 25)
            ),
        )
        rows.append(row)
    df = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col in ("geonameid", "fatalities", "wounded"):
        df[col] = df[col].astype("Int64")
    return df


@pytest.mark.parametrize("n", [0, 1, 7])
def test_streamed_geojson_is_json_dumps_of_to_geojson(tmp_path, n):
    events = awkward_frame(n)
    path = write_geojson(events, tmp_path / "events.geojson")
    reference = json.dumps(to_geojson(events), ensure_ascii=False, indent=1) + "\n"
    assert path.read_bytes() == reference.encode("utf-8")
    assert len(json.loads(path.read_text(encoding="utf-8"))["features"]) == n


def reference_cell(value) -> str:
    """A CSV cell as write_csv's docstring describes it, one value at a time."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    if hasattr(value, "item") and not isinstance(value, (str, bytes, tuple, list)):
        value = value.item()  # a numpy scalar
    if type(value) is int:
        return str(value)
    if type(value) is float:
        return repr(round(value, 6))
    if isinstance(value, (tuple, list)):
        if value and isinstance(value[0], dict):
            return csv_safe(json.dumps(list(value), ensure_ascii=False, sort_keys=True))
        return csv_safe("; ".join(str(v) for v in value))
    return csv_safe(str(value))


def reference_csv(events: pd.DataFrame) -> bytes:
    """An events CSV as a plain ``csv.writer`` writes it, a ``reference_cell`` at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    for rec in events.to_dict("records"):
        writer.writerow([reference_cell(rec.get(c)) for c in EVENT_COLUMNS])
    return buf.getvalue().encode("utf-8")


@pytest.mark.parametrize("n", [0, 1, 7])
def test_streamed_csv_is_a_plain_csv_writer_over_the_rows(tmp_path, n):
    events = awkward_frame(n)
    if n:
        events.loc[0, "actor1"] = "=HYPERLINK(1)"
        events.loc[n - 1, "lon"] = -1.23456789
    path = write_csv(events, tmp_path / "events.csv")
    assert path.read_bytes() == reference_csv(events)
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    assert [r["summary"] for r in rows] == list(events["summary"])


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    path = write_geojson(frame(), tmp_path / "events.geojson")
    before = path.read_bytes()
    bad = awkward_frame(3)
    bad.at[2, "sources"] = ({"id": object()},)  # not JSON: fails after two features
    with pytest.raises(TypeError):
        write_geojson(bad, path)
    with pytest.raises(TypeError):
        atomic_write_text(path, None)  # type: ignore[arg-type]
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["events.geojson"]


@pytest.mark.parametrize("writer", [write_geojson, write_csv])
def test_writing_does_not_hold_the_output_in_memory(tmp_path, writer):
    events = awkward_frame(1200)  # ~2.8 MB of GeoJSON, ~1.6 MB of CSV
    path = tmp_path / "out"
    writer(events, path)  # warm-up: imports, caches
    tracemalloc.start()
    try:
        writer(events, path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    size = path.stat().st_size
    assert size > 1_000_000
    # streamed, the peak is a fixed ~0.2 MB; building the whole text (or every feature)
    # first peaked at 7-12 times the size
    assert peak < size / 2, (peak, size)


hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()  # NaN and infinities too: json writes NaN, Infinity
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(
            st.text(max_size=5) | st.integers() | st.booleans() | st.none(), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@pytest.fixture(scope="module")
def any_frame() -> pd.DataFrame:
    """``frame()`` with an object column of summaries, made once: each example takes a copy."""
    return frame().astype({"summary": object})


@settings(max_examples=300, deadline=None)
@given(value=JSON_VALUES)
def test_any_property_is_written_as_json_dumps_with_indent_one(tmp_path_factory, any_frame, value):
    # write_geojson lays features out with its own joins: the bytes of json's indent=1
    events = any_frame.copy()
    events.at[0, "summary"] = value
    events.at[0, "sources"] = [value, {"id": value}] if value is not None else None
    path = write_geojson(events, tmp_path_factory.mktemp("any") / "events.geojson")
    expected = json.dumps(to_geojson(events), ensure_ascii=False, indent=1) + "\n"
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("n", [0, 1, 7])
def test_a_line_per_feature_is_the_same_collection(tmp_path, n):
    events = awkward_frame(n)
    path = write_geojson(events, tmp_path / "lines.geojson", layout="lines")
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == json.loads(json.dumps(to_geojson(events)))
    assert len(text.split("\n")) == n + (3 if n else 2)  # head, a line a feature, tail, ""
    again = write_geojson(events, tmp_path / "again.geojson", layout="lines")
    assert again.read_bytes() == path.read_bytes()
    mentions = write_geojson(mention_frame(), tmp_path / "m.geojson", "mentions", layout="lines")
    assert json.loads(mentions.read_text()) == to_geojson(mention_frame(), "mentions")


@pytest.mark.parametrize("n", [1, 7, 600])
def test_each_line_is_json_dumps_of_its_feature(tmp_path, n):
    # the lines are laid out by a template, column by column: json.dumps' bytes
    events = awkward_frame(n)
    events.loc[0, "summary"] = "100% sure, %s and {braces}"
    events.loc[n - 1, "radius_km"] = float("inf")
    path = write_geojson(events, tmp_path / "lines.geojson", layout="lines")
    lines = path.read_text(encoding="utf-8").split("\n")[1:-2]
    features = to_geojson(events)["features"]
    assert [line.rstrip(",") for line in lines] == [
        json.dumps(f, ensure_ascii=False) for f in features
    ]


def repeating_frame(n: int = 700) -> pd.DataFrame:
    """``n`` rows whose values come back row after row and slice after slice (as a place's
    and a sentence's do in the mentions table), with signed zeros, NaN and None among
    them (NaN a radius only: a coordinate is never missing), text to quote or escape,
    and a column distinct in its first rows only."""
    frame = awkward_frame(n)
    places = [(0.0, -0.0, 0.0), (-0.0, 0.0, -0.0), (40.6815749, 46.3613451, 12.5),
              (1e-7, -1e-7, float("nan")), (-33.8688, 151.2093, 0.0)]  # fmt: skip
    texts = ['say "hi", then', "=SUM(A1)", "plain", None, "line\nbreak", "-0.0"]
    for i in range(n):
        lat, lon, radius = places[(i // 3) % len(places)]
        frame.loc[i, ["lat", "lon", "radius_km"]] = [lat, lon, radius]
        frame.loc[i, "summary"] = texts[(i // 2) % len(texts)]
        frame.loc[i, "actor1"] = f"actor {i}" if i < 300 else texts[i % len(texts)]
    return frame


def test_repeated_values_are_written_as_each_alone(tmp_path):
    # the writers make a repeated value's text once (a memo per column): the same bytes
    events = repeating_frame()
    path = write_geojson(events, tmp_path / "lines.geojson", layout="lines")
    lines = path.read_text(encoding="utf-8").split("\n")[1:-2]
    assert [line.rstrip(",") for line in lines] == [
        json.dumps(f, ensure_ascii=False) for f in to_geojson(events)["features"]
    ]
    path = write_csv(events, tmp_path / "events.csv")
    assert path.read_bytes() == reference_csv(events)


def test_text_of_a_str_subclass_is_written_as_text(tmp_path):
    # numpy.str_ values (a str subclass) are texts in every layout and in CSV
    events = repeating_frame(40)
    events["name"] = events["name"].astype(object)
    for i in range(0, 39, 3):
        events.loc[i, "name"] = np.str_(events.loc[i, "name"])
        events.loc[i + 1, "country_code"] = np.str_("AZ")
    path = write_geojson(events, tmp_path / "lines.geojson", layout="lines")
    lines = path.read_text(encoding="utf-8").split("\n")[1:-2]
    features = to_geojson(events)["features"]
    assert [line.rstrip(",") for line in lines] == [
        json.dumps(f, ensure_ascii=False) for f in features
    ]
    assert all(f["properties"]["name"] for f in features)
    assert write_csv(events, tmp_path / "events.csv").read_bytes() == reference_csv(events)
