"""Issue 20: one crafted record, file name or signal never costs a run (see RELIABILITY.md)."""

from __future__ import annotations

import datetime as dt
import errno
import io
import json
import os
import select
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.cli import main
from geomap.pipeline import OUTPUT_NAMES, RunReport, build_events, run_build
from geomap.pipeline.report import Ledger

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 22)
GOOD = "Floods hit Porto Alegre in Brazil on Friday, and two people were killed."
KHARKIV = "Shelling hit Kharkiv on Thursday."


def _jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _articles(events) -> set[str]:
    return {a for ids in events["articles"] for a in ids}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory, gazetteer) -> tuple[Path, Path]:
    """An input folder of one article and the output folder of its build (a published
    set), made once: the tests that stop a second build copy both (``_copy_first_build``)."""
    top = tmp_path_factory.mktemp("first-build")
    src = top / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2023-08-09\n" + GOOD)
    run_build([src], top / "out", gazetteer=gazetteer, today=TODAY, progress=False)
    return src, top / "out"


def _copy_first_build(first_build: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """``first_build`` copied into ``tmp_path`` (symlinks as symlinks): (input, output)."""
    import shutil

    src, out = tmp_path / "in", tmp_path / "out"
    shutil.copytree(first_build[0], src)
    shutil.copytree(first_build[1], out, symlinks=True)
    return src, out


# --- 5. renamed duplicate ids ----------------------------------------------------------


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["x", "x#2", "x#3", "x#2#2", "y", "y#2"]), max_size=12))
def test_renamed_ids_are_unique_against_every_id_seen(ids):
    ledger = Ledger(RunReport())
    ledger.note("feed.jsonl")
    given_ids = []
    for n, art_id in enumerate(ids, start=1):
        new_id = ledger.article(art_id, "feed.jsonl", n, ())
        given_ids.append(art_id if new_id is None else new_id)
    assert len(set(given_ids)) == len(given_ids)
    renames = [p for p in ledger.entry.problems if "renamed" in p.reason]
    assert len(renames) == sum(a != b for a, b in zip(ids, given_ids, strict=True))


def test_a_renamed_duplicate_never_takes_a_real_id(tmp_path, gazetteer):
    src = _jsonl(
        tmp_path / "feed.jsonl",
        [
            {"id": "x", "text": GOOD},
            {"id": "x", "text": KHARKIV},
            {"id": "x#2", "text": "Protesters marched in Tbilisi on Monday."},
        ],
    )
    events = build_events(src, gazetteer=gazetteer, today=TODAY)
    assert _articles(events) == {"x", "x#2", "x#2#2"}
    problems = [p.reason for p in events.attrs["report"].problems]
    assert "duplicate article id 'x'; renamed x#2" in problems
    assert "duplicate article id 'x#2'; renamed x#2#2" in problems


# --- 6. geomap evaluate ------------------------------------------------------------------

_GOLD = {
    "id": "d1",
    "text": "Rain fell on Baku.",
    "toponyms": [{"start": 13, "end": 17, "name": "Baku", "lat": 40.38, "lon": 49.89}],
}
_PRED = {"id": "d1", "toponyms": [{"start": 13, "end": 17, "lat": 40.38, "lon": 49.89}]}


def test_evaluate_rejects_duplicate_gold_ids(tmp_path, capsys):
    gold = _jsonl(tmp_path / "gold.jsonl", [_GOLD, {**_GOLD, "text": "Rain fell on Baku!"}])
    pred = _jsonl(tmp_path / "pred.jsonl", [_PRED])
    assert main(["evaluate", str(gold), "--pred", str(pred), "--json"]) == 1
    err = capsys.readouterr().err
    assert f"{gold}:2: duplicate id 'd1' (first on line 1)" in err
    pred2 = _jsonl(tmp_path / "pred2.jsonl", [_PRED, _PRED])
    _jsonl(tmp_path / "one.jsonl", [_GOLD])
    assert main(["evaluate", str(tmp_path / "one.jsonl"), "--pred", str(pred2)]) == 1
    assert f"{pred2}:2: duplicate id 'd1'" in capsys.readouterr().err


def _topo(**changes: object) -> dict[str, object]:
    return {**_GOLD, "toponyms": [{**_GOLD["toponyms"][0], **changes}]}  # type: ignore[dict-item]


_BAD_GOLD = [
    (json.dumps({**_GOLD, "text": 5}), "'text' is not a string"),
    (json.dumps({**_GOLD, "text": None}), "'text' is missing"),
    (json.dumps(_topo(start="13")), "must be integers"),
    (json.dumps(_topo(start=True)), "must be integers"),
    (json.dumps(_topo(end=99)), "not inside the text"),
    (json.dumps(_topo(lat="40.38")), "must both be numbers"),
    (json.dumps(_topo(lat=400.0)), "out of range"),
    (json.dumps(_topo(name=7)), "'name' is missing"),
    (json.dumps({k: v for k, v in _GOLD.items() if k != "id"}), "'id' is missing"),
    (json.dumps({**_GOLD, "toponyms": {"a": 1}}), "not a list"),
    (json.dumps({**_GOLD, "toponyms": [5]}), "not an object"),
    ('{"id": "d1", "text": "Caf\xe9"}', "not UTF-8"),
    ("[" * 100_000 + "]" * 100_000, "too deeply nested"),
    ('{"id": 1' + "0" * 5000 + ', "text": "x"}', "not valid JSON"),
    ("[1, 2]", "a JSON list"),
    ("{oops", "not valid JSON"),
]


@pytest.mark.parametrize(("line", "words"), _BAD_GOLD, ids=[w for _, w in _BAD_GOLD])
def test_malformed_gold_records_are_named_by_file_and_line(tmp_path, capsys, line, words):
    gold = tmp_path / "gold.jsonl"
    data = line.encode("latin-1") if "\xe9" in line else line.encode()
    gold.write_bytes(json.dumps(_GOLD).encode() + b"\n\n" + data + b"\n")
    pred = _jsonl(tmp_path / "pred.jsonl", [_PRED])
    assert main(["evaluate", str(gold), "--pred", str(pred)]) == 1
    err = capsys.readouterr().err
    assert f"{gold}:3: " in err and words in err, err
    assert "internal error" not in err and "Traceback" not in err


def test_evaluate_scores_the_same_good_corpus_as_before(tmp_path, capsys):
    gold = _jsonl(tmp_path / "gold.jsonl", [_GOLD, {**_GOLD, "id": "d2"}])
    pred = _jsonl(tmp_path / "pred.jsonl", [_PRED, {**_PRED, "id": "d2"}])
    assert main(["evaluate", str(gold), "--pred", str(pred), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["all_gold"]["overlap"]["f1"] == 1.0 and out["all_gold"]["documents"] == 2


# --- 7. usage errors, the gazetteer, signals ---------------------------------------------


@pytest.mark.parametrize(
    "extra",
    [["--workers", "0"], ["--workers", "-2"], ["-j", "x"], ["--max-chars", "-1"],
     ["--max-chars", "0"]],
)  # fmt: skip
@pytest.mark.parametrize("command", ["build", "extract"])
def test_bad_workers_and_max_chars_are_usage_errors(tmp_path, capsys, command, extra):
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        main([command, str(src), "-o", str(out), *extra])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "must be at least 1" in err or "not an integer: 'x'" in err, err
    assert not out.exists()


def test_evaluate_events_workers_below_one_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["evaluate-events", "gold.jsonl", "-j", "0"])
    assert exc.value.code == 2 and "must be at least 1" in capsys.readouterr().err


def test_workers_below_one_are_refused_by_the_library(tmp_path, gazetteer):
    src = tmp_path / "a.txt"
    src.write_text(GOOD)
    with pytest.raises(ValueError, match="at least 1"):
        build_events(src, gazetteer=gazetteer, workers=0)


@pytest.mark.parametrize("kind", ["text", "empty", "folder", "sqlite"])
@pytest.mark.parametrize("command", ["build", "evaluate"])
def test_a_gazetteer_that_is_not_one_is_a_clear_error(tmp_path, capsys, kind, command):
    import sqlite3

    bad = tmp_path / "gaz.sqlite"
    if kind == "text":
        bad.write_text("not a database at all\n" * 100)
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "folder":
        bad.mkdir()
    else:
        sqlite3.connect(bad).execute("CREATE TABLE other (x)").connection.close()
    src = _jsonl(tmp_path / "gold.jsonl", [_GOLD])
    out = tmp_path / "out"
    args = [str(src), "--gazetteer", str(bad)]
    args = ["build", *args, "-o", str(out), "-q"] if command == "build" else ["evaluate", *args]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert f"geomap: error: {bad} is not a geomap gazetteer" in err, err
    assert "internal error" not in err and not out.exists()


_INTERRUPTED = """
import signal, sys, time
import geomap.pipeline.passes as passes
from geomap.cli import main

# Ctrl-C raises KeyboardInterrupt, as in a terminal, also where the tests were started with
# SIGINT ignored (a background job of a shell without job control), which Python keeps
signal.signal(signal.SIGINT, signal.default_int_handler)

second_pass = passes.second_pass

def paused(*args, **kwargs):  # the workers are up and waiting for the second pass
    print("second pass", flush=True)
    time.sleep(60)
    return second_pass(*args, **kwargs)

passes.second_pass = paused
sys.exit(main(sys.argv[1:]))
"""


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        start_new_session=True,  # its own process group, as a terminal's job
    )  # fmt: skip


def _wait_for(proc: subprocess.Popen[str], line: str) -> None:
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], 120)
    assert ready and proc.stdout.readline() == line, proc.stderr and proc.stderr.read()


def _stop_at(proc: subprocess.Popen[str], marker: str, stop: Callable[[], None]) -> str:
    """Wait for ``marker`` on the child's stdout, ``stop`` it, and return its stderr."""
    try:
        _wait_for(proc, marker)
        stop()
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return err


def test_ctrl_c_with_workers_prints_no_traceback(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", [{"id": f"a{n}", "text": GOOD} for n in range(10)])
    proc = _start(_INTERRUPTED, "build", str(src), "-o", str(tmp_path / "out"), "-j", "2", "-q")
    # Ctrl-C: the whole foreground group
    err = _stop_at(proc, "second pass\n", lambda: os.killpg(proc.pid, signal.SIGINT))
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "geomap: interrupted" in err and not (tmp_path / "out").exists()


_STAGED_THEN_WAIT = """
import sys, time
import geomap.pipeline.output as output
from geomap.cli import main

write_outputs = output.write_outputs

def staged(*args, **kwargs):
    write_outputs(*args, **kwargs)
    print("staged", flush=True)
    time.sleep(60)

output.write_outputs = staged
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_is_handled_like_ctrl_c(tmp_path, first_build, workers):
    src, out = _copy_first_build(first_build, tmp_path)
    before = {n: (out / n).read_bytes() for n in OUTPUT_NAMES}
    (src / "b.txt").write_text("date 2023-08-10\n" + KHARKIV)
    proc = _start(_STAGED_THEN_WAIT, "build", str(src), "-o", str(out), "-j", workers, "-q")
    err = _stop_at(proc, "staged\n", lambda: os.kill(proc.pid, signal.SIGTERM))
    assert proc.returncode == 143, err
    assert "geomap: terminated" in err and "Traceback" not in err
    assert {n: (out / n).read_bytes() for n in OUTPUT_NAMES} == before
    assert _debris(out) == []  # the stopped build's set folder is gone


# --- 1. a record or a name that ends the run ---------------------------------------------


class _FailingFile(io.BytesIO):
    """A file whose reading fails with EIO once ``good`` lines have been read."""

    def __init__(self, data: bytes, good: int) -> None:
        super().__init__(data)
        self.good = good

    def __iter__(self):
        return self

    def __next__(self) -> bytes:
        if self.good == 0:
            raise OSError(errno.EIO, "Input/output error")
        self.good -= 1
        return super().__next__()


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_read_error_partway_is_reported_with_the_file(
    tmp_path, gazetteer, monkeypatch, suffix, workers
):
    import geomap.ingest.csvfile
    import geomap.ingest.jsonl

    src = tmp_path / "in"
    src.mkdir()
    if suffix == ".jsonl":
        bad = _jsonl(src / f"feed{suffix}", [{"id": f"f{n}", "text": GOOD} for n in range(4)])
    else:
        bad = src / "feed.csv"
        bad.write_text("id,text\n" + "".join(f"f{n},{GOOD}\n" for n in range(4)))
    (src / "good.txt").write_text(KHARKIV)
    module = geomap.ingest.jsonl if suffix == ".jsonl" else geomap.ingest.csvfile
    opener = module.open_binary

    def failing(path):
        if Path(path) == bad:
            return _FailingFile(bad.read_bytes(), 3)
        return opener(path)

    monkeypatch.setattr(module, "open_binary", failing)
    events = build_events(src, gazetteer=gazetteer, today=TODAY, workers=workers)
    arts = _articles(events)
    first = {"f0", "f1", "f2"} if suffix == ".jsonl" else {"f0", "f1"}
    assert first | {"good"} <= arts and "f3" not in arts
    (entry,) = [f for f in events.attrs["report"].files.values() if f.path == str(bad)]
    (problem,) = [p for p in entry.problems if "cannot be read" in p.reason]
    assert problem.severity == "skipped" and "Input/output error" in problem.reason
    assert problem.reason.startswith("cannot be read after line 3")
    assert entry.status == "partial"


def test_non_utf8_names_in_an_input_folder_reach_report_json(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2023-08-09\n" + GOOD)
    os.mkdir(os.path.join(os.fsencode(src), b"caf\xe9"))
    with open(os.path.join(os.fsencode(src), b"caf\xe9", b"notes\xff.dat"), "wb") as fh:
        fh.write(b"data")
    out = tmp_path / "out"
    assert main(["build", str(src), "-o", str(out), "-q", "--today", TODAY.isoformat()]) == 0
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    paths = {f["path"] for f in report["inputs"]}
    assert str(src / "caf\\xe9" / "notes\\xff.dat") in paths
    assert "Traceback" not in capsys.readouterr().err


# --- 8. the network, exactly -------------------------------------------------------------

_AUDITED_BUILD = """
import datetime as dt, json, sys
calls = []

def hook(event, args):
    if event.startswith("socket."):
        calls.append([event, repr(args[1:])])

sys.addaudithook(hook)
from geomap.cli import main

status = main(["build", sys.argv[1], "-o", sys.argv[2], "-q", "--today", "2026-11-22"])
print(json.dumps({"status": status, "calls": calls}))
"""


def test_a_build_opens_no_connection_and_binds_only_the_ipv6_probe(tmp_path):
    # RELIABILITY.md states it exactly: importing folium imports urllib3 (through requests),
    # which creates one IPv6 socket and binds it to ::1 port 0, to learn whether IPv6 works,
    # and closes it; nothing is resolved, connected, sent or received.
    src = _jsonl(tmp_path / "a.jsonl", [{"id": "n1", "text": GOOD, "url": "https://x.org/"}])
    proc = subprocess.run(
        [sys.executable, "-c", _AUDITED_BUILD, str(src), str(tmp_path / "out")],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    said = json.loads(proc.stdout.splitlines()[-1])
    assert said["status"] == 0
    events = [event for event, _ in said["calls"]]
    allowed = {"socket.__new__", "socket.bind"}
    assert set(events) <= allowed, said["calls"]
    binds = [args for event, args in said["calls"] if event == "socket.bind"]
    assert all(args == "(('::1', 0),)" for args in binds), binds


# --- 1. deep folders; 8. outputs inside inputs ---------------------------------------------


def _remove_deep(top: Path, depth: int) -> None:
    """Remove ``top/d/d/…`` bottom up (shutil.rmtree, and so pytest, recurse too deep)."""
    for n in range(depth, 0, -1):
        folder = top.joinpath(*["d"] * n)
        for entry in folder.iterdir():
            if entry.is_file():
                entry.unlink()
        folder.rmdir()


def test_folders_a_thousand_deep_are_walked(tmp_path, gazetteer):
    src = tmp_path / "in"
    deep = src
    src.mkdir()
    try:
        for _ in range(1000):  # (pathlib's mkdir(parents=True) would recurse too deep)
            deep = deep / "d"
            os.mkdir(deep)
        (deep / "bottom.txt").write_text("date 2023-08-09\n" + GOOD)
        (src / "top.txt").write_text("date 2023-08-09\n" + KHARKIV)
        events = build_events(src, gazetteer=gazetteer, today=TODAY)
        assert {"bottom", "top"} <= _articles(events)
    finally:
        _remove_deep(src, sum(1 for _ in deep.relative_to(src).parts))


@pytest.mark.parametrize("command", ["build", "extract"])
def test_an_output_inside_an_input_folder_is_not_read_back(tmp_path, command):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2023-08-09\n" + GOOD)
    out = src / "out" if command == "build" else src / "toponyms.jsonl"
    args = [command, str(src), "-o", str(out), "-q", "--strict", "--today", TODAY.isoformat()]
    assert main(args) == 0
    assert main(args) == 0  # the first run's outputs are not inputs of the second
    if command == "build":
        report = json.loads((out / "report.json").read_text())
        assert [Path(f["path"]).name for f in report["inputs"]] == ["good.txt"]
        assert main(["build", str(src), "-o", str(tmp_path / "elsewhere"), "-q"]) == 0
        report = json.loads((tmp_path / "elsewhere" / "report.json").read_text())
        assert "events.csv" in {Path(f["path"]).name for f in report["inputs"]}  # only its own


# --- 2. a file that changes between the two passes -------------------------------------------


def _changing_build(tmp_path, gazetteer, change):
    src = tmp_path / "in"
    src.mkdir()
    _jsonl(src / "a.jsonl", [{"id": "x", "text": GOOD, "date": "2024-05-03"}])
    _jsonl(src / "b.jsonl", [{"id": "x", "text": KHARKIV, "date": "2024-05-03"}])
    (src / "c.txt").write_text("BAKU, September 27. /TASS/. Shelling hit Ganja on Sunday.")

    def on_stage(name):
        if name == "first pass":
            change(src)

    out = tmp_path / "out"
    result = run_build([src], out, gazetteer=gazetteer, today=TODAY, on_stage=on_stage)
    report = json.loads((out / "report.json").read_text())
    return result, {Path(f["path"]).name: f for f in report["inputs"]}


def _where(events, article):
    return set(events[events["articles"].map(lambda a: article in a)]["name"])


@pytest.mark.parametrize(
    ("change", "name", "words"),
    [
        (lambda src: (src / "a.jsonl").unlink(), "a.jsonl", "removed after the run's first pass"),
        (
            lambda src: (src / "a.jsonl").write_text(
                json.dumps({"id": "y", "text": "Protesters marched in Tbilisi."}) + "\n"
            ),
            "a.jsonl",
            "changed between the run's two passes",
        ),
        (
            lambda src: _jsonl(src / "a0.jsonl", [{"id": "x", "text": "Rain hit Tbilisi."}]),
            "a0.jsonl",
            "appeared after the run's first pass",
        ),
    ],
    ids=["removed", "rewritten", "added"],
)
def test_a_file_changed_between_the_passes_is_reported_and_shifts_no_id(
    tmp_path, gazetteer, change, name, words
):
    result, files = _changing_build(tmp_path, gazetteer, change)
    problems = files[name]["problems"]
    assert any(words in p["reason"] and p["severity"] == "skipped" for p in problems), files
    assert files[name]["status"] == "skipped" and files[name]["articles"] == 0
    events = result.events
    # b.jsonl's article is x#2 in the report (the first pass) and on the map alike
    assert "duplicate article id 'x'; renamed x#2" in [
        p["reason"] for p in files["b.jsonl"]["problems"]
    ]
    assert "Kharkiv" in _where(events, "x#2")
    assert "Kharkiv" not in _where(events, "x")
    assert "Tbilisi" not in set(events["name"])  # nothing read that the first pass did not see
    assert "c" in _articles(events)  # a dateline without a year: dated by the run, by key


# --- 1. one crafted record: huge integers, lone surrogates -----------------------------------

_BIG_INT = "1" + "0" * 5000


@pytest.mark.parametrize("field", ["id", "text", "date", "title", "url", "source", "extra"])
@pytest.mark.parametrize(("command", "workers"), [("build", "1"), ("build", "2"), ("extract", "1")])
def test_an_integer_of_thousands_of_digits_skips_one_line(
    tmp_path, capsys, field, command, workers
):
    src = tmp_path / "in.jsonl"
    bad = '{"id": "bad", "text": "Rain in Baku.", "' + field + '": ' + _BIG_INT + "}"
    src.write_text(json.dumps({"id": "good", "text": GOOD}) + "\n" + bad + "\n")
    out = tmp_path / ("out" if command == "build" else "out.jsonl")
    assert main([command, str(src), "-o", str(out), "-q", "-j", workers]) == 0
    err = capsys.readouterr().err
    assert "internal error" not in err
    if command == "build":
        report = json.loads((out / "report.json").read_text())
        (problem,) = [p for f in report["inputs"] for p in f["problems"] if p["line"] == 2]
        assert "Exceeds the limit (4300 digits)" in problem["reason"]
        assert problem["severity"] == "skipped"
        assert '"good"' in (out / "events.geojson").read_text()
    else:
        assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["good"]


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    field=st.sampled_from(["id", "text", "title", "url", "source"]),
    junk=st.sampled_from(["\ud800", "\udfff", "a\udc80b", "\udbff\udbff"]),
)
def test_lone_surrogates_in_any_field_never_reach_the_writers(
    tmp_path_factory, gazetteer, field, junk
):
    tmp = tmp_path_factory.mktemp("surrogates")
    rec = {"id": "s1", "text": GOOD, "title": "T", "url": "https://x.org/", "source": "S"}
    rec[field] = rec[field] + junk if field == "text" else junk
    src = _jsonl(tmp / "in.jsonl", [rec, {"id": "good", "text": KHARKIV}])
    out = tmp / "out"
    result = run_build([src], out, gazetteer=gazetteer, today=TODAY)
    for name in OUTPUT_NAMES:
        (out / name).read_bytes().decode("utf-8")  # written, and valid UTF-8
    assert "good" in _articles(result.events)
    reasons = [p.reason for p in result.report.problems]
    assert any("not Unicode text" in r and repr(field) in r for r in reasons), reasons


def test_a_txt_file_named_in_bytes_that_are_not_utf8_is_mapped(tmp_path, gazetteer):
    src = tmp_path / "in"
    src.mkdir()
    with open(os.path.join(os.fsencode(src), b"caf\xe9.txt"), "wb") as fh:
        fh.write(("date 2023-08-09\n" + GOOD).encode())
    out = tmp_path / "out"
    result = run_build([src], out, gazetteer=gazetteer, today=TODAY)
    assert "caf\\xe9" in _articles(result.events)  # the id shows the byte
    for name in OUTPUT_NAMES:
        (out / name).read_bytes().decode("utf-8")


# --- 7. a CSV quote that never closes ---------------------------------------------------------


def test_an_unterminated_csv_quote_is_reported_not_merged(tmp_path, gazetteer):
    src = tmp_path / "feed.csv"
    src.write_text(
        "id,text\n"
        f"a,{GOOD}\n"
        'b,"Shelling hit Kharkiv on Thursday.\n'
        "c,Protesters marched in Tbilisi on Monday.\n"
        'd,"A quoted ""fine"" text\nover two lines in Lisbon."\n'
    )
    events = build_events(src, gazetteer=gazetteer, today=TODAY)
    report = events.attrs["report"]
    (problem,) = [p for p in report.problems if "unterminated or misplaced quote" in p.reason]
    assert problem.line == 3 and problem.severity == "skipped"
    assert "lines 3 to 5 were read as one row" in problem.reason
    arts = _articles(events)
    assert "a" in arts and "b" not in arts  # b is not mapped with c's text in it


def test_quoted_fields_over_several_lines_are_still_read(tmp_path, gazetteer):
    src = tmp_path / "feed.csv"
    src.write_text(
        'id,text\na,"Floods hit ""Porto Alegre""\nin Brazil on Friday."\nb,Shelling hit Kharkiv.\n'
    )
    events = build_events(src, gazetteer=gazetteer, today=TODAY)
    assert {"a", "b"} <= _articles(events) and not events.attrs["report"].problems


# --- 3. memory on text that is not UTF-8 ------------------------------------------------------


def test_the_fallback_decoder_needs_a_few_times_the_size_of_the_text():
    import tracemalloc

    from geomap.ingest import decode_bytes

    data = ("Наводнение в Москве. Floods hit Porto Alegre. " * 40_000).encode("cp1251")
    tracemalloc.start()
    try:
        decoded = decode_bytes(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert decoded is not None and decoded.encoding == "cp1251"
    assert peak < 8 * len(data), peak / len(data)  # was ~90 times


def test_a_txt_file_over_the_limit_by_its_size_is_not_read(tmp_path, monkeypatch):
    import geomap.ingest.text
    from geomap.ingest import read_file

    big = tmp_path / "big.txt"
    big.write_bytes("Москва ".encode("cp1251") * 100_000)  # 700 kB

    def refuse(path):
        raise AssertionError("read although its size says it is over the limit")

    monkeypatch.setattr(geomap.ingest.text, "read_document", refuse)
    (problem,) = list(read_file(big, max_chars=10_000))
    assert problem.severity == "skipped" and "over the limit of 10,000" in problem.reason
    assert "700,000 bytes" in problem.reason


# --- 4. a build stopped while it publishes: one set, no debris --------------------------------


def _shown(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUT_NAMES}


def _debris(out: Path) -> list[str]:
    from geomap.pipeline.publish import CURRENT, current_set

    kept = {CURRENT, current_set(out)}
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name not in kept)


@pytest.mark.parametrize("legacy", [False, True], ids=["sets", "plain-files"])
@pytest.mark.parametrize("stop_at", range(len(OUTPUT_NAMES) + 2))
def test_a_build_stopped_while_publishing_shows_one_whole_set(
    tmp_path, gazetteer, first_build, monkeypatch, stop_at, legacy
):
    import geomap.pipeline.publish as publish

    src, out = _copy_first_build(first_build, tmp_path)
    before = _shown(out)
    if legacy:  # an output folder an earlier version wrote: the outputs as plain files
        import shutil

        shutil.rmtree(out)
        out.mkdir()
        for name, data in before.items():
            (out / name).write_bytes(data)
    (src / "b.txt").write_text("date 2023-08-10\n" + KHARKIV)
    place, calls = publish._place_symlink, []

    def stopped(*args):  # Ctrl-C before the stop_at-th symlink is placed
        if len(calls) == stop_at and stop_at <= len(OUTPUT_NAMES):
            raise KeyboardInterrupt
        calls.append(args)
        return place(*args)

    def after_the_switch(folder):
        raise KeyboardInterrupt

    monkeypatch.setattr(publish, "_place_symlink", stopped)
    if stop_at > len(OUTPUT_NAMES):  # the set switched, its predecessor not yet removed
        monkeypatch.setattr(publish, "_fsync_dir", after_the_switch)
    with pytest.raises(KeyboardInterrupt):
        run_build([src], out, gazetteer=gazetteer, today=TODAY, progress=False)
    shown = _shown(out)
    if stop_at <= len(OUTPUT_NAMES):
        assert shown == before  # the previous set, whole
    else:
        assert all(shown[n] != before[n] for n in ("report.json", "events.csv"))
        folders = {os.path.realpath(out / n).rsplit("/", 1)[0] for n in OUTPUT_NAMES}
        assert len(folders) == 1  # the new set, whole
    monkeypatch.undo()
    run_build([src], out, gazetteer=gazetteer, today=TODAY, progress=False)
    assert _debris(out) == []  # what the stopped build left is gone
    assert "b" in json.dumps(json.loads((out / "report.json").read_text()))


# --- 8. CSV injection ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_begin_as_a_formula_are_escaped(tmp_path, gazetteer, start):
    import csv

    hostile = start + 'HYPERLINK("http://evil.example/","x")'
    src = _jsonl(
        tmp_path / "in.jsonl",
        [{"id": hostile, "text": GOOD, "title": start + "1+1", "source": "@wire"}],
    )
    out = tmp_path / "out"
    run_build([src], out, gazetteer=gazetteer, today=TODAY)
    for name in ("events.csv", "mentions.csv"):
        with open(out / name, newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows
        for row in rows:
            for column, cell in row.items():
                if cell[:1] in ("=", "+", "@", "\t", "\r") or (
                    cell[:1] == "-" and not cell.lstrip("-").replace(".", "", 1).isdigit()
                ):
                    raise AssertionError(f"{name} {column}: {cell!r} runs as a formula")
        cells = [c for row in rows for c in row.values()]
        assert any(c.startswith("'" + start) for c in cells)
    geojson = (out / "events.geojson").read_text()  # GeoJSON keeps the id as it is
    assert json.dumps(hostile)[1:-1] in geojson


def test_csv_safe_escapes_what_owasp_lists():
    from geomap.export import csv_safe

    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_safe(start + "x") == "'" + start + "x"
    assert csv_safe("Kharkiv") == "Kharkiv" and csv_safe("") == ""


def test_negative_coordinates_stay_numbers_in_csv(tmp_path, gazetteer):
    import csv

    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])  # Porto Alegre: lat < 0
    out = tmp_path / "out"
    run_build([src], out, gazetteer=gazetteer, today=TODAY)
    with open(out / "events.csv", newline="", encoding="utf-8") as fh:
        lats = [row["lat"] for row in csv.DictReader(fh)]
    assert any(lat.startswith("-") for lat in lats) and all(float(lat) for lat in lats)


def test_without_symlinks_each_output_is_moved_into_place(tmp_path, gazetteer, monkeypatch):
    import geomap.pipeline.publish as publish

    real = os.symlink

    def refuse(src, dst, *args, **kwargs):
        if Path(dst).name == ".symlink-probe":
            raise OSError(errno.EPERM, "Operation not permitted")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(publish.os, "symlink", refuse)
    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    out = tmp_path / "out"
    for _ in range(2):
        run_build([src], out, gazetteer=gazetteer, today=TODAY)
        assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_NAMES)
        assert not any((out / n).is_symlink() for n in OUTPUT_NAMES)


def test_the_published_set_is_as_readable_as_the_umask_allows(tmp_path, gazetteer):
    import stat

    from geomap.pipeline.publish import current_set

    src = _jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": GOOD}])
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        run_build([src], out, gazetteer=gazetteer, today=TODAY)
    finally:
        os.umask(old)
    folder = out / str(current_set(out))
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    for name in OUTPUT_NAMES:
        assert stat.S_IMODE((out / name).stat().st_mode) & 0o044 == 0o044, name


# --- record level: any JSON value in any field (hypothesis) -----------------------------------

_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.sampled_from(["\ud800", "x\udfffy", "=1+1", "2020-02-30", ""]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    st.dictionaries(
        st.sampled_from(["id", "text", "date", "title", "url", "source", "x"]), _json_values
    )
)
def test_any_json_value_in_any_field_gives_an_article_or_a_problem(rec):
    from geomap.ingest import Line, line_record
    from geomap.models import Article, Problem

    line = Line(Path("f.jsonl"), 1, json.dumps(rec), "utf-8")
    got = line_record(line, max_chars=10_000, today=TODAY)
    assert isinstance(got, Article | Problem)
    if isinstance(got, Article):
        for value in (got.id, got.text, got.title, got.url, got.source):
            if value is not None:
                value.encode("utf-8")  # every field can be written


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.binary(min_size=1, max_size=20).filter(lambda b: b"/" not in b and b"\x00" not in b))
def test_any_file_name_gives_an_article_whose_fields_can_be_written(tmp_path_factory, name):
    from geomap.ingest import read_file

    folder = tmp_path_factory.mktemp("names")
    path = os.path.join(os.fsencode(folder), name + b".txt")
    with open(path, "wb") as fh:
        fh.write(GOOD.encode())
    (article,) = list(read_file(Path(os.fsdecode(path))))
    article.id.encode("utf-8")


def test_a_stray_nul_in_one_csv_row_costs_only_that_row(tmp_path, gazetteer):
    src = tmp_path / "feed.csv"
    src.write_bytes(
        b"id,text\na," + GOOD.replace(",", "").encode() + b"\n\x00\nb,Rain\x00 in Baku.\n"
    )
    events = build_events(src, gazetteer=gazetteer, today=TODAY)
    assert "a" in _articles(events)
    png = tmp_path / "image.csv"  # a file dense with NULs is still binary
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    from geomap.ingest import read_file

    (problem,) = list(read_file(png))
    assert "binary" in problem.reason


# --- 8. the CDN fallback carries Subresource Integrity -----------------------------------------


def test_the_cdn_fallback_links_every_file_with_its_integrity(tmp_path):
    import base64
    import hashlib
    import re
    import warnings

    from render_fixtures import fixture_events

    from geomap.assets import Assets, assets_dir
    from geomap.render import render_map

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # OfflineAssetsWarning: the CDN fallback, on purpose
        path = render_map(fixture_events().head(3), tmp_path / "map.html", assets=None)
    html = path.read_text(encoding="utf-8")
    tags = re.findall(r"<(?:script|link)\b[^>]*cdn\.jsdelivr\.net[^>]*>", html)
    js, css = Assets.cdn_links()
    assert len(tags) == len(js) + len(css)
    sri = Assets.cdn_integrity()
    for tag in tags:
        url = re.search(r'(?:src|href)="([^"]+)"', tag).group(1)
        assert f'integrity="{sri[url]}"' in tag and 'crossorigin="anonymous"' in tag, tag
        assert sri[url].startswith("sha384-")
    # the scripts geomap assets install keeps are the tarballs' own bytes: the same hashes
    for url in js:
        name, file = url.split("/npm/")[1].split("@")[0], url.rsplit("/", 1)[1]
        cached = assets_dir() / f"{name}-{file}"
        if cached.exists():
            digest = base64.b64encode(hashlib.sha384(cached.read_bytes()).digest()).decode()
            assert sri[url] == "sha384-" + digest, url
