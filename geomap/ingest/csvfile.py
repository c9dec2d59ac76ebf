"""CSV input: one article per row under a header row naming the columns, read row by row."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from geomap.ingest.decoding import Lines, looks_binary_head
from geomap.ingest.files import open_binary
from geomap.ingest.pubdate import DateOrder
from geomap.ingest.records import FIELDS, record_article
from geomap.models import Article, Problem

__all__ = ["read_csv"]


def read_csv(
    path: Path,
    *,
    max_chars: int = 2_000_000,
    today: dt.date | None = None,
    date_order: DateOrder | None = None,
) -> Iterator[Article | Problem]:
    """One article per CSV row, with a header row naming ``text`` and optional columns.

    Read row by row: memory does not grow with the file.

    Parameters
    ----------
    path : pathlib.Path
        A CSV file whose header names the columns of ``records.FIELDS``.
    max_chars : int, default 2,000,000
        Longer texts are skipped.
    today : datetime.date, optional
        The run's today (default: the system's): later dates are errors.
    date_order : {'dmy', 'mdy'}, optional
        How to read an ambiguous numeric ``date``; without it such a date is ignored.

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
        yield from _read_csv_rows(path, fh, max_chars=max_chars, today=today, date_order=date_order)


def _read_csv_rows(
    path: Path,
    fh: BinaryIO,
    *,
    max_chars: int,
    today: dt.date | None,
    date_order: DateOrder | None,
) -> Iterator[Article | Problem]:
    name = str(path)
    if looks_binary_head(fh):
        yield Problem(name, "binary file, not CSV; skipped", severity="skipped")
        return
    lines = Lines(fh, name)
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(lines)
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
            continue
        line, row_start = row_start, reader.line_num + 1
        yield from lines.drain()
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
            max_chars=max_chars,
            today=today,
            encoding=lines.encoding,
            extra=extra,
            date_order=date_order,
        )
    yield from lines.closing()
