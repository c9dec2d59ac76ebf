"""CPU seconds of a one-worker build, by stage, for checkouts side by side.

Usage::

    python benchmarks/build_cpu.py CORPUS.jsonl --checkout ../base --checkout . --repeat 3

Each run is a fresh process that imports geomap from one checkout, builds the corpus with
one worker into a temporary folder and adds up the CPU time (``time.process_time``) spent
in the functions of each stage: the first pass, the per-article work (places, dates and
roles of the mentions), finding each article's events, the events table and the
outputs. CPU time, unlike wall time, hardly moves when other processes share the cores,
so two checkouts can be compared on a busy machine; the runs are interleaved and the
medians printed. A checkout from before the ``geomap/pipeline/`` package (9cb0e94) is
timed by its own function names, and has no separate event stage.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

#: The stages, in order.
STAGES = ("first pass", "per-article", "article events", "events table", "outputs", "total")

#: What a child process runs: times the stage functions of the checkout it imports.
_CHILD = r"""
import datetime as dt, functools, importlib, json, sys, tempfile, time
spent = dict.fromkeys(%(stages)r, 0.0)

def timed(module, name, stage):
    mod = importlib.import_module(module)
    owner, attr = mod, name
    if "." in name:
        cls, attr = name.split(".")
        owner = getattr(mod, cls)
    func = getattr(owner, attr)

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[stage] += time.process_time() - start

    setattr(owner, attr, wrapper)

start = time.process_time()
import geomap.pipeline as pipeline
if hasattr(pipeline, "_build"):  # geomap/pipeline.py, one module
    timed("geomap.pipeline", "_first_pass", "first pass")
    timed("geomap.pipeline", "process_article", "per-article")
    timed("geomap.events", "Aggregator.frame", "events table")
    timed("geomap.pipeline", "_write_outputs", "outputs")
else:
    timed("geomap.pipeline.passes", "first_pass", "first pass")
    timed("geomap.pipeline.passes", "_analysed", "per-article")
    timed("geomap.events.find", "article_events", "article events")  # imported where used
    timed("geomap.events.aggregate", "Aggregator.frames", "events table")
    timed("geomap.pipeline.output", "write_outputs", "outputs")
pipeline.run_build([sys.argv[1]], tempfile.mkdtemp(), today=dt.date(2026, 11, 1),
                   progress=False, workers=1)
spent["total"] = time.process_time() - start
print(json.dumps(spent))
"""


def _run(corpus: str, checkout: Path) -> dict[str, float]:
    """One build in a fresh process importing geomap from ``checkout``."""
    env = dict(os.environ, PYTHONPATH=str(checkout))
    code = _CHILD % {"stages": STAGES}
    proc = subprocess.run(
        [sys.executable, "-c", code, corpus],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=checkout,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--checkout", action="append", type=Path, default=[])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    checkouts = [c.resolve() for c in args.checkout] or [Path(__file__).resolve().parents[1]]
    corpus = str(Path(args.corpus).resolve())
    runs: dict[Path, list[dict[str, float]]] = {c: [] for c in checkouts}
    for _ in range(args.repeat):
        for checkout in checkouts:
            runs[checkout].append(_run(corpus, checkout))
    print(f"{args.corpus}: CPU s of a one-worker build, median of {args.repeat} interleaved runs")
    print("| stage | " + " | ".join(c.name for c in checkouts) + " |")
    print("| --- |" + " --- |" * len(checkouts))
    for stage in STAGES:
        cells = [f"{statistics.median(r[stage] for r in runs[c]):.2f}" for c in checkouts]
        print(f"| {stage} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
