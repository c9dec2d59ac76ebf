"""The date tagger, governing expressions and run-level publication dates: one snippet per rule."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.dates import (
    decide_publication_dates,
    governing_expr,
    publication_evidence,
    run_default_year,
    tag_dates,
)
from geomap.ingest import parse_article

D = dt.date
ANCHOR = D(2020, 10, 29)
TODAY = D(2026, 11, 22)


def one(text: str, anchor: dt.date | None = ANCHOR, **kw):
    exprs = [e for e in tag_dates(text, anchor, **kw) if e.value is not None]
    assert len(exprs) == 1, exprs
    return exprs[0]


@pytest.mark.parametrize(
    ("text", "anchor", "start", "precision", "end"),
    [
        # absolute
        ("Clashes broke out on July 12.", D(2020, 7, 14), D(2020, 7, 12), "day", None),
        ("at the briefing on Oct.29, she said", D(2020, 10, 29), D(2020, 10, 29), "day", None),
        ("The strike on Sept. 27 killed two.", D(2020, 10, 29), D(2020, 9, 27), "day", None),
        ("It began on 27 September 2020.", None, D(2020, 9, 27), "day", None),
        ("Published 2020-10-26 at noon.", None, D(2020, 10, 26), "day", None),
        ("They met on December 30.", D(2021, 1, 2), D(2020, 12, 30), "day", None),
        # relative
        ("The ministry said on Monday.", D(2020, 9, 28), D(2020, 9, 28), "day", None),
        ("The ministry said on Sunday.", D(2020, 9, 28), D(2020, 9, 27), "day", None),
        ("Troops withdrew last Monday.", D(2020, 9, 28), D(2020, 9, 21), "day", None),
        ("Shelling resumed yesterday.", D(2020, 9, 28), D(2020, 9, 27), "day", None),
        ("Talks were held last week.", D(2020, 9, 30), D(2020, 9, 21), "week", None),
        ("Protests began earlier this month.", D(2020, 9, 30), D(2020, 9, 1), "month", None),
        ("Three days ago the town fell.", D(2020, 9, 30), D(2020, 9, 27), "day", None),
        # partial
        ("The fighting continued into October 2020.", None, D(2020, 10, 1), "month", None),
        ("in the early days of October 2020", None, D(2020, 10, 1), "month", None),
        ("It broke out in February of 1988.", None, D(1988, 2, 1), "month", None),
        ("The conflict began in 1988.", None, D(1988, 1, 1), "year", None),
        ("Fighting flared in early October.", D(2020, 10, 29), D(2020, 10, 1), "month", None),
        ("The 1994 ceasefire held.", None, D(1994, 1, 1), "year", None),
        # ranges
        ("In 1992-1994, tensions exploded.", None, D(1992, 1, 1), "year", D(1994, 12, 31)),
        ("the truce from 8:00 on October 26 until October 30", D(2020, 10, 29),
         D(2020, 10, 26), "day", D(2020, 10, 30)),
        ("Floods on October 26-28 hit the city.", D(2020, 10, 29), D(2020, 10, 26), "day",
         D(2020, 10, 28)),
    ],
)  # fmt: skip
def test_expression_values(text, anchor, start, precision, end):
    expr = one(text, anchor)
    assert expr.value.start == start
    assert expr.value.precision == precision
    assert expr.value.end == end


def test_week_is_dated_by_its_monday_and_keeps_iso():
    expr = one("Talks were held last week.", D(2020, 9, 30))
    assert expr.value.start.weekday() == 0 and expr.value.iso() == "2020-09-21"


def test_month_precision_iso_is_truncated():
    assert one("in the early days of October 2020", None).value.iso() == "2020-10"


def test_year_from_run_when_no_anchor():
    expr = one("On September 27, fighting resumed.", None, default_year=2020)
    assert expr.value.start == D(2020, 9, 27) and expr.year_inferred


def test_no_anchor_no_year_no_value():
    exprs = tag_dates("On September 27, fighting resumed on Monday.", None)
    assert exprs and all(e.value is None for e in exprs)


@pytest.mark.parametrize(
    "text",
    [
        "The army sent 2000 troops.",  # a count, not a year
        "They will march to the square.",  # verbs, not months
        "May 32 is not a date.",
        "2020-02-30 is not a date either.",
        "The report lists 1,994 victims.",
    ],
)
def test_not_dates(text):
    assert not [e for e in tag_dates(text, D(2020, 5, 1)) if e.value is not None]


def test_weekday_with_date_is_one_expression():
    exprs = tag_dates("announced on Monday, September 28 in Moscow", D(2020, 9, 28))
    assert len(exprs) == 1 and exprs[0].value.start == D(2020, 9, 28)


def test_governing_expression_same_clause_then_before_then_after():
    text = (
        "On July 12, shelling hit Tovuz; talks were held in Moscow. "
        "Stepanakert was shelled, officials said on October 3."
    )
    exprs = tag_dates(text, D(2020, 10, 4))
    s1_end = text.index(".", text.index("Moscow")) + 1

    def gov(word):
        i = text.index(word)
        in_first = i < s1_end
        a, b = (0, s1_end) if in_first else (s1_end + 1, len(text))
        e = governing_expr(exprs, text, a, b, i, i + len(word))
        return e.value.start if e else None

    assert gov("Tovuz") == D(2020, 7, 12)
    assert gov("Moscow") == D(2020, 7, 12)  # no date in its clause: the one before
    assert gov("Stepanakert") == D(2020, 10, 3)  # only one after it


def _decide(texts, today=TODAY):
    arts = [parse_article(f"a{i}", t) for i, t in enumerate(texts)]
    return decide_publication_dates([publication_evidence(a) for a in arts], today=today)


def test_publication_year_inferred_from_weekdays():
    # July 14 is a Tuesday in 2015 and 2020: the bloc's founding year leaves 2020 only
    text = (
        "MOSCOW, July 14. /TASS/. The bloc, formed in 2016, said on Tuesday. "
        "Lavrov on Monday called."
    )
    got = _decide([text], today=D(2025, 1, 1))
    assert got["a0"] == (D(2020, 7, 14), "inferred")


def test_weekdays_that_fit_several_years_give_none_alone():
    text = "MOSCOW, July 14. /TASS/. The bloc said on Tuesday. Lavrov on Monday called."
    got = _decide([text], today=D(2025, 1, 1))  # 2009, 2015 and 2020 fit: no other article
    assert got["a0"] == (None, "unknown")


def test_weekday_ties_broken_by_the_run():
    texts = [
        "date 2020-10-29\nBAKU, Oct.29. Shelling.",
        "BAKU, September 27. /TASS/. The ministry said on Sunday.",  # 2015, 2020 and 2026 fit
    ]
    got = _decide(texts)
    assert got["a1"] == (D(2020, 9, 27), "inferred")
    assert run_default_year(got) == 2020


def test_header_dateline_and_unknown_sources():
    got = _decide(
        [
            "date 2021-03-09\nBUDAPEST, March 9. Floods.",
            "BAKU, Azerbaijan, Oct. 29, 2020 - Shelling.",
            "No date anywhere in this story.",
            "BAKU, Oct. 29 - No weekday, no other article with a year.",
        ]
    )
    assert got["a0"] == (D(2021, 3, 9), "header")
    assert got["a1"] == (D(2020, 10, 29), "dateline")
    assert got["a2"] == (None, "unknown")
    # the run's other dated articles fall within a year of each other: the nearest Oct. 29
    assert got["a3"] == (D(2020, 10, 29), "inferred")


def test_never_today_without_evidence():
    got = _decide(["KYIV, Nov. 22 - Nothing else."], today=D(2026, 11, 22))
    assert got["a0"] == (None, "unknown")


def test_result_does_not_depend_on_order():
    texts = [
        "date 2020-10-29\nShelling.",
        "BAKU, September 27. The ministry said on Sunday.",
        "MOSCOW, July 14. Said on Tuesday.",
    ]
    a = _decide(texts)
    b = _decide(list(reversed(texts)))
    assert sorted(v for v in a.values()) == sorted(v for v in b.values())


def test_one_month_table_reads_every_spelling_of_a_month():
    import calendar

    from geomap.dates import MONTHS, month_number

    for number in range(1, 13):
        name = calendar.month_name[number]
        for spelling in (name, name.upper(), name[:3], name[:3] + ".", name[:3].upper()):
            assert month_number(spelling) == number, spelling
    assert month_number("Sept.") == month_number("SEPT") == 9
    assert MONTHS["sep"] == MONTHS["sept"] == MONTHS["september"] == 9
    with pytest.raises(TypeError):
        MONTHS["foo"] = 13  # type: ignore[index]  # the table is read-only
    with pytest.raises(KeyError):
        month_number("Monday")


# ----------------------------------------------------------------- a year only with evidence

SEPT_27_SUNDAY = "BAKU, September 27. /TASS/. The ministry said on Sunday."  # 2015, 2020, 2026


def _pending(text, article_id="p"):
    from geomap.dates import needs_run

    ev = publication_evidence(parse_article(article_id, text))
    assert needs_run(ev)
    return ev


def test_run_years_weekday_ties_broken_only_by_a_run_within_a_year():
    from geomap.dates import run_years

    ev = _pending(SEPT_27_SUNDAY)
    near = run_years([ev], {D(2020, 9, 28): 1, D(2020, 10, 29): 3}, today=TODAY)
    assert near.decided["p"] == (D(2020, 9, 27), "inferred")
    assert "give 2020" in near.reasons["p"] and near.default_year == 2020 and near.note is None
    # a corpus spanning several years gives no year, however common one of them is
    wide = run_years([ev], {D(2019, 3, 1): 1, D(2020, 10, 29): 40, D(2022, 5, 1): 1}, today=TODAY)
    assert wide.decided["p"] == (None, "unknown")
    assert "more than a year" in wide.reasons["p"] and "2015, 2020" in wide.reasons["p"]
    assert wide.default_year is None and "2019-03-01 to 2022-05-01" in (wide.note or "")
    alone = run_years([ev], {}, today=TODAY)
    assert alone.decided["p"] == (None, "unknown")
    assert "no other article" in alone.reasons["p"] and alone.default_year is None


def test_run_years_without_a_weekday_only_from_a_run_within_a_year():
    from geomap.dates import run_years

    ev = _pending("BAKU, Oct. 29 - Shelling resumed.")
    got = run_years([ev], {D(2020, 12, 20): 1, D(2021, 2, 1): 1}, today=TODAY)
    assert got.decided["p"] == (D(2020, 10, 29), "inferred")  # 52 days before the first
    got = run_years([ev], {D(2018, 1, 1): 1, D(2020, 10, 1): 9}, today=TODAY)
    assert got.decided["p"] == (None, "unknown")
    # a run within a year whose dates the day cannot come near gives none either
    ev = _pending("BAKU, Oct. 29 - The ministry said on Thursday.")  # 2015, 2020, 2026 fit
    got = run_years([ev], {D(2023, 1, 5): 1, D(2023, 3, 1): 1}, today=TODAY)
    assert got.decided["p"] == (None, "unknown") and "none within a year" in got.reasons["p"]


def test_run_years_unique_weekday_fit_stands_whatever_the_run():
    from geomap.dates import run_years

    ev = _pending("MOSCOW, July 14. The bloc, formed in 2016, said on Tuesday.")
    got = run_years([ev], {D(2018, 1, 1): 1, D(2024, 1, 1): 1}, today=D(2025, 1, 1))
    assert got.decided["p"] == (D(2020, 7, 14), "inferred")
    assert "fit 2020 only" in got.reasons["p"]


def test_run_default_year_only_for_a_run_within_a_year():
    assert run_default_year({"a": (D(2020, 3, 1), "header"), "b": (D(2020, 5, 1), "x")}) == 2020
    wide = {"a": (D(2020, 3, 1), "header"), "b": (D(2020, 5, 1), "x"), "c": (D(2022, 1, 1), "x")}
    assert run_default_year(wide) is None


def test_the_run_years_do_not_depend_on_the_order_of_the_articles():
    from geomap.dates import run_years

    evs = [
        _pending(SEPT_27_SUNDAY, "a"),
        _pending("BAKU, Oct. 29 - Shelling resumed.", "b"),
        _pending("MOSCOW, July 14. Said on Tuesday.", "c"),
    ]
    dated = {D(2020, 10, 1): 2, D(2020, 11, 3): 1}
    one = run_years(evs, dated, today=TODAY)
    two = run_years(list(reversed(evs)), dict(reversed(list(dated.items()))), today=TODAY)
    assert one.decided == two.decided and one.reasons == two.reasons
    assert one.default_year == two.default_year == 2020


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The economy will double by 2023, he said.", None),
        ("The road is to be finished by October 2025.", None),
        ("The curfew stays until October.", None),
        ("Troops will remain till 2030.", None),
        # a reference period keeps its start, the background's date
        ("Talks have been under way since 1992.", D(1992, 1, 1)),
        ("Ports have handled exports since July 2023.", D(2023, 7, 1)),
        # the end of a range, and a day, are dates
        ("They fought from October until December.", D(2020, 12, 1)),
        ("The truce holds until October 30.", D(2020, 10, 30)),
        ("The conflict began in 1988.", D(1988, 1, 1)),
    ],
)
def test_a_forecast_is_no_date(text, kept):
    exprs = tag_dates(text, ANCHOR)
    values = [e.value.start for e in exprs if e.value is not None]
    assert (values[-1] if values else None) == kept
    assert exprs, "the expression is still found: it governs its clause"


def test_a_forecast_year_is_no_bound_on_the_publication_year():
    ev = publication_evidence(parse_article("a", "BAKU, Oct. 29 - Growth will double by 2030."))
    assert ev.latest_year is None
