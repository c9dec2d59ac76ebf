"""End to end: build_events, run_build and run_extract on a small corpus, and on the seeds."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from geomap.pipeline import RunOptions, build_events, run_build, run_extract

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def built(tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("out")
    result = run_build([CORPUS], out, gazetteer=gazetteer, today=TODAY, progress=False)
    return out, result


def test_build_writes_the_outputs(built):
    out, _ = built
    for name in ("map.html", "events.geojson", "events.csv", "mentions.geojson", "mentions.csv",
                 "report.json"):  # fmt: skip
        assert (out / name).stat().st_size > 0, name


def test_report_names_bad_lines_and_keeps_good_articles(built):
    out, _ = built
    report = json.loads((out / "report.json").read_text())
    by_name = {Path(f["path"]).name: f for f in report["inputs"]}
    feed = by_name["feed.jsonl"]
    assert feed["status"] == "partial" and feed["articles"] == 2
    assert {p["line"] for p in feed["problems"] if p["severity"] == "skipped"} == {3, 4}
    assert by_name["dispatch.txt"]["status"] == "processed"
    assert by_name["notes.txt"]["articles"] == 1  # read from a nested folder
    assert report["totals"]["articles"] == 5


def test_events_have_the_places_and_dates_the_texts_give(built):
    _, result = built
    ev = result.events
    rows = {(r.name, r.event_type, r.date) for r in ev.itertuples()}
    assert ("Esztergom", "disaster", "2021-03-07") in rows
    szentendre = ev[ev["name"] == "Szentendre"].iloc[0]
    assert (szentendre["event_type"], szentendre["date"]) == ("accident", "2021-03-07")
    assert (szentendre["fatalities"], szentendre["wounded"]) == (2, 3)
    izium = ev[ev["mentions"].map(lambda m: "Izium" in m)].iloc[0]
    assert (izium["event_type"], izium["date"], izium["fatalities"]) == (
        "explosions_remote_violence", "2022-05-04", 3,
    )  # fmt: skip
    assert not (ev["date"] == "2013-06").any()  # history recalled is no event
    undated = ev[ev["articles"].map(lambda a: "notes" in a)]
    assert not undated.empty and undated["date"].isna().all()  # never dated today
    # every place mention stays in the mentions table, with its role
    mentions = result.mentions
    roles = {(r.text, r.role, r.date) for r in mentions.itertuples()}
    assert ("BUDAPEST", "dateline", "2021-03-09") in roles
    assert ("Central Europe", "background", "2013-06") in roles
    linked = mentions[mentions["event_id"].notna()]
    assert set(linked["event_id"]) <= set(ev["event_id"])


def test_build_events_is_deterministic(gazetteer):
    a = build_events([CORPUS], gazetteer=gazetteer, today=TODAY)
    # the same options as one object, a keyword replacing one of its fields
    b = build_events(
        [CORPUS], RunOptions(gazetteer=gazetteer, today=dt.date(2000, 1, 1)), today=TODAY
    )
    assert a.equals(b)
    assert a["event_id"].is_unique


def test_run_options_pickle_and_refuse_unknown_keywords(gazetteer, tmp_path):
    options = RunOptions(today=TODAY, max_chars=10, date_order="dmy", workers=2, dask="tcp://x")
    assert pickle.loads(pickle.dumps(options)) == options
    opened = pickle.loads(pickle.dumps(replace(options, gazetteer=gazetteer)))  # reopens it
    assert opened.gazetteer.path == gazetteer.path and opened.gazetteer is not gazetteer
    with pytest.raises(AttributeError):
        options.workers = 1  # type: ignore[misc]
    with pytest.raises(TypeError, match="wokers"):
        build_events([CORPUS], gazetteer=gazetteer, wokers=2)
    with pytest.raises(TypeError, match="title"):
        run_extract([CORPUS], tmp_path / "x.jsonl", gazetteer=gazetteer, title="x")
    assert not (tmp_path / "x.jsonl").exists()


def test_rerun_outputs_are_byte_identical(built, tmp_path, gazetteer):
    out, _ = built
    run_build([CORPUS], tmp_path, gazetteer=gazetteer, today=TODAY, progress=False)
    for name in ("events.geojson", "events.csv", "mentions.geojson", "mentions.csv"):
        assert (out / name).read_bytes() == (tmp_path / name).read_bytes()


def test_extract_offsets_refer_to_the_text_as_given(tmp_path, gazetteer):
    out = tmp_path / "toponyms.jsonl"
    run_extract([CORPUS / "dispatch.txt"], out, gazetteer=gazetteer, today=TODAY)
    (line,) = out.read_text().splitlines()
    rec = json.loads(line)
    text = (CORPUS / "dispatch.txt").read_text(encoding="utf-8")
    assert rec["id"] == "dispatch" and rec["toponyms"]
    for t in rec["toponyms"]:
        assert text[t["start"] : t["end"]] == t["name"]
        assert {"lat", "lon", "geonameid", "country_code", "place_type", "date", "role"} <= set(t)


# --- acceptance on the seed articles (../shared/seeds), skipped when absent -------------


@pytest.fixture(scope="module")
def seed_build(seeds_dir, gazetteer, tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    return run_build([seeds_dir], out, gazetteer=gazetteer, today=TODAY, progress=False)


@pytest.fixture(scope="module")
def seed_events(seed_build):
    return seed_build.events


@pytest.fixture(scope="module")
def seed_mentions(seed_build):
    return seed_build.mentions


def _at(events, name_or_id):
    return events[(events["name"] == name_or_id) | (events["place_id"] == name_or_id)]


@pytest.mark.parametrize(
    ("place", "event_type", "date", "precision"),
    [
        ("geonames:146970", "explosions_remote_violence", "2020-09-27", "day"),  # Stepanakert
        ("Tovuz", "battles", "2020-07-12", "day"),
        ("Ganja", "explosions_remote_violence", "2020-10", "month"),
        ("Mingachevir", "explosions_remote_violence", "2020-10", "month"),
        ("Khizi", "explosions_remote_violence", "2020-10", "month"),
        ("Abşeron", "explosions_remote_violence", "2020-10", "month"),
    ],
)
def test_seed_events_on_the_dates_the_articles_give(
    seed_events, place, event_type, date, precision
):
    events = _at(seed_events, place)
    assert not events.empty, place
    on_date = events[(events["date"] == date) & (events["event_type"] == event_type)]
    assert not on_date.empty, events[["date", "event_type"]]
    assert (on_date["date_precision"] == precision).all()


def test_seed_tovuz_clash_has_its_casualties(seed_events):
    tovuz = _at(seed_events, "Tovuz")
    assert list(tovuz["fatalities"]) == [4]


def test_seed_events_are_few_and_never_at_a_continent_or_ocean(seed_events):
    assert 0 < len(seed_events) <= 25
    wide = seed_events[(seed_events["place_type"] == "region") & seed_events["country_code"].isna()]
    assert wide.empty, wide["name"]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Baku", "AZ"),
        ("Yerevan", "AM"),
        ("Moscow", "RU"),
        ("Nagorno-Karabakh", "AZ"),
        ("Washington", "US"),
        ("Geneva", "CH"),
    ],
)
def test_seed_places_in_the_right_countries(seed_mentions, name, country):
    rows = _at(seed_mentions, name)
    assert not rows.empty, name
    assert set(rows["country_code"]) == {country}


def test_seed_washington_is_the_capital_on_october_23(seed_mentions):
    rows = _at(seed_mentions, "Washington")
    assert set(rows["place_id"]) == {"geonames:4140963"}
    assert (rows["date"] == "2020-10-23").any()


def test_seed_history_is_background(seed_mentions):
    old = seed_mentions[seed_mentions["date"].fillna("9999").str[:4].astype(int) < 2000]
    assert not old.empty
    assert set(old["role"]) == {"background"}
    assert {"1988", "1988-02"} & set(old["date"])


def test_seed_no_person_or_organisation_places(seed_events, seed_mentions):
    names = set(seed_events["name"]) | set(seed_mentions["name"])
    surfaces = set(seed_mentions["text"])
    for bad in ("Vladimir", "Zas", "Stanislav", "Minsk", "Aseri", "Secretary", "Union"):
        assert bad not in names and bad not in surfaces


def test_per_process_memo_does_not_grow_with_repeated_articles(gazetteer):
    # what extraction and resolution keep per name (Gazetteer.memo) is keyed by the name's
    # candidates tuple: tuples made per article (a state after a town, a town before a
    # state) would add entries for every article of a corpus
    from geomap.ingest import parse_article
    from geomap.pipeline import process_article

    text = (
        "Flooding in Hurricane, W. Va., and in Normal, Ill., closed roads. "
        "Sen. John Cornyn, R-Texas, met officials in Gainesville, Ga., and Paris, Texas."
    )
    sizes = []
    for k in range(3):
        article = parse_article(f"a{k}", text)
        mentions = process_article(article, gazetteer, dt.date(2020, 5, 1), "metadata", 2020)
        assert {m.surface for m in mentions} >= {"Hurricane", "Normal", "Gainesville"}
        sizes.append(len(gazetteer.memo))
    assert sizes[1] == sizes[2] == sizes[0]


def test_date_alone_as_decided_over_a_run_of_one():
    """RunDates' short cut gives what decide_publication_dates gives for one article."""
    import itertools

    from geomap.dates import PubDateEvidence, decide_publication_dates
    from geomap.pipeline import date_alone

    today = dt.date(2026, 11, 1)
    for stated, month, day, year in itertools.product(
        (None, dt.date(2020, 5, 1)), (None, 0, 2, 13), (None, 0, 29, 31), (None, 2019, 2027)
    ):
        ev = PubDateEvidence(
            "a",
            stated=stated,
            stated_source="header" if stated else "unknown",
            month=month,
            day=day,
            year=year,
            weekdays=((0, 1.0),),
        )
        if stated is None and month and day and not year:
            continue  # needs the run: never decided alone
        assert date_alone(ev, today) == decide_publication_dates([ev], today=today)["a"]


def _read_articles_as_before(paths, *, max_chars, report, today):
    """``read_articles`` as it was, on ``ingest.read_file`` alone (the reference)."""
    from dataclasses import replace

    from geomap.ingest import iter_input_files, read_file
    from geomap.models import Problem

    seen: dict[str, int] = {}
    for item in iter_input_files(paths):
        if isinstance(item, Problem):
            report.add_problem(item)
            continue
        entry = report.file(str(item))
        for rec in read_file(item, max_chars=max_chars, today=today):
            if isinstance(rec, Problem):
                entry.problems.append(rec)
                continue
            entry.problems.extend(rec.problems)
            entry.articles += 1
            n = seen.get(rec.id, 0) + 1
            seen[rec.id] = n
            if n > 1:
                new_id = f"{rec.id}#{n}"
                entry.problems.append(
                    Problem(
                        rec.path, f"duplicate article id {rec.id!r}; renamed {new_id}", rec.line
                    )
                )
                rec = replace(rec, id=new_id)
            yield rec


def test_jsonl_lines_parsed_apart_read_as_ingest_reads_them(tmp_path):
    # the pipeline reads JSONL lines itself and parses them where the work runs
    # (ingest.jsonl_lines, line_record): the same articles and problems, in order
    from geomap.pipeline import RunReport, read_articles

    good = "Shelling hit Kharkiv on Monday."
    ok = [{"id": "a", "text": good, "date": "2022-05-02"}, {"text": good}, {"id": 7, "text": good}]
    (tmp_path / "ok.jsonl").write_text(
        "\n".join(json.dumps(r) for r in ok) + "\n\n   \n" + json.dumps(ok[0]) + "\n"
    )
    bad = [
        "{not json",
        "[1, 2]",
        "3",
        "[" * 100_000,
        json.dumps({"id": "b1"}),
        json.dumps({"id": "b2", "text": " "}),
        json.dumps({"id": "b3", "text": 5}),
        json.dumps({"id": "b4", "text": good * 40}),
        json.dumps({"id": "b5", "text": good, "date": "2022-02-30"}),
        json.dumps({"id": "b6", "text": good, "date": "2999-01-01"}),
        json.dumps({"id": " ", "text": "BAKU, September 27. /TASS/. Ganja was shelled."}),
        json.dumps({"id": "b8", "text": "date 2020-02-30\nTalks in Tbilisi."}),
    ]
    (tmp_path / "bad.jsonl").write_text("\n".join(bad))  # no final newline
    (tmp_path / "bom8.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps(ok[0]).encode() + b"\n")
    (tmp_path / "utf16.jsonl").write_bytes(("\n".join(bad[4:] + ["x"]) + "\n").encode("utf-16"))
    latin = json.dumps({"id": "c", "text": "Café bombed in Lisbon."}, ensure_ascii=False)
    (tmp_path / "cp.jsonl").write_bytes(b"\n".join([latin.encode("cp1252")] * 3 + [b"{"]))
    (tmp_path / "one_cp.jsonl").write_bytes(latin.encode("cp1252") + b"\n")
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.JSONL").write_text("\n \n\t\n")
    (tmp_path / "feed.ndjson").write_text(json.dumps(ok[0]) + "\n")
    (tmp_path / "note.txt").write_text("date 2021-03-09\n" + good)
    (tmp_path / "t.csv").write_text("id,text\na," + good + "\n")
    paths = [tmp_path, tmp_path / "ok.jsonl", tmp_path / "missing.jsonl"]
    got, want = RunReport(), RunReport()
    kw = {"max_chars": 1000, "today": TODAY}
    assert list(read_articles(paths, report=got, **kw)) == list(
        _read_articles_as_before(paths, report=want, **kw)
    )
    assert got.to_dict() == want.to_dict()
    reasons = " ".join(p.reason for p in got.problems)
    for words in ("not valid JSON", "too deeply nested", "not an object", "fallback", "utf-16"):
        assert words in reasons, words


def test_the_report_says_why_a_year_stays_unknown(tmp_path):
    """A run spanning several years gives no year to a dateline without one, nor a default
    year: the report says why (issue #17 item 5; ``geomap.dates.run_years``)."""
    from geomap.pipeline import RunReport, decide_run_dates

    (tmp_path / "a.txt").write_text("date 2020-03-01\nFloods hit Baku.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("date 2023-06-01\nFloods hit Ganja.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text(
        "BAKU, September 27. /TASS/. The ministry said on Sunday that Tovuz was shelled.\n",
        encoding="utf-8",
    )
    (tmp_path / "d.txt").write_text("Shelling hit Tovuz on July 12.\n", encoding="utf-8")
    report = RunReport()
    dates, _ = decide_run_dates([tmp_path], today=dt.date(2026, 11, 22), max_chars=10**6,
                                report=report)  # fmt: skip
    assert dates.from_run["c"] == (None, "unknown") and dates.default_year is None
    reasons = [p.reason for p in report.problems if p.path.endswith("c.txt")]
    assert len(reasons) == 1 and "more than a year" in reasons[0]
    assert "2020-03-01 to 2023-06-01" in report.to_dict()["notes"][0]
    # within a year, the run gives both
    (tmp_path / "b.txt").write_text("date 2020-11-01\nFloods hit Ganja.\n", encoding="utf-8")
    report = RunReport()
    dates, _ = decide_run_dates([tmp_path], today=dt.date(2026, 11, 22), max_chars=10**6,
                                report=report)  # fmt: skip
    assert dates.from_run["c"] == (dt.date(2020, 9, 27), "inferred")
    assert dates.default_year == 2020 and "notes" not in report.to_dict()
