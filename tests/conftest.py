"""Shared fixtures: the bundled gazetteer (built once per machine), ../shared paths, and the
headless Chromium and fixture map of the browser tests (one each per session, that is per
pytest-xdist worker); the tests' temporary folders in memory where the machine has room;
the longest test files first."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
#: set by .ci/run: a browser test that cannot run fails instead of skipping
REQUIRE_BROWSER = os.environ.get("GEOMAP_REQUIRE_BROWSER") == "1"
#: a memory-backed folder for the tests' temporary files, used when this much is free
MEMORY_TEMP, MEMORY_TEMP_FREE = Path("/dev/shm"), 4 << 30
#: The test files that take longest (seconds in one process, about), run first: pytest-xdist
#: hands whole files to its workers in the order collected (--dist loadfile,
#: --no-loadscope-reorder in pyproject), so the long ones start at once and the short ones
#: fill in around them, instead of a long file starting last while the other workers idle.
#: The two browser files come first and third, so that the first worker takes both (one
#: Chromium); a file not listed runs after these, in the usual order.
LONGEST_FIRST = (
    "test_render_browser.py",  # 45
    "test_reliability_faults.py",  # 17
    "test_reliability_browser.py",  # 6
    "test_events_rules.py",  # 6 (codebook patterns, regrouped or not, on a fifth of the corpora)
    "test_quality.py",  # 12 with mypy's cache cold, as in CI
    "test_bench.py",  # 8
    "test_export.py",  # 7
    "test_lexer.py",  # 7
    "test_cli.py",  # 6
    "test_reliability.py",  # 5
    "test_reliability_fuzz.py",  # 5
    "test_parallel.py",  # 4
    "test_accuracy.py",  # 4
    "test_properties.py",  # 4
    "test_render.py",  # 3
)


def pytest_configure(config: pytest.Config) -> None:
    """Put tmp_path, tmp_path_factory and tempfile's folders in memory (/dev/shm) unless
    TMPDIR says where they go or the machine has no room there: every build fsyncs its
    outputs and their folders, which on a busy disk made the build tests a third slower.
    The pytest-xdist workers, started later, and the tests' subprocesses inherit it."""
    if os.environ.get("TMPDIR") or not MEMORY_TEMP.is_dir() or not os.access(MEMORY_TEMP, os.W_OK):
        return
    stat = os.statvfs(MEMORY_TEMP)
    if stat.f_bavail * stat.f_frsize < MEMORY_TEMP_FREE:
        return
    os.environ["TMPDIR"] = str(MEMORY_TEMP)
    tempfile.tempdir = None  # worked out again, from TMPDIR, on next use


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The files of ``LONGEST_FIRST`` first, in its order; each file's tests keep theirs."""
    rank = {name: k for k, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(scope="session")
def gazetteer():
    from geomap.gazetteer import Gazetteer

    return Gazetteer()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = SHARED / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/seeds not present")
    return path


@pytest.fixture(scope="session")
def eval_corpora() -> list[Path]:
    """The annotated corpora of ../shared/eval (JSONL), skipped when absent."""
    paths = sorted((SHARED / "eval").glob("*.jsonl"))
    if not paths:
        pytest.skip("../shared/eval not present")
    return paths


def _browser_missing(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"browser tests required but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium with ``geomap.bench_map``'s flags, launched once per
    session: each test opens its pages with ``browser.new_page``, a fresh context each
    (no cookies, storage or cache shared), and blocks their network itself
    (``test_render_browser.Opened``). Skips, or fails under GEOMAP_REQUIRE_BROWSER=1,
    without Playwright, Chromium or the map assets."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _browser_missing("playwright is not installed (pip install '.[test]')")
    from geomap.bench_map import CHROMIUM, CHROMIUM_ARGS

    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        _browser_missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    from geomap.assets import load

    if load() is None:
        _browser_missing("the map assets are not installed (geomap assets install)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def fixture_map(tmp_path_factory) -> Path:
    """map.html of the fixture events and mentions (tests/data/map), rendered once: tests
    open it and must not write to it."""
    from render_fixtures import fixture_events, fixture_mentions

    from geomap.render import render_map

    path = tmp_path_factory.mktemp("map") / "map.html"
    render_map(fixture_events(), path, title="Fixture events", mentions=fixture_mentions())
    return path
