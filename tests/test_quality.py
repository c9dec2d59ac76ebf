"""The code base stays ruff- and mypy-clean (part of the README's test command)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*cmd: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff not installed")
def test_ruff_clean():
    proc = run("ruff", "check", "geomap", "gazetteer", "tests")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mypy_clean():
    pytest.importorskip("mypy")
    proc = run(sys.executable, "-m", "mypy", "geomap", "gazetteer")
    assert proc.returncode == 0, proc.stdout + proc.stderr
