"""How much of a corpus' distance error is a representative-point convention, not a wrong place.

Usage::

    python benchmarks/area_convention.py ../shared/eval/geovirus.jsonl
    python benchmarks/area_convention.py ../shared/eval/lgl.jsonl

Resolves every gold document as ``geomap evaluate`` does and, over gold toponyms with
coordinates that a prediction overlaps, counts those within 161 km and those resolved to an
area (country, first-level division, region, historical entity) whose point lies 161–400 km
from the gold point: the right area, placed by another convention (GeoVirus uses Wikipedia's
points, geomap GeoNames' and the centre of a division's towns). Prints both accuracies.
"""

from __future__ import annotations

import argparse
import sys
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
    args = parser.parse_args(argv)
    gazetteer = Gazetteer()
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


if __name__ == "__main__":
    raise SystemExit(main())
