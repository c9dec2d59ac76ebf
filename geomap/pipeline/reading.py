"""The pipeline's reading of its inputs: input items, JSONL lines parsed where work runs.

Every use the pipeline makes of ``geomap.ingest`` is in this module.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace

from geomap.ingest import (
    SUFFIXES,
    DateOrder,
    Line,
    iter_input_files,
    jsonl_lines,
    line_record,
    read_file,
)
from geomap.models import Article, Problem
from geomap.pipeline.report import Ledger, RunReport

__all__ = [
    "DEFAULT_MAX_CHARS",
    "PathLike",
    "InputItem",
    "input_paths",
    "input_items",
    "read_articles",
    "with_id",
]

#: Articles longer than this (in characters) are skipped and reported, by default.
DEFAULT_MAX_CHARS = 2_000_000
PathLike = str | os.PathLike[str]


#: What ``input_items`` yields: a file's path (its entry opens), a Problem (of the entry
#: last opened), or a record: an Article, or a JSONL line still to be parsed.
InputItem = str | Problem | Article | Line


def input_paths(paths: PathLike | Iterable[PathLike]) -> list[PathLike]:
    """``paths`` as a list: one path (``str`` or ``os.PathLike``) or an iterable of them.

    Raises
    ------
    FileNotFoundError
        For the first path that does not exist (a dangling symlink included).
    """
    listed: list[PathLike] = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    for path in listed:
        if not os.path.exists(path):
            raise FileNotFoundError(errno.ENOENT, "no such file or directory", str(path))
    return listed


def input_items(
    paths: Iterable[PathLike],
    *,
    max_chars: int,
    today: dt.date | None,
    date_order: DateOrder | None = None,
) -> Iterator[InputItem]:
    """The inputs as ``read_articles`` reads them, with JSONL lines left unparsed.

    Every input file gives its path (as ``str``), then its problems and records in file
    order. JSONL files are read by ``jsonl_lines``, other files by ``ingest.read_file``.
    """
    for item in iter_input_files(paths):
        if isinstance(item, Problem):
            yield item.path
            yield item
            continue
        yield str(item)
        if SUFFIXES.get(item.suffix.lower()) == "jsonl":
            yield from jsonl_lines(item, date_order=date_order)
        else:
            yield from read_file(item, max_chars=max_chars, today=today, date_order=date_order)


def with_id(article: Article, new_id: str) -> Article:
    """``article`` under another id (a duplicate's ``#2``, ``#3``…)."""
    return replace(article, id=new_id)


def read_articles(
    paths: Iterable[PathLike],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    date_order: DateOrder | None = None,
    report: RunReport,
    today: dt.date | None = None,
) -> Iterator[Article]:
    """Every article of the inputs, recording each file and problem in ``report``.

    Articles with an id already seen get ``#2``, ``#3``… appended (with a warning).
    """
    ledger = Ledger(report)
    for item in input_items(paths, max_chars=max_chars, today=today, date_order=date_order):
        if isinstance(item, Line):
            item = line_record(item, max_chars=max_chars, today=today)
        if not isinstance(item, Article):
            ledger.note(item)
            continue
        new_id = ledger.article(item.id, item.path, item.line, item.problems)
        yield item if new_id is None else with_id(item, new_id)
