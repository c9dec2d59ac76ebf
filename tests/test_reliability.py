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


def test_missing_input_path_is_an_error_line_not_a_crash(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path / "o"), "-q"]) == 0
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    assert report["inputs"][0]["status"] == "skipped"
    assert "no such file" in report["inputs"][0]["problems"][0]["reason"]


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


def test_killed_build_leaves_previous_outputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("date 2023-08-09\n" + GOOD)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "geomap", "build", str(src), "-o", str(out), "-q"]
    subprocess.run(cmd, check=True, timeout=300)
    before = {n: (out / n).read_bytes() for n in OUTPUT_NAMES}
    rows = "".join(
        json.dumps({"id": f"x{i}", "text": GOOD * 20, "date": "2024-05-03"}) + "\n"
        for i in range(4000)
    )
    (src / "many.jsonl").write_text(rows)
    proc = subprocess.Popen(cmd)
    try:
        proc.wait(timeout=2.5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.returncode == 0:  # pragma: no cover - a very fast machine finished first
        pytest.skip("the build finished before it could be killed")
    assert {n: (out / n).read_bytes() for n in OUTPUT_NAMES} == before


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
