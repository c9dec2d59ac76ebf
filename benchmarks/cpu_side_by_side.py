"""CPU seconds of one geomap command in two checkouts, interleaved (issue #17's throughput check).

    python benchmarks/cpu_side_by_side.py ../main . --rounds 5 -- build c2000.jsonl -q

runs ``python -m geomap <command> -o <tmp>`` in checkout A, then in B, ``--rounds`` times,
and prints each run's CPU seconds (user + system of the command and every process it
starts: workers included) and wall seconds, their medians and B's ratio to A. CPU time
is what a shared machine's load disturbs least: wall time on two shared cores swung by
a factor of two between identical runs while this was written.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def split_command(
    parser: argparse.ArgumentParser, argv: list[str] | None
) -> tuple[argparse.Namespace, list[str]]:
    """``parser``'s arguments (those before ``--`` in ``argv``, the command line's by
    default) and the geomap command after ``--``."""
    argv = sys.argv[1:] if argv is None else argv
    if "--" not in argv:
        parser.error("give the geomap command after --")
    at = argv.index("--")
    return parser.parse_args(argv[:at]), argv[at + 1 :]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="the first checkout (the reference)")
    parser.add_argument("b", type=Path, help="the second checkout")
    parser.add_argument("--rounds", type=int, default=5)
    args, command = split_command(parser, argv)
    cpu: dict[str, list[float]] = {"a": [], "b": []}
    wall: dict[str, list[float]] = {"a": [], "b": []}
    with tempfile.TemporaryDirectory(prefix="geomap-side-") as tmp:
        for _ in range(args.rounds):
            for key, where in (("a", args.a), ("b", args.b)):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                start = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "geomap", *command, "-o", str(Path(tmp) / key)],
                    cwd=where,
                    check=True,
                    capture_output=True,
                )
                wall[key].append(time.perf_counter() - start)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu[key].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    for key, where in (("a", args.a), ("b", args.b)):
        print(
            f"{where}: cpu {[round(x, 2) for x in cpu[key]]} median "
            f"{statistics.median(cpu[key]):.2f} s; wall median {statistics.median(wall[key]):.2f} s"
        )
    ratio = statistics.median(cpu["b"]) / statistics.median(cpu["a"])
    print(f"cpu ratio b/a: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
