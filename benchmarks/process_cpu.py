"""CPU seconds of each process of one geomap command, and when each began, checkouts side by side.

    python benchmarks/process_cpu.py ../base . --rounds 3 -- build c5k.jsonl -q --workers 2

runs ``python -m geomap <command> -o <tmp>`` in each checkout, ``--rounds`` times,
interleaved, and samples ``/proc`` every 50 ms (Linux) for the command's process and every
process it starts (a pool's workers, the writers of the outputs). For each run it prints
the wall seconds and, per process in order of start, when it was first seen (seconds from
the command's start) and the CPU seconds (user + system) it had used when last seen. It
shows where a parallel build's time goes: how long the parent works alone before it forks
its workers, how the work is shared between them, when the outputs' writers start.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from cpu_side_by_side import split_command  # (this script's folder is on sys.path)

#: Seconds between two looks at ``/proc``.
INTERVAL = 0.05
_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float | None:
    """CPU seconds (user + system) a process has used, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            stat = fh.read()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def _children(pid: int) -> list[int]:
    """The processes a process started, by each of its threads."""
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:
        pass
    return out


def sample(args: list[str], cwd: Path) -> tuple[float, list[tuple[float, float]]]:
    """Run ``args`` in ``cwd``: its wall seconds, and (first seen, CPU seconds) of each of
    its processes, in order of start."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpu: dict[int, float] = {}
    seen: dict[int, float] = {}
    while proc.poll() is None:
        stack = [proc.pid]
        while stack:
            pid = stack.pop()
            used = _cpu(pid)
            if used is not None:
                cpu[pid] = used
                seen.setdefault(pid, time.perf_counter() - start)
            stack += _children(pid)
        time.sleep(INTERVAL)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {cwd}:\n{err}")
    return wall, [(seen[pid], cpu[pid]) for pid in sorted(seen, key=seen.__getitem__)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args, command = split_command(parser, argv)
    with tempfile.TemporaryDirectory(prefix="geomap-procs-") as tmp:
        for _ in range(args.rounds):
            for k, where in enumerate(args.checkouts):
                out = str(Path(tmp) / str(k))
                run = [sys.executable, "-m", "geomap", *command, "-o", out]
                wall, procs = sample(run, where)
                shown = ", ".join(f"from {at:.2f} s: {used:.2f} CPU s" for at, used in procs)
                print(f"{where}: wall {wall:.2f} s; {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
