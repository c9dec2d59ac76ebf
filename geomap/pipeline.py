"""The order of the stages: read, date, find and resolve places, type events, aggregate, write."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import operator
import os
import shutil
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from geomap.dates import (
    PubDateEvidence,
    decide_publication_dates,
    decided_alone,
    needs_run,
    publication_evidence,
    tag_dates,
)
from geomap.errors import GeomapError
from geomap.events import Aggregator, make_mentions, source_record
from geomap.extract import find_toponyms, sentences
from geomap.gazetteer import Gazetteer
from geomap.ingest import iter_input_files, read_file
from geomap.models import Article, Mention, Problem
from geomap.resolve import resolve_spans

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
        for _n, item in chunks:
            yield item
        return
    from tqdm import tqdm

    with tqdm(total=total, desc=desc, unit="article", file=sys.stderr) as bar:
        for n, item in chunks:
            yield item
            bar.update(n)


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
                rec = _with_id(rec, new_id)
            yield rec


def _with_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

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
    resolutions = resolve_spans(
        spans, gazetteer, dateline_country=dateline_country, text=article.body
    )
    if dateline_country is None:
        for res in resolutions:
            if res.span.is_dateline:
                dateline_country = res.place.country_code
                resolutions = resolve_spans(
                    spans, gazetteer, dateline_country=dateline_country, text=article.body
                )
                break
    exprs = tag_dates(article.body, published, default_year=default_year)
    return make_mentions(article, resolutions, exprs, bounds, published, published_source)


@dataclass(frozen=True)
class RunDates:
    """Publication dates decided over a whole run: all the per-article work needs of it.

    Only the articles whose year came from the run (a dateline without a year) are listed;
    every other article's date follows from the article alone.
    """

    today: dt.date
    from_run: dict[str, tuple[dt.date | None, str]]
    default_year: int | None

    def for_article(self, article: Article) -> tuple[dt.date | None, str]:
        """The publication date of ``article`` and how it was obtained."""
        got = self.from_run.get(article.id)
        if got is not None:
            return got
        return _date_alone(publication_evidence(article), self.today)

    def for_chunk(self, articles: Sequence[Article]) -> RunDates:
        """These dates with ``from_run`` cut down to ``articles``: what is sent with them to
        a worker, so that a run with many datelines without a year does not send all its
        decisions with every chunk."""
        if not self.from_run:
            return self
        got = self.from_run.get
        cut = {a.id: d for a in articles if (d := got(a.id)) is not None}
        return RunDates(self.today, cut, self.default_year)


def _date_alone(ev: PubDateEvidence, today: dt.date) -> tuple[dt.date | None, str]:
    """``decide_publication_dates([ev], today=today)[ev.article_id]``, without deciding
    over a run of one when the article decides alone (``decided_alone``): that costs more
    than the article's reading."""
    alone = decided_alone(ev, today=today)
    if alone is not None:
        return alone
    return decide_publication_dates([ev], today=today)[ev.article_id]


def decide_run_dates(
    paths: Sequence[PathLike], *, today: dt.date, max_chars: int, report: RunReport
) -> tuple[RunDates, int]:
    """First pass: read every article once, keep only its date evidence; decide the dates.

    Returns the decisions and the number of articles read. Memory holds the evidence of
    the articles that need the run (datelines without a year), not the articles.
    """
    years: Counter[int] = Counter()
    pending = []
    count = 0
    for article in read_articles(paths, max_chars=max_chars, report=report, today=today):
        count += 1
        ev = publication_evidence(article)
        if needs_run(ev):
            pending.append(ev)
            continue
        date, _source = _date_alone(ev, today)
        if date is not None:
            years[date.year] += 1
    from_run = decide_publication_dates(pending, today=today, run_years=years)
    for date, _source in from_run.values():
        if date is not None:
            years[date.year] += 1
    default_year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0] if years else None
    return RunDates(today, from_run, default_year), count


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


#: The gazetteer of a worker process, opened once by ``_init_worker`` (per-process state
#: of the pool's workers, never of the main process).
_WORKER_GAZETTEER: list[Gazetteer] = []


def _init_worker(gazetteer_path: str) -> None:
    _WORKER_GAZETTEER[:] = [Gazetteer(gazetteer_path)]


def _pool_chunk(
    articles: Sequence[Article],
    dates: RunDates,
    finish: Callable[[list[ArticleResult]], _T],
) -> _T:
    return finish(work_chunk(articles, dates, _WORKER_GAZETTEER[0]))


def _dask_chunk(
    articles: Sequence[Article],
    dates: RunDates,
    gazetteer_path: str,
    finish: Callable[[list[ArticleResult]], _T],
) -> _T:
    gaz = Gazetteer(gazetteer_path)
    try:
        return finish(work_chunk(articles, dates, gaz))
    finally:
        gaz.close()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ordered(
    submit: Callable[[list[Article]], Any], chunks: Iterator[list[Article]], window: int
) -> Iterator[tuple[int, Any]]:
    """``(len(chunk), submit(chunk).result())`` in input order, at most ``window`` in
    flight."""
    from collections import deque

    pending: deque[tuple[int, Any]] = deque()
    for chunk in chunks:
        pending.append((len(chunk), submit(chunk)))
        if len(pending) >= window:
            n, future = pending.popleft()
            yield n, future.result()
    while pending:
        n, future = pending.popleft()
        yield n, future.result()


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

    Articles are read again lazily and sent in chunks; at most a few chunks per worker are
    in flight, so memory does not grow with the corpus. ``finish`` runs where the chunk was
    worked on, so what comes back to this process is only what the caller needs (a chunk's
    JSON lines, say, rather than its mentions): on a few cores, all this process does
    competes with the workers. It must be a module-level function (it is pickled).

    Parameters
    ----------
    paths : sequence of path-like
        The inputs, as given to the first pass (``decide_run_dates``).
    dates : RunDates
        The first pass's decisions.
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
        Articles per chunk.

    Yields
    ------
    tuple of (int, object)
        The number of articles of a chunk and ``finish`` of their results.
    """
    quiet = RunReport()  # problems were recorded by the first pass
    articles = read_articles(paths, max_chars=max_chars, report=quiet, today=dates.today)
    chunks = _chunks(articles, chunk_size)
    if dask:
        try:
            from distributed import Client
        except ImportError as exc:
            raise GeomapError(
                "--dask needs the optional Dask extra: pip install 'geomap[dask]'"
            ) from exc
        with Client(dask, set_as_default=False) as client:
            path = str(gazetteer.path)
            window = max(4, 2 * sum(client.nthreads().values()))
            yield from _ordered(
                lambda c: client.submit(
                    _dask_chunk, c, dates.for_chunk(c), path, finish, pure=False
                ),
                chunks,
                window,
            )
        return
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=workers, initializer=_init_worker, initargs=(str(gazetteer.path),)
        ) as pool:
            yield from _ordered(
                lambda c: pool.submit(_pool_chunk, c, dates.for_chunk(c), finish),
                chunks,
                3 * workers,
            )
        return
    for chunk in chunks:
        yield len(chunk), finish(work_chunk(chunk, dates, gazetteer))


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

    Articles are read again lazily and sent in chunks; at most a few chunks per worker are
    in flight, so memory does not grow with the corpus (see ``map_chunks``).
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
    """Both passes: ``finish`` of each chunk's results, in input order, and the report."""
    paths = list(paths)
    report = RunReport()
    dates, count = decide_run_dates(
        paths, today=today or dt.date.today(), max_chars=max_chars, report=report
    )
    gaz = gazetteer if gazetteer is not None else Gazetteer()
    chunks = map_chunks(
        paths, dates, finish, gazetteer=gaz, max_chars=max_chars, workers=workers, dask=dask
    )
    return _progress(chunks, count, "geomap", progress), report


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


def _aggregator_input(
    results: list[ArticleResult],
) -> list[tuple[list[Mention], dict[str, str | None]]]:
    """What ``Aggregator.add`` takes of each result of a chunk (the ``finish`` of a build)."""
    return [(res.mentions, res.source) for res in results]


def _build(
    paths: Iterable[PathLike],
    *,
    gazetteer: Gazetteer | None,
    today: dt.date | None,
    max_chars: int,
    progress: bool | None,
    workers: int = 1,
    dask: str | None = None,
) -> BuildResult:
    parts, report = _run(
        paths,
        _aggregator_input,
        gazetteer=gazetteer,
        today=today,
        max_chars=max_chars,
        progress=progress,
        workers=workers,
        dask=dask,
    )
    agg = Aggregator()
    for part in parts:
        for mentions, source in part:
            report.mentions += agg.add(mentions, source)
    events = agg.frame()
    report.events = len(events)
    return BuildResult(events, report)


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


def _toponym_lines(results: list[ArticleResult]) -> tuple[str, int]:
    """The JSON lines of a chunk's results and their number of mentions (the ``finish`` of
    ``geomap extract``: a worker sends back the text to write)."""
    return "".join(map(_toponym_line, results)), sum(len(res.mentions) for res in results)


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
            for text, mentions in lines:
                report.mentions += mentions
                fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return report
