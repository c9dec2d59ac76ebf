"""Where a build's wall time goes, by stage, with 1 and N workers.

Usage::

    python benchmarks/stages.py CORPUS.jsonl              # 1 and 2 workers, 3 rounds
    python benchmarks/stages.py CORPUS.jsonl --workers 2 --repeat 5

Each run is a fresh process that runs ``geomap.pipeline.run_build`` on the corpus into a
temporary folder and times its stages from process start: imports (start), the first
pass (publication dates), the second pass (the per-article work and taking in the
events), the events table, writing the four outputs, and the interpreter's exit. The
rounds are interleaved; the medians are printed, and the speed-up of each stage and of
the whole. Make a corpus as the harness does::

    python -c "from pathlib import Path; from geomap.bench import make_corpus; \\
    make_corpus(Path('../shared/eval'), 10000, Path('c10k.jsonl'))"
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

#: What is timed: process start, ``geomap.pipeline.STAGES`` but "staged" (part of
#: writing the outputs), the interpreter's exit.
STAGES = ("start", "first pass", "second pass", "events table", "outputs", "exit")


def _one(corpus: str, workers: int, out: str) -> dict[str, float]:
    """Run one build in this process; the end time of each stage, from process start.

    The stages are timed by ``run_build``'s ``on_stage`` callback, called as each of
    ``geomap.pipeline.STAGES`` ends.
    """
    import datetime as dt

    t0 = time.perf_counter()
    sys.path.insert(0, str(HERE.parent))
    from geomap.pipeline import run_build  # noqa: PLC0415

    ends: dict[str, float] = {"start": time.perf_counter() - t0}

    def stage_ended(name: str) -> None:
        ends[name] = time.perf_counter() - t0

    run_build(
        [corpus],
        out,
        today=dt.date(2026, 11, 1),
        progress=False,
        workers=workers,
        on_stage=stage_ended,
    )
    return ends


def _run(corpus: str, workers: int) -> dict[str, float]:
    """One build in a fresh process: each stage's duration, and the whole wall time."""
    with tempfile.TemporaryDirectory(prefix="geomap-stages-") as out:
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, __file__, corpus, "--one", str(workers), "--out", out],
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - t0
    ends = json.loads(proc.stdout.strip().splitlines()[-1])
    ends["exit"] = wall  # process start and exit: what the wall time adds to the stages
    durations, before = {}, 0.0
    for stage in STAGES:
        durations[stage] = ends[stage] - before
        before = ends[stage]
    durations["whole"] = wall
    return durations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(_one(args.corpus, args.one, args.out)))
        return 0
    counts = (1, args.workers)
    runs: dict[int, list[dict[str, float]]] = {n: [] for n in counts}
    for _ in range(args.repeat):
        for n in counts:
            runs[n].append(_run(args.corpus, n))
    median = {n: {k: statistics.median(r[k] for r in runs[n]) for k in runs[n][0]} for n in counts}
    print(f"{args.corpus}: median of {args.repeat} interleaved runs, wall s")
    print(f"| stage | 1 worker | {args.workers} workers | speed-up |")
    print("| --- | --- | --- | --- |")
    for stage in (*STAGES, "whole"):
        one, many = median[1][stage], median[args.workers][stage]
        ratio = f"{one / many:.2f}x" if many > 0.005 else ""
        print(f"| {stage} | {one:.2f} | {many:.2f} | {ratio} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
