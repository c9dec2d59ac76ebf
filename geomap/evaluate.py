"""Scoring toponym recognition and resolution against a human-annotated corpus.

Metrics follow Gritta et al. (2018, "What's missing in geographical parsing?"):

* recognition precision, recall and F1, by **exact** span match and by **overlap** match
  (each gold toponym matched at most once, each prediction at most once);
* over correctly recognised toponyms (overlap match) that have gold coordinates:
  accuracy@161km, mean and median error in km, and the AUC of ln(1 + error), scaled by
  ln(20039) (half the Earth's circumference), lower is better.

Demonyms ("American", "Russian") are not places for geomap and the corpora disagree on them
(LGL annotates them, GeoVirus does not). With ``drop_demonyms`` (the default), gold toponyms
that are a country's demonym or its plural are dropped, and predictions overlapping them
count neither way. Figures are reported with and without the rule.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from geomap.errors import InputError
from geomap.gazetteer import Gazetteer, distance_km

__all__ = [
    "GoldDoc",
    "Prediction",
    "Scores",
    "read_gold",
    "read_predictions",
    "predict",
    "score",
    "auc_of_errors",
]

#: ln of half the Earth's circumference in km: the largest possible error.
_MAX_LN = math.log(20039)


@dataclass(frozen=True)
class Prediction:
    """A predicted toponym: span, and coordinates (None when not resolved)."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class GoldDoc:
    """One annotated document."""

    id: str
    text: str
    toponyms: tuple[dict[str, Any], ...]


@dataclass
class Scores:
    """Recognition and resolution figures for one corpus."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    exact_tp: int = 0
    overlap_tp: int = 0
    resolved: int = 0
    within_161: int = 0
    mean_km: float | None = None
    median_km: float | None = None
    auc: float | None = None

    @staticmethod
    def _prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def exact(self) -> tuple[float, float, float]:
        """(precision, recall, F1) by exact span match."""
        return self._prf(self.exact_tp, self.predicted, self.gold)

    @property
    def overlap(self) -> tuple[float, float, float]:
        """(precision, recall, F1) by one-to-one overlap match."""
        return self._prf(self.overlap_tp, self.predicted, self.gold)

    @property
    def accuracy_161(self) -> float | None:
        """Share of resolved, correctly recognised toponyms within 161 km of gold."""
        return self.within_161 / self.resolved if self.resolved else None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for name in ("exact", "overlap"):
            p, r, f = getattr(self, name)
            out[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}
        acc = self.accuracy_161
        out["accuracy_161"] = None if acc is None else round(acc, 4)
        for key in ("mean_km", "median_km", "auc"):
            if out[key] is not None:
                out[key] = round(out[key], 4 if key == "auc" else 1)
        return out


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    """Read a gold corpus (one JSON object per line: id, text, toponyms)."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                yield GoldDoc(str(rec["id"]), rec["text"], tuple(rec.get("toponyms") or ()))
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(str(path), f"not a gold record ({exc})", n) from exc


def read_predictions(path: str | Path) -> dict[str, list[Prediction]]:
    """Read ``geomap extract`` output: {article id: predictions}."""
    out: dict[str, list[Prediction]] = {}
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out[str(rec["id"])] = [
                    Prediction(int(t["start"]), int(t["end"]), t.get("lat"), t.get("lon"))
                    for t in rec.get("toponyms") or ()
                ]
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(str(path), f"not a geomap extract record ({exc})", n) from exc
    return out


def predict(doc: GoldDoc, gazetteer: Gazetteer) -> list[Prediction]:
    """geomap's toponyms for a gold document's text (offsets into that text).

    The document is read as ``geomap extract`` reads a JSONL record with its ``id`` and
    ``text`` alone, and geoparsed by ``geomap.geoparse.geoparse``: what is scored is what
    ``geomap build`` and ``geomap extract`` ship.
    """
    from geomap.geoparse import geoparse
    from geomap.ingest import parse_article

    article = parse_article(doc.id, doc.text)
    return [
        Prediction(r.span.start, r.span.end, r.place.lat, r.place.lon)
        for r in geoparse(article, gazetteer)
    ]


def auc_of_errors(errors: Sequence[float]) -> float | None:
    """Area under the curve of sorted ln(1 + error) / ln(20039) (trapezoid rule)."""
    if not errors:
        return None
    if len(errors) == 1:
        return math.log1p(errors[0]) / _MAX_LN
    ys = [math.log1p(e) / _MAX_LN for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (len(ys) - 1)


def score(
    docs: Iterable[GoldDoc],
    predictions: Callable[[GoldDoc], Sequence[Prediction]],
    *,
    is_demonym: Callable[[str], bool] | None = None,
) -> Scores:
    """Score predictions against gold documents.

    Parameters
    ----------
    docs : iterable of GoldDoc
        The gold corpus.
    predictions : callable
        Gives the predictions for a document.
    is_demonym : callable, optional
        When given, gold toponyms for which it is true are dropped and predictions
        overlapping them count neither way (the demonym rule).
    """
    s = Scores()
    errors: list[float] = []
    for doc in docs:
        s.documents += 1
        gold = list(doc.toponyms)
        ignored: list[tuple[int, int]] = []
        if is_demonym is not None:
            kept = []
            for g in gold:
                if is_demonym(g["name"]):
                    ignored.append((g["start"], g["end"]))
                else:
                    kept.append(g)
            gold = kept
        preds = [
            p for p in predictions(doc) if not any(p.start < e and st < p.end for st, e in ignored)
        ]
        s.gold += len(gold)
        s.predicted += len(preds)
        exact = {(g["start"], g["end"]) for g in gold}
        s.exact_tp += sum((p.start, p.end) in exact for p in set(preds))
        used: set[int] = set()
        for p in sorted(preds, key=lambda p: (p.start, p.end)):
            for k, g in enumerate(gold):
                if k in used or not (p.start < g["end"] and g["start"] < p.end):
                    continue
                used.add(k)
                s.overlap_tp += 1
                if g.get("lat") is not None and p.lat is not None and p.lon is not None:
                    errors.append(distance_km((g["lat"], g["lon"]), (p.lat, p.lon)))
                break
    s.resolved = len(errors)
    s.within_161 = sum(e <= 161 for e in errors)
    if errors:
        s.mean_km = statistics.fmean(errors)
        s.median_km = statistics.median(errors)
        s.auc = auc_of_errors(errors)
    return s
