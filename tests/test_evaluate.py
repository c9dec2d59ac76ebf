"""Scoring on a small hand-checked fixture, and the evaluate command."""

import json
import math
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.evaluate import auc_of_errors, read_gold, read_predictions, score

DATA = Path(__file__).resolve().parent / "data" / "eval"
DEMONYMS = {"Azerbaijani", "Russian"}


def scores(rule: bool):
    preds = read_predictions(DATA / "pred.jsonl")
    docs = list(read_gold(DATA / "gold.jsonl"))
    for d in docs:  # the fixture's offsets are right
        for t in d.toponyms:
            assert d.text[t["start"] : t["end"]] == t["name"]
    return score(docs, lambda d: preds[d.id], is_demonym=DEMONYMS.__contains__ if rule else None)


def test_scores_with_the_demonym_rule():
    s = scores(True)
    assert (s.gold, s.predicted, s.exact_tp, s.overlap_tp) == (4, 4, 2, 3)
    assert s.overlap == pytest.approx((0.75, 0.75, 0.75))
    assert s.exact[0] == pytest.approx(0.5)
    assert s.resolved == 3 and s.within_161 == 2  # Baku is placed ~180 km off
    assert s.accuracy_161 == pytest.approx(2 / 3)
    assert s.median_km == pytest.approx(0.0)
    assert 170 < s.mean_km * 3 < 200  # (0 + ~179 + 0) / 3


def test_scores_without_the_rule_count_demonyms_as_missed():
    s = scores(False)
    assert (s.gold, s.overlap_tp) == (6, 3)
    assert s.overlap[1] == pytest.approx(0.5)


def test_auc_of_errors():
    assert auc_of_errors([]) is None
    assert auc_of_errors([0.0, 0.0]) == 0.0
    worst = auc_of_errors([20039.0, 20039.0])
    assert worst == pytest.approx(math.log1p(20039) / math.log(20039))


def test_evaluate_command_scores_a_saved_extract(capsys):
    gold, pred = str(DATA / "gold.jsonl"), str(DATA / "pred.jsonl")
    code = main(["evaluate", gold, "--pred", pred, "--json"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["demonyms_excluded"]["overlap"]["f1"] == 0.75
    assert out["all_gold"]["overlap"]["recall"] == 0.5
