"""Publication dates in JSONL and CSV: the forms news exports write, ambiguous day/month orders."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from geomap.ingest import parse_date, read_file
from geomap.models import Article, Problem

TODAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2015-04-05", dt.date(2015, 4, 5)),
        ("2017-08-01T23:30:00-05:00", dt.date(2017, 8, 1)),  # the day as written, not UTC's
        ("2017-08-01T12:00:00.123Z", dt.date(2017, 8, 1)),
        ("Tue, 01 Aug 2017 12:00:00 +0000", dt.date(2017, 8, 1)),
        ("Tue, 1 Aug 2017 12:00:00 GMT", dt.date(2017, 8, 1)),
        ("01 Aug 2017 12:00 EST", dt.date(2017, 8, 1)),
        ("5 Apr 2015", dt.date(2015, 4, 5)),
        ("5th April 2015", dt.date(2015, 4, 5)),
        ("April 5, 2015", dt.date(2015, 4, 5)),
        ("Apr. 5, 2015 10:30 AM", dt.date(2015, 4, 5)),
        ("Sunday, April 5, 2015", dt.date(2015, 4, 5)),
        ("Sept 5 2015", dt.date(2015, 9, 5)),
        ("2015/04/05", dt.date(2015, 4, 5)),
        ("2015.04.05", dt.date(2015, 4, 5)),
        ("11/28/2016", dt.date(2016, 11, 28)),  # month first: 28 cannot be a month
        ("28/11/2016", dt.date(2016, 11, 28)),
        ("28.11.2016 14:00", dt.date(2016, 11, 28)),
        ("05/05/2015", dt.date(2015, 5, 5)),  # either order gives the same day
    ],
)
def test_forms_news_exports_write(value, day):
    assert parse_date(value, today=TODAY) == (day, None)


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("05/04/2015", "ambiguous day and month (5 April or May 4)"),
        ("05.04.2015", "ambiguous day and month (5 April or May 4)"),
        ("31/02/2015", "impossible date"),
        ("13/13/2015", "impossible date"),
        ("2015/02/30", "impossible date"),
        ("30 Feb 2015", "impossible date"),
        ("5 Apr 2099", "in the future"),
        ("5 Apr 1700", "implausibly early"),
        ("2015", "not a date geomap reads"),
        ("yesterday", "not a date geomap reads"),
        ("05/04/15", "not a date geomap reads"),  # a two-digit year is never guessed
        ("5 Foo 2015", "not a date geomap reads"),
    ],
)
def test_dates_refused_with_the_reason(value, why):
    day, reason = parse_date(value, today=TODAY)
    assert day is None and reason is not None and reason.startswith(why)


def test_date_order_reads_ambiguous_numeric_dates_only():
    assert parse_date("05/04/2015", date_order="dmy") == (dt.date(2015, 4, 5), None)
    assert parse_date("05/04/2015", date_order="mdy") == (dt.date(2015, 5, 4), None)
    # an unambiguous date is read as it must be, whatever the order given
    assert parse_date("11/28/2016", date_order="dmy") == (dt.date(2016, 11, 28), None)
    assert parse_date("28/11/2016", date_order="mdy") == (dt.date(2016, 11, 28), None)
    # and the other forms do not depend on it
    assert parse_date("2015/04/05", date_order="mdy") == (dt.date(2015, 4, 5), None)
    with pytest.raises(ValueError, match="date_order"):
        parse_date("05/04/2015", date_order="ymd")  # type: ignore[arg-type]


def _records(tmp_path, kind):
    dates = ["5 Apr 2015", "05/04/2015", "11/28/2016", "Tue, 01 Aug 2017 12:00:00 +0000", "soon"]
    text = "Protesters gathered in Tbilisi."
    if kind == "jsonl":
        path = tmp_path / "dates.jsonl"
        path.write_text(
            "\n".join(
                json.dumps({"id": f"a{i}", "text": text, "date": d}) for i, d in enumerate(dates)
            )
        )
    else:
        path = tmp_path / "dates.csv"
        path.write_text(
            "id,date,text\n" + "".join(f'a{i},"{d}",{text}\n' for i, d in enumerate(dates))
        )
    return path


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_jsonl_and_csv_dates_without_an_order_refuse_the_ambiguous_one_with_file_and_line(
    tmp_path, kind
):
    path = _records(tmp_path, kind)
    arts = list(read_file(path, today=TODAY))
    assert all(isinstance(a, Article) for a in arts)
    got = {a.id: a.published for a in arts}  # type: ignore[union-attr]
    assert got == {
        "a0": dt.date(2015, 4, 5),
        "a1": None,
        "a2": dt.date(2016, 11, 28),
        "a3": dt.date(2017, 8, 1),
        "a4": None,
    }
    (ambiguous,) = arts[1].problems  # type: ignore[union-attr]
    header = 1 if kind == "csv" else 0
    assert ambiguous.path == str(path) and ambiguous.line == 2 + header
    assert ambiguous.reason == (
        "'date' '05/04/2015': ambiguous day and month (5 April or May 4); give the order with "
        "--date-order dmy|mdy; ignored"
    )
    (unreadable,) = arts[4].problems  # type: ignore[union-attr]
    assert unreadable.line == 5 + header and unreadable.reason.startswith(
        "'date' 'soon': not a date"
    )


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
@pytest.mark.parametrize(
    ("order", "day"), [("dmy", dt.date(2015, 4, 5)), ("mdy", dt.date(2015, 5, 4))]
)
def test_date_order_on_the_readers(tmp_path, kind, order, day):
    arts = list(read_file(_records(tmp_path, kind), today=TODAY, date_order=order))
    assert [a.published for a in arts][:3] == [dt.date(2015, 4, 5), day, dt.date(2016, 11, 28)]  # type: ignore[union-attr]
    assert not arts[1].problems  # type: ignore[union-attr]
    assert not any(isinstance(a, Problem) for a in arts)


def test_any_text_gives_a_plausible_date_or_a_reason_never_an_exception():
    hypothesis = pytest.importorskip("hypothesis")
    from hypothesis import strategies as st

    pieces = st.sampled_from(
        ["05", "5", "13", "31", "2015", "1999", "Apr", "April", "Sept", "Tue,", "/", ".", "-", " ",
         ",", "T", "12:00", "+0000", "Z", "th", "AM", "GMT", "00", "0"]
    )  # fmt: skip

    @hypothesis.settings(max_examples=200, deadline=None)
    @hypothesis.given(st.one_of(st.text(max_size=40), st.lists(pieces, max_size=9).map("".join)))
    def check(value):
        for order in (None, "dmy", "mdy"):
            day, why = parse_date(value, today=TODAY, date_order=order)  # type: ignore[arg-type]
            assert (day is None) != (why is None)
            if day is not None:
                assert dt.date(1800, 1, 1) <= day <= TODAY + dt.timedelta(days=2)

    check()


def test_a_jsonl_line_carries_its_date_order_to_where_it_is_parsed(tmp_path):
    import pickle

    from geomap.ingest import Line, jsonl_lines, line_record

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Rain in Tbilisi.", "date": "05/04/2015"}))
    (line,) = jsonl_lines(path, date_order="mdy")
    assert isinstance(line, Line) and line.date_order == "mdy"
    moved = pickle.loads(pickle.dumps(line))  # as a worker process receives it
    article = line_record(moved, max_chars=1000, today=TODAY)
    assert isinstance(article, Article) and article.published == dt.date(2015, 5, 4)
    (plain,) = jsonl_lines(path)
    assert isinstance(plain, Line)
    refused = line_record(plain, max_chars=1000, today=TODAY)
    assert isinstance(refused, Article) and refused.published is None and refused.problems


@pytest.mark.parametrize("workers", [1, 2])
def test_cli_date_order_reaches_the_readers(tmp_path, workers, capsys):
    from geomap.cli import main

    (tmp_path / "in").mkdir()
    text = "Protesters gathered in Tbilisi."
    (tmp_path / "in" / "a.jsonl").write_text(
        json.dumps({"id": "j", "text": text, "date": "05/04/2015"})
    )
    (tmp_path / "in" / "b.csv").write_text(f'id,date,text\nc,"05/04/2015",{text}\n')
    common = ["--today", "2026-01-01", "--workers", str(workers), "-q"]
    published = {}
    for order in (None, "dmy", "mdy"):
        out = tmp_path / f"out-{order}"
        flags = [] if order is None else ["--date-order", order]
        assert main(["build", str(tmp_path / "in"), "-o", str(out), *common, *flags]) == 0
        report = json.loads((out / "report.json").read_text())
        reasons = [p["reason"] for f in report["inputs"] for p in f["problems"]]
        events = (out / "events.csv").read_text()
        published[order] = (len([r for r in reasons if "ambiguous day and month" in r]), events)
    assert published[None][0] == 2 and published["dmy"][0] == 0 and published["mdy"][0] == 0
    assert "2015-04-05" in published["dmy"][1] and "2015-05-04" not in published["dmy"][1]
    assert "2015-05-04" in published["mdy"][1] and "2015-04-05" not in published["mdy"][1]
    assert "2015-04-05" not in published[None][1] and "2015-05-04" not in published[None][1]
    with pytest.raises(SystemExit):
        main(["build", str(tmp_path / "in"), "-o", str(tmp_path / "x"), "--date-order", "ymd"])
    capsys.readouterr()
