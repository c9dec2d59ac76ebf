"""Date accuracy: geomap's tagger vs dateparser on written cases, and the seeds' dated events.

Usage::

    python benchmarks/dates.py                 # both parts; seeds from ../shared/seeds
    python benchmarks/dates.py --seeds DIR     # another copy of the seed articles

Part 1 scores ``benchmarks/date_cases.jsonl`` (sentences written for geomap, each with an
anchor date and the expected start date and precision) with ``geomap.dates.tag_dates`` and,
when installed (``pip install dateparser``), ``dateparser.search.search_dates`` anchored the
same way. A case counts when the first date found equals the expected date at the expected
precision (dateparser has no precision: its date is compared at the expected precision).

Part 2 builds the events of the seed articles and checks the dated statements the seeds'
acceptance names (place, role, date, precision), plus each article's publication date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from geomap.dates import tag_dates  # noqa: E402
from geomap.models import iso_truncated  # noqa: E402

#: (place_id or name, role, date, precision) the seeds state; see the dates issue.
SEED_EXPECTED = [
    ("geonames:146970", "event", "2020-09-27", "day", "Stepanakert shelled"),
    ("Tovuz", "event", "2020-07-12", "day", "Tovuz clashes"),
    ("Washington", "event", "2020-10-23", "day", "Washington meetings"),
    ("Ganja", "event", "2020-10", "month", "missile strike on Ganja"),
    ("Mingachevir", "event", "2020-10", "month", "missile strike on Mingachevir"),
    ("Khizi", "event", "2020-10", "month", "missile strike on Khizi"),
    ("Abşeron", "event", "2020-10", "month", "missile strike on the Absheron district"),
    ("Nagorno-Karabakh", "background", "1988-02", "month", "conflict began February 1988"),
    ("Azerbaijan", "background", "1992", "year", "1992-1994 war (range start)"),
]
SEED_PUBLISHED = {
    "000_b0ebf7e386cf0ebf": ("2020-09-28", "header"),
    "001_b749875639bfeb8a": ("2020-09-27", "inferred"),
    "002_73ec65886ee4d785": ("2020-07-14", "inferred"),
    "003_0146fbb2a79d0c57": (None, "unknown"),
    "004_b56c73ee0fe4b283": ("2020-10-29", "header"),
}


def _cases() -> list[dict[str, str]]:
    with open(HERE / "date_cases.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score_geomap(cases: list[dict[str, str]]) -> tuple[int, float, list[str]]:
    ok, misses = 0, []
    t0 = time.perf_counter()
    for case in cases:
        anchor = dt.date.fromisoformat(case["anchor"])
        found = [e for e in tag_dates(case["text"], anchor) if e.value is not None]
        got = found[0].value if found else None
        want = dt.date.fromisoformat(case["expected"])
        if got is not None and got.start == want and got.precision == case["precision"]:
            ok += 1
        else:
            misses.append(f"{case['text']!r}: {got.iso() if got else None} ({case['expected']})")
    return ok, (time.perf_counter() - t0) / len(cases) * 1000, misses


def score_dateparser(cases: list[dict[str, str]]) -> tuple[int, float, list[str]] | None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    ok, misses = 0, []
    t0 = time.perf_counter()
    for case in cases:
        anchor = dt.datetime.fromisoformat(case["anchor"])
        found = search_dates(
            case["text"],
            languages=["en"],
            settings={"RELATIVE_BASE": anchor, "PREFER_DATES_FROM": "past"},
        )
        got = found[0][1].date() if found else None
        want = dt.date.fromisoformat(case["expected"])
        prec = "day" if case["precision"] == "week" else case["precision"]
        if got is not None and iso_truncated(got, prec) == iso_truncated(want, prec):
            ok += 1
        else:
            misses.append(f"{case['text']!r}: {got} ({case['expected']})")
    return ok, (time.perf_counter() - t0) / len(cases) * 1000, misses


def seeds(seeds_dir: Path) -> list[tuple[str, str, str, bool]] | None:
    if not seeds_dir.is_dir():
        return None
    from geomap.dates import decide_publication_dates, publication_evidence
    from geomap.ingest import iter_input_files, read_file
    from geomap.pipeline import build_events

    today = dt.date(2026, 11, 22)
    events = build_events([seeds_dir], today=today)
    rows = []
    for key, role, date, precision, what in SEED_EXPECTED:
        at = events[(events["name"] == key) | (events["place_id"] == key)]
        hit = at[(at["role"] == role) & (at["date"] == date) & (at["date_precision"] == precision)]
        rows.append(
            (what, f"{date} ({precision}, {role})", "yes" if len(hit) else "no", bool(len(hit)))
        )
    arts = [a for p in iter_input_files([seeds_dir]) if isinstance(p, Path) for a in read_file(p)]
    decided = decide_publication_dates(
        [publication_evidence(a) for a in arts if not isinstance(a, Exception)],  # type: ignore[arg-type]
        today=today,
    )
    for art_id, (date, source) in SEED_PUBLISHED.items():
        got = decided.get(art_id)
        ok = got is not None and (got[0].isoformat() if got[0] else None, got[1]) == (date, source)
        shown = f"{got[0]} ({got[1]})" if got else "missing"
        rows.append((f"publication date of {art_id[:3]}", f"{date} ({source})", shown, ok))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default=str(HERE.parent.parent / "shared" / "seeds"))
    args = parser.parse_args()
    cases = _cases()
    print(f"## Temporal expressions ({len(cases)} written cases)\n")
    print("| tagger | correct | accuracy | ms/case |\n|---|---|---|---|")
    ok, ms, misses = score_geomap(cases)
    print(f"| geomap.dates | {ok}/{len(cases)} | {ok / len(cases):.2f} | {ms:.2f} |")
    dp = score_dateparser(cases)
    if dp is None:
        print("| dateparser | not installed (`pip install dateparser`) | | |")
    else:
        print(f"| dateparser {_version()} search_dates | {dp[0]}/{len(cases)} | "
              f"{dp[0] / len(cases):.2f} | {dp[1]:.2f} |")  # fmt: skip
    for name, miss in (("geomap", misses), ("dateparser", dp[2] if dp else [])):
        for m in miss:
            print(f"- {name} missed {m}")
    rows = seeds(Path(args.seeds))
    print("\n## Seed articles: dated statements\n")
    if rows is None:
        print(f"(seeds not found at {args.seeds})")
        return 0
    print("| statement | expected | found | ok |\n|---|---|---|---|")
    for what, want, got, ok_ in rows:
        print(f"| {what} | {want} | {got} | {'✓' if ok_ else '✗'} |")
    good = sum(r[3] for r in rows)
    print(f"\n{good}/{len(rows)} correct")
    return 0


def _version() -> str:
    try:
        import dateparser

        return str(dateparser.__version__)
    except Exception:  # pragma: no cover
        return "?"


if __name__ == "__main__":
    raise SystemExit(main())
