"""Reading one input file by its type: the dispatch from a file's suffix to its reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from geomap.ingest.csvfile import read_csv
from geomap.ingest.feeds import read_feed
from geomap.ingest.files import READ_TYPES, SUFFIXES, PathLike
from geomap.ingest.html import read_html
from geomap.ingest.jsonl import read_jsonl
from geomap.ingest.pubdate import DateOrder
from geomap.ingest.text import read_txt
from geomap.models import Article, Problem

__all__ = ["read_file"]


def read_file(
    path: PathLike,
    *,
    max_chars: int = 2_000_000,
    today: dt.date | None = None,
    date_order: DateOrder | None = None,
) -> Iterator[Article | Problem]:
    """The articles of one input file (by its suffix), and a Problem for each bad record.

    Parameters
    ----------
    path : str or os.PathLike
        The file; its suffix (``files.SUFFIXES``) chooses the reader.
    max_chars : int, default 2,000,000
        Longer articles are skipped.
    today : datetime.date, optional
        The run's today (default: the system's): later dates are errors.
    date_order : {'dmy', 'mdy'}, optional
        How JSONL and CSV records' ambiguous numeric dates (``05/04/2015``) are read;
        without it such a date is ignored with a warning.

    Yields
    ------
    Article or Problem
    """
    p = Path(path)
    kind = SUFFIXES.get(p.suffix.lower())
    if kind == "txt":
        yield from read_txt(p, max_chars=max_chars, today=today)
    elif kind == "jsonl":
        yield from read_jsonl(p, max_chars=max_chars, today=today, date_order=date_order)
    elif kind == "csv":
        yield from read_csv(p, max_chars=max_chars, today=today, date_order=date_order)
    elif kind == "html":
        yield from read_html(p, max_chars=max_chars, today=today)
    elif kind == "feed":
        yield from read_feed(p, max_chars=max_chars, today=today)
    else:
        yield Problem(str(p), f"unsupported file type; use {READ_TYPES}", severity="skipped")
