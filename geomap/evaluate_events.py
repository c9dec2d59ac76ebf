"""Event precision and recall against a hand-annotated event gold (``geomap evaluate-events``).

The gold (``benchmarks/events_gold.jsonl``) is one JSON line per article: ``corpus``, ``id``
and its ``events`` (``event_type``, ``sub_event_type``, ``place``, ``lat``, ``lon``,
``country_code``, ``date``, ``date_end``, ``fatalities``, ``wounded``…); an article with no
event has ``"events": []``. Each corpus is built with geomap (``build_events``) and an
article's predicted events are those whose ``articles`` list it.

Within an article a predicted event **matches** a gold event when

* the types agree (``event_type``);
* the places agree: within 161 km (100 miles, the usual geoparsing threshold), or one
  contains the other — the predicted place is a country and the gold place is in it, or the
  gold point lies within the predicted area's radius, or the gold place is a country
  (by its name in the gazetteer) holding the predicted one;
* the dates agree: the gold has none (the text gives none: only type and place are
  checked), or both ranges (a date truncated to its precision, to ``date_end`` if any)
  overlap.

Matching is one-to-one, nearest first. Precision is matched / predicted, recall matched /
gold, over the articles of the gold only. **Type accuracy** is measured on the pairs that
match on place and date alone (what share of them has the right type and sub-type);
**fatality accuracy** on the matched pairs where the gold states a count (the share where
the prediction states the same number).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.evaluate import prf, read_records

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MATCH_KM",
    "DEFAULT_CORPORA",
    "EventScore",
    "read_gold",
    "predicted_by_article",
    "score_events",
    "evaluate_events",
    "corpus_paths",
    "format_report",
    "run",
]

#: Distance within which two places agree.
MATCH_KM = 161.0
#: Where each corpus of the gold is read from, relative to the repository's root.
DEFAULT_CORPORA: dict[str, str] = {
    "lgl": "../shared/eval/lgl.jsonl",
    "geovirus": "../shared/eval/geovirus.jsonl",
    "seeds": "../shared/seeds",
    "examples": "examples",
}


@dataclass
class EventScore:
    """Counts of one scoring; the rates are properties."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    #: pairs matched on place and date alone, and those of them with the right type / sub-type
    located: int = 0
    same_type: int = 0
    same_sub_type: int = 0
    #: matched pairs whose gold states fatalities, and those the prediction states the same
    counted: int = 0
    same_count: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        """Matched / predicted."""
        return prf(self.matched, self.predicted, self.gold)[0]

    @property
    def recall(self) -> float:
        """Matched / gold."""
        return prf(self.matched, self.predicted, self.gold)[1]

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return prf(self.matched, self.predicted, self.gold)[2]

    def add(self, other: EventScore) -> None:
        """Add another scoring's counts to this one."""
        for name in ("gold", "predicted", "matched", "located", "same_type", "same_sub_type",
                     "counted", "same_count"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for etype, counts in other.by_type.items():
            mine = self.by_type.setdefault(etype, [0, 0, 0])
            for k in range(3):
                mine[k] += counts[k]

    def to_dict(self) -> dict[str, Any]:
        """The counts and rates (rounded to 3 places), JSON-ready."""

        def rate(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "located": self.located,
            "type_accuracy": rate(self.same_type, self.located),
            "sub_type_accuracy": rate(self.same_sub_type, self.located),
            "fatalities_stated": self.counted,
            "fatality_accuracy": rate(self.same_count, self.counted),
            "by_type": {
                t: {
                    "gold": g,
                    "predicted": p,
                    "matched": m,
                    "precision": rate(m, p),
                    "recall": rate(m, g),
                }
                for t, (g, p, m) in sorted(self.by_type.items())
            },  # fmt: skip
        }


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold's lines (one article each), in file order.

    Raises
    ------
    InputError
        ``file:line: reason`` for a line that is not UTF-8, not JSON or not an object.
    """
    return [rec for _, rec in read_records(path, "events gold")]


def _range(
    date: str | None, end: str | None, precision: str | None = None
) -> tuple[dt.date, dt.date] | None:
    """The days an ISO date truncated to its precision covers (to ``end`` if given)."""
    if not isinstance(date, str) or not date:
        return None
    if not isinstance(precision, str):
        precision = None
    from geomap.models import period_end

    parts = [int(p) for p in str(date).split("-")]
    kind = precision or {1: "year", 2: "month", 3: "day"}[len(parts)]
    start = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    last = period_end(start, kind)
    if isinstance(end, str) and end:
        tail = _range(end, None, None if precision in (None, "week") else precision)
        if tail is not None:
            last = max(last, tail[1])
    return start, last


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = (
        math.sin((la2 - la1) / 2) ** 2
        + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def predicted_by_article(events: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The predicted events of each article id (an event lists every article reporting it)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for rec in events.to_dict("records"):
        for article in rec["articles"]:
            out.setdefault(str(article), []).append(rec)
    return out


def _place_ok(
    gold: Mapping[str, Any],
    pred: Mapping[str, Any],
    is_country: Callable[[Mapping[str, Any]], bool],
) -> float | None:
    """The distance (km) when the places agree, else None."""
    km = _km((float(gold["lat"]), float(gold["lon"])), (float(pred["lat"]), float(pred["lon"])))
    if km <= MATCH_KM:
        return km
    if (
        pred["place_type"] == "country"
        and pred["country_code"]
        and pred["country_code"] == gold.get("country_code")
    ):
        return km
    radius = pred.get("radius_km")
    if (
        radius is not None
        and not (isinstance(radius, float) and math.isnan(radius))
        and km <= float(radius)
    ):
        return km
    if (
        gold.get("country_code")
        and gold["country_code"] == pred["country_code"]
        and is_country(gold)
    ):
        return km
    return None


def _date_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g = _range(gold.get("date"), gold.get("date_end"))
    if g is None:
        return True
    p = _range(pred.get("date"), pred.get("date_end"), pred.get("date_precision"))
    return p is not None and p[0] <= g[1] and g[0] <= p[1]


def _pairs(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]], *, typed: bool,
           is_country: Callable[[Mapping[str, Any]], bool]) -> list[tuple[int, int]]:  # fmt: skip
    """One-to-one matches (gold index, predicted index), nearest first."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if typed and g["event_type"] != p["event_type"]:
                continue
            km = _place_ok(g, p, is_country)
            if km is not None and _date_ok(g, p):
                candidates.append((km, i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _distance, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out.append((i, j))
    return out


def score_events(
    gold_lines: Iterable[Mapping[str, Any]],
    predicted: Mapping[tuple[str, str], Sequence[Mapping[str, Any]]],
    *,
    is_country: Callable[[Mapping[str, Any]], bool] = lambda g: False,
) -> dict[str, EventScore]:
    """Score predicted events against the gold, per corpus and in all (key ``"all"``).

    Parameters
    ----------
    gold_lines : iterable of dict
        The gold's lines (``read_gold``).
    predicted : mapping
        ``{(corpus, article id): [event record, ...]}`` with the columns of
        ``geomap.schema.EVENT_COLUMNS``.
    is_country : callable
        Whether a gold event's place is a country (then it contains the places of its
        country).
    """
    scores: dict[str, EventScore] = {"all": EventScore()}
    for line in gold_lines:
        gold = line["events"]
        pred = list(predicted.get((line["corpus"], str(line["id"])), ()))
        s = EventScore(gold=len(gold), predicted=len(pred))
        matched = _pairs(gold, pred, typed=True, is_country=is_country)
        s.matched = len(matched)
        for g in gold:
            s.by_type.setdefault(g["event_type"], [0, 0, 0])[0] += 1
        for p in pred:
            s.by_type.setdefault(p["event_type"], [0, 0, 0])[1] += 1
        for i, j in matched:
            s.by_type[gold[i]["event_type"]][2] += 1
            if gold[i].get("fatalities") is not None:
                s.counted += 1
                n = pred[j].get("fatalities")
                s.same_count += int(
                    n is not None and not _isna(n) and int(n) == int(gold[i]["fatalities"])
                )
        located = _pairs(gold, pred, typed=False, is_country=is_country)
        s.located = len(located)
        s.same_type = sum(gold[i]["event_type"] == pred[j]["event_type"] for i, j in located)
        s.same_sub_type = sum(
            gold[i]["event_type"] == pred[j]["event_type"]
            and gold[i].get("sub_event_type") == pred[j]["sub_event_type"]
            for i, j in located
        )
        scores.setdefault(line["corpus"], EventScore()).add(s)
        scores["all"].add(s)
    return scores


def _isna(value: Any) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def evaluate_events(
    gold_path: str | Path,
    corpora: Mapping[str, str | Path],
    *,
    build: Callable[[Path], pd.DataFrame],
    is_country: Callable[[Mapping[str, Any]], bool] = lambda g: False,
) -> dict[str, Any]:
    """Build each corpus the gold refers to and score its events against the gold.

    Parameters
    ----------
    gold_path : path
        The gold (JSON lines).
    corpora : mapping
        Where each corpus named in the gold is (a file or a folder).
    build : callable
        Makes the events DataFrame of a corpus (``geomap.pipeline.build_events``, say).
    is_country : callable
        See ``score_events``.

    Returns
    -------
    dict
        ``{"corpora": {name: scores}, "all": scores, "events_built": {name: n}}``.
    """
    gold = read_gold(gold_path)
    names = sorted({line["corpus"] for line in gold})
    missing = [n for n in names if n not in corpora or not Path(corpora[n]).exists()]
    if missing:
        raise FileNotFoundError(
            "corpus not found: "
            + ", ".join(f"{n} ({corpora.get(n, 'no path given')})" for n in missing)
        )
    predicted: dict[tuple[str, str], list[dict[str, Any]]] = {}
    built: dict[str, int] = {}
    for name in names:
        events = build(Path(corpora[name]))
        built[name] = len(events)
        for article, records in predicted_by_article(events).items():
            predicted[name, article] = records
    scores = score_events(gold, predicted, is_country=is_country)
    return {
        "gold": str(gold_path),
        "articles": len(gold),
        "events_built": built,
        "all": scores.pop("all").to_dict(),
        "corpora": {name: s.to_dict() for name, s in sorted(scores.items())},
    }


def corpus_paths(specs: Sequence[str], root: str | Path = ".") -> dict[str, Path]:
    """``DEFAULT_CORPORA`` (relative to ``root``) overridden by ``NAME=PATH`` specs.

    Raises
    ------
    ValueError
        For a spec without ``=``.
    """
    paths = {name: Path(root) / rel for name, rel in DEFAULT_CORPORA.items()}
    for spec in specs:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise ValueError(f"--corpus takes NAME=PATH, not {spec!r}")
        paths[name] = Path(path)
    return paths


def format_report(report: Mapping[str, Any]) -> str:
    """The scores as a Markdown table: all, then each corpus."""
    head = (
        "| corpus | gold | predicted | matched | precision | recall | F1 | type acc. "
        "| sub-type acc. | fatality acc. |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: | ---: | ---: |"
    )
    rows = [head]
    named = [("all", report["all"]), *report["corpora"].items()]
    for name, s in named:

        def cell(value: Any) -> str:
            return (
                "–" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
            )

        fat = f"{cell(s['fatality_accuracy'])} (of {s['fatalities_stated']})"
        rows.append(
            f"| {name} | {s['gold']} | {s['predicted']} | {s['matched']} | {cell(s['precision'])} "
            f"| {cell(s['recall'])} | {cell(s['f1'])} | {cell(s['type_accuracy'])} "
            f"| {cell(s['sub_type_accuracy'])} | {fat} |"
        )
    rows.append("")
    rows.append("| event_type (all corpora) | gold | predicted | matched | precision | recall |")
    rows.append("| --- | ---: | ---: | ---: | ---: | ---: |")
    for etype, t in report["all"]["by_type"].items():
        p = "–" if t["precision"] is None else f"{t['precision']:.3f}"
        r = "–" if t["recall"] is None else f"{t['recall']:.3f}"
        rows.append(f"| {etype} | {t['gold']} | {t['predicted']} | {t['matched']} | {p} | {r} |")
    return "\n".join(rows) + "\n"


def run(
    gold_path: str | Path,
    corpora: Mapping[str, Path],
    *,
    gazetteer_path: str | None = None,
    workers: int = 1,
    as_json: bool = False,
) -> str:
    """``geomap evaluate-events``: build each corpus with geomap, score, and return the
    text to print (a Markdown table, or JSON with ``as_json``)."""
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import build_events

    gazetteer = Gazetteer(gazetteer_path) if gazetteer_path else Gazetteer()

    def build(path: Path) -> pd.DataFrame:
        return build_events(path, gazetteer=gazetteer, progress=False, workers=workers)

    def is_country(gold: Mapping[str, Any]) -> bool:
        return any(
            c.place.place_type == "country" and c.place.country_code == gold.get("country_code")
            for c in gazetteer.lookup(str(gold.get("place", "")))
        )

    report = evaluate_events(gold_path, corpora, build=build, is_country=is_country)
    if as_json:
        return json.dumps(report, indent=1, sort_keys=True) + "\n"
    return format_report(report)
