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

_PROBE = """
import json, sys
from geomap.cli import main
rc = main(sys.argv[1:])
print(json.dumps({"rc": rc, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def _loaded(args: list[str]) -> tuple[int, set[str]]:
    """Run ``geomap ARGS`` in a new interpreter; its exit status and top-level modules."""
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return out["rc"], set(out["modules"])


def test_extract_loads_no_rendering_library(tmp_path):
    target = tmp_path / "out.jsonl"
    rc, modules = _loaded(["extract", str(ROOT / "examples"), "-o", str(target), "-q"])
    assert rc == 0
    lines = [json.loads(line) for line in target.read_text().splitlines()]
    assert lines and any(line["toponyms"] for line in lines)
    assert not modules & set(RENDERING_ONLY), sorted(modules & set(RENDERING_ONLY))
    assert "geomap" in modules


def test_build_loads_them(tmp_path):
    # the probe sees imports: building a map does load folium and pandas
    rc, modules = _loaded(["build", str(ROOT / "examples"), "-o", str(tmp_path), "-q"])
    assert rc == 0
    assert {"folium", "pandas"} <= modules
