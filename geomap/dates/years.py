"""Years only from evidence: the year of a dateline written without one, a run's default year.

A year is inferred only when something says which: the weekdays the article names fit one
year only, or the run's dated articles all fall within a year of each other (then the year
that puts the date nearest them). The most common year of a run that spans several years
is no evidence: without evidence the date stays unknown, and ``RunYears`` says why.

>>> import datetime as dt
>>> ev = PubDateEvidence("a", month=9, day=27, weekdays=((6, 1.0),))  # "on Sunday"
>>> got = run_years([ev], {dt.date(2020, 10, 29): 1}, today=dt.date(2026, 11, 22))
>>> got.decided["a"], got.default_year
((datetime.date(2020, 9, 27), 'inferred'), 2020)
>>> got = run_years([ev], {dt.date(2018, 1, 5): 1, dt.date(2023, 6, 1): 1},
...                 today=dt.date(2026, 11, 22))
>>> got.decided["a"], got.default_year
((None, 'unknown'), None)
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from geomap.dates.publication import PubDateEvidence, decided_alone, weekday_score
from geomap.dates.values import safe_date

__all__ = [
    "RUN_SPAN_DAYS",
    "YEAR_WINDOW",
    "RunYears",
    "decide_publication_dates",
    "run_default_year",
    "run_years",
]

#: How many years before the run's today a dateline without a year may fall.
YEAR_WINDOW = 40
#: The run's dated articles give a year only when they all fall within this many days of
#: each other (a year, a leap day included); a date inferred from them lies as near.
RUN_SPAN_DAYS = 366


@dataclass(frozen=True)
class RunYears:
    """What a run decides about years, and why (``run_years``)."""

    #: Each article that needed the run, by id: its date and "inferred", or None and
    #: "unknown".
    decided: dict[str, tuple[dt.date | None, str]]
    #: Why each of them got its year or none, by id: a sentence for the run report.
    reasons: dict[str, str]
    #: The year of a month and day written without one in an article that has no date
    #: itself: only when the run's dated articles all fall within a year of each other.
    default_year: int | None
    #: Why there is no ``default_year`` (None when there is one).
    note: str | None
    #: The first and last dates of the articles dated on their own evidence.
    first: dt.date | None = None
    last: dt.date | None = None
    #: The run's dated articles by year, the inferred ones included.
    years: Counter[int] = field(default_factory=Counter)


def run_years(
    evidence: Iterable[PubDateEvidence],
    dated: Mapping[dt.date, int],
    *,
    today: dt.date,
) -> RunYears:
    """The year of each article whose dateline has none, and the run's default year.

    Parameters
    ----------
    evidence : iterable of PubDateEvidence
        The articles that need the run (``needs_run``): a dateline's month and day without
        a year.
    dated : mapping of datetime.date to int
        The dates of the run's other articles, each with how many articles have it: those
        dated on their own evidence (a stated date, a dateline with a year). A date with
        a count of 0 bounds the run's span without adding to its years.
    today : datetime.date
        The run's today: no date after it is inferred.

    Returns
    -------
    RunYears
        An article's year is the one the weekdays it names fit best, within
        ``YEAR_WINDOW`` years before ``today`` and not before the latest year it writes
        out, when one year fits best; when several do, or none is named, the one of them
        that puts the date nearest the run's dated articles, if these all fall within
        ``RUN_SPAN_DAYS`` of each other and it lies that near them. Otherwise the date is
        unknown. The default year is the most common year of the run's dated articles,
        inferred ones included, when all of them fall within ``RUN_SPAN_DAYS`` of each
        other; otherwise None, and ``note`` says why.
    """
    return _decide(list(evidence), dated, today)


def _decide(
    evidence: list[PubDateEvidence], dated: Mapping[dt.date, int], today: dt.date
) -> RunYears:
    """``run_years``, by a name ``decide_publication_dates``' keyword does not hide."""
    counted = dict(dated)
    first = min(counted) if counted else None
    last = max(counted) if counted else None
    span = (first, last) if first and last and (last - first).days <= RUN_SPAN_DAYS else None
    decided: dict[str, tuple[dt.date | None, str]] = {}
    reasons: dict[str, str] = {}
    for ev in evidence:
        date, reason = _year_of(ev, today, span, first, last)
        decided[ev.article_id] = (date, "inferred" if date is not None else "unknown")
        reasons[ev.article_id] = reason
    years: Counter[int] = Counter()
    for d, n in counted.items():
        years[d.year] += n
    inferred = [d for d, _ in decided.values() if d is not None]
    years.update(d.year for d in inferred)
    every = list(counted) + inferred
    default_year: int | None = None
    note: str | None = None
    if not every:
        note = "no article of the run has a date: a date written without a year stays unknown"
    elif (max(every) - min(every)).days > RUN_SPAN_DAYS:
        note = (
            f"the run's dated articles span {min(every)} to {max(every)}, more than a year: "
            "a date written without a year in an article without a date stays unknown"
        )
    else:
        default_year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return RunYears(decided, reasons, default_year, note, first, last, years)


def _year_of(
    ev: PubDateEvidence,
    today: dt.date,
    span: tuple[dt.date, dt.date] | None,
    first: dt.date | None,
    last: dt.date | None,
) -> tuple[dt.date | None, str]:
    """``run_years``' date for one article (None: unknown) and the reason for the report."""
    assert ev.month is not None and ev.day is not None
    written = f"the dateline's {ev.month:02d}-{ev.day:02d} has no year"
    low = today.year - YEAR_WINDOW
    if ev.latest_year is not None and ev.latest_year <= today.year:
        low = max(low, ev.latest_year)
    scored: list[tuple[float, dt.date]] = []
    for year in range(low, today.year + 1):
        d = safe_date(year, ev.month, ev.day)
        if d is not None and d <= today:
            scored.append((weekday_score(ev, d), d))
    if not scored:
        return None, f"{written}, and no year from {low} to {today.year} has that day"
    best = max(s for s, _ in scored)
    top = [d for s, d in scored if s == best]
    fits = ", ".join(str(d.year) for d in top)
    if best > 0 and len(top) == 1:
        return top[0], f"{written}; the weekdays it names fit {top[0].year} only"
    what = f"the weekdays it names fit {fits}" if best > 0 else "it names no weekday that fits"
    if span is not None:
        near = min(top, key=lambda d: (_distance(d, span), -d.toordinal()))
        if _distance(near, span) <= RUN_SPAN_DAYS:
            return near, (
                f"{written}; {what}; the run's dated articles ({span[0]} to {span[1]}) "
                f"give {near.year}"
            )
        return None, (
            f"{written}; {what}, none within a year of the run's dated articles "
            f"({span[0]} to {span[1]})"
        )
    if first is None or last is None:
        return None, f"{written}; {what}, and no other article of the run has a date"
    return None, (
        f"{written}; {what}, and the run's dated articles span {first} to {last}, more than a year"
    )


def _distance(day: dt.date, span: tuple[dt.date, dt.date]) -> int:
    """Days from ``day`` to the nearest day of ``span`` (0 within it)."""
    if day < span[0]:
        return (span[0] - day).days
    if day > span[1]:
        return (day - span[1]).days
    return 0


def decide_publication_dates(
    evidence: Iterable[PubDateEvidence],
    *,
    today: dt.date,
    run_years: Counter[int] | None = None,
    dated: Mapping[dt.date, int] | None = None,
) -> dict[str, tuple[dt.date | None, str]]:
    """Each article's publication date and how it was obtained, decided over a whole run.

    A header or metadata date stands; a dateline with a year gives "dateline"; a dateline
    without one gets its year from evidence ("inferred", ``run_years`` the function), with
    the dates of the run's other articles; otherwise the date is unknown. Never ``today``
    by default.

    Parameters
    ----------
    evidence : iterable of PubDateEvidence
        Every article of the run, or those of it at hand.
    today : datetime.date
        The run's today.
    run_years : collections.Counter of int, optional
        The years of articles decided elsewhere, when their dates are not at hand: each
        stands for its whole year, so that several years are never within a year.
    dated : mapping of datetime.date to int, optional
        The dates of articles decided elsewhere, with how many have each.
    """
    decided: dict[str, tuple[dt.date | None, str]] = {}
    pending: list[PubDateEvidence] = []
    counts: Counter[dt.date] = Counter(dated or {})
    for year, n in (run_years or {}).items():
        counts[dt.date(year, 1, 1)] += n
        counts[dt.date(year, 12, 31)] += 0  # the whole year: bounds the span only
    for ev in evidence:
        alone = decided_alone(ev, today=today)
        if alone is None:
            pending.append(ev)
        else:
            decided[ev.article_id] = alone
            if alone[0] is not None:
                counts[alone[0]] += 1
    decided.update(_decide(pending, counts, today).decided)
    return decided


def run_default_year(decided: Mapping[str, tuple[dt.date | None, str]]) -> int | None:
    """The year of a date written without one, for articles without a date, from a run's
    decided publication dates: their most common year (latest on ties), only when they all
    fall within ``RUN_SPAN_DAYS`` of each other; None otherwise."""
    dates = [d for d, _ in decided.values() if d is not None]
    if not dates or (max(dates) - min(dates)).days > RUN_SPAN_DAYS:
        return None
    years = Counter(d.year for d in dates)
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]
