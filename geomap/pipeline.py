"""The order of the stages: read, date, find and resolve places, type events, aggregate, write."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from geomap.dates import decide_publication_dates, publication_evidence, run_default_year, tag_dates
from geomap.events import aggregate, make_mentions, source_record
from geomap.export import write_csv, write_geojson, write_json
from geomap.extract import find_toponyms, sentences
from geomap.gazetteer import Gazetteer
from geomap.ingest import iter_input_files, read_file
from geomap.models import Article, Mention, Problem
from geomap.resolve import resolve_spans

__all__ = [
    "FileReport",
    "RunReport",
    "BuildResult",
    "read_articles",
    "process_article",
    "build_events",
    "run_build",
    "run_extract",
    "DEFAULT_MAX_CHARS",
    "OUTPUT_NAMES",
]

DEFAULT_MAX_CHARS = 2_000_000
#: The files ``geomap build`` writes into its output folder (and no others).
OUTPUT_NAMES = ("events.geojson", "events.csv", "map.html", "report.json")
PathLike = str | os.PathLike[str]


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
    mentions: list[Mention]


def _progress(items: Iterable[Any], total: int, desc: str, show: bool | None) -> Iterable[Any]:
    if show is None:
        show = sys.stderr.isatty()
    if not show or total < 20:
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, desc=desc, unit="article", file=sys.stderr)


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


def _process_all(
    paths: Iterable[PathLike],
    *,
    gazetteer: Gazetteer | None,
    today: dt.date | None,
    max_chars: int,
    progress: bool | None,
) -> tuple[list[Article], dict[str, tuple[dt.date | None, str]], list[Mention], RunReport]:
    report = RunReport()
    today = today or dt.date.today()
    articles = list(read_articles(paths, max_chars=max_chars, report=report, today=today))
    decided = decide_publication_dates([publication_evidence(a) for a in articles], today=today)
    default_year = run_default_year(decided)
    gaz = gazetteer if gazetteer is not None else Gazetteer()
    mentions: list[Mention] = []
    for article in _progress(articles, len(articles), "geomap", progress):
        published, source = decided.get(article.id, (None, "unknown"))
        mentions.extend(process_article(article, gaz, published, source, default_year))
    report.mentions = len(mentions)
    return articles, decided, mentions, report


def build_events(
    paths: Iterable[PathLike],
    *,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = False,
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
    """
    return _build(
        paths, gazetteer=gazetteer, today=today, max_chars=max_chars, progress=progress
    ).events


def _build(
    paths: Iterable[PathLike],
    *,
    gazetteer: Gazetteer | None,
    today: dt.date | None,
    max_chars: int,
    progress: bool | None,
) -> BuildResult:
    articles, _decided, mentions, report = _process_all(
        paths, gazetteer=gazetteer, today=today, max_chars=max_chars, progress=progress
    )
    sources = {a.id: source_record(a) for a in articles}
    events = aggregate(mentions, sources)
    report.events = len(events)
    return BuildResult(events, report, mentions)


def run_build(
    paths: Iterable[PathLike],
    out_dir: PathLike,
    *,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
    title: str = "geomap",
) -> BuildResult:
    """``geomap build``: write map.html, events.geojson, events.csv and report.json."""
    from geomap.render import render_map

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = _build(paths, gazetteer=gazetteer, today=today, max_chars=max_chars, progress=progress)
    # write everything into a staging folder first, then move the files into place: an
    # interrupted build leaves the previous outputs as they were
    staging = Path(tempfile.mkdtemp(prefix=".geomap-staging-", dir=out))
    try:
        write_geojson(result.events, staging / "events.geojson")
        write_csv(result.events, staging / "events.csv")
        render_map(result.events, staging / "map.html", title=title)
        write_json(result.report.to_dict(), staging / "report.json")
        for name in OUTPUT_NAMES:
            os.replace(staging / name, out / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def run_extract(
    paths: Iterable[PathLike],
    out_file: PathLike,
    *,
    gazetteer: Gazetteer | None = None,
    today: dt.date | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    progress: bool | None = None,
) -> RunReport:
    """``geomap extract``: one JSON line per article with its toponyms and their offsets."""
    import json

    from geomap.export import atomic_write_text

    articles, decided, mentions, report = _process_all(
        paths, gazetteer=gazetteer, today=today, max_chars=max_chars, progress=progress
    )
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)
    lines = []
    for article in articles:
        published, source = decided.get(article.id, (None, "unknown"))
        toponyms = [
            {
                "start": m.start,
                "end": m.end,
                "name": m.surface,
                "lat": m.place.lat,
                "lon": m.place.lon,
                "geonameid": m.place.geonameid,
                "place_id": m.place.place_id,
                "place_name": m.place.name,
                "country_code": m.place.country_code,
                "place_type": m.place.place_type,
                "date": m.date.iso() if m.date else None,
                "date_precision": m.date.precision if m.date else None,
                "role": m.role,
            }
            for m in sorted(by_article.get(article.id, []), key=lambda m: (m.start, m.end))
        ]
        lines.append(
            json.dumps(
                {
                    "id": article.id,
                    "published": published.isoformat() if published else None,
                    "published_source": source,
                    "toponyms": toponyms,
                },
                ensure_ascii=False,
            )
        )
    atomic_write_text(out_file, "".join(line + "\n" for line in lines))
    return report
