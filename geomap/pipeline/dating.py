"""The first pass: every article read once for its date evidence; the run's dates decided."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from geomap.dates import (
    PubDateEvidence,
    decide_publication_dates,
    decided_alone,
    needs_run,
    publication_evidence,
    run_years,
)
from geomap.ingest import DateOrder, Line, line_record
from geomap.models import Article, Problem
from geomap.pipeline.execution import Executor, chunks, mapped
from geomap.pipeline.reading import InputItem, PathLike, input_items
from geomap.pipeline.report import Ledger, RunReport

__all__ = ["FIRST_PASS_CHUNK", "RunDates", "date_alone", "first_pass", "decide_run_dates"]

#: Input items per unit of the first pass's work (lighter than the second's).
FIRST_PASS_CHUNK = 256


@dataclass(frozen=True)
class RunDates:
    """Publication dates decided over a whole run: all the per-article work needs of it.

    Only the articles whose year came from the run (a dateline without a year) are listed;
    every other article's date follows from the article alone. ``decide_run_dates`` also
    hands the second pass what it decided by an article's place among the records of the
    inputs (counting 0, 1, … over the records read, skipped ones included; see
    ``reading.input_items``), so that the second pass need not parse a record to know them.
    """

    today: dt.date
    from_run: dict[str, tuple[dt.date | None, str]]
    default_year: int | None
    #: The new id of each article whose id was a duplicate (``#2``, ``#3``…), by its place.
    renamed: dict[int, str] = field(default_factory=dict)
    #: ``from_run`` by an article's place.
    from_run_at: dict[int, tuple[dt.date | None, str]] = field(default_factory=dict)

    def for_article(self, article: Article) -> tuple[dt.date | None, str]:
        """The publication date of ``article`` and how it was obtained."""
        got = self.from_run.get(article.id)
        if got is not None:
            return got
        return date_alone(publication_evidence(article), self.today)


def date_alone(ev: PubDateEvidence, today: dt.date) -> tuple[dt.date | None, str]:
    """``decide_publication_dates([ev], today=today)[ev.article_id]``, without deciding
    over a run of one when the article decides alone (``decided_alone``): that costs more
    than the article's reading."""
    alone = decided_alone(ev, today=today)
    if alone is not None:
        return alone
    return decide_publication_dates([ev], today=today)[ev.article_id]


class _Seen(NamedTuple):
    """What the first pass keeps of an article: what ``read_articles`` records of it, and
    its date evidence when its date needs the run, else its date, if any."""

    id: str
    path: str
    line: int | None
    problems: tuple[Problem, ...]
    evidence: PubDateEvidence | None
    date: dt.date | None


def first_look(
    items: Sequence[InputItem], max_chars: int, today: dt.date
) -> list[_Seen | Problem | None]:
    """The first pass's work on a chunk of input items, where it runs: what it keeps of
    each article, the Problem of a line that is none, None for the other items."""
    out: list[_Seen | Problem | None] = []
    for item in items:
        record: Article | Problem
        if isinstance(item, Line):
            record = line_record(item, max_chars=max_chars, today=today)
        elif isinstance(item, Article):
            record = item
        else:
            out.append(None)
            continue
        if isinstance(record, Problem):
            out.append(record)
            continue
        ev = publication_evidence(record)
        if needs_run(ev):
            out.append(_Seen(record.id, record.path, record.line, record.problems, ev, None))
            continue
        date, _source = date_alone(ev, today)
        out.append(_Seen(record.id, record.path, record.line, record.problems, None, date))
    return out


def first_pass(
    paths: Sequence[PathLike],
    *,
    today: dt.date,
    max_chars: int,
    date_order: DateOrder | None = None,
    report: RunReport,
    run: Executor | None,
) -> tuple[RunDates, int]:
    """``decide_run_dates``, its reading done by ``run``'s workers (None: here).

    The first stage of a build or an extract; it records every input file and problem in
    ``report``. Returns the decisions and the number of articles read.
    """
    ledger = Ledger(report)
    dated: Counter[dt.date] = Counter()
    undated = 0
    pending: list[PubDateEvidence] = []
    pending_at: list[int] = []
    renamed: dict[int, str] = {}
    count = 0
    place = -1
    items = input_items(paths, max_chars=max_chars, today=today, date_order=date_order)
    for chunk, looked in mapped(run, first_look, chunks(items, FIRST_PASS_CHUNK), max_chars, today):
        for item, got in zip(chunk, looked, strict=True):
            if got is None:
                assert isinstance(item, str | Problem)
                ledger.note(item)
                continue
            place += 1  # a record: an article, or the problem of a line
            if isinstance(got, Problem):
                ledger.note(got)
                continue
            count += 1
            new_id = ledger.article(got.id, got.path, got.line, got.problems)
            if new_id is not None:
                renamed[place] = new_id
            if got.evidence is not None:
                ev = got.evidence if new_id is None else replace(got.evidence, article_id=new_id)
                pending.append(ev)
                pending_at.append(place)
            elif got.date is not None:
                dated[got.date] += 1
            else:
                undated += 1
    years = run_years(pending, dated, today=today)
    from_run, default_year = years.decided, years.default_year
    for ev in pending:
        if from_run[ev.article_id][0] is None:
            why = f"publication date unknown: {years.reasons[ev.article_id]}"
            report.add_problem(Problem(ev.path, why, line=ev.line))
            undated += 1
    if undated and years.note:
        report.notes.append(years.note)
    from_run_at = {
        at: decided
        for at, ev in zip(pending_at, pending, strict=True)
        if (decided := from_run.get(ev.article_id)) is not None
    }
    return RunDates(today, from_run, default_year, renamed, from_run_at), count


def decide_run_dates(
    paths: Sequence[PathLike],
    *,
    today: dt.date,
    max_chars: int,
    report: RunReport,
    date_order: DateOrder | None = None,
) -> tuple[RunDates, int]:
    """First pass: read every article once, keep only its date evidence; decide the dates.

    Returns the decisions and the number of articles read. Memory holds the evidence of
    the articles that need the run (datelines without a year), not the articles.
    """
    return first_pass(
        paths, today=today, max_chars=max_chars, date_order=date_order, report=report, run=None
    )
