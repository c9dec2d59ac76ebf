"""JSON Lines input: one article per line, read line by line and parsed apart from the reading."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from geomap.ingest.decoding import Lines
from geomap.ingest.files import open_binary
from geomap.ingest.options import READ_DEFAULTS, ReadOptions
from geomap.ingest.pubdate import DateOrder
from geomap.ingest.records import record_article
from geomap.models import Article, Problem

__all__ = ["Line", "jsonl_lines", "line_record", "read_jsonl"]


class Line(NamedTuple):
    """A line of a JSONL file, decoded but not parsed: ``line_record`` makes its article.

    The pipeline reads the lines in its main process and sends them to the workers, which
    parse them (most of the reading's work); a line is about half the size of the pickled
    Article, which holds its text twice. The line carries how its ``date`` is to be read,
    so the workers need no setting of their own.
    """

    path: Path
    number: int
    text: str
    encoding: str
    #: how an ambiguous numeric ``date`` (``05/04/2015``) is read; None: reported, ignored
    date_order: DateOrder | None = None


def jsonl_lines(path: Path, *, date_order: DateOrder | None = None) -> Iterator[Problem | Line]:
    """``read_jsonl`` up to the parsing of each line.

    The decoding problems, blank lines passed over and end-of-file problems, in file
    order; where ``read_jsonl`` parses a line, a ``Line`` for ``line_record``.

    Parameters
    ----------
    path : pathlib.Path
        A JSON Lines file.
    date_order : {'dmy', 'mdy'}, optional
        Given to each ``Line``: how an ambiguous numeric ``date`` is read.

    Yields
    ------
    Problem or Line
    """
    fh = open_binary(path)
    if isinstance(fh, Problem):
        yield fh
        return
    with fh:
        lines = Lines(fh, str(path))
        for number, raw in enumerate(lines, start=1):
            yield from lines.drain()
            if raw.strip():
                yield Line(path, number, raw, lines.encoding, date_order)
        yield from lines.closing()
        if not lines.content:
            yield Problem(str(path), "empty file", severity="skipped")


def line_record(line: Line, *, max_chars: int, today: dt.date | None) -> Article | Problem:
    """The article of a line that is not blank, or the Problem that skips it.

    Parameters
    ----------
    line : Line
        The line, from ``jsonl_lines``.
    max_chars : int
        Longer texts are skipped.
    today : datetime.date or None
        The run's today: later dates are errors. (The line says how to read an ambiguous
        date: ``Line.date_order``.)

    Returns
    -------
    Article or Problem
    """
    name = str(line.path)
    try:
        rec = json.loads(line.text)
    except RecursionError:
        why = "not valid JSON (too deeply nested); line skipped"
        return Problem(name, why, line.number, "skipped")
    except ValueError as exc:  # JSONDecodeError, or an integer of over 4,300 digits
        msg = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).split(";")[0]
        return Problem(name, f"not valid JSON ({msg}); line skipped", line.number, "skipped")
    if not isinstance(rec, dict):
        return Problem(
            name,
            f"a JSON {type(rec).__name__}, not an object; line skipped",
            line.number,
            "skipped",
        )
    try:
        return record_article(
            rec,
            path=line.path,
            line=line.number,
            fallback_id=f"{line.path.stem}-{line.number}",
            max_chars=max_chars,
            today=today,
            encoding=line.encoding,
            date_order=line.date_order,
        )
    except RecursionError:  # a field nested too deep to be turned into a string
        why = "a field is nested too deeply to be read; line skipped"
        return Problem(name, why, line.number, "skipped")


def read_jsonl(path: Path, options: ReadOptions = READ_DEFAULTS) -> Iterator[Article | Problem]:
    """One article per JSON line: ``id``, ``text``; optional ``date``, ``title``, ``url``…

    A ``Reader`` (``options.Reader``). Read line by line: memory does not grow with the file.

    Parameters
    ----------
    path : pathlib.Path
        A JSON Lines file.
    options : ReadOptions, optional
        The length limit, the run's today, how to read an ambiguous numeric ``date``.

    Yields
    ------
    Article or Problem
        Each line's article, or the Problem that skipped it, and the file's warnings.
    """
    for item in jsonl_lines(path, date_order=options.date_order):
        if isinstance(item, Line):
            yield line_record(item, max_chars=options.max_chars, today=options.today)
        else:
            yield item
