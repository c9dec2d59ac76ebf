"""Accuracy floors: no change may lose accuracy on LGL or GeoVirus silently.

``geomap evaluate CORPUS --json`` is run in-process on the annotated corpora of
``../shared/eval`` (skipped when absent) and its headline figures (the demonym rule on)
must stay at or above the floors below: the figures of 2026-12-07 rounded down by about
0.005, room for noise such as small scoring changes, not for a lost feature. Reproduce the
figures with ``geomap evaluate ../shared/eval/lgl.jsonl --json`` (and ``geovirus.jsonl``);
they were F1 0.8159 / 0.9341 and acc@161 0.8862 / 0.8648. Raise a floor when accuracy rises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.shared

#: corpus -> (overlap F1, accuracy within 161 km) floors, demonym rule on
FLOORS = {
    "lgl": (0.81, 0.88),
    "geovirus": (0.93, 0.86),
}


def _evaluate(capsys: pytest.CaptureFixture[str], path: Path) -> dict:
    from geomap.cli import main

    status = main(["evaluate", str(path), "--json"])
    out, err = capsys.readouterr()
    assert status == 0, err
    return json.loads(out)["demonyms_excluded"]


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_accuracy_stays_above_its_floor(eval_corpora, gazetteer, capsys, corpus):
    paths = {path.stem: path for path in eval_corpora}
    if corpus not in paths:
        pytest.skip(f"../shared/eval/{corpus}.jsonl not present")
    figures = _evaluate(capsys, paths[corpus])
    f1_floor, acc_floor = FLOORS[corpus]
    f1, acc = figures["overlap"]["f1"], figures["accuracy_161"]
    assert f1 >= f1_floor, f"{corpus}: F1 {f1} fell below its floor {f1_floor}"
    assert acc >= acc_floor, f"{corpus}: acc@161 {acc} fell below its floor {acc_floor}"
