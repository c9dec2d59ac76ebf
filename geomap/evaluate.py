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
from typing import Any, TypeGuard

from geomap.errors import InputError
from geomap.gazetteer import Gazetteer, distance_km

__all__ = [
    "GoldDoc",
    "Prediction",
    "Scores",
    "prf",
    "read_records",
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


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``matched`` predictions out of ``predicted``, against
    ``gold`` (each 0.0 when its denominator is 0).

    >>> prf(3, 4, 6)
    (0.75, 0.5, 0.6)
    """
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


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

    @property
    def exact(self) -> tuple[float, float, float]:
        """(precision, recall, F1) by exact span match."""
        return prf(self.exact_tp, self.predicted, self.gold)

    @property
    def overlap(self) -> tuple[float, float, float]:
        """(precision, recall, F1) by one-to-one overlap match."""
        return prf(self.overlap_tp, self.predicted, self.gold)

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


def read_records(path: str | Path, what: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each line of a JSON Lines file that is not blank.

    Parameters
    ----------
    path : str or pathlib.Path
        A JSON Lines file in UTF-8.
    what : str
        What its records are ("gold"), for the message on one that is not an object.

    Yields
    ------
    tuple of (int, dict)

    Raises
    ------
    InputError
        ``file:line: reason`` for a line that is not UTF-8, not JSON or not an object.
    """
    name = str(path)
    with open(path, "rb") as fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(name, f"not UTF-8 ({exc.reason} at byte {exc.start})", n) from None
            try:
                rec = json.loads(line)
            except RecursionError:
                raise InputError(name, "not valid JSON (too deeply nested)", n) from None
            except ValueError as exc:  # JSONDecodeError, or an integer of over 4,300 digits
                reason = getattr(exc, "msg", None) or str(exc)
                raise InputError(name, f"not valid JSON ({reason})", n) from None
            if not isinstance(rec, dict):
                raise InputError(name, f"a JSON {type(rec).__name__}, not a {what} object", n)
            yield n, rec


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _record_id(rec: dict[str, Any]) -> str:
    """A record's ``id`` as a string, or the reason it is not one (raised as ValueError)."""
    raw = rec.get("id")
    if isinstance(raw, str) and raw:
        return raw
    if _is_int(raw):
        return str(raw)
    raise ValueError("'id' is missing" if raw is None else f"'id' {raw!r} is not a string")


def _coordinates(t: dict[str, Any], k: int) -> None:
    """Raise ValueError unless toponym ``k`` has no coordinates or two valid ones."""
    lat, lon = t.get("lat"), t.get("lon")
    if lat is None and lon is None:
        return
    if not (_is_number(lat) and _is_number(lon)):
        raise ValueError(f"toponym {k}: 'lat' {lat!r} and 'lon' {lon!r} must both be numbers")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"toponym {k}: 'lat' {lat!r}, 'lon' {lon!r} out of range")


def _span(t: object, k: int, length: int | None) -> dict[str, Any]:
    """Toponym ``k`` checked: an object with integer ``start`` < ``end`` (inside the text
    when its ``length`` is known), and coordinates (``_coordinates``)."""
    if not isinstance(t, dict):
        raise ValueError(f"toponym {k} is a JSON {type(t).__name__}, not an object")
    start, end = t.get("start"), t.get("end")
    if not (_is_int(start) and _is_int(end)):
        raise ValueError(f"toponym {k}: 'start' {start!r} and 'end' {end!r} must be integers")
    if not 0 <= start < end or (length is not None and end > length):
        raise ValueError(f"toponym {k}: span {start}-{end} is not inside the text")
    _coordinates(t, k)
    return t


def _toponyms(rec: dict[str, Any], length: int | None) -> list[dict[str, Any]]:
    raw = rec.get("toponyms")
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError(f"'toponyms' is a JSON {type(raw).__name__}, not a list")
    return [_span(t, k, length) for k, t in enumerate(raw)]


def _gold_doc(rec: dict[str, Any]) -> GoldDoc:
    """The gold document of a record, or the reason it is none (raised as ValueError)."""
    doc_id = _record_id(rec)
    text = rec.get("text")
    if not isinstance(text, str):
        raise ValueError("'text' is missing" if text is None else "'text' is not a string")
    toponyms = _toponyms(rec, len(text))
    for k, t in enumerate(toponyms):
        if not isinstance(t.get("name"), str):
            raise ValueError(f"toponym {k}: 'name' is missing or not a string")
    return GoldDoc(doc_id, text, tuple(toponyms))


def read_gold(path: str | Path) -> Iterator[GoldDoc]:
    """Read a gold corpus: one JSON object per line, with ``id``, ``text``, ``toponyms``.

    Each toponym is an object with ``name``, integer ``start`` and ``end`` inside the text,
    and optional ``lat`` and ``lon`` (numbers, both or neither).

    Parameters
    ----------
    path : str or pathlib.Path
        A JSON Lines file in UTF-8.

    Yields
    ------
    GoldDoc
        Each document, in file order.

    Raises
    ------
    InputError
        ``file:line: reason`` for the first record that is malformed, or whose id an
        earlier record has (two documents under one id would be scored as one).
    """
    first: dict[str, int] = {}
    for n, rec in read_records(path, "gold"):
        try:
            doc = _gold_doc(rec)
        except ValueError as exc:
            raise InputError(str(path), f"not a gold record: {exc}", n) from None
        if doc.id in first:
            raise InputError(
                str(path), f"duplicate id {doc.id!r} (first on line {first[doc.id]})", n
            )
        first[doc.id] = n
        yield doc


def read_predictions(path: str | Path) -> dict[str, list[Prediction]]:
    """Read ``geomap extract`` output: {article id: predictions}.

    Raises
    ------
    InputError
        ``file:line: reason`` for the first record that is malformed, or whose id an
        earlier record has.
    """
    out: dict[str, list[Prediction]] = {}
    first: dict[str, int] = {}
    for n, rec in read_records(path, "geomap extract"):
        try:
            pred_id = _record_id(rec)
            spans = _toponyms(rec, None)
        except ValueError as exc:
            raise InputError(str(path), f"not a geomap extract record: {exc}", n) from None
        if pred_id in first:
            raise InputError(
                str(path), f"duplicate id {pred_id!r} (first on line {first[pred_id]})", n
            )
        first[pred_id] = n
        out[pred_id] = [Prediction(t["start"], t["end"], t.get("lat"), t.get("lon")) for t in spans]
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
