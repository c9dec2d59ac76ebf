"""The ``geomap`` command: what a run loads, as a fresh process sees it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Libraries only building a map or a table needs; ``geomap extract`` must not load them
#: (they cost start-up time and memory on every run, issue #6).
RENDERING_ONLY = ("folium", "branca", "jinja2", "shapely", "pandas", "numpy", "geopy")
#: geomap's own modules only finding events needs (the codebook's and the counts' many
#: patterns are compiled as they load): ``geomap extract`` must not load them either.
EVENTS_ONLY = (
    "geomap.events.find",
    "geomap.events.counts",
    "geomap.events.matching",
    "geomap.events.codebook",
    "geomap.events.places",
    "geomap.events.actors",
)

_PROBE = """
import json, sys
from geomap.cli import main
rc = main(sys.argv[1:])
print(json.dumps({"rc": rc, "modules": sorted({m.split(".")[0] for m in sys.modules}),
                  "geomap": sorted(m for m in sys.modules if m.startswith("geomap."))}))
"""


def _loaded(args: list[str]) -> tuple[int, set[str]]:
    """Run ``geomap ARGS`` in a new interpreter; its exit status and the modules it loaded:
    the top-level ones and every module of geomap's."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return out["rc"], {*out["modules"], *out["geomap"]}


def test_extract_loads_no_rendering_library(tmp_path):
    target = tmp_path / "out.jsonl"
    rc, modules = _loaded(["extract", str(ROOT / "examples"), "-o", str(target), "-q"])
    assert rc == 0
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert lines and any(line["toponyms"] for line in lines)
    assert not modules & set(RENDERING_ONLY), sorted(modules & set(RENDERING_ONLY))
    assert not modules & set(EVENTS_ONLY), sorted(modules & set(EVENTS_ONLY))
    assert {"geomap", "geomap.events.roles"} <= modules


def test_build_loads_them(tmp_path):
    # the probe sees imports: building a map does load folium and pandas
    rc, modules = _loaded(["build", str(ROOT / "examples"), "-o", str(tmp_path), "-q"])
    assert rc == 0
    assert {"folium", "pandas"} <= modules
    assert set(EVENTS_ONLY) <= modules


def _command(*args: str, **kw) -> subprocess.CompletedProcess[str]:
    """``python -m geomap ARGS`` (the console script's entry, ``geomap.cli.entry``)."""
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT, **kw,
    )  # fmt: skip


def test_the_command_exits_with_main_s_status_and_everything_written(tmp_path):
    # entry() ends the process without the interpreter's teardown: nothing printed or
    # written may be lost, and the status is main's
    proc = _command("build", str(ROOT / "examples"), "-o", str(tmp_path / "out"), "-q")
    assert proc.returncode == 0, proc.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["totals"]["events"] > 0
    assert (tmp_path / "out" / "map.html").read_text().rstrip().endswith("</html>")
    proc = _command("geocode", "Springfield", "-n", "40")
    rows = proc.stdout.splitlines()  # stdout flushed, complete
    assert proc.returncode == 0 and len(rows) > 5 and all(r.count("\t") == 4 for r in rows)
    missing = str(tmp_path / "missing.jsonl")
    proc = _command("extract", missing, "-o", str(tmp_path / "x"), "--strict")
    assert proc.returncode == 2 and f"no such file or directory: {missing}" in proc.stderr
    assert not (tmp_path / "x").exists()
    proc = _command("extract", missing, "-o", str(tmp_path / "x"), "--today", "nonsense")
    assert proc.returncode == 2


def test_the_command_survives_a_reader_that_goes_away():
    # a closed pipe on stdout (`geomap geocode … | head -c 1`): one line saying so, no
    # traceback nor "Exception ignored" at exit; here the reading end is closed before
    # the command writes
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "geomap", "geocode", "Springfield", "-n", "40"],
            stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=ROOT, timeout=300,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == "geomap: error: [Errno 32] Broken pipe"
