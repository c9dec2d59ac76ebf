"""Reading one input file by its type: the table from a file's type to its reader."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from geomap.ingest.csvfile import read_csv
from geomap.ingest.feeds import read_feed
from geomap.ingest.files import READ_TYPES, SUFFIXES, PathLike
from geomap.ingest.html import read_html
from geomap.ingest.jsonl import read_jsonl
from geomap.ingest.options import Reader, ReadOptions
from geomap.ingest.pubdate import DateOrder
from geomap.ingest.text import read_txt
from geomap.models import Article, Problem

__all__ = ["READERS", "read_file"]

#: The reader of each file type (the values of ``files.SUFFIXES``).
READERS: Mapping[str, Reader] = MappingProxyType(
    {"txt": read_txt, "jsonl": read_jsonl, "csv": read_csv, "html": read_html, "feed": read_feed}
)


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
        The file; its suffix (``files.SUFFIXES``) chooses the reader (``READERS``).
    max_chars, today, date_order
        The ``ReadOptions`` the reader is given: the length limit (2,000,000 characters
        by default), the run's today (the system's by default), and how JSONL and CSV
        records' ambiguous numeric dates (``05/04/2015``) are read (by default they are
        ignored with a warning).

    Yields
    ------
    Article or Problem
    """
    p = Path(path)
    reader = READERS.get(SUFFIXES.get(p.suffix.lower(), ""))
    if reader is None:
        yield Problem(str(p), f"unsupported file type; use {READ_TYPES}", severity="skipped")
        return
    yield from reader(p, ReadOptions(max_chars, today, date_order))
