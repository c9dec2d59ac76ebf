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
    "read_through",
    "Fingerprint",
    "RecordKey",
    "fingerprint",
    "FileTracker",
    "read_articles",
    "with_id",
]

#: Articles longer than this (in characters) are skipped and reported, by default.
DEFAULT_MAX_CHARS = 2_000_000
PathLike = str | os.PathLike[str]
#: What a file's reader yields.
_Record = Problem | Article | Line


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
    exclude: frozenset[tuple[int, int]] = frozenset(),
) -> Iterator[InputItem]:
    """The inputs as ``read_articles`` reads them, with JSONL lines left unparsed.

    Every input file gives its path (as ``str``), then its problems and records in file
    order. JSONL files are read by ``jsonl_lines``, other files by ``ingest.read_file``.
    Folders and files whose (device, inode) is in ``exclude`` (``ingest.identities``: the
    run's own outputs) are passed over when found in a folder.
    """
    for item in iter_input_files(paths, exclude=exclude):
        if isinstance(item, Problem):
            yield item.path
            yield item
            continue
        yield str(item)
        if SUFFIXES.get(item.suffix.lower()) == "jsonl":
            records: Iterator[_Record] = jsonl_lines(item, date_order=date_order)
        else:
            records = read_file(item, max_chars=max_chars, today=today, date_order=date_order)
        yield from read_through(str(item), records)


def read_through(name: str, records: Iterable[_Record]) -> Iterator[_Record]:
    """The records of file ``name``, then, if reading it failed partway (``OSError``: an
    I/O error, a file truncated or removed under the reader), a Problem naming the file
    and the last line read: the records before it are kept, the run goes on.
    """
    last: int | None = None
    try:
        for record in records:
            number = record.number if isinstance(record, Line) else record.line
            last = number if number is not None else last
            yield record
    except OSError as exc:
        where = f"after line {last:,}" if last is not None else "partway"
        why = exc.strerror or str(exc)
        yield Problem(
            name,
            f"cannot be read {where} ({why}); the rest of the file was skipped",
            None if last is None else last + 1,
            "skipped",
        )


#: What says a file is the one read before: device, inode, size, modification time (ns).
Fingerprint = tuple[int, int, int, int]
#: A record's place in the inputs, by content: its file's path, the how-manyth time that
#: path is read in the run (a path may be given twice), the record's place in the file.
RecordKey = tuple[str, int, int]


def fingerprint(path: str) -> Fingerprint | None:
    """What says the file at ``path`` is unchanged, or None when it cannot be looked at.

    Parameters
    ----------
    path : str
        A file.

    Returns
    -------
    tuple of int, or None
        Device, inode, size and modification time in nanoseconds.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class FileTracker:
    """The key of each record of ``input_items`` (``RecordKey``), in the order read.

    ``file(path)`` when a file's path comes (it returns the file's key, the path and the
    time it has been read so far); ``record()`` for each record of it (an Article or a
    Line, or the Problem of a line), which returns the record's key.
    """

    def __init__(self) -> None:
        self.times: dict[str, int] = {}
        self.current: tuple[str, int] = ("", 0)
        self.place = 0

    def file(self, path: str) -> tuple[str, int]:
        """A file's path, as it comes: the file's key."""
        n = self.times.get(path, 0) + 1
        self.times[path] = n
        self.current = (path, n)
        self.place = 0
        return self.current

    def record(self) -> RecordKey:
        """The key of the next record of the current file."""
        key = (*self.current, self.place)
        self.place += 1
        return key


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
