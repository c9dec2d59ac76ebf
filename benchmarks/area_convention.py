"""How much of a corpus' distance error is a representative-point convention, not a wrong place.

Usage::

    python benchmarks/area_convention.py ../shared/eval/geovirus.jsonl
    python benchmarks/area_convention.py ../shared/eval/lgl.jsonl
    python benchmarks/area_convention.py ../shared/eval/geovirus.jsonl \
        --versus ../shared/eval/lgl.jsonl

Resolves every gold document as ``geomap evaluate`` does and, over gold toponyms with
coordinates that a prediction overlaps, counts those within 161 km and those resolved to an
area (country, first-level division, region, historical entity) whose point lies 161–400 km
from the gold point: the right area, placed by another convention (GeoVirus uses Wikipedia's
points, geomap GeoNames' and the centre of a division's towns). Prints both accuracies.

With ``--versus OTHER``, also compares the two corpora's own points: for every name both
annotate, the point each gives most often; where both points are nearest to the same
gazetteer place (one place, two conventions) and lie over 161 km apart, how many of the
first corpus' toponyms that affects. No single point per place can score within 161 km on
both corpora where the two are over 322 km apart.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geomap.evaluate import read_gold  # noqa: E402
from geomap.extract import find_toponyms, sentences  # noqa: E402
from geomap.gazetteer import Gazetteer, distance_km  # noqa: E402
from geomap.ingest import parse_article  # noqa: E402
from geomap.resolve import resolve_spans  # noqa: E402

AREAS = frozenset({"country", "admin1", "region", "historical"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="gold corpus: JSON lines with id, text, toponyms")
    parser.add_argument("--versus", help="another gold corpus whose points to compare")
    args = parser.parse_args(argv)
    gazetteer = Gazetteer()
    if args.versus:
        _versus(args.gold, args.versus, gazetteer)
    matched = within = area = 0
    for doc in read_gold(args.gold):
        art = parse_article(doc.id, doc.text)
        spans = find_toponyms(art, gazetteer, bounds=sentences(art.body))
        res = resolve_spans(spans, gazetteer, text=art.body)
        for g in doc.toponyms:
            if g.get("lat") is None:
                continue
            r = next((r for r in res if r.span.start < g["end"] and g["start"] < r.span.end), None)
            if r is None:
                continue
            matched += 1
            err = distance_km((g["lat"], g["lon"]), r.place.point)
            if err <= 161:
                within += 1
            elif err <= 400 and r.place.place_type in AREAS:
                area += 1
    if not matched:
        print("no matched toponyms with coordinates")
        return 1
    print(f"{args.gold}: {matched} matched toponyms with coordinates")
    print(f"within 161 km: {within} ({within / matched:.3f})")
    print(f"right area, point 161-400 km away: {area}")
    print(f"acc@161km counting those: {(within + area) / matched:.3f}")
    return 0


def _points(path: str) -> dict[str, Counter[tuple[float, float]]]:
    out: dict[str, Counter[tuple[float, float]]] = {}
    for doc in read_gold(path):
        for g in doc.toponyms:
            if g.get("lat") is not None:
                name = doc.text[g["start"] : g["end"]]
                out.setdefault(name, Counter())[(g["lat"], g["lon"])] += 1
    return out


def _nearest(gazetteer: Gazetteer, name: str, point: tuple[float, float]) -> str | None:
    cands = gazetteer.lookup(name)
    if not cands:
        return None
    return min(cands, key=lambda c: distance_km(point, c.place.point)).place.place_id


def _versus(gold: str, other: str, gazetteer: Gazetteer) -> None:
    mine, theirs = _points(gold), _points(other)
    shared = sorted(set(mine) & set(theirs), key=lambda n: -sum(mine[n].values()))
    total = sum(sum(mine[n].values()) for n in shared)
    apart = []
    for name in shared:
        here = mine[name].most_common(1)[0][0]
        there = theirs[name].most_common(1)[0][0]
        km = distance_km(here, there)
        same = _nearest(gazetteer, name, here)
        if km > 161 and same is not None and same == _nearest(gazetteer, name, there):
            apart.append((name, sum(mine[name].values()), here, there, km))
    print(f"{gold} vs {other}: {len(shared)} names annotated in both ({total} toponyms here)")
    print(
        f"the same place, its usual points over 161 km apart: {len(apart)} names, "
        f"{sum(a[1] for a in apart)} toponyms here"
    )
    for name, n, here, there, km in apart:
        print(f"  {name:<28} {n:>4}  {here} vs {there}  {km:.0f} km")


if __name__ == "__main__":
    raise SystemExit(main())
