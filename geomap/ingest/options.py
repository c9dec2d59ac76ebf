"""Every format's reader: the ``Reader`` interface, the ``ReadOptions`` it takes, the limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geomap.ingest.pubdate import DateOrder
from geomap.models import Article, Problem

__all__ = ["ReadOptions", "READ_DEFAULTS", "Reader", "over_limit"]


@dataclass(frozen=True)
class ReadOptions:
    """How the articles of an input file are read: the same settings for every format.

    Parameters
    ----------
    max_chars : int, default 2,000,000
        Longer articles are skipped (``over_limit``).
    today : datetime.date, optional
        The run's today (default: the system's): later dates are errors.
    date_order : {'dmy', 'mdy'}, optional
        How a record's ambiguous numeric ``date`` (``05/04/2015``) is read, in JSONL and
        CSV files; without it such a date is ignored with a warning.
    """

    max_chars: int = 2_000_000
    today: dt.date | None = None
    date_order: DateOrder | None = None


#: The options of a reader called without any.
READ_DEFAULTS = ReadOptions()

#: A format's reader, ``read_<format>(path, options)``: the articles of one file, in file
#: order, and a ``Problem`` naming the file (and line) for each bad record, a warning, or
#: the file skipped. It never raises for bad input. ``ingest.read.READERS`` holds them.
Reader = Callable[[Path, ReadOptions], Iterator[Article | Problem]]


def over_limit(length: int, max_chars: int) -> str | None:
    """Why an article of ``length`` characters is skipped, or None when it is within the limit.

    Parameters
    ----------
    length : int
        The article's length in characters.
    max_chars : int
        The limit (``ReadOptions.max_chars``, ``--max-chars``).

    Returns
    -------
    str or None
        The reason, naming the option that raises the limit.

    Examples
    --------
    >>> over_limit(2_500, 2_000)
    'article has 2,500 characters, over the limit of 2,000 (raise it with --max-chars)'
    >>> over_limit(2_000, 2_000) is None
    True
    """
    if length <= max_chars:
        return None
    return (
        f"article has {length:,} characters, over the limit of {max_chars:,} "
        "(raise it with --max-chars)"
    )
