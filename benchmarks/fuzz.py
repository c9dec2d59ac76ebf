"""Fuzzing ``geomap build`` with hostile input folders: no good article lost, never exit 1.

Each example is a folder of generated files: JSONL lines holding any JSON value in every
field (lone surrogates, integers of thousands of digits, deep nesting, CSV-formula ids,
bytes that are not UTF-8), CSV files with stray and unterminated quotes, text files of any
bytes in any encoding, and file and folder names of any bytes (not UTF-8 included) with
any suffix. Good articles (ids ``good-…``) are put among them: in JSONL files between
hostile lines, at the head of CSV files, in their own text files. A run must exit 0
(never 1: there is always a good article), print no traceback, write outputs that are
valid UTF-8 and JSON, no CSV cell a spreadsheet would run as a formula, and map every
good article.

``tests/test_reliability_fuzz.py`` runs a few dozen examples with a fixed seed in CI;
this script runs as many as asked::

    python benchmarks/fuzz.py --examples 2000 [--seed 20] [--workers 2]

It prints the number of examples and files generated and exits 1 on the first failure,
with the failing folder kept for inspection.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

__all__ = [
    "GOOD_TEXT",
    "Corpus",
    "corpora",
    "write_corpus",
    "check_build",
    "run_fuzz",
    "main",
]

#: The text of every good article: it always gives at least one event.
GOOD_TEXT = "Floods hit Porto Alegre in Brazil on Friday, and two people were killed."

#: Strings known to have broken readers or writers somewhere.
_NASTY = [
    "\ud800",
    "x\udfffy",
    "\udcff",
    '=HYPERLINK("http://x","y")',
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\x00",
    "\u2028\u2029",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "a\r\nb",
    '"',
    "",
    " ",
    "2020-02-30",
    "9999-99-99",
    "constructor",
    "__proto__",
]

_strings = st.one_of(st.sampled_from(_NASTY), st.text(max_size=30)).filter(
    lambda s: not s.startswith("good")
)
_json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        _strings,
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(_strings, inner, max_size=3)
    ),
    max_leaves=6,
)
_FIELDS = ("id", "text", "date", "title", "url", "source")
_records = st.dictionaries(st.sampled_from(_FIELDS), _json_values, max_size=6)

#: Raw lines no JSON encoder writes.
_RAW_LINES = [
    b'{"id": "big", "text": "x", "n": 1' + b"0" * 5000 + b"}",
    b'{"id": 1' + b"0" * 4400 + b', "text": "Shelling hit Kharkiv."}',
    b"[" * 3000 + b"]" * 3000,
    b'{"id": "caf\xe9", "text": "Caf\xe9 in Lisbon."}',
    b'{"id": "s", "text": "\\ud800 in Lisbon", "title": "\\udfff"}',
    b"{not json",
    b"\xff\xfe\x00\x00",
    b"null",
]


def _jsonl_line(rec: dict[str, object]) -> bytes:
    try:
        return json.dumps(rec).encode()
    except (ValueError, RecursionError):  # a float JSON refuses, a huge integer
        return b"{}"


_hostile_lines = st.one_of(
    _records.map(_jsonl_line),
    st.sampled_from(_RAW_LINES),
    st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" ")),
)
_csv_cells = st.one_of(_strings, st.sampled_from(['"', 'a"b', '"open', "x,y", "\n"]))
_csv_headers = st.one_of(
    st.just(["id", "text", "date", "title", "url", "source"]),
    st.lists(_strings, min_size=1, max_size=4),
    st.just(["text"]),
)
_encodings = st.sampled_from(["utf-8", "utf-16", "cp1251", "latin-1", "utf-32"])
_suffixes = st.sampled_from([".txt", ".jsonl", ".csv", ".ndjson", ".dat", ".md", "", ".TXT"])
_names = st.binary(min_size=1, max_size=12).map(
    lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_")
)


@dataclass
class Corpus:
    """A generated input folder: its files (relative byte paths, bytes) and good ids."""

    files: list[tuple[bytes, bytes]] = field(default_factory=list)
    good: list[str] = field(default_factory=list)


def _encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if "utf" in encoding else "replace")


@st.composite
def corpora(draw: Callable[..., object], max_files: int = 6) -> Corpus:
    """A strategy of hostile input folders with good articles among their files."""
    corpus = Corpus()
    good_n = 0

    def good_id(kind: str) -> str:
        nonlocal good_n
        good_n += 1
        corpus.good.append(f"good-{kind}{good_n}")
        return corpus.good[-1]

    n_files = draw(st.integers(1, max_files))
    for k in range(n_files):
        kind = draw(st.sampled_from(["jsonl", "csv", "txt", "name"]))
        # (a hidden folder is not read: only files with no good article go in one)
        folder = draw(st.one_of(st.just(b""), _names.map(lambda b: b.lstrip(b".") + b"_/")))
        if kind == "jsonl":
            lines: list[bytes] = []
            for _ in range(draw(st.integers(0, 5))):
                lines.append(draw(_hostile_lines))
                if draw(st.booleans()):
                    rec = {"id": good_id("j"), "text": GOOD_TEXT, "date": "2024-05-03"}
                    lines.append(json.dumps(rec).encode())
            # a blank first line: hostile bytes never make a byte-order mark of the file
            data = b"\n" + b"\n".join(lines) + b"\n"
            corpus.files.append((folder + b"feed%d.jsonl" % k, data))
        elif kind == "csv":
            header = draw(_csv_headers)
            out = io.StringIO()
            out.write(",".join(header) + "\n")
            if header[:2] == ["id", "text"]:
                for _ in range(draw(st.integers(0, 2))):
                    out.write(f"{good_id('c')},{GOOD_TEXT.replace(',', '')},2024-05-03\n")
            for _ in range(draw(st.integers(0, 4))):
                cells = draw(st.lists(_csv_cells, max_size=7))
                out.write(",".join(cells) + "\n")
            data = _encoded(out.getvalue(), draw(_encodings))
            corpus.files.append((folder + b"table%d.csv" % k, data))
        elif kind == "txt":
            if draw(st.booleans()):
                data = draw(st.binary(max_size=200))
            else:
                data = _encoded(draw(_strings), draw(_encodings))
            corpus.files.append((folder + b"note%d.txt" % k, data))
            corpus.files.append((b"good-t%d.txt" % k, GOOD_TEXT.encode()))
            corpus.good.append(f"good-t{k}")
        else:
            name = draw(_names) + draw(_suffixes).encode()
            content = draw(st.one_of(st.binary(max_size=100), _hostile_lines))
            corpus.files.append((folder + name, content))
    if not corpus.good:  # always something to map
        corpus.files.append((b"good-last.txt", GOOD_TEXT.encode()))
        corpus.good.append("good-last")
    return corpus


def write_corpus(corpus: Corpus, root: Path) -> None:
    """Write ``corpus`` under ``root`` (names as raw bytes; a name taken twice is skipped)."""
    base = os.fsencode(root)
    for rel, data in corpus.files:
        path = os.path.join(base, rel)
        with contextlib.suppress(OSError):  # a name that clashes with a folder, say
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if not os.path.exists(path):
                with open(path, "wb") as fh:
                    fh.write(data)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_build(corpus: Corpus, root: Path, out: Path, *, workers: int = 1) -> list[str]:
    """Run ``geomap build`` on ``root``; what went wrong (an empty list: nothing)."""
    from geomap.cli import main as geomap_main

    err = io.StringIO()
    args = ["build", str(root), "-o", str(out), "-q", "--today", "2026-11-22"]
    with contextlib.redirect_stderr(err):
        status = geomap_main([*args, "-j", str(workers)])
    said = err.getvalue()
    failures = []
    if status != 0:
        failures.append(f"exit {status}: {said[-2000:]}")
        return failures
    if "Traceback" in said or "internal error" in said:
        failures.append(f"a traceback or internal error: {said[-2000:]}")
    from geomap.pipeline.publish import CURRENT, current_set

    kept = {CURRENT, current_set(out)}
    debris = sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in kept)
    if debris:
        failures.append(f"debris in the output folder: {debris}")
    texts = {}
    for path in out.iterdir():
        if path.is_file():
            try:
                texts[path.name] = path.read_bytes().decode("utf-8")
            except UnicodeDecodeError as exc:
                failures.append(f"{path.name} is not UTF-8: {exc}")
    for name, text in texts.items():
        if name.endswith((".geojson", ".json")):
            try:
                json.loads(text)
            except ValueError as exc:
                failures.append(f"{name} is not JSON: {exc}")
    for name in ("events.csv", "mentions.csv"):
        rows = csv.reader(io.StringIO(texts.get(name, "")))
        for cell in (c for row in rows for c in row):
            if cell.startswith(("=", "+", "@")) or (cell.startswith("-") and not _number(cell)):
                failures.append(f"{name}: a cell runs as a formula: {cell[:40]!r}")
                break
    events = texts.get("events.geojson", "")
    lost = [g for g in corpus.good if json.dumps(g) not in events]
    if lost:
        failures.append(f"good articles lost: {lost}")
    return failures


def run_fuzz(
    examples: int, *, seed_value: int = 20, workers: int = 1, keep: Path | None = None
) -> tuple[int, int]:
    """Run ``examples`` generated folders through ``check_build``; (examples, files).

    Raises
    ------
    AssertionError
        On the first failing folder (kept under ``keep`` when given).
    """
    counts = [0, 0]

    @seed(seed_value)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(corpora())
    def one(corpus: Corpus) -> None:
        with tempfile.TemporaryDirectory(prefix="geomap-fuzz-") as tmp:
            root, out = Path(tmp) / "in", Path(tmp) / "out"
            root.mkdir()
            write_corpus(corpus, root)
            failures = check_build(corpus, root, out, workers=workers)
            counts[0] += 1
            counts[1] += len(corpus.files)
            if failures and keep is not None:
                shutil.copytree(tmp, keep / f"failure-{counts[0]}", dirs_exist_ok=True)
            assert not failures, failures

    one()
    return counts[0], counts[1]


def main(argv: Sequence[str] | None = None) -> int:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"))
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        n, files = run_fuzz(
            args.examples, seed_value=args.seed, workers=args.workers, keep=args.keep
        )
    except AssertionError as exc:
        print(f"fuzz: FAILED: {exc}\nfolder kept under {args.keep}", file=sys.stderr)
        return 1
    took = time.perf_counter() - start
    print(f"fuzz: {n} folders, {files} generated files, no failure ({took:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
