"""The second pass: the per-article work (geoparse, date, type, events) on chunks, in order."""

from __future__ import annotations

import datetime as dt
import importlib
import multiprocessing
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from geomap.dates import tag_dates
from geomap.events.aggregate import source_record
from geomap.events.merge import ArticleEvent
from geomap.events.roles import make_mentions
from geomap.extract import sentences
from geomap.gazetteer import Gazetteer
from geomap.geoparse import geoparse
from geomap.ingest import Line, identities, line_record
from geomap.models import Article, Mention, Problem
from geomap.pipeline.dating import RunDates, first_pass
from geomap.pipeline.execution import (
    Executor,
    chunks,
    executor,
    mapped,
    with_progress,
    worker_gazetteer,
)
from geomap.pipeline.options import RunOptions
from geomap.pipeline.reading import (
    FileTracker,
    InputItem,
    PathLike,
    fingerprint,
    input_items,
    input_paths,
    with_id,
)
from geomap.pipeline.report import RunReport

__all__ = [
    "CHUNK_SIZE",
    "ArticleResult",
    "process_article",
    "work_chunk",
    "second_pass",
    "map_chunks",
    "iter_results",
    "run_passes",
]

#: Articles per unit of work sent to a worker process or a Dask task.
CHUNK_SIZE = 64
_T = TypeVar("_T")
#: The second item of a pair (``map`` with it keeps the stack of generators short).
_SECOND = operator.itemgetter(1)


@dataclass(frozen=True)
class ArticleResult:
    """The per-article work's output: its date, its mentions, its ``sources`` record and,
    for a build, its events (``geomap.events.find``)."""

    article_id: str
    published: dt.date | None
    published_source: str
    mentions: list[Mention]
    source: dict[str, str | None]
    events: list[ArticleEvent] = field(default_factory=list)


def _analysed(
    article: Article,
    gazetteer: Gazetteer,
    published: dt.date | None,
    published_source: str,
    default_year: int | None,
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """``process_article``'s mentions and the article's sentence bounds."""
    bounds = sentences(article.body)
    resolutions = geoparse(article, gazetteer, bounds=bounds)
    exprs = tag_dates(article.body, published, default_year=default_year)
    mentions = make_mentions(article, resolutions, exprs, bounds, published, published_source)
    return mentions, bounds


def process_article(
    article: Article,
    gazetteer: Gazetteer,
    published: dt.date | None,
    published_source: str,
    default_year: int | None,
) -> list[Mention]:
    """All dated, typed place mentions of one article (the per-article work): its places
    by ``geomap.geoparse.geoparse``, its dates, each mention's role and event type."""
    return _analysed(article, gazetteer, published, published_source, default_year)[0]


def work_chunk(
    articles: Sequence[Article], dates: RunDates, gazetteer: Gazetteer, *, events: bool = False
) -> list[ArticleResult]:
    """The per-article work for a chunk of articles (what workers and Dask tasks run);
    with ``events``, each article's events too (what a build needs, not an extract)."""
    if events:
        # event finding (the codebook, counts, places) is loaded by a run that finds
        # events, not by ``geomap extract``, which starts the faster for it
        from geomap.events.find import article_events
    out = []
    for article in articles:
        published, source = dates.for_article(article)
        mentions, bounds = _analysed(article, gazetteer, published, source, dates.default_year)
        found = article_events(article, mentions, bounds, gazetteer) if events else []
        out.append(
            ArticleResult(article.id, published, source, mentions, source_record(article), found)
        )
    return out


def _as_list(results: list[ArticleResult]) -> list[ArticleResult]:
    """The results of a chunk as they are (the ``finish`` of ``iter_results``)."""
    return results


#: A record of the second pass: an Article or a line to parse, its new id if renamed,
#: its date if decided over the run.
_Record = tuple[Article | Line, str | None, tuple[dt.date | None, str] | None]


def second_look(
    records: Sequence[_Record],
    today: dt.date,
    default_year: int | None,
    max_chars: int,
    finish: Callable[[list[ArticleResult]], _T],
    gazetteer: Gazetteer | str | None,
    events: bool = False,
) -> tuple[int, _T]:
    """The second pass's work on a chunk of records, where it runs: the number of articles
    and ``finish`` of their results. ``gazetteer``: the one to use, the path of one to open
    (a Dask task), or None (a pool's worker: its own); ``events``: find each article's
    events (``work_chunk``)."""
    articles: list[Article] = []
    from_run = {}
    for item, new_id, decided in records:
        record = (
            line_record(item, max_chars=max_chars, today=today) if isinstance(item, Line) else item
        )
        if isinstance(record, Problem):
            continue  # reported by the first pass
        if new_id is not None:
            record = with_id(record, new_id)
        if decided is not None:
            from_run[record.id] = decided
        articles.append(record)
    dates = RunDates(today, from_run, default_year)
    if isinstance(gazetteer, Gazetteer):
        results = work_chunk(articles, dates, gazetteer, events=events)
    elif gazetteer is None:
        results = work_chunk(articles, dates, worker_gazetteer(), events=events)
    else:
        gaz = Gazetteer(gazetteer)
        try:
            results = work_chunk(articles, dates, gaz, events=events)
        finally:
            gaz.close()
    return len(results), finish(results)


def as_first_read(
    items: Iterable[InputItem], dates: RunDates, report: RunReport | None
) -> Iterator[_Record]:
    """The records of the second pass's ``items`` with what the first pass decided for
    each (by its key, ``reading.RecordKey``), from the files the first pass read as it
    read them.

    A file that is not as it was when the first pass read it (``reading.fingerprint``:
    another file, another size or modification time), that appeared since, or that is
    gone, is not read again: its articles are not mapped (the first pass's decisions for
    it no longer hold) and ``report`` says so; the keys of other files' records do not
    depend on it, so no article takes another's id or date. A file that changes while
    the second pass reads it is reported too.
    """
    renamed, from_run_at, files = dates.renamed, dates.from_run_at, dates.files
    tracker = FileTracker()
    seen: set[tuple[str, int]] = set()
    current: tuple[str, int] | None = None
    reading = False

    def changed(key: tuple[str, int], why: str, *, lost: bool) -> None:
        if report is None:
            return
        entry = report.file(key[0])
        if lost:
            entry.articles = 0
            why += "; its articles were not mapped (run again to map them)"
        entry.problems.append(Problem(key[0], why, severity="skipped" if lost else "warning"))

    def finish(key: tuple[str, int] | None, reading: bool) -> None:
        if key is not None and reading and fingerprint(key[0]) != files.get(key):
            changed(key, "changed while it was read a second time", lost=False)

    for item in items:
        if isinstance(item, str):
            finish(current, reading)
            current = tracker.file(item)
            seen.add(current)
            if current not in files:
                reading = False
                changed(current, "appeared after the run's first pass", lost=True)
            elif fingerprint(item) != files[current]:
                reading = False
                changed(current, "changed between the run's two passes", lost=True)
            else:
                reading = True
            continue
        if isinstance(item, Problem) or not reading:
            continue
        at = tracker.record()
        yield item, renamed.get(at), from_run_at.get(at)
    finish(current, reading)
    for file_key in files:
        if file_key not in seen:
            changed(file_key, "removed after the run's first pass", lost=True)


def second_pass(
    paths: Sequence[PathLike],
    dates: RunDates,
    finish: Callable[[list[ArticleResult]], _T],
    options: RunOptions,
    *,
    run: Executor | None,
    chunk_size: int = CHUNK_SIZE,
    events: bool = False,
    report: RunReport | None = None,
    exclude: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[tuple[int, _T]]:
    """``map_chunks`` with ``run``'s workers (None: here): the second stage of a build or
    an extract, lazily (nothing is read before the first item is asked for); ``events``:
    find each article's events.

    Only files as the first pass read them are read again (``as_first_read``); what
    changed between the passes is recorded in ``report``."""
    max_chars = options.max_chars
    items = input_items(
        paths,
        max_chars=max_chars,
        today=dates.today,
        date_order=options.date_order,
        exclude=exclude,
    )
    records = as_first_read(items, dates, report)
    where = options.gazetteer_or_default() if run is None else run.gazetteer
    looked = mapped(
        run,
        second_look,
        chunks(records, chunk_size),
        dates.today,
        dates.default_year,
        max_chars,
        finish,
        where,
        events,
    )
    return map(_SECOND, looked)


def map_chunks(
    paths: Sequence[PathLike],
    dates: RunDates,
    finish: Callable[[list[ArticleResult]], _T],
    options: RunOptions,
    *,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[tuple[int, _T]]:
    """Second pass: ``finish`` of the results of each chunk of articles, in input order,
    computed locally, in worker processes or on Dask.

    The inputs are read again lazily and sent in chunks (JSONL lines unparsed: the workers
    parse them); at most a few chunks per worker are in flight, so memory does not grow
    with the corpus. ``finish`` runs where the chunk was worked on, so what comes back to
    this process is only what the caller needs (a chunk's JSON lines, say, rather than
    its mentions): on a few cores, all this process does competes with the workers. It
    must be a module-level function (it is pickled).

    Parameters
    ----------
    paths : sequence of path-like
        The inputs, as given to the first pass (``decide_run_dates``).
    dates : RunDates
        The first pass's decisions (with the renaming of duplicate ids).
    finish : callable
        Turns the list of a chunk's ``ArticleResult`` into what is yielded for it.
    options : RunOptions
        The run's options (its ``today`` and ``progress`` are not read: the first pass's
        ``dates`` hold the one, the caller shows the other).
    chunk_size : int
        Records per chunk.

    Yields
    ------
    tuple of (int, object)
        The number of articles of a chunk and ``finish`` of their results.
    """
    options = options.fixed()
    with executor(options.workers, options.dask, options.gazetteer_or_default()) as run:
        yield from second_pass(paths, dates, finish, options, run=run, chunk_size=chunk_size)


def iter_results(
    paths: Sequence[PathLike],
    dates: RunDates,
    options: RunOptions,
    *,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ArticleResult]:
    """Second pass: every article's result, in input order, locally, in processes or on Dask.

    ``dates`` comes from ``decide_run_dates`` on the same ``paths`` (it also holds the new
    ids of duplicates). Articles are read again lazily and sent in chunks; at most a few
    chunks per worker are in flight, so memory does not grow with the corpus (see
    ``map_chunks``).
    """
    for _n, results in map_chunks(paths, dates, _as_list, options, chunk_size=chunk_size):
        yield from results


def run_passes(
    paths: PathLike | Iterable[PathLike],
    finish: Callable[[list[ArticleResult]], _T],
    options: RunOptions,
    *,
    on_stage: Callable[[str], object] | None = None,
    events: bool = False,
    outputs: Sequence[PathLike] = (),
) -> tuple[Iterator[_T], RunReport]:
    """Both passes: ``finish`` of each chunk's results, in input order, and the report
    (complete once the results are); with ``events``, the results hold each article's
    events.

    The inputs are checked at once (``reading.input_paths``: FileNotFoundError for a path
    that does not exist) and the options fixed (``RunOptions.fixed``: the gazetteer
    opened, today's date read); the passes run as the results are asked for, on one pool
    of workers (or Dask client) for both. ``on_stage("first pass")`` is called when the
    first pass is done. ``outputs`` (the run's output folder or file) are not read as
    inputs where a folder holds them.
    """
    listed = input_paths(paths)
    exclude = identities(outputs)
    report = RunReport()
    passes = _both_passes(listed, finish, options.fixed(), report, on_stage, events, exclude)
    return passes, report


def _both_passes(
    paths: Sequence[PathLike],
    finish: Callable[[list[ArticleResult]], _T],
    options: RunOptions,
    report: RunReport,
    on_stage: Callable[[str], object] | None,
    events: bool,
    exclude: frozenset[tuple[int, int]],
) -> Iterator[_T]:
    if events and options.workers > 1 and not options.dask and _forks():
        # compiled once here, before the pool forks its workers, which inherit it
        # (else each compiles its own patterns as it first meets them)
        from geomap.events.matching import default_codebook

        default_codebook().compile_all()
        # and event finding loaded, whose counts and places compile their patterns as they
        # load (else each worker loads it for its first chunk)
        importlib.import_module("geomap.events.find")
    # one pool (or client) for both passes: the workers parse the inputs in both
    with executor(options.workers, options.dask, options.gazetteer_or_default()) as run:
        dates, count = first_pass(
            paths,
            today=options.run_date(),
            max_chars=options.max_chars,
            date_order=options.date_order,
            report=report,
            run=run,
            exclude=exclude,
        )
        if on_stage is not None:
            on_stage("first pass")
        parts = second_pass(
            paths, dates, finish, options, run=run, events=events, report=report, exclude=exclude
        )
        yield from with_progress(parts, count, "geomap", options.progress)


def _forks() -> bool:
    """Whether a pool's worker processes are forked from this one (they inherit its
    memory)."""
    return multiprocessing.get_context().get_start_method() == "fork"
