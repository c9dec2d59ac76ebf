"""One article from a record of named fields (a JSON object, a CSV row)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geomap.ingest.options import over_limit
from geomap.ingest.pubdate import DateOrder, parse_date
from geomap.ingest.text import parse_article
from geomap.models import Article, Problem

__all__ = ["FIELDS", "record_article"]

#: The fields of a record, ``text`` required.
FIELDS = ("id", "text", "date", "title", "url", "source")


def record_article(
    rec: dict[str, object],
    *,
    path: Path,
    line: int,
    fallback_id: str,
    max_chars: int,
    today: dt.date | None,
    encoding: str,
    extra: tuple[Problem, ...] = (),
    date_order: DateOrder | None = None,
) -> Article | Problem:
    """The article of one record, or the Problem that skips it.

    Parameters
    ----------
    rec : dict
        The record's fields by name (``FIELDS``; others are ignored).
    path : pathlib.Path
        The file it comes from.
    line : int
        Its line in the file (1-based).
    fallback_id : str
        The article's id when the record has none (a warning says so).
    max_chars : int
        Longer texts are skipped.
    today : datetime.date or None
        The run's today: later dates are errors.
    encoding : str
        The encoding the record was decoded from.
    extra : tuple of Problem, optional
        Problems the reader found with the record, kept with the article.
    date_order : {'dmy', 'mdy'}, optional
        How to read an ambiguous numeric ``date`` (``05/04/2015``); without it such a
        date is ignored with a warning (see ``pubdate.parse_date``).

    Returns
    -------
    Article or Problem
        The article (with its warnings), or why the record was skipped.
    """
    name = str(path)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        what = "missing" if text is None else "empty" if isinstance(text, str) else "not a string"
        return Problem(name, f"'text' is {what}; record skipped", line, "skipped")
    too_long = over_limit(len(text), max_chars)
    if too_long is not None:
        return Problem(name, too_long, line, "skipped")
    problems = list(extra)
    raw_id = rec.get("id")
    if raw_id is None or (isinstance(raw_id, str) and not raw_id.strip()):
        art_id = fallback_id
        problems.append(Problem(name, f"no 'id'; using {art_id!r}", line))
    else:
        art_id = str(raw_id).strip()
    published: dt.date | None = None
    raw_date = rec.get("date")
    if raw_date not in (None, ""):
        published, why = parse_date(str(raw_date), today=today, date_order=date_order)
        if why:
            problems.append(Problem(name, f"'date' {raw_date!r}: {why}; ignored", line))

    def opt(key: str) -> str | None:
        value = rec.get(key)
        if value is None:
            return None
        value = " ".join(str(value).split())
        return value or None

    return parse_article(
        art_id,
        text,
        path=name,
        line=line,
        published=published,
        title=opt("title"),
        url=opt("url"),
        source=opt("source"),
        encoding=encoding,
        problems=tuple(problems),
        today=today,
    )
