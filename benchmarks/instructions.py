"""Instructions one geomap command executes in each of several checkouts (valgrind's count).

    python benchmarks/instructions.py ../base . -- build c1000.jsonl -q

runs ``python -m geomap <command> -o <tmp>`` in each checkout (relative paths are read
from the checkout) under ``valgrind --tool=callgrind`` (``apt-get install valgrind``) and
prints the instructions it executed and each checkout's ratio to the first. Only a command
that runs in one process can be counted (one worker: ``geomap build`` and ``geomap
extract`` fork nothing then): a forked child's count starts from its parent's count at
the fork, so a sum over the processes of a pool would count the parent's work again for
each child; the script stops with an error when the command forked.

Unlike wall or CPU seconds, the count does not move with the machine's load or clock: the
same checkout gives the same count to a few instructions in a billion (``PYTHONHASHSEED``
is fixed), so two checkouts can be compared on a busy, shared machine. It is about a
hundred times slower than the command itself: use a corpus of a thousand articles or so.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cpu_side_by_side import split_command  # (this script's folder is on sys.path)


def instructions(checkout: Path, command: list[str], scratch: Path) -> int:
    """The instructions ``python -m geomap COMMAND -o SCRATCH/out`` executes in ``checkout``
    (a command that runs in one process)."""
    counts = scratch / "callgrind"
    counts.mkdir(parents=True)
    env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(checkout)}
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={counts}/%p.out",
         sys.executable, "-m", "geomap", *command, "-o", str(scratch / "out")],
        cwd=checkout, env=env, capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode:
        raise SystemExit(f"{checkout}: the command failed:\n{proc.stderr[-2000:]}")
    files = list(counts.glob("*.out"))
    if len(files) != 1:
        raise SystemExit(
            f"{checkout}: the command ran in {len(files)} processes; count one that runs in "
            "one (a forked child's count includes its parent's before the fork)"
        )
    for line in files[0].read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise SystemExit(f"{checkout}: no total in valgrind's output {files[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", type=Path, nargs="+", help="the first is the reference")
    args, command = split_command(parser, argv)
    first = 0
    with tempfile.TemporaryDirectory(prefix="geomap-instructions-") as tmp:
        for k, checkout in enumerate(args.checkouts):
            count = instructions(checkout.resolve(), command, Path(tmp) / str(k))
            first = first or count
            print(f"{checkout}: {count:,} instructions ({count / first:.3f} of the first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
