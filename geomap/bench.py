"""Benchmark harness: throughput, cold start, peak memory, workers, and reference scanners.

Usage::

    python -m geomap.bench                       # 10,000 articles from ../shared/eval
    python -m geomap.bench --articles 2000 --curve 1000,2000
    python -m geomap.bench --source examples --articles 200 --no-curve   # no corpora needed

The corpus is generated at run time in a temporary folder by repeating the texts of the
source (the annotated corpora when present, each copy with a new id) — nothing is written
into the repository. Commands run as separate processes, so their wall time includes
process start and gazetteer load; peak memory is the child's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

__all__ = [
    "Measure",
    "TARGETS",
    "check_targets",
    "make_corpus",
    "run_command",
    "raw_scan",
    "geotext_scan",
    "lexer_state",
    "main",
]

DEFAULT_SOURCE = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


@dataclass
class Measure:
    """One measured command: the median of its runs' wall times, their highest peak."""

    what: str
    articles: int
    seconds: float
    peak_mb: float
    #: every run's wall time, in the order run
    runs: tuple[float, ...] = ()

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


#: Issue #6's targets on one worker: (name, the figure's key, bound, "max" or "min").
TARGETS: tuple[tuple[str, str, float, str], ...] = (
    ("geomap extract, 1 worker: articles/s (process start included)", "extract_per_s",
     1000.0, "min"),
    ("geomap extract, 1 article: wall s", "one_article_s", 1.5, "max"),
    ("gazetteer load: s", "gazetteer_load_s", 1.0, "max"),
    ("peak memory of any command: MB", "peak_mb", 500.0, "max"),
)  # fmt: skip


def check_targets(values: dict[str, float]) -> list[dict[str, object]]:
    """Each of ``TARGETS`` with its measured value (from ``values``, by key) and whether it
    is met; a target whose figure was not measured is left out."""
    out: list[dict[str, object]] = []
    for name, key, bound, kind in TARGETS:
        if key not in values:
            continue
        value = values[key]
        met = value >= bound if kind == "min" else value <= bound
        out.append({"target": name, "bound": bound, "kind": kind, "value": value, "met": met})
    return out


def lexer_state() -> str:
    """Whether extraction runs the compiled lexer (``geomap/_lexer.pyx``) or its patterns."""
    from geomap import extract

    return "compiled" if extract.COMPILED_LEXER is not None else "patterns (no compiled lexer)"


def _texts(source: Path) -> list[str]:
    texts: list[str] = []
    files = sorted(source.rglob("*")) if source.is_dir() else [source]
    for path in files:
        if path.suffix == ".jsonl":
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if isinstance(rec, dict) and isinstance(rec.get("text"), str):
                        texts.append(rec["text"])
        elif path.suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    if not texts:
        raise SystemExit(f"geomap.bench: no article texts under {source}")
    return texts


def make_corpus(source: Path, n: int, out: Path) -> tuple[Path, int]:
    """Write ``n`` articles (the source's texts, repeated) as JSONL; return path and bytes."""
    texts = _texts(source)
    out.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(n):
            line = json.dumps({"id": f"a{i:07d}", "text": texts[i % len(texts)]}) + "\n"
            size += len(line.encode("utf-8"))
            fh.write(line)
    return out, size


def run_command(args: Sequence[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak resident MB of the child)."""
    start = time.perf_counter()
    proc = subprocess.Popen(list(args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"geomap.bench: {' '.join(args)} failed:\n{err}")
    if proc.stderr:
        proc.stderr.close()
    return wall, usage.ru_maxrss / 1024.0


def _geomap(*args: str) -> list[str]:
    return [sys.executable, "-m", "geomap", *args]


def _articles(corpus: Path) -> Iterator[str]:
    with open(corpus, encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)["text"]


def raw_scan(corpus: Path) -> tuple[float, float, int]:
    """The floor: one Aho-Corasick pass per article over every gazetteer name key.

    Returns (seconds to build the automaton, seconds to scan, articles).
    """
    import ahocorasick

    from geomap.gazetteer import Gazetteer
    from geomap.names import name_key

    gaz = Gazetteer()
    t0 = time.perf_counter()
    auto = ahocorasick.Automaton()
    for key in gaz.name_keys():
        if len(key) >= 3:
            auto.add_word(f" {key} ", len(key))
    auto.make_automaton()
    build = time.perf_counter() - t0
    texts = list(_articles(corpus))
    t0 = time.perf_counter()
    hits = 0
    for text in texts:
        for _ in auto.iter(f" {name_key(text)} "):
            hits += 1
    return build, time.perf_counter() - t0, len(texts)


def geotext_scan(corpus: Path) -> tuple[float, int] | None:
    """geotext (regex + cities15000) over every article: (seconds, articles), or None."""
    try:
        from geotext import GeoText
    except ImportError:
        return None
    texts = list(_articles(corpus))
    GeoText("warm up")
    t0 = time.perf_counter()
    for text in texts:
        GeoText(text)
    return time.perf_counter() - t0, len(texts)


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geomap.bench", description=__doc__)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=2, help="also time this many workers")
    parser.add_argument("--curve", default="1000,5000,10000,20000,40000")
    parser.add_argument("--no-curve", action="store_true")
    parser.add_argument(
        "--curve-commands", default="extract,build", help="commands measured for the curve"
    )
    parser.add_argument("--no-build", action="store_true", help="skip the full build timings")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each timed command this many times, interleaved, and report the median",
    )
    args = parser.parse_args(argv)

    from geomap.gazetteer import Gazetteer, ensure_gazetteer

    ensure_gazetteer()
    t0 = time.perf_counter()
    Gazetteer()
    load = time.perf_counter() - t0
    figures: dict[str, object] = {"gazetteer_load_s": round(load, 3)}
    measures: list[Measure] = []
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        root = Path(tmp)
        corpus, size = make_corpus(args.source, args.articles, root / "corpus.jsonl")
        one, _ = make_corpus(args.source, 1, root / "one.jsonl")
        mb = size / 1e6
        figures["corpus"] = {"articles": args.articles, "mb": round(mb, 1)}

        # (what, articles, command), each run ``--repeat`` times, the rounds interleaved so
        # that a slow spell of the machine weighs on every command alike
        extract = _geomap("extract", str(corpus), "-q", "-o")
        build = _geomap("build", str(corpus), "-q", "-o")
        parallel = ["--workers", str(args.workers)]
        plan = [
            ("geomap extract, 1 article (cold start)", 1,
             _geomap("extract", str(one), "-q", "-o", str(root / "1.jsonl"))),
            ("geomap extract, 1 worker", args.articles, [*extract, str(root / "e.jsonl")]),
        ]  # fmt: skip
        if args.workers > 1:
            plan.append((f"geomap extract, {args.workers} workers", args.articles,
                         [*extract, str(root / "e2.jsonl"), *parallel]))  # fmt: skip
        if not args.no_build:
            plan.append(("geomap build, 1 worker", args.articles, [*build, str(root / "b")]))
            if args.workers > 1:
                plan.append((f"geomap build, {args.workers} workers", args.articles,
                             [*build, str(root / "b2"), *parallel]))  # fmt: skip
        rounds = [[run_command(cmd) for _what, _n, cmd in plan] for _ in range(args.repeat)]
        for k, (what, n, _cmd) in enumerate(plan):
            walls = tuple(r[k][0] for r in rounds)
            peak = max(r[k][1] for r in rounds)
            measures.append(Measure(what, n, statistics.median(walls), peak, walls))
        curve = []
        if not args.no_curve:
            for k in (int(x) for x in args.curve.split(",") if x):
                path, _ = make_corpus(args.source, k, root / f"curve-{k}.jsonl")
                for command in args.curve_commands.split(","):
                    target = root / (f"c{k}.jsonl" if command == "extract" else f"c{k}")
                    wall, peak = run_command(_geomap(command, str(path), "-o", str(target), "-q"))
                    curve.append({"command": command, "articles": k, "seconds": round(wall, 1),
                                  "peak_mb": round(peak)})  # fmt: skip
                path.unlink()
        figures["memory_curve"] = curve
        # in-process references last: a large parent would inflate the children's peak RSS
        build_s, scan_s, n = raw_scan(corpus)
        figures["raw_scan"] = {"automaton_build_s": round(build_s, 2), "scan_s": round(scan_s, 2),
                               "articles_per_s": round(n / scan_s)}  # fmt: skip
        geo = geotext_scan(corpus)
        if geo is not None:
            figures["geotext"] = {
                "scan_s": round(geo[0], 2),
                "articles_per_s": round(geo[1] / geo[0]),
            }

    figures["measures"] = [
        {**asdict(m), "articles_per_s": round(m.per_second), "mb_per_s": round(
            m.per_second * mb / args.articles, 2)} for m in measures
    ]  # fmt: skip
    figures["lexer"] = lexer_state()
    by_name = {m.what: m for m in measures}
    speedups = {}
    for command in ("extract", "build"):
        one_w = by_name.get(f"geomap {command}, 1 worker")
        many = by_name.get(f"geomap {command}, {args.workers} workers")
        if one_w is not None and many is not None and many.seconds:
            speedups[command] = round(one_w.seconds / many.seconds, 2)
    figures["speedup"] = {"workers": args.workers, **speedups}
    one_worker = by_name["geomap extract, 1 worker"]
    peaks = [m.peak_mb for m in measures] + [float(str(p["peak_mb"])) for p in curve]
    targets = check_targets(
        {
            "extract_per_s": one_worker.per_second,
            "one_article_s": by_name["geomap extract, 1 article (cold start)"].seconds,
            "gazetteer_load_s": load,
            "peak_mb": max(peaks),
        }
    )
    figures["targets"] = targets
    print(f"corpus: {args.articles} articles, {mb:.1f} MB (from {args.source})")
    print(f"lexer: {figures['lexer']}; each command run {args.repeat}x, median wall time")
    print(f"gazetteer load: {load:.3f} s\n")
    print(_row(["what", "articles", "wall s", "articles/s", "MB/s", "peak MB"]))
    print(_row(["---"] * 6))
    for m in measures:
        print(_row([m.what, m.articles, f"{m.seconds:.2f}", f"{m.per_second:.0f}",
                    f"{m.per_second * mb / args.articles:.2f}", f"{m.peak_mb:.0f}"]))  # fmt: skip
    raw = figures["raw_scan"]
    assert isinstance(raw, dict)
    print(_row(["raw Aho-Corasick scan (floor; scan only)", args.articles, raw["scan_s"],
                raw["articles_per_s"], "", ""]))  # fmt: skip
    if geo is not None:
        print(_row(["geotext (in-process)", args.articles, f"{geo[0]:.2f}",
                    f"{geo[1] / geo[0]:.0f}", "", ""]))  # fmt: skip
    print(
        "\nraw scan / geomap extract (1 worker): "
        f"{raw['articles_per_s'] / one_worker.per_second:.1f}x"
    )
    for command, ratio in speedups.items():
        print(f"{command}: {args.workers} workers are {ratio:.2f}x one worker")
    print("\n" + _row(["target", "bound", "measured", "met"]))
    print(_row(["---"] * 4))
    for t in targets:
        sign = ">=" if t["kind"] == "min" else "<="
        print(_row([t["target"], f"{sign} {t['bound']:g}", f"{t['value']:.2f}",
                    "yes" if t["met"] else "NO"]))  # fmt: skip
    if curve:
        print("\n" + _row(["command", "articles", "wall s", "peak MB"]))
        print(_row(["---"] * 4))
        for point in curve:
            print(_row([point["command"], point["articles"], point["seconds"], point["peak_mb"]]))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
