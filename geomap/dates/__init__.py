"""Temporal expressions -> calendar dates with precision; publication dates and their years.

A focused tagger (regular expressions, no model): absolute dates ("July 12", "Oct.29",
"27 September 2020", "2020-10-26"), relative ones ("on Monday", "yesterday", "last week",
"earlier this month"), partial ones ("October 2020", "early October", "in 1988") and
ranges ("1992-1994", "from 8:00 on October 26 until October 30", "October 26-28").
Expressions are resolved against an anchor (the publication date). A weekday names the
most recent such day on or before the anchor: "on Monday" in a Monday story is that day.

The package's modules: ``geomap.dates.patterns`` (the month and weekday tables and the
expressions' patterns), ``geomap.dates.scan`` (where each pattern can match),
``geomap.dates.values`` (an expression's calendar value), ``geomap.dates.tagging``
(``tag_dates``, and which expression dates a mention), ``geomap.dates.publication``
(what an article says about its own date) and ``geomap.dates.years`` (a year only from
evidence: a dateline's without one, and a run's default year).

>>> MONTHS["sept"], month_number("Oct.")
(9, 10)
"""

from __future__ import annotations

from geomap.dates.patterns import MONTHS, WEEKDAYS, month_number
from geomap.dates.publication import (
    PubDateEvidence,
    decided_alone,
    needs_run,
    publication_evidence,
)
from geomap.dates.tagging import SentenceDates, governing_expr, tag_dates
from geomap.dates.years import (
    RUN_SPAN_DAYS,
    YEAR_WINDOW,
    RunYears,
    decide_publication_dates,
    run_default_year,
    run_years,
)

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "month_number",
    "tag_dates",
    "governing_expr",
    "SentenceDates",
    "PubDateEvidence",
    "publication_evidence",
    "decide_publication_dates",
    "decided_alone",
    "needs_run",
    "run_default_year",
    "run_years",
    "RunYears",
    "RUN_SPAN_DAYS",
    "YEAR_WINDOW",
]
