"""The ``geomap`` command: build, extract, evaluate, evaluate-events, gazetteer, geocode."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NoReturn

from geomap.errors import GeomapError

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_STRICT = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: clean-up runs, earlier outputs are left as they were."""


def _at_least(low: int) -> Callable[[str], int]:
    """An argparse ``type``: an integer no smaller than ``low`` (else a usage error)."""

    def check(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be at least {low}, not {value}")
        return value

    return check


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap",
        description="Turn news articles into a dated, layered map of what happened where.",
        epilog=(
            "Exit status: 0 when the outputs were written (bad inputs are reported in "
            "report.json and on stderr); 1 on an error that stopped the run, or when no "
            "article was read (nothing is written); 2 on a usage error, such as an input "
            "that does not exist; 3 with --strict when any file or article was skipped or "
            "ignored."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths",
            nargs="+",
            help="files (.txt, .jsonl, .csv, .html, .htm, .rss, .atom, .xml feeds) or folders",
        )
        p.add_argument(
            "--max-chars",
            type=_at_least(1),
            default=2_000_000,
            help="skip (and report) articles longer than this many characters",
        )
        p.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="latest date an inferred publication date may take (default: today)",
        )
        p.add_argument(
            "--date-order",
            choices=("dmy", "mdy"),
            default=None,
            help="read JSONL/CSV dates such as 05/04/2015 day first (dmy) or month first "
            "(mdy); without it they are reported and ignored",
        )
        p.add_argument(
            "--strict",
            action="store_true",
            help="exit 3 if any file or article was skipped or ignored",
        )
        p.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
        p.add_argument("--gazetteer", default=None, help="a compiled gazetteer file to use")
        p.add_argument(
            "-j",
            "--workers",
            type=_at_least(1),
            default=1,
            help="processes for the per-article work (default 1; output is identical)",
        )
        p.add_argument(
            "--dask",
            default=None,
            metavar="ADDRESS",
            help="run the per-article work on a Dask scheduler (pip install 'geomap[dask]')",
        )

    b = sub.add_parser(
        "build", help="write map.html, events and mentions (.geojson, .csv), report.json"
    )
    common(b)
    b.add_argument("-o", "--out", required=True, help="output folder")
    b.add_argument("--title", default="geomap", help="title shown on the map")

    e = sub.add_parser("extract", help="write toponyms with offsets as JSON lines")
    common(e)
    e.add_argument("-o", "--out", required=True, help="output .jsonl file")

    g = sub.add_parser("gazetteer", help="build or describe the bundled gazetteer")
    g.add_argument("action", choices=["build", "info"])
    g.add_argument("--out", default=None, help="where to build (default: the cache)")

    a = sub.add_parser("assets", help="fetch (once) or describe the map's offline assets")
    a.add_argument("action", choices=["install", "info"])
    a.add_argument("--force", action="store_true", help="fetch again even if installed")

    v = sub.add_parser("evaluate", help="score toponyms against an annotated corpus")
    v.add_argument("gold", help="gold corpus: JSON lines with id, text, toponyms")
    v.add_argument("--pred", default=None, help="a saved `geomap extract` output to score")
    v.add_argument("--json", action="store_true", help="print the figures as JSON")
    v.add_argument("--gazetteer", default=None, help="a compiled gazetteer file to use")

    ev = sub.add_parser(
        "evaluate-events",
        help="build the corpora an event gold names and score the events against it",
    )
    ev.add_argument("gold", help="event gold: JSON lines with corpus, id, events")
    ev.add_argument(
        "--corpus",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="where a corpus of the gold is (default: lgl, geovirus in ../shared/eval, "
        "seeds in ../shared/seeds, examples in examples)",
    )
    ev.add_argument("--json", action="store_true", help="print the figures as JSON")
    ev.add_argument("--gazetteer", default=None, help="a compiled gazetteer file to use")
    ev.add_argument("-j", "--workers", type=_at_least(1), default=1, help="processes per build")

    q = sub.add_parser("geocode", help="look a place name up in the gazetteer (offline)")
    q.add_argument("query")
    q.add_argument("--country", action="append", default=None, help="ISO alpha-2 filter")
    q.add_argument("-n", "--limit", type=_at_least(1), default=5)
    return parser


def _say_problems(report: object, quiet: bool) -> None:
    from geomap.pipeline import RunReport

    assert isinstance(report, RunReport)
    for problem in report.problems:
        if problem.severity == "note":
            continue  # how an input was read: in report.json, not a problem to show
        label = "skipped" if problem.severity == "skipped" else "warning"
        print(f"geomap: {label}: {problem}", file=sys.stderr)


def _gazetteer(path: str | None) -> object:
    from geomap.gazetteer import Gazetteer

    return Gazetteer(path) if path else Gazetteer()


def _evaluate(args: argparse.Namespace) -> int:
    from geomap.evaluate import predict, read_gold, read_predictions, score
    from geomap.gazetteer import Gazetteer

    gaz = Gazetteer(args.gazetteer) if args.gazetteer else Gazetteer()
    docs = list(read_gold(args.gold))
    if args.pred:
        saved = read_predictions(args.pred)
        cache = {d.id: saved.get(d.id, []) for d in docs}
    else:
        cache = {d.id: predict(d, gaz) for d in docs}

    def is_demonym(name: str) -> bool:
        return gaz.demonym_country(name) is not None

    results = {
        "demonyms_excluded": score(docs, lambda d: cache[d.id], is_demonym=is_demonym),
        "all_gold": score(docs, lambda d: cache[d.id]),
    }
    if args.json:
        out = {k: v.to_dict() for k, v in results.items()}
        print(json.dumps({"gold": args.gold, **out}, indent=2))
        return EXIT_OK
    print(f"{args.gold}: {len(docs)} documents")
    print(
        "rule                 P      R      F1    P(ex)  R(ex)  F1(ex) acc@161 mean_km med_km  AUC"
    )
    for name, sc in results.items():
        p, r, f = sc.overlap
        pe, re_, fe = sc.exact
        acc = sc.accuracy_161
        print(
            f"{name:<18} {p:6.3f} {r:6.3f} {f:6.3f} {pe:6.3f} {re_:6.3f} {fe:6.3f} "
            f"{(acc or 0):7.3f} {(sc.mean_km or 0):7.0f} {(sc.median_km or 0):6.1f} "
            f"{(sc.auc or 0):5.3f}"
        )
    return EXIT_OK


def entry() -> NoReturn:
    """The ``geomap`` command (and ``python -m geomap``): ``main``, then exit at once.

    Once ``main`` has returned, every output is written, closed and in place; what is left
    is the interpreter's teardown, which frees every object and module one by one (0.1 to
    0.3 s after a build). The standard streams are flushed
    and the process ends without it. An exception ``main`` lets through (with
    ``GEOMAP_DEBUG`` set) ends the usual way, with its traceback.
    """
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader has gone (``geomap geocode … | head``)
        pass
    except (OSError, ValueError) as exc:  # a full disk, say: what was printed is lost
        print(f"geomap: error: could not write the standard output: {exc}", file=sys.stderr)
        status = EXIT_ERROR
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(status)


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises ``Terminated`` (a KeyboardInterrupt) for the block, so that a build
    told to stop cleans up as on Ctrl-C; only in the main thread (elsewhere, no change)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        with _sigterm_as_interrupt():
            return _run(args)
    except GeomapError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Terminated:
        print("geomap: terminated; earlier outputs were left as they were", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("geomap: interrupted; earlier outputs were left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as exc:
        print(f"geomap: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # never a traceback for the user unless asked for
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        print(
            f"geomap: internal error: {type(exc).__name__}: {exc} "
            "(set GEOMAP_DEBUG=1 for a traceback and please report it)",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _run(args: argparse.Namespace) -> int:
    if args.command == "gazetteer":
        from geomap.gazetteer import Gazetteer, default_path, ensure_gazetteer

        if args.action == "build":
            from geomap.gazetteer import build_module

            build_main = build_module().main

            return build_main(["--out", str(args.out or default_path())])
        path = ensure_gazetteer(args.out)
        gaz = Gazetteer(path)
        print(json.dumps({"path": str(path), **gaz.meta}, indent=2))
        return EXIT_OK
    if args.command == "evaluate":
        return _evaluate(args)
    if args.command == "evaluate-events":
        from geomap import evaluate_events

        try:
            corpora = evaluate_events.corpus_paths(args.corpus)
        except ValueError as exc:
            print(f"geomap: error: {exc}", file=sys.stderr)
            return EXIT_USAGE
        sys.stdout.write(
            evaluate_events.run(
                args.gold,
                corpora,
                gazetteer_path=args.gazetteer,
                workers=args.workers,
                as_json=args.json,
            )
        )
        return EXIT_OK
    if args.command == "assets":
        from geomap import assets

        if args.action == "install":
            path = assets.install(force=args.force)
            print(f"geomap: map assets ready in {path}", file=sys.stderr)
            return EXIT_OK
        loaded = assets.load()
        info = {
            "path": str(assets.assets_dir()),
            "installed": loaded is not None,
            "packages": {n: v for n, (v, _i) in assets.PACKAGES.items()},
        }
        print(json.dumps(info, indent=2))
        return EXIT_OK if loaded is not None else EXIT_ERROR
    if args.command == "geocode":
        from geomap.geocoder import GazetteerGeocoder

        geocoder = GazetteerGeocoder()
        found = geocoder.geocode(
            args.query, exactly_one=False, country_codes=args.country, limit=args.limit
        )
        if not found:
            where = f" in {', '.join(c.upper() for c in args.country)}" if args.country else ""
            print(f"geomap: no place named {args.query!r}{where} in the gazetteer", file=sys.stderr)
            return EXIT_ERROR
        print("lat\tlon\tplace_id\tplace_type\tname")  # name: place, division, country
        for loc in found:
            raw = loc.raw
            print(
                f"{loc.latitude:.5f}\t{loc.longitude:.5f}\t{raw['place_id']}\t"
                f"{raw['place_type']}\t{loc.address}"
            )
        return EXIT_OK

    missing = [path for path in args.paths if not os.path.exists(path)]
    if missing:  # a usage error: nothing is read, written nor made
        for path in missing:
            print(f"geomap: error: no such file or directory: {path}", file=sys.stderr)
        return EXIT_USAGE
    from geomap.pipeline import NoArticlesError

    try:
        return _build_or_extract(args)
    except NoArticlesError as exc:
        _say_problems(exc.report, args.quiet)
        print(json.dumps(exc.report.to_dict(), indent=2), file=sys.stderr)
        print(f"geomap: error: {exc}; earlier outputs were left as they were", file=sys.stderr)
        return EXIT_ERROR


def _build_or_extract(args: argparse.Namespace) -> int:
    """``geomap build`` or ``geomap extract`` on inputs that exist."""
    from geomap.gazetteer import Gazetteer
    from geomap.pipeline import RunOptions, run_build, run_extract

    options = RunOptions(
        gazetteer=Gazetteer(args.gazetteer) if args.gazetteer else Gazetteer(),
        today=args.today,
        max_chars=args.max_chars,
        date_order=args.date_order,
        progress=None if not args.quiet else False,
        workers=args.workers,
        dask=args.dask,
    )
    if args.command == "build":
        result = run_build(args.paths, args.out, options, title=args.title)
        report = result.report
    else:
        report = run_extract(args.paths, args.out, options)
    if not args.quiet:
        _say_problems(report, args.quiet)
        if args.command == "build":
            totals = report.to_dict()["totals"]
            print(
                f"geomap: {totals['articles']} articles, {totals['events']} events, "
                f"{totals['skipped']} skipped -> {Path(args.out) / 'map.html'}",
                file=sys.stderr,
            )
    if args.strict and not report.complete:  # a file or an article skipped or ignored
        return EXIT_STRICT
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
