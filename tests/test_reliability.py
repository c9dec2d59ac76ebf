"""Hostile inputs never crash a run or lose an article; writes are atomic; no network."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from geomap.cli import main
from geomap.pipeline import OUTPUT_NAMES, run_build

TODAY = dt.date(2026, 11, 22)
GOOD = "Floods hit Porto Alegre in Brazil on Friday, and two people were killed."
CYRILLIC = "Наводнение в Москве. Floods hit Porto Alegre in Brazil on Friday."


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    """A folder of bad files around good articles (built at test time)."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (root / "truncated.txt").write_bytes(GOOD.encode() + "é".encode()[:1])
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"))
    (root / "cp1251.txt").write_bytes(CYRILLIC.encode("cp1251"))
    latin = "Café owners in Lisbon protested on Monday. " + GOOD
    (root / "latin1.txt").write_bytes(latin.encode("latin-1"))
    (root / "huge.txt").write_text("Lisbon. " * 6_500_000)  # ~52 MB, over the default limit
    lines = [
        json.dumps({"id": "j1", "text": GOOD, "date": "2024-05-03"}),
        "{not json",
        json.dumps({"id": "j3", "text": GOOD, "date": "2020-02-30"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "j5", "text": GOOD, "date": "2999-01-01"}),
    ]
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (root / "nocols.csv").write_text("headline,body\nA,B\n")
    (root / "future.txt").write_text("BAKU, September 27, 2099. /TASS/. Shelling hit Ganja.\n")
    (root / "impossible.txt").write_text("date 2020-02-30\nProtesters marched in Tbilisi.\n")
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    (root / "sub").mkdir()
    (root / "sub" / "back").symlink_to(root, target_is_directory=True)
    (root / "sub" / "good.txt").write_text("date 2023-08-09\n" + GOOD)
    return root


@pytest.fixture(scope="module")
def hostile_run(hostile, tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("hostile-out")
    result = run_build([hostile], out, gazetteer=gazetteer, today=TODAY, progress=False)
    report = json.loads((out / "report.json").read_text())
    return out, result, {Path(f["path"]).name: f for f in report["inputs"]}, report


def test_every_good_article_lands(hostile_run):
    _, result, files, _ = hostile_run
    arts = {a for ids in result.events["articles"] for a in ids}
    for art in ("truncated", "utf16", "cp1251", "latin1", "j1", "j3", "j5", "future", "good"):
        assert art in arts, art
    assert files["feed.jsonl"]["articles"] == 3 and files["feed.jsonl"]["status"] == "partial"


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("empty.txt", None, "empty"),
        ("binary.txt", None, "binary"),
        ("huge.txt", None, "limit"),
        ("feed.jsonl", 2, "not valid json"),
        ("feed.jsonl", 4, "not an object"),
        ("nocols.csv", 1, "no 'text' column"),
        ("pipe.txt", None, "fifo"),
        ("dangling.txt", None, "dangling"),
        ("loop.txt", None, "loop"),
    ],
)
def test_each_bad_input_is_reported_with_line_and_reason(hostile_run, name, line, words):
    _, _, files, _ = hostile_run
    problems = files[name]["problems"]
    hits = [p for p in problems if words in p["reason"].lower() and p["line"] == line]
    assert hits and all(p["severity"] == "skipped" for p in hits), problems


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("truncated.txt", "truncated utf-8"),
        ("utf16.txt", "utf-16"),
        ("cp1251.txt", "cp1251"),
        ("latin1.txt", "cp1252"),
        ("feed.jsonl", "impossible date"),
        ("feed.jsonl", "in the future"),
        ("future.txt", "in the future"),
        ("impossible.txt", "impossible date"),
    ],
)
def test_fallbacks_and_bad_dates_are_warnings(hostile_run, name, words):
    _, _, files, _ = hostile_run
    assert files[name]["status"] in ("processed", "partial") and files[name]["articles"] >= 1
    assert any(words in p["reason"].lower() for p in files[name]["problems"]), files[name]


def test_bad_dates_never_date_an_article(hostile_run):
    _, result, _, _ = hostile_run
    ev = result.events
    for art in ("j3", "j5", "future", "impossible"):
        rows = ev[ev["articles"].map(lambda a, art=art: art in a)]
        assert not rows.empty
        assert not rows["date"].fillna("").str.startswith(("2099", "2999", "2020-02-30")).any()


def test_cp1251_text_is_decoded(hostile):
    from geomap.ingest import read_file

    (article,) = list(read_file(hostile / "cp1251.txt"))
    assert article.text.startswith("Наводнение") and article.encoding == "cp1251"


def test_symlinked_folder_loop_is_read_once(hostile_run):
    _, result, _, report = hostile_run
    good = result.events[result.events["articles"].map(lambda a: "good" in a)]
    assert not good.empty
    assert not any("good#2" in a for ids in result.events["articles"] for a in ids)


def test_cli_exit_codes_and_no_traceback(hostile, tmp_path, capsys):
    args = ["build", str(hostile), "-o", str(tmp_path), "--today", TODAY.isoformat(), "-q"]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for name in OUTPUT_NAMES:
        assert (tmp_path / name).exists()


def test_cli_names_the_bad_file_and_line(hostile, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "build", str(hostile / "feed.jsonl"), "-o",
         str(tmp_path), "--today", TODAY.isoformat()],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert f"{hostile / 'feed.jsonl'}:2: not valid JSON" in proc.stderr
    assert "Traceback" not in proc.stderr


def _outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def previous(tmp_path, gazetteer) -> Path:
    """An output folder holding a good build's outputs."""
    src = tmp_path / "good"
    src.mkdir()
    (src / "a.txt").write_text("date 2023-08-09\n" + GOOD)
    out = tmp_path / "out"
    run_build([src], out, gazetteer=gazetteer, today=TODAY, progress=False)
    return out


@pytest.mark.parametrize("command", ["build", "extract"])
def test_missing_input_path_is_a_usage_error(previous, tmp_path, capsys, command):
    before = _outputs(previous)
    good = previous.parent / "good"
    missing = tmp_path / "exmaples"
    target = previous if command == "build" else previous / "events.csv"
    assert main([command, str(good), str(missing), "-o", str(target), "-q"]) == 2
    err = capsys.readouterr().err
    assert f"no such file or directory: {missing}" in err and "Traceback" not in err
    assert _outputs(previous) == before
    fresh = tmp_path / "fresh" / "out"
    assert main([command, str(missing), "-o", str(fresh)]) == 2
    assert not fresh.parent.exists()  # nothing made


def test_a_run_that_reads_no_article_exits_1_and_keeps_previous_outputs(previous, tmp_path, capsys):
    before = _outputs(previous)
    src = tmp_path / "pages"
    src.mkdir()
    (src / "page.html").write_text("<html><body>Floods hit Porto Alegre.</body></html>")
    (src / "empty.txt").write_text("")
    assert main(["build", str(src), "-o", str(previous), "-q"]) == 1
    err = capsys.readouterr().err
    assert "no article was read" in err and "Traceback" not in err
    report = json.loads(err[err.index("{") : err.rindex("}") + 1])  # the report, on stderr
    assert {Path(f["path"]).name for f in report["inputs"]} == {"page.html", "empty.txt"}
    assert report["totals"]["articles"] == 0
    assert _outputs(previous) == before
    assert sorted(p.name for p in previous.iterdir()) == sorted(OUTPUT_NAMES)  # no debris
    extracted = previous / "events.csv"  # an extract over a previous file leaves it too
    assert main(["extract", str(src), "-o", str(extracted), "-q"]) == 1
    assert _outputs(previous) == before
    assert main(["build", str(src), "-o", str(tmp_path / "new"), "-q"]) == 1
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ({"page.html": "<p>Floods hit Porto Alegre.</p>"}, False),  # ignored in a folder
        ({"page.html": "<p>Floods hit Porto Alegre.</p>"}, True),  # named directly
        ({"empty.txt": ""}, False),  # a file with no article
        ({"bad.jsonl": "{not json\n" + json.dumps({"id": "x", "text": GOOD})}, False),
    ],
)
def test_strict_exits_3_when_any_file_or_article_was_skipped_or_ignored(tmp_path, extra, named):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2023-08-09\n" + GOOD)
    for name, text in extra.items():
        (src / name).write_text(text)
    paths = [str(src / "good.txt"), *(str(src / n) for n in extra)] if named else [str(src)]
    args = ["build", *paths, "-o", str(tmp_path / "out"), "--today", TODAY.isoformat(), "-q"]
    assert main(args) == 0
    assert main([*args, "--strict"]) == 3


def test_strict_exits_0_when_nothing_was_lost(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2023-08-09\n" + GOOD)
    (src / "README.md").write_text("documentation, not read")
    args = ["build", str(src), "-o", str(tmp_path / "out"), "--strict", "-q"]
    assert main(args) == 0


def test_build_events_takes_one_path_and_returns_the_report(tmp_path, gazetteer):
    from geomap.pipeline import RunReport, build_events

    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2023-08-09\n" + GOOD)
    (src / "page.html").write_text("<p>Floods hit Porto Alegre.</p>")
    one = build_events(str(src), gazetteer=gazetteer, today=TODAY)
    listed = build_events([src], gazetteer=gazetteer, today=TODAY)
    assert not one.empty and one.equals(listed)
    assert build_events(src / "good.txt", gazetteer=gazetteer, today=TODAY).equals(one)
    report = one.attrs["report"]
    assert isinstance(report, RunReport) and report.articles == 1 and not report.complete
    assert report.to_dict()["totals"]["events"] == len(one)
    with pytest.raises(FileNotFoundError, match="missing"):
        build_events([src, tmp_path / "missing"], gazetteer=gazetteer, today=TODAY)
    with pytest.raises(FileNotFoundError):
        build_events(str(tmp_path / "missing"), gazetteer=gazetteer, today=TODAY)


# --- writes --------------------------------------------------------------------------


def test_interrupted_build_leaves_previous_outputs(tmp_path, gazetteer, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2023-08-09\n" + GOOD)
    out = tmp_path / "out"
    run_build([src], out, gazetteer=gazetteer, today=TODAY, progress=False)
    before = {n: (out / n).read_bytes() for n in OUTPUT_NAMES}
    (src / "b.txt").write_text("date 2023-08-10\nShelling hit Kharkiv on Thursday.")

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("geomap.render.render_map", boom)
    with pytest.raises(KeyboardInterrupt):
        run_build([src], out, gazetteer=gazetteer, today=TODAY, progress=False)
    assert {n: (out / n).read_bytes() for n in OUTPUT_NAMES} == before
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUT_NAMES)  # no debris


_PAUSED_AT_STAGING = """
import datetime as dt, sys, time
from geomap.pipeline import run_build

def on_stage(name):
    if name == "staged":  # the new outputs are in the staging folder, not yet in place
        print("staged", flush=True)
        time.sleep(300)

run_build([sys.argv[1]], sys.argv[2], today=dt.date(2026, 11, 22), progress=False,
          on_stage=on_stage)
"""


def test_killed_build_leaves_previous_outputs(previous, tmp_path):
    # the build is killed (SIGKILL: no clean-up runs) while its outputs are staged
    import select
    import signal

    before = _outputs(previous)
    src = previous.parent / "good"
    (src / "b.txt").write_text("date 2023-08-10\nShelling hit Kharkiv on Thursday.")
    proc = subprocess.Popen(
        [sys.executable, "-c", _PAUSED_AT_STAGING, str(src), str(previous)],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 300)
        assert ready and proc.stdout is not None and proc.stdout.readline() == "staged\n"
        (staging,) = previous.glob(".geomap-staging-*")
        staged = _outputs(staging)
        assert sorted(staged) == sorted(OUTPUT_NAMES)  # written in full, and new
        assert staged["report.json"] != before["report.json"]
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert _outputs(previous) == before


# --- network and paths ---------------------------------------------------------------


def test_default_build_opens_no_socket(tmp_path, gazetteer, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("geomap tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    src = tmp_path / "a.jsonl"
    src.write_text(json.dumps({"id": "n1", "text": GOOD, "url": "https://example.org/x"}) + "\n")
    result = run_build([src], tmp_path / "out", gazetteer=gazetteer, today=TODAY)
    assert not result.events.empty


def test_ids_and_titles_cannot_write_outside_the_output_folder(tmp_path, gazetteer):
    hostile_id = "../../escape/../../etc/passwd"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": hostile_id, "title": "../../x.html", "text": GOOD}) + "\n")
    out = tmp_path / "deep" / "out"
    before = set(tmp_path.rglob("*"))
    run_build([src], out, gazetteer=gazetteer, today=TODAY)
    created = set(tmp_path.rglob("*")) - before
    assert created == {out.parent, out} | {out / n for n in OUTPUT_NAMES}
