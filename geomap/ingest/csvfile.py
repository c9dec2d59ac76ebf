"""CSV input: one article per row under a header row naming the columns, read row by row."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from geomap.ingest.decoding import Lines, looks_binary_head
from geomap.ingest.files import open_binary
from geomap.ingest.options import READ_DEFAULTS, ReadOptions
from geomap.ingest.records import FIELDS, record_article
from geomap.models import Article, Problem

__all__ = ["read_csv"]


def read_csv(path: Path, options: ReadOptions = READ_DEFAULTS) -> Iterator[Article | Problem]:
    """One article per CSV row, with a header row naming ``text`` and optional columns.

    A ``Reader`` (``options.Reader``). Read row by row: memory does not grow with the file.

    Parameters
    ----------
    path : pathlib.Path
        A CSV file whose header names the columns of ``records.FIELDS``.
    options : ReadOptions, optional
        The length limit, the run's today, how to read an ambiguous numeric ``date``.

    Yields
    ------
    Article or Problem
        Each row's article, or the Problem that skipped it, and the file's warnings.
    """
    fh = open_binary(path)
    if isinstance(fh, Problem):
        yield fh
        return
    with fh:
        yield from _read_csv_rows(path, fh, options)


class _RowLines:
    """The lines the CSV reader takes, kept since the last ``take()``: the lines of the row
    last read, so that a row read over several lines can be checked (``bad_quoting``).

    Parameters
    ----------
    lines : iterable of str
        The file's lines.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.kept: list[str] = []

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        self.kept.append(line)
        return line

    def take(self) -> list[str]:
        """The lines taken since the last call."""
        kept, self.kept = self.kept, []
        return kept


def bad_quoting(lines: list[str]) -> str | None:
    """Why the lines of one row, read over several lines, are not one well-quoted row
    (a quote opened and never closed, or closed in the middle of a field: the rows after
    it were read into it), or None.

    Parameters
    ----------
    lines : list of str
        The physical lines the reader took for the row.

    Returns
    -------
    str or None
        The reason given by Python's csv module in strict mode, or None.
    """
    try:
        rows = sum(1 for _ in csv.reader(io.StringIO("".join(lines)), strict=True))
    except csv.Error as exc:
        return str(exc)
    return None if rows == 1 else f"{rows} rows"


def _read_csv_rows(path: Path, fh: BinaryIO, options: ReadOptions) -> Iterator[Article | Problem]:
    name = str(path)
    if looks_binary_head(fh, any_nul=False):
        yield Problem(name, "binary file, not CSV; skipped", severity="skipped")
        return
    lines = Lines(fh, name)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    taken = _RowLines(lines)
    reader = csv.reader(taken)
    try:
        header = next(reader)
    except StopIteration:
        yield from lines.drain()
        yield Problem(name, "empty file", severity="skipped")
        return
    except csv.Error as exc:
        yield from lines.drain()
        yield Problem(name, f"cannot read the CSV header: {exc}", 1, "skipped")
        return
    yield from lines.drain()
    taken.take()
    if not lines.content and not any(h.strip() for h in header):
        yield Problem(name, "empty file", severity="skipped")
        return
    columns = [h.strip().lower() for h in header]
    if "text" not in columns:
        yield Problem(
            name,
            f"no 'text' column (found: {', '.join(header[:8]) or 'none'}); "
            f"expected columns {', '.join(FIELDS)}",
            1,
            "skipped",
        )
        return
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Problem(name, f"malformed CSV ({exc}); row skipped", row_start, "skipped")
            row_start = reader.line_num + 1
            taken.take()
            continue
        line, row_start = row_start, reader.line_num + 1
        yield from lines.drain()
        row_lines = taken.take()
        why = bad_quoting(row_lines) if len(row_lines) > 1 else None
        if why is not None:
            yield Problem(
                name,
                f"unterminated or misplaced quote: lines {line:,} to {reader.line_num:,} were "
                f"read as one row ({why}); row skipped",
                line,
                "skipped",
            )
            continue
        if not any(cell.strip() for cell in row):
            continue
        extra: tuple[Problem, ...] = ()
        if len(row) != len(columns):
            extra = (Problem(name, f"row has {len(row)} fields, the header {len(columns)}", line),)
        rec: dict[str, object] = {
            col: row[i] for i, col in enumerate(columns) if i < len(row) and col
        }
        yield record_article(
            rec,
            path=path,
            line=line,
            fallback_id=f"{path.stem}-{line}",
            max_chars=options.max_chars,
            today=options.today,
            encoding=lines.encoding,
            extra=extra,
            date_order=options.date_order,
        )
    yield from lines.closing()
