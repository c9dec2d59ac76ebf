"""Event scoring: type, place within 161 km or containing, date agreement; one-to-one."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from geomap.evaluate_events import evaluate_events, predicted_by_article, score_events


def gold_event(**kw):
    ev = {"event_type": "battles", "sub_event_type": "armed_clash", "place": "Tovuz",
          "lat": 40.99, "lon": 45.63, "country_code": "AZ", "date": "2020-07-12",
          "date_end": None, "fatalities": 4, "wounded": None}  # fmt: skip
    ev.update(kw)
    return ev


def pred_event(**kw):
    ev = {"event_type": "battles", "sub_event_type": "armed_clash", "name": "Tovuz",
          "lat": 40.99, "lon": 45.63, "country_code": "AZ", "place_type": "populated_place",
          "radius_km": 0.0, "date": "2020-07-12", "date_end": None, "date_precision": "day",
          "fatalities": 4, "articles": ("s1",)}  # fmt: skip
    ev.update(kw)
    return ev


def score(gold, pred):
    return score_events([{"corpus": "c", "id": "s1", "events": gold}], {("c", "s1"): pred})["all"]


def test_an_exact_match():
    s = score([gold_event()], [pred_event()])
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert s.same_count == s.counted == 1 and s.same_type == s.located == 1


@pytest.mark.parametrize(
    ("pred", "matched"),
    [
        (pred_event(lat=41.5, lon=46.2), 1),  # ~75 km away
        (pred_event(lat=43.0, lon=48.0), 0),  # ~300 km away
        (pred_event(lat=40.1, lon=47.6, place_type="country", radius_km=300.0), 1),  # Azerbaijan
        (pred_event(event_type="explosions_remote_violence"), 0),
        (pred_event(date="2020-07-13"), 0),
        (pred_event(date="2020-07", date_precision="month"), 1),
        (pred_event(date="2020-07-10", date_end="2020-07-12"), 1),
        (pred_event(date=None, date_precision=None), 0),
    ],
)
def test_what_matches(pred, matched):
    assert score([gold_event()], [pred]).matched == matched


def test_an_undated_gold_event_checks_type_and_place_only():
    assert score([gold_event(date=None)], [pred_event(date="2021-01-01")]).matched == 1


def test_matching_is_one_to_one_and_type_accuracy_is_on_located_pairs():
    s = score([gold_event()], [pred_event(), pred_event(fatalities=9)])
    assert (s.matched, s.predicted, s.precision) == (1, 2, 0.5)
    s = score([gold_event()], [pred_event(event_type="riots", sub_event_type="mob_violence")])
    assert (s.matched, s.located, s.same_type) == (0, 1, 0)


def test_an_article_without_events_counts_against_precision():
    s = score_events([{"corpus": "c", "id": "none", "events": []}],
                     {("c", "none"): [pred_event()]})["all"]  # fmt: skip
    assert (s.gold, s.predicted, s.matched, s.precision) == (0, 1, 0, 0.0)


def test_evaluate_events_builds_each_corpus(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"corpus": "c", "id": "s1", "events": [gold_event()]}) + "\n")
    (tmp_path / "c").mkdir()
    frame = pd.DataFrame([pred_event()])
    assert list(predicted_by_article(frame)) == ["s1"]
    report = evaluate_events(gold, {"c": tmp_path / "c"}, build=lambda path: frame)
    assert report["all"]["f1"] == 1.0 and report["events_built"] == {"c": 1}
    with pytest.raises(FileNotFoundError):
        evaluate_events(gold, {"c": tmp_path / "missing"}, build=lambda path: frame)


def test_corpus_paths_and_the_report_table(tmp_path):
    from geomap.evaluate_events import corpus_paths, format_report

    paths = corpus_paths(["lgl=/data/lgl.jsonl"], root=tmp_path)
    assert paths["lgl"] == Path("/data/lgl.jsonl") and paths["examples"] == tmp_path / "examples"
    with pytest.raises(ValueError):
        corpus_paths(["lgl"])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"corpus": "c", "id": "s1", "events": [gold_event()]}) + "\n")
    (tmp_path / "c").mkdir()
    report = evaluate_events(
        gold, {"c": tmp_path / "c"}, build=lambda p: pd.DataFrame([pred_event()])
    )
    table = format_report(report)
    assert (
        "| all | 1 | 1 | 1 | 1.000 | 1.000 | 1.000 |" in table
        and "| battles | 1 | 1 | 1 |" in table
    )
