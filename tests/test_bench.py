"""The benchmark harness runs end to end on a small corpus and reports what BENCHMARKS.md
quotes: throughput, peak memory, the references, the lexer in use, worker speed-ups."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.bench import lexer_state, main, make_corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_make_corpus_repeats_the_texts_with_new_ids(tmp_path):
    path, size = make_corpus(EXAMPLES, 25, tmp_path / "c.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 25 and size == path.stat().st_size
    records = [json.loads(line) for line in lines]
    assert len({r["id"] for r in records}) == 25
    assert len({r["text"] for r in records}) < 25  # the sample's texts, repeated


def test_harness_reports_its_figures(tmp_path, capsys):
    out = tmp_path / "figures.json"
    argv = ["--source", str(EXAMPLES), "--articles", "30", "--no-curve", "--no-build"]
    assert main([*argv, "--workers", "2", "--repeat", "2", "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    measures = {m["what"]: m for m in figures["measures"]}
    assert set(measures) == {
        "geomap extract, 1 article (cold start)",
        "geomap extract, 1 worker",
        "geomap extract, 2 workers",
    }
    for m in measures.values():
        assert len(m["runs"]) == 2 and sorted(m["runs"])[0] <= m["seconds"]
        assert m["peak_mb"] > 10
    assert figures["lexer"] == lexer_state()
    assert figures["speedup"]["workers"] == 2 and figures["speedup"]["extract"] > 0
    assert figures["raw_scan"]["articles_per_s"] > 0
    targets = {t["target"]: t for t in figures["targets"]}
    assert len(targets) == 4 and all(isinstance(t["met"], bool) for t in targets.values())
    load = targets["gazetteer load: s"]
    assert round(load["value"], 3) == figures["gazetteer_load_s"]
    assert load["met"] == (load["value"] <= 1)
    printed = capsys.readouterr().out
    assert "| geomap extract, 1 worker | 30 |" in printed
    assert "| gazetteer load: s | <= 1 |" in printed
    assert "extract: 2 workers are" in printed


def test_targets_are_met_or_missed_by_their_bounds():
    from geomap.bench import check_targets

    got = {t["target"]: t["met"] for t in check_targets(
        {"extract_per_s": 999.0, "one_article_s": 1.5, "peak_mb": 120.0})}  # fmt: skip
    assert got == {
        "geomap extract, 1 worker: articles/s (process start included)": False,
        "geomap extract, 1 article: wall s": True,
        "peak memory of any command: MB": True,
    }  # the unmeasured gazetteer load is left out
    assert check_targets({"extract_per_s": 1000.0})[0]["met"] is True


def test_stages_times_every_stage_of_a_real_build(tmp_path):
    # benchmarks/stages.py times run_build through its on_stage callback: each stage of
    # geomap.pipeline.STAGES ends, in order, and the build writes its outputs
    import subprocess
    import sys

    from geomap.pipeline import OUTPUT_NAMES, STAGES

    root = Path(__file__).resolve().parents[1]
    corpus, _ = make_corpus(EXAMPLES, 20, tmp_path / "c.jsonl")
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, str(root / "benchmarks" / "stages.py"), str(corpus), "--one", "1",
         "--out", str(out)],
        capture_output=True, text=True, timeout=300, cwd=root, check=True,
    )  # fmt: skip
    ends = json.loads(proc.stdout.strip().splitlines()[-1])
    assert list(ends) == ["start", *STAGES]
    assert list(ends.values()) == sorted(ends.values())
    assert all((out / name).stat().st_size > 0 for name in OUTPUT_NAMES)
