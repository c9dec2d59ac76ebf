"""The order of the stages: read, date, find and resolve places, type events, aggregate, write."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import importlib
import json
import operator
import os
import shutil
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from geomap.dates import (
    PubDateEvidence,
    decide_publication_dates,
    decided_alone,
    needs_run,
    publication_evidence,
    run_years,
    tag_dates,
)
from geomap.errors import GeomapError
from geomap.events import Aggregator, make_mentions, source_record
from geomap.extract import find_toponyms, sentences
from geomap.gazetteer import Gazetteer
from geomap.ingest import (
    SUFFIXES,
    _Lines,
    _open_binary,
    _record_article,
    iter_input_files,
    read_file,
)
from geomap.models import Article, Mention, Problem
from geomap.resolve import dateline_country_of, resolve_spans

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FileReport",
    "RunReport",
    "BuildResult",
    "read_articles",
    "RunDates",
    "ArticleResult",
    "decide_run_dates",
    "work_chunk",
    "map_chunks",
    "iter_results",
    "process_article",
    "build_events",
    "run_build",
    "run_extract",
    "DEFAULT_MAX_CHARS",
    "OUTPUT_NAMES",
]

DEFAULT_MAX_CHARS = 2_000_000
#: Articles per unit of work sent to a worker process or a Dask task.
CHUNK_SIZE = 64
#: The files ``geomap build`` writes into its output folder (and no others).
OUTPUT_NAMES = ("events.geojson", "events.csv", "map.html", "report.json")
PathLike = str | os.PathLike[str]
_T = TypeVar("_T")
_X = TypeVar("_X")


@dataclass
class FileReport:
    """What happened to one input file."""

    path: str
    articles: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def status(self) -> str:
        """processed (all read), partial (some records skipped) or skipped (nothing read)."""
        if self.articles == 0:
            return "skipped"
        if any(p.severity == "skipped" for p in self.problems):
            return "partial"
        return "processed"

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "articles": self.articles,
            "problems": [
                {"line": p.line, "reason": p.reason, "severity": p.severity} for p in self.problems
            ],
        }


@dataclass
class RunReport:
    """What a run read, skipped and wrote: the content of report.json."""

    files: dict[str, FileReport] = field(default_factory=dict)
    events: int = 0
    mentions: int = 0
    #: What the run as a whole decided and why, e.g. that it gives no default year.
    notes: list[str] = field(default_factory=list)

    def file(self, path: str) -> FileReport:
        if path not in self.files:
            self.files[path] = FileReport(path)
        return self.files[path]

    def add_problem(self, problem: Problem) -> None:
        self.file(problem.path).problems.append(problem)

    @property
    def problems(self) -> list[Problem]:
        return [p for f in self.files.values() for p in f.problems]

    @property
    def skipped(self) -> int:
        return sum(1 for p in self.problems if p.severity == "skipped")

    def to_dict(self) -> dict[str, Any]:
        files = [self.files[k].to_dict() for k in sorted(self.files)]
        notes = {"notes": list(self.notes)} if self.notes else {}
        return {
            "inputs": files,
            "totals": {
                "files": len(files),
                "processed": sum(f["status"] == "processed" for f in files),
                "partial": sum(f["status"] == "partial" for f in files),
                "skipped_files": sum(f["status"] == "skipped" for f in files),
                "articles": sum(f["articles"] for f in files),
                "skipped": self.skipped,
                "warnings": sum(1 for p in self.problems if p.severity == "warning"),
                "mentions": self.mentions,
                "events": self.events,
            },
            **notes,
        }


@dataclass
class BuildResult:
    """The events of a run and its report."""

    events: pd.DataFrame
    report: RunReport


def _progress(
    chunks: Iterable[tuple[int, _T]], total: int, desc: str, show: bool | None
) -> Iterator[_T]:
    """The outputs of ``chunks`` (pairs of an article count and an output), with a progress
    bar counting articles when ``show`` (None: when stderr is a terminal)."""
    if show is None:
        show = sys.stderr.isatty()
    if not show or total < 20:
        return map(_SECOND, chunks)
    return _with_bar(chunks, total, desc)


def _with_bar(chunks: Iterable[tuple[int, _T]], total: int, desc: str) -> Iterator[_T]:
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit="article", file=sys.stderr) as bar:
        for n, item in chunks:
            yield item
            bar.update(n)


#: The second item of a pair. (``map`` with it, rather than a generator, keeps the stack
#: of generators above the per-article work short: an exception raised in there, even
#: one caught at once, walks that stack.)
_SECOND = operator.itemgetter(1)


def read_articles(
    paths: Iterable[PathLike],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    report: RunReport,
    today: dt.date | None = None,
) -> Iterator[Article]:
    """Every article of the inputs, recording each file and problem in ``report``.

    Articles with an id already seen get ``#2``, ``#3``… appended (with a warning).
    """
    ledger = _Ledger(report)
    for item in _input_items(paths, max_chars=max_chars, today=today):
        if isinstance(item, _Line):
            item = _line_record(item, max_chars=max_chars, today=today)
        if not isinstance(item, Article):
            ledger.note(item)
            continue
        new_id = ledger.article(item.id, item.path, item.line, item.problems)
        yield item if new_id is None else _with_id(item, new_id)


def _with_id(article: Article, new_id: str) -> Article:
    return replace(article, id=new_id)


def process_article(
    article: Article,
    gazetteer: Gazetteer,
    published: dt.date | None,
    published_source: str,
    default_year: int | None,
) -> list[Mention]:
    """All dated, typed place mentions of one article (the per-article work)."""
    bounds = sentences(article.body)
    spans = find_toponyms(article, gazetteer, bounds=bounds)
    dateline_country = None
    if article.dateline is not None and article.dateline.country:
        country = gazetteer.lookup(article.dateline.country)
        dateline_country = next(
            (c.place.country_code for c in country if c.place.place_type == "country"), None
        )
    if dateline_country is None and article.dateline is not None:
        # the dateline's place tells the country ("PARIS"): as it resolves among the
        # article's names (find_toponyms gives a dateline span only for a dateline)
        dateline_country = dateline_country_of(spans, gazetteer, text=article.body)
    resolutions = resolve_spans(
        spans, gazetteer, dateline_country=dateline_country, text=article.body
    )
    exprs = tag_dates(article.body, published, default_year=default_year)
    return make_mentions(article, resolutions, exprs, bounds, published, published_source)


@dataclass(frozen=True)
class RunDates:
    """Publication dates decided over a whole run: all the per-article work needs of it.

    Only the articles whose year came from the run (a dateline without a year) are listed;
    every other article's date follows from the article alone. ``decide_run_dates`` also
    hands the second pass what it decided by an article's place among the records of the
    inputs (counting 0, 1, … over the records read, skipped ones included; see
    ``_input_items``), so that the second pass need not parse a record to know them.
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
        return _date_alone(publication_evidence(article), self.today)


def _date_alone(ev: PubDateEvidence, today: dt.date) -> tuple[dt.date | None, str]:
    """``decide_publication_dates([ev], today=today)[ev.article_id]``, without deciding
    over a run of one when the article decides alone (``decided_alone``): that costs more
    than the article's reading."""
    alone = decided_alone(ev, today=today)
    if alone is not None:
        return alone
    return decide_publication_dates([ev], today=today)[ev.article_id]


# --------------------------------------------------------------------------- input items


class _Line(NamedTuple):
    """A line of a JSONL file, decoded but not parsed: ``_line_record`` makes of it what
    ``ingest.read_jsonl`` makes. With workers, they do that (it is most of the reading),
    and the main process sends them the line, about half the size of the pickled Article
    (which holds its text twice)."""

    path: Path
    number: int
    text: str
    encoding: str


#: What ``_input_items`` yields: a file's path (its entry opens), a Problem (of the entry
#: last opened), or a record: an Article, or a JSONL line still to be parsed.
_Item = str | Problem | Article | _Line


def _input_items(
    paths: Iterable[PathLike], *, max_chars: int, today: dt.date | None
) -> Iterator[_Item]:
    """The inputs as ``read_articles`` reads them, with JSONL lines left unparsed.

    Every input file gives its path (as ``str``), then its problems and records in file
    order. JSONL files are read by ``_jsonl_lines``, other files by ``ingest.read_file``.
    """
    for item in iter_input_files(paths):
        if isinstance(item, Problem):
            yield item.path
            yield item
            continue
        yield str(item)
        if SUFFIXES.get(item.suffix.lower()) == "jsonl":
            yield from _jsonl_lines(item)
        else:
            yield from read_file(item, max_chars=max_chars, today=today)


def _jsonl_lines(path: Path) -> Iterator[Problem | _Line]:
    """``ingest.read_jsonl`` up to the parsing of each line.

    The same decoding problems, blank lines passed over and end-of-file problems, in the
    same order; where ``read_jsonl`` parses a line, a ``_Line`` for ``_line_record``.
    (``tests/test_pipeline.py`` checks the two readers agree.)
    """
    fh = _open_binary(path)
    if isinstance(fh, Problem):
        yield fh
        return
    with fh:
        lines = _Lines(fh, str(path))
        for number, raw in enumerate(lines, start=1):
            yield from lines.drain()
            if raw.strip():
                yield _Line(path, number, raw, lines.encoding)
        yield from lines.closing()
        if not lines.content:
            yield Problem(str(path), "empty file", severity="skipped")


def _line_record(line: _Line, *, max_chars: int, today: dt.date | None) -> Article | Problem:
    """What ``ingest.read_jsonl`` makes of a line that is not blank."""
    name = str(line.path)
    try:
        rec = json.loads(line.text)
    except (json.JSONDecodeError, RecursionError) as exc:
        msg = getattr(exc, "msg", "too deeply nested")
        return Problem(name, f"not valid JSON ({msg}); line skipped", line.number, "skipped")
    if not isinstance(rec, dict):
        return Problem(
            name,
            f"a JSON {type(rec).__name__}, not an object; line skipped",
            line.number,
            "skipped",
        )
    return _record_article(
        rec,
        path=line.path,
        line=line.number,
        fallback_id=f"{line.path.stem}-{line.number}",
        max_chars=max_chars,
        today=today,
        encoding=line.encoding,
    )


class _Ledger:
    """What ``read_articles`` records of the inputs as they are read: each file's entry,
    its problems and articles, and the renaming of duplicate ids."""

    def __init__(self, report: RunReport) -> None:
        self.report = report
        self.entry = FileReport("")  # until the first path (which comes before anything)
        self.seen: dict[str, int] = {}

    def note(self, item: str | Problem) -> None:
        """A file's path (its entry opens) or a problem of the entry last opened."""
        if isinstance(item, str):
            self.entry = self.report.file(item)
        else:
            self.entry.problems.append(item)

    def article(
        self, art_id: str, path: str, line: int | None, problems: Sequence[Problem]
    ) -> str | None:
        """An article read, with its problems; its new id when ``art_id`` came before."""
        entry = self.entry
        entry.problems.extend(problems)
        entry.articles += 1
        n = self.seen.get(art_id, 0) + 1
        self.seen[art_id] = n
        if n == 1:
            return None
        new_id = f"{art_id}#{n}"
        entry.problems.append(
            Problem(path, f"duplicate article id {art_id!r}; renamed {new_id}", line)
        )
        return new_id


# --------------------------------------------------------------------------- where work runs


class _Executor(NamedTuple):
    """Where chunks are worked on, when not in this process."""

    #: ``submit(fn, *args)``: a future of ``fn(*args)``.
    submit: Callable[..., Any]
    #: Chunks in flight at most.
    window: int
    #: What a task is given for the gazetteer: its path (a Dask task opens it) or None (a
    #: pool's worker has its own, ``_WORKER_GAZETTEER``).
    gazetteer: str | None


#: The gazetteer of a worker process, opened once by ``_init_worker`` (per-process state
#: of the pool's workers, never of the main process).
_WORKER_GAZETTEER: list[Gazetteer] = []


def _init_worker(gazetteer_path: str) -> None:
    _WORKER_GAZETTEER[:] = [Gazetteer(gazetteer_path)]
    # what the worker has now (the modules it was forked with, the gazetteer's word sets)
    # lives as long as it does: out of the collector's sight, its collections do not walk
    # it, nor write to (and so copy) the pages it shares with its parent
    gc.freeze()


@contextlib.contextmanager
def _executor(workers: int, dask: str | None, gazetteer: Gazetteer) -> Iterator[_Executor | None]:
    """A Dask client, a pool of ``workers`` processes, or None (work in this process)."""
    if dask:
        try:
            from distributed import Client
        except ImportError as exc:
            raise GeomapError(
                "--dask needs the optional Dask extra: pip install 'geomap[dask]'"
            ) from exc
        with Client(dask, set_as_default=False) as client:
            window = max(4, 2 * sum(client.nthreads().values()))
            yield _Executor(partial(client.submit, pure=False), window, str(gazetteer.path))
        return
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(str(gazetteer.path),)
        ) as pool:
            yield _Executor(pool.submit, 3 * workers, None)
        return
    yield None


def _chunks(items: Iterable[_X], size: int) -> Iterator[list[_X]]:
    chunk: list[_X] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _mapped(
    run: _Executor | None, fn: Callable[..., _T], chunks: Iterator[list[_X]], *args: Any
) -> Iterator[tuple[list[_X], _T]]:
    """``(chunk, fn(chunk, *args))`` for each chunk, in input order: in this process when
    ``run`` is None, else by its workers with at most ``run.window`` chunks in flight."""
    if run is None:
        return map(lambda chunk: (chunk, fn(chunk, *args)), chunks)
    return _in_flight(run, fn, chunks, args)


def _in_flight(
    run: _Executor, fn: Callable[..., _T], chunks: Iterator[list[_X]], args: tuple[Any, ...]
) -> Iterator[tuple[list[_X], _T]]:
    from collections import deque

    pending: deque[tuple[list[_X], Any]] = deque()
    for chunk in chunks:
        pending.append((chunk, run.submit(fn, chunk, *args)))
        if len(pending) >= run.window:
            done, future = pending.popleft()
            yield done, future.result()
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


# --------------------------------------------------------------------------- first pass

#: Input items per unit of the first pass's work (lighter than the second's).
FIRST_PASS_CHUNK = 256


class _Seen(NamedTuple):
    """What the first pass keeps of an article: what ``read_articles`` records of it, and
    its date evidence when its date needs the run, else its date, if any."""

    id: str
    path: str
    line: int | None
    problems: tuple[Problem, ...]
    evidence: PubDateEvidence | None
    date: dt.date | None


def _first_look(
    items: Sequence[_Item], max_chars: int, today: dt.date
) -> list[_Seen | Problem | None]:
    """The first pass's work on a chunk of input items, where it runs: a ``_Seen`` for each
    article, the Problem of a line that is none, None for the other items."""
    out: list[_Seen | Problem | None] = []
    for item in items:
        record: Article | Problem
        if isinstance(item, _Line):
            record = _line_record(item, max_chars=max_chars, today=today)
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
        date, _source = _date_alone(ev, today)
        out.append(_Seen(record.id, record.path, record.line, record.problems, None, date))
    return out


def _first_pass(
    paths: Sequence[PathLike],
    *,
    today: dt.date,
    max_chars: int,
    report: RunReport,
    run: _Executor | None,
) -> tuple[RunDates, int]:
    """``decide_run_dates``, its reading done by ``run``'s workers (or here)."""
    ledger = _Ledger(report)
    dated: Counter[dt.date] = Counter()
    undated = 0
    pending: list[PubDateEvidence] = []
    pending_at: list[int] = []
    renamed: dict[int, str] = {}
    count = 0
    place = -1
    items = _input_items(paths, max_chars=max_chars, today=today)
    for chunk, looked in _mapped(
        run, _first_look, _chunks(items, FIRST_PASS_CHUNK), max_chars, today
    ):
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
    paths: Sequence[PathLike], *, today: dt.date, max_chars: int, report: RunReport
) -> tuple[RunDates, int]:
    """First pass: read every article once, keep only its date evidence; decide the dates.

    Returns the decisions and the number of articles read. Memory holds the evidence of
    the articles that need the run (datelines without a year), not the articles.
    """
    return _first_pass(paths, today=today, max_chars=max_chars, report=report, run=None)


# --------------------------------------------------------------------------- second pass


@dataclass(frozen=True)
class ArticleResult:
    """The per-article work's output: its date, its mentions and its ``sources`` record."""

    article_id: str
    published: dt.date | None
    published_source: str
    mentions: list[Mention]
    source: dict[str, str | None]


def work_chunk(
    articles: Sequence[Article], dates: RunDates, gazetteer: Gazetteer
) -> list[ArticleResult]:
    """The per-article work for a chunk of articles (what workers and Dask tasks run)."""
    out = []
    for article in articles:
        published, source = dates.for_article(article)
        mentions = process_article(article, gazetteer, published, source, dates.default_year)
        out.append(ArticleResult(article.id, published, source, mentions, source_record(article)))
    return out


def _as_list(results: list[ArticleResult]) -> list[ArticleResult]:
    """The results of a chunk as they are (the ``finish`` of ``iter_results``)."""
    return results


#: A record of the second pass: an Article or a line to parse, its new id if renamed,
#: its date if decided over the run.
_Record = tuple[Article | _Line, str | None, tuple[dt.date | None, str] | None]


def _second_look(
    records: Sequence[_Record],
    today: dt.date,
    default_year: int | None,
    max_chars: int,
    finish: Callable[[list[ArticleResult]], _T],
    gazetteer: Gazetteer | str | None,
) -> tuple[int, _T]:
    """The second pass's work on a chunk of records, where it runs: the number of articles
    and ``finish`` of their results. ``gazetteer``: the one to use, the path of one to open
    (a Dask task), or None (a pool's worker: its own)."""
    articles: list[Article] = []
    from_run = {}
    for item, new_id, decided in records:
        record = (
            _line_record(item, max_chars=max_chars, today=today)
            if isinstance(item, _Line)
            else item
        )
        if isinstance(record, Problem):
            continue  # reported by the first pass
        if new_id is not None:
            record = _with_id(record, new_id)
        if decided is not None:
            from_run[record.id] = decided
        articles.append(record)
    dates = RunDates(today, from_run, default_year)
    if isinstance(gazetteer, Gazetteer):
        results = work_chunk(articles, dates, gazetteer)
    elif gazetteer is None:
        results = work_chunk(articles, dates, _WORKER_GAZETTEER[0])
    else:
        gaz = Gazetteer(gazetteer)
        try:
            results = work_chunk(articles, dates, gaz)
        finally:
            gaz.close()
    return len(results), finish(results)


def _second_pass(
    paths: Sequence[PathLike],
    dates: RunDates,
    finish: Callable[[list[ArticleResult]], _T],
    *,
    run: _Executor | None,
    gazetteer: Gazetteer,
    max_chars: int,
    chunk_size: int,
) -> Iterator[tuple[int, _T]]:
    """``map_chunks`` with ``run``'s workers (or here)."""
    items = _input_items(paths, max_chars=max_chars, today=dates.today)
    renamed, from_run_at = dates.renamed, dates.from_run_at
    records: Iterator[_Record] = (
        (item, renamed.get(at), from_run_at.get(at))
        for at, item in enumerate(i for i in items if isinstance(i, Article | _Line))
    )
    where = gazetteer if run is None else run.gazetteer
    looked = _mapped(
        run,
        _second_look,
        _chunks(records, chunk_size),
        dates.today,
        dates.default_year,
        max_chars,
        finish,
        where,
    )
    return map(_SECOND, looked)


def map_chunks(
    paths: Sequence[PathLike],
    dates: RunDates,
    finish: Callable[[list[ArticleResult]], _T],
    *,
    gazetteer: Gazetteer,
    max_chars: int,
    workers: int = 1,
    dask: str | None = None,
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
    gazetteer : Gazetteer
        The gazetteer (workers and Dask tasks open its file themselves).
    max_chars : int
        As for ``read_articles``.
    workers : int
        Worker processes (1: the work runs in this process).
    dask : str, optional
        The address of a Dask scheduler to run the work on instead.
    chunk_size : int
        Records per chunk.

    Yields
    ------
    tuple of (int, object)
        The number of articles of a chunk and ``finish`` of their results.
    """
    with _executor(workers, dask, gazetteer) as run:
        yield from _second_pass(
            paths,
            dates,
            finish,
            run=run,
            gazetteer=gazetteer,
            max_chars=max_chars,
            chunk_size=chunk_size,
        )


def iter_results(
    paths: Sequence[PathLike],
    dates: RunDates,
    *,
    gazetteer: Gazetteer,
    max_chars: int,
    workers: int = 1,
    dask: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[ArticleResult]:
    """Second pass: every article's result, in input order, locally, in processes or on Dask.

    ``dates`` comes from ``decide_run_dates`` on the same ``paths`` (it also holds the new
    ids of duplicates). Articles are read again lazily and sent in chunks; at most a few
    chunks per worker are in flight, so memory does not grow with the corpus (see
    ``map_chunks``).
    """
    for _n, results in map_chunks(
        paths,
        dates,
        _as_list,
        gazetteer=gazetteer,
        max_chars=max_chars,
        workers=workers,
        dask=dask,
        chunk_size=chunk_size,
    ):
        yield from results


def _run(
    paths: Iterable[PathLike],
    finish: Callable[[list[ArticleResult]], _T],
    *,
    gazetteer: Gazetteer | None,
    today: dt.date | None,
    max_chars: int,
    progress: bool | None,
    workers: int,
    dask: str | None,
) -> tuple[Iterator[_T], RunReport]:
    """Both passes: ``finish`` of each chunk's results, in input order, and the report
    (complete once the results are)."""
    report = RunReport()
    gaz = gazetteer if gazetteer is not None else Gazetteer()
    passes = _both_passes(
        list(paths),
        finish,
        report=report,
        gazetteer=gaz,
        today=today or dt.date.today(),
        max_chars=max_chars,
        progress=progress,
        workers=workers,
        dask=dask,
    )
    return passes, report


def _both_passes(
    paths: Sequence[PathLike],
    finish: Callable[[list[ArticleResult]], _T],
    *,
    report: RunReport,
    gazetteer: Gazetteer,
    today: dt.date,
    max_chars: int,
    progress: bool | None,
    workers: int,
    dask: str | None,
) -> Iterator[_T]:
    # one pool (or client) for both passes: the workers parse the inputs in both
    with _executor(workers, dask, gazetteer) as run:
        dates, count = _first_pass(paths, today=today, max_chars=max_chars, report=report, run=run)
        chunks = _second_pass(
            paths,
            dates,
            finish,
            run=run,
            gazetteer=gazetteer,
            max_chars=max_chars,
            chunk_size=CHUNK_SIZE,
        )
        yield from _progress(chunks, count, "geomap", progress)


def build_events(
    paths: Iterable[PathLike],
    *,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = False,
    workers: int = 1,
    dask: str | None = None,
) -> pd.DataFrame:
    """Read news articles and return their events as a DataFrame (see ``geomap.events``).

    Parameters
    ----------
    paths : iterable of path-like
        Files (.txt, .jsonl, .csv) and folders (read recursively).
    gazetteer : Gazetteer, optional
        The gazetteer; by default the bundled one (built on first use).
    today : datetime.date, optional
        Upper bound for inferred publication years (default: today's date).
    max_chars : int
        Articles longer than this are skipped and reported.
    progress : bool or None
        Show a progress bar (None: when stderr is a terminal).
    workers : int
        Processes for the per-article work (1: in this process).
    dask : str, optional
        Address of a Dask scheduler to run the per-article work on instead.
    """
    return _build(
        paths,
        gazetteer=gazetteer,
        today=today,
        max_chars=max_chars,
        progress=progress,
        workers=workers,
        dask=dask,
    ).events


def _chunk_events(results: list[ArticleResult]) -> tuple[Aggregator, int]:
    """The events of a chunk's results and their number of mentions (the ``finish`` of a
    build): the main process takes in each chunk's events (``Aggregator.update``), which
    come back from workers as a few tuples a group, not an object a mention."""
    agg = Aggregator()
    count = 0
    for res in results:
        count += agg.add(res.mentions, res.source)
    return agg, count


def _build(
    paths: Iterable[PathLike],
    *,
    gazetteer: Gazetteer | None,
    today: dt.date | None,
    max_chars: int,
    progress: bool | None,
    workers: int = 1,
    dask: str | None = None,
    preload: Sequence[str] = ("pandas",),
) -> BuildResult:
    """The events of a run and its report; with workers or Dask, the modules ``preload``
    names are imported while the per-article work runs elsewhere."""
    parts, report = _run(
        paths,
        _chunk_events,
        gazetteer=gazetteer,
        today=today,
        max_chars=max_chars,
        progress=progress,
        workers=workers,
        dask=dask,
    )
    agg = Aggregator()
    elsewhere = workers > 1 or bool(dask)  # the per-article work runs in other processes
    with _collector_paused(elsewhere):
        _aggregate(parts, agg, report, preloading=elsewhere, modules=preload)
    events = agg.frame()
    report.events = len(events)
    return BuildResult(events, report)


@contextlib.contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector (when ``pause``) for the block.

    For a process that only takes in the events workers send: what it unpickles and keeps
    makes no reference cycles, yet the many objects make the collector walk all it holds,
    again and again (most of the time unpickling them took). It runs again
    after the block, which frees anything cyclic made meanwhile (by the imports of
    ``_import_all``, say).
    """
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _aggregate(
    parts: Iterable[tuple[Aggregator, int]],
    agg: Aggregator,
    report: RunReport,
    *,
    preloading: bool,
    modules: Sequence[str],
) -> None:
    """Take every chunk's events into ``agg``; with ``preloading``, import ``modules`` in
    a thread meanwhile."""
    thread: threading.Thread | None = None
    for part in parts:
        if thread is None and preloading:
            # the per-article work runs in other processes, which have started (a pool's
            # processes are all forked at its first task): import what the outputs need
            # now, while this one mostly waits, instead of after the last article
            thread = threading.Thread(target=_import_all, args=(modules,), daemon=True)
            thread.start()
        events_of_chunk, count = part
        agg.update(events_of_chunk)
        report.mentions += count
    if thread is not None:
        thread.join()  # before anything forks again (``_write_outputs``)


def _import_all(modules: Sequence[str]) -> None:
    """Import ``modules`` ahead of use; one that fails is left for its use to report."""
    for name in modules:
        with contextlib.suppress(Exception):
            importlib.import_module(name)


#: What writing a build's outputs imports (pandas, folium and their own imports: about a
#: second), imported while workers run (``_build``).
OUTPUT_MODULES = ("pandas", "geomap.export", "geomap.render")


def run_build(
    paths: Iterable[PathLike],
    out_dir: PathLike,
    *,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    title: str = "geomap",
    workers: int = 1,
    dask: str | None = None,
) -> BuildResult:
    """``geomap build``: write map.html, events.geojson, events.csv and report.json."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = _build(
        paths,
        gazetteer=gazetteer,
        today=today,
        max_chars=max_chars,
        progress=progress,
        workers=workers,
        dask=dask,
        preload=OUTPUT_MODULES,
    )
    # write everything into a staging folder first, then move the files into place: an
    # interrupted build leaves the previous outputs as they were
    staging = Path(tempfile.mkdtemp(prefix=".geomap-staging-", dir=out))
    try:
        _write_outputs(result, staging, title=title, workers=workers)
        for name in OUTPUT_NAMES:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _write_outputs(result: BuildResult, folder: Path, *, title: str, workers: int) -> None:
    """Write the four outputs of a build (``OUTPUT_NAMES``) into ``folder``.

    With more than one worker, events.geojson and events.csv are written by two child
    processes while this one renders the map and writes the report: the three take
    similar times, and one after another they would leave the other cores idle once the
    per-article work is done. The children get the events pickled; the files are the same
    bytes either way.
    """
    from geomap.export import write_csv, write_geojson, write_json
    from geomap.render import render_map

    events = result.events
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=2) as pool:
            written = [
                pool.submit(write_geojson, events, folder / "events.geojson"),
                pool.submit(write_csv, events, folder / "events.csv"),
            ]
            render_map(events, folder / "map.html", title=title)
            write_json(result.report.to_dict(), folder / "report.json")
            for future in written:
                future.result()
        return
    write_geojson(events, folder / "events.geojson")
    write_csv(events, folder / "events.csv")
    render_map(events, folder / "map.html", title=title)
    write_json(result.report.to_dict(), folder / "report.json")


#: The encoder of ``_toponym_line``, made once: ``json.dumps(record, ensure_ascii=False)``
#: makes a new one for every call.
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)
#: The order of the toponyms of a line: ``(m.start, m.end)``, got without a Python call.
_START_END = operator.attrgetter("start", "end")


def _toponym_line(res: ArticleResult) -> str:
    """The JSON line ``geomap extract`` writes for one article."""
    toponyms = []
    for m in sorted(res.mentions, key=_START_END):
        place, date = m.place, m.date
        toponyms.append(
            {
                "start": m.start,
                "end": m.end,
                "name": m.surface,
                "lat": place.lat,
                "lon": place.lon,
                "geonameid": place.geonameid,
                "place_id": place.place_id,
                "place_name": place.name,
                "country_code": place.country_code,
                "place_type": place.place_type,
                "date": date.iso() if date else None,
                "date_precision": date.precision if date else None,
                "role": m.role,
            }
        )
    record = {
        "id": res.article_id,
        "published": res.published.isoformat() if res.published else None,
        "published_source": res.published_source,
        "toponyms": toponyms,
    }
    return _LINE_ENCODER.encode(record) + "\n"


def _toponym_lines(results: list[ArticleResult]) -> tuple[list[str], int]:
    """The JSON lines of a chunk's results and their number of mentions (the ``finish`` of
    ``geomap extract``: a worker sends back the text to write). Lines, not their join: one
    character beyond Latin-1 would make the whole join slower to encode."""
    return list(map(_toponym_line, results)), sum(len(res.mentions) for res in results)


def run_extract(
    paths: Iterable[PathLike],
    out_file: PathLike,
    *,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    workers: int = 1,
    dask: str | None = None,
) -> RunReport:
    """``geomap extract``: one JSON line per article with its toponyms and their offsets.

    Lines are written as articles are done, into a temporary file renamed at the end.
    """
    lines, report = _run(
        paths,
        _toponym_lines,
        gazetteer=gazetteer,
        today=today,
        max_chars=max_chars,
        progress=progress,
        workers=workers,
        dask=dask,
    )
    target = Path(out_file)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        from geomap.export import public_mode

        os.fchmod(fd, public_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk, mentions in lines:
                report.mentions += mentions
                fh.writelines(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return report
