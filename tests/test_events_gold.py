"""Format checks for benchmarks/events_gold.jsonl, the hand-annotated event gold (issue #17).

The gold references articles by id; the texts of LGL, GeoVirus and the seeds stay in
../shared and are read only when present (set GEOMAP_SHARED to point elsewhere).
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

from geomap.schema import EVENT_TYPES, SUB_EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "events_gold.jsonl"
SHARED = Path(os.environ.get("GEOMAP_SHARED", ROOT.parent / "shared"))
CORPORA = ("lgl", "geovirus", "examples", "seeds")
EVENT_KEYS = {
    "event_type", "sub_event_type", "place", "lat", "lon", "country_code", "date", "date_end",
    "fatalities", "wounded", "actor1", "actor2", "evidence", "evidence_span",
}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _gold() -> list[dict]:
    with GOLD.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _example_texts() -> dict[str, str]:
    ex = ROOT / "examples"
    texts = {p.stem: p.read_text(encoding="utf-8") for p in ex.glob("*.txt")}
    with (ex / "wire.jsonl").open(encoding="utf-8") as f:
        texts.update((d["id"], d["text"]) for d in map(json.loads, f))
    with (ex / "desk.csv").open(encoding="utf-8", newline="") as f:
        texts.update((r["id"], r["text"]) for r in csv.DictReader(f))
    return texts


def test_lines_and_articles():
    rows = _gold()
    keys = [(r["corpus"], r["id"]) for r in rows]
    assert len(keys) == len(set(keys)), "one line per article"
    for r in rows:
        assert set(r) == {"corpus", "id", "events"}
        assert r["corpus"] in CORPORA
        assert isinstance(r["events"], list)
    assert sum(not r["events"] for r in rows) >= 5, "articles with no event measure precision"
    assert sum(len(r["events"]) for r in rows) >= 150


def test_events_fields():
    for r in _gold():
        for e in r["events"]:
            where = f"{r['id']}: {e.get('place')}"
            assert set(e) == EVENT_KEYS, where
            assert e["event_type"] in EVENT_TYPES, where
            assert e["sub_event_type"] in SUB_EVENT_TYPES[e["event_type"]], where
            assert isinstance(e["place"], str) and e["place"], where
            assert -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180, where
            assert re.fullmatch(r"[A-Z]{2}", e["country_code"]), where
            for k in ("date", "date_end"):
                assert e[k] is None or DATE.match(e[k]), where
            if e["date_end"] is not None:
                assert e["date"] is not None and e["date_end"] >= e["date"], where
            for k in ("fatalities", "wounded"):
                assert e[k] is None or (isinstance(e[k], int) and e[k] >= 0), where
            for k in ("actor1", "actor2"):
                assert e[k] is None or isinstance(e[k], str), where
            start, end = e["evidence_span"]
            assert 0 <= start < end, where
            if r["corpus"] == "examples":
                assert isinstance(e["evidence"], str) and len(e["evidence"].split()) <= 14, where
            else:  # the shared corpora's text is not copied into the project
                assert e["evidence"] is None, where


def test_examples_ids_and_evidence():
    texts = _example_texts()
    for r in _gold():
        if r["corpus"] != "examples":
            continue
        assert r["id"] in texts, r["id"]
        for e in r["events"]:
            start, end = e["evidence_span"]
            assert texts[r["id"]][start:end] == e["evidence"], r["id"]


def _shared_texts() -> dict[tuple[str, str], str]:
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"{SHARED} not present")
    texts = {}
    for corpus in ("lgl", "geovirus"):
        with (SHARED / "eval" / f"{corpus}.jsonl").open(encoding="utf-8") as f:
            texts.update(((corpus, d["id"]), d["text"]) for d in map(json.loads, f))
    for p in (SHARED / "seeds").glob("*.txt"):
        texts[("seeds", p.stem)] = p.read_text(encoding="utf-8")
    return texts


def test_shared_ids_and_evidence_spans():
    texts = _shared_texts()
    for r in _gold():
        if r["corpus"] == "examples":
            continue
        key = (r["corpus"], r["id"])
        assert key in texts, key
        text = texts[key]
        for e in r["events"]:
            start, end = e["evidence_span"]
            assert end <= len(text), key
            assert 1 <= len(text[start:end].split()) <= 14, key
