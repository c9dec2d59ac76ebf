"""Fuzzing ``geomap build`` in CI: hostile folders never cost a good article nor exit 1.

A fixed seed and a few dozen generated folders (``benchmarks/fuzz.py``; run it for the long
mode): each folder holds JSONL, CSV and text files and names of any bytes, with good
articles among them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytest.importorskip("hypothesis")

FUZZ = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz.py"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("geomap_fuzz", FUZZ)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_hostile_folders_lose_no_good_article_and_never_exit_1(gazetteer):
    fuzz = _fuzz_module()
    examples, files = fuzz.run_fuzz(30, seed_value=20)
    assert examples == 30 and files >= 60


def test_the_fuzzer_finds_a_lost_article():
    # the checker can fail: a corpus whose good article is not in the outputs
    fuzz = _fuzz_module()
    corpus = fuzz.Corpus(files=[(b"good-x.txt", fuzz.GOOD_TEXT.encode())], good=["good-y"])
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root, out = Path(tmp) / "in", Path(tmp) / "out"
        root.mkdir()
        fuzz.write_corpus(corpus, root)
        failures = fuzz.check_build(corpus, root, out)
    assert failures == ["good articles lost: ['good-y']"]
