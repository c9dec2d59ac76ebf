"""Worker processes and a Dask cluster give byte-identical outputs; extraction streams."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from geomap.pipeline import OUTPUT_NAMES, RunOptions, iter_results, run_build, run_extract

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def bigger(tmp_path_factory) -> Path:
    """The test corpus plus enough JSONL articles to fill several chunks."""
    root = tmp_path_factory.mktemp("bigger")
    (root / "corpus").symlink_to(CORPUS, target_is_directory=True)
    places = ["Kharkiv", "Odesa", "Ganja", "Tbilisi", "Lisbon", "Patras", "Izium", "Baku"]
    rows = []
    for i in range(300):
        place = places[i % len(places)]
        rows.append(
            {
                "id": f"gen-{i:03d}",
                "date": f"2022-05-{1 + i % 28:02d}",
                "text": f"Shelling hit {place} on Monday, and two people were killed. "
                f"Talks were held in Geneva on {['May 2', 'May 3', 'May 4'][i % 3]}.",
            }
        )
    (root / "gen.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (root / "dateline.txt").write_text("BAKU, September 27. /TASS/. Shelling, said on Sunday.")
    return root


@pytest.fixture(scope="module")
def one_worker(bigger, tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("w1")
    run_build([bigger], out, gazetteer=gazetteer, today=TODAY, progress=False)
    return out


def _same(a: Path, b: Path) -> None:
    for name in OUTPUT_NAMES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_workers_give_identical_outputs(bigger, one_worker, tmp_path, gazetteer):
    run_build([bigger], tmp_path, gazetteer=gazetteer, today=TODAY, workers=2)
    _same(one_worker, tmp_path)


def test_extract_with_workers_is_identical(bigger, tmp_path, gazetteer):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    run_extract([bigger], a, gazetteer=gazetteer, today=TODAY)
    run_extract([bigger], b, gazetteer=gazetteer, today=TODAY, workers=2)
    assert a.read_bytes() == b.read_bytes()
    assert len(a.read_text().splitlines()) == 306  # every article has a line, in input order


def test_dask_cluster_on_loopback_gives_identical_outputs(bigger, one_worker, tmp_path, gazetteer):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, protocol="tcp",
    ) as cluster:  # fmt: skip
        run_build(
            [bigger], tmp_path, gazetteer=gazetteer, today=TODAY, dask=cluster.scheduler_address
        )
    _same(one_worker, tmp_path)


def test_results_stream_in_input_order(bigger, gazetteer):
    from geomap.pipeline import RunReport, decide_run_dates

    dates, count = decide_run_dates([bigger], today=TODAY, max_chars=10**6, report=RunReport())
    assert count == 306
    # Sunday, September 27 fits 2015, 2020 and 2026, and the run's dated articles span
    # 2021-2023: no evidence for one year (issue #17), the date stays unknown
    assert dates.from_run["dateline"] == (None, "unknown")
    options = RunOptions(gazetteer=gazetteer, max_chars=10**6)
    results = iter_results([bigger], dates, options, chunk_size=7)
    first = next(results)  # a generator: nothing is read ahead of what is asked for
    ids = [first.article_id] + [r.article_id for r in results]
    assert ids[:6] == ["dispatch", "wire-1", "wire-2", "notes", "csv-1", "dateline"]
    assert ids[6:] == [f"gen-{i:03d}" for i in range(300)]


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Path:
    """Duplicate ids (within a file and across files), bad lines, a line that is not UTF-8
    and a dateline without a year, spread over several chunks."""
    root = tmp_path_factory.mktemp("messy")
    (root / "corpus").symlink_to(CORPUS, target_is_directory=True)
    places = ["Kharkiv", "Odesa", "Ganja", "Tbilisi", "Lisbon", "Patras"]
    rows = [
        json.dumps({"id": f"m-{i % 70:03d}", "text": f"Shelling hit {places[i % 6]} on Monday."})
        for i in range(160)
    ]
    rows[40:40] = ["not JSON", "[1, 2]", json.dumps({"id": "empty", "text": ""})]
    rows.append(json.dumps({"text": "BAKU, September 27. /TASS/. Ganja was shelled on Sunday."}))
    baku = {"id": "baku", "text": "BAKU, September 28. /TASS/. Shelling hit Tartar on Monday."}
    rows[90:90] = [json.dumps(baku)] * 2
    (root / "a.jsonl").write_text("\n".join(rows) + "\n")
    latin1 = json.dumps({"id": "m-001", "text": "Caf\u00e9 bombed in Lisbon."}, ensure_ascii=False)
    (root / "b.jsonl").write_bytes(("\n".join(rows[:30]) + "\n").encode() + latin1.encode("cp1252"))
    return root


def test_workers_report_the_same_problems_and_renames(messy, tmp_path, gazetteer):
    reports = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}"
        result = run_build([messy], out, gazetteer=gazetteer, today=TODAY, workers=workers)
        reports.append(result.report.to_dict())
        extract = run_extract(
            [messy], out / "x.jsonl", gazetteer=gazetteer, today=TODAY, workers=workers
        )
        assert extract.to_dict() == reports[-1] | {"totals": reports[-1]["totals"] | {"events": 0}}
    assert reports[0] == reports[1]
    _same(tmp_path / "w1", tmp_path / "w2")
    assert (tmp_path / "w1" / "x.jsonl").read_bytes() == (tmp_path / "w2" / "x.jsonl").read_bytes()
    said = [p["reason"] for f in reports[0]["inputs"] for p in f["problems"]]
    assert "duplicate article id 'm-001'; renamed m-001#3" in said
    assert "duplicate article id 'm-001'; renamed m-001#5" in said  # b.jsonl's last line
    assert any("not valid JSON" in r for r in said)


def test_the_first_pass_hands_on_renames_and_run_dates_by_place(messy):
    from geomap.pipeline import RunReport, decide_run_dates, read_articles

    dates, count = decide_run_dates([messy], today=TODAY, max_chars=10**6, report=RunReport())
    articles = list(read_articles([messy], max_chars=10**6, report=RunReport(), today=TODAY))
    assert count == len(articles)
    assert sorted(dates.renamed.values()) == sorted(a.id for a in articles if "#" in a.id)
    assert {"baku", "baku#2"} <= set(dates.from_run)  # a dateline without a year, twice
    assert sorted(dates.from_run_at.values()) == sorted(dates.from_run.values())
