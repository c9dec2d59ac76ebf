"""Shared fixtures: the bundled gazetteer (built once per machine) and ../shared paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


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
